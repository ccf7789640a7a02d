#include "core/lang/ast.h"

namespace bucketlab::lang {

Pos start_pos(const Node* n) {
  for (const Node* m = n;;) {
    if (!m) return {};
    switch (m->kind) {
      case NodeKind::CompositeLit: {
        auto c = static_cast<const CompositeLit*>(m);
        if (c->type_expr) {
          m = c->type_expr;
          continue;
        }
        return m->pos;
      }
      case NodeKind::KeyValueExpr: m = static_cast<const KeyValueExpr*>(m)->key; continue;
      case NodeKind::SelectorExpr: m = static_cast<const SelectorExpr*>(m)->x; continue;
      case NodeKind::IndexExpr: m = static_cast<const IndexExpr*>(m)->x; continue;
      case NodeKind::AssertExpr: m = static_cast<const AssertExpr*>(m)->x; continue;
      case NodeKind::TypeSwitchGuard: {
        auto g = static_cast<const TypeSwitchGuard*>(m);
        m = g->lhs ? static_cast<const Node*>(g->lhs) : g->x;
        continue;
      }
      case NodeKind::Operation: {
        auto o = static_cast<const Operation*>(m);
        if (o->y) {
          m = o->x;
          continue;
        }
        return m->pos;
      }
      case NodeKind::CallExpr: m = static_cast<const CallExpr*>(m)->fun; continue;
      case NodeKind::ListExpr: {
        auto l = static_cast<const ListExpr*>(m);
        if (!l->elems.empty()) {
          m = l->elems[0];
          continue;
        }
        return m->pos;
      }
      case NodeKind::SendStmt: m = static_cast<const SendStmt*>(m)->chan; continue;
      case NodeKind::AssignStmt: m = static_cast<const AssignStmt*>(m)->lhs; continue;
      case NodeKind::RangeClause: {
        auto r = static_cast<const RangeClause*>(m);
        m = r->lhs ? r->lhs : r->x;
        continue;
      }
      default: return m->pos;
    }
  }
}

namespace {

void print(std::string& out, const Node* n);

void print_list(std::string& out, const std::vector<Expr*>& l) {
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (i) out += ", ";
    print(out, l[i]);
  }
}

void print_params(std::string& out, const std::vector<Field*>& list) {
  out += "(";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field* f = list[i];
    if (i) out += ", ";
    if (f->name) {
      out += f->name->value;
      if (i + 1 < list.size() && list[i + 1]->name && list[i + 1]->type == f->type) continue;
      out += " ";
    }
    print(out, f->type);
  }
  out += ")";
}

void print_signature(std::string& out, const FuncType* t) {
  print_params(out, t->params);
  if (!t->results.empty()) {
    out += " ";
    if (t->results.size() == 1 && !t->results[0]->name) print(out, t->results[0]->type);
    else print_params(out, t->results);
  }
}

void print(std::string& out, const Node* n) {
  if (!n) return;
  switch (n->kind) {
    case NodeKind::BadExpr: out += "<bad expr>"; break;
    case NodeKind::Name: out += static_cast<const Name*>(n)->value; break;
    case NodeKind::BasicLit: out += static_cast<const BasicLit*>(n)->lit; break;
    case NodeKind::FuncLit: {
      auto f = static_cast<const FuncLit*>(n);
      print(out, f->ftype);
      out += " ";
      if (f->body) out += f->body->list.empty() ? "{}" : "{…}";
      break;
    }
    case NodeKind::CompositeLit: {
      auto c = static_cast<const CompositeLit*>(n);
      if (c->type_expr) print(out, c->type_expr);
      out += c->elems.empty() ? "{}" : "{…}";
      break;
    }
    case NodeKind::ParenExpr:
      out += "(";
      print(out, static_cast<const ParenExpr*>(n)->x);
      out += ")";
      break;
    case NodeKind::SelectorExpr: {
      auto s = static_cast<const SelectorExpr*>(n);
      print(out, s->x);
      out += ".";
      print(out, s->sel);
      break;
    }
    case NodeKind::IndexExpr: {
      auto i = static_cast<const IndexExpr*>(n);
      print(out, i->x);
      out += "[";
      print(out, i->index);
      out += "]";
      break;
    }
    case NodeKind::SliceExpr: {
      auto s = static_cast<const SliceExpr*>(n);
      print(out, s->x);
      out += "[";
      print(out, s->index[0]);
      out += ":";
      print(out, s->index[1]);
      if (s->index[2]) {
        out += ":";
        print(out, s->index[2]);
      }
      out += "]";
      break;
    }
    case NodeKind::AssertExpr: {
      auto a = static_cast<const AssertExpr*>(n);
      print(out, a->x);
      out += ".(";
      print(out, a->type_expr);
      out += ")";
      break;
    }
    case NodeKind::TypeSwitchGuard: {
      auto g = static_cast<const TypeSwitchGuard*>(n);
      if (g->lhs) {
        print(out, g->lhs);
        out += " := ";
      }
      print(out, g->x);
      out += ".(type)";
      break;
    }
    case NodeKind::CallExpr: {
      auto c = static_cast<const CallExpr*>(n);
      print(out, c->fun);
      out += "(";
      print_list(out, c->args);
      if (c->has_dots) out += "...";
      out += ")";
      break;
    }
    case NodeKind::Operation: {
      auto o = static_cast<const Operation*>(n);
      if (!o->y) {
        out += op_string(o->op);
        print(out, o->x);
      } else {
        print(out, o->x);
        out += " ";
        out += op_string(o->op);
        out += " ";
        print(out, o->y);
      }
      break;
    }
    case NodeKind::KeyValueExpr: {
      auto kv = static_cast<const KeyValueExpr*>(n);
      print(out, kv->key);
      out += ": ";
      print(out, kv->val);
      break;
    }
    case NodeKind::ListExpr: print_list(out, static_cast<const ListExpr*>(n)->elems); break;
    case NodeKind::ArrayType: {
      auto a = static_cast<const ArrayType*>(n);
      out += "[";
      if (a->len) print(out, a->len);
      else out += "...";
      out += "]";
      print(out, a->elem);
      break;
    }
    case NodeKind::SliceType:
      out += "[]";
      print(out, static_cast<const SliceType*>(n)->elem);
      break;
    case NodeKind::DotsType:
      out += "...";
      print(out, static_cast<const DotsType*>(n)->elem);
      break;
    case NodeKind::StructType: {
      auto s = static_cast<const StructType*>(n);
      out += "struct{";
      for (std::size_t i = 0; i < s->fields.size(); ++i) {
        const Field* f = s->fields[i];
        if (i) out += (f->name && s->fields[i - 1]->name && s->fields[i - 1]->type == f->type) ? ", " : "; ";
        if (f->name) {
          out += f->name->value;
          if (i + 1 < s->fields.size() && s->fields[i + 1]->name && s->fields[i + 1]->type == f->type) continue;
          out += " ";
        }
        print(out, f->type);
        if (i < s->tags.size() && s->tags[i]) {
          out += " ";
          out += s->tags[i]->lit;
        }
      }
      out += "}";
      break;
    }
    case NodeKind::FuncType:
      out += "func";
      print_signature(out, static_cast<const FuncType*>(n));
      break;
    case NodeKind::InterfaceType: {
      auto it = static_cast<const InterfaceType*>(n);
      out += "interface{";
      for (std::size_t i = 0; i < it->methods.size(); ++i) {
        if (i) out += "; ";
        const Field* f = it->methods[i];
        if (f->name) {
          out += f->name->value;
          if (auto ft = as<FuncType>(f->type)) print_signature(out, ft);
        } else {
          print(out, f->type);
        }
      }
      out += "}";
      break;
    }
    case NodeKind::MapType: {
      auto m = static_cast<const MapType*>(n);
      out += "map[";
      print(out, m->key);
      out += "]";
      print(out, m->val);
      break;
    }
    case NodeKind::ChanType: {
      auto c = static_cast<const ChanType*>(n);
      if (c->dir == ChanDir::RecvOnly) out += "<-";
      out += "chan";
      if (c->dir == ChanDir::SendOnly) out += "<-";
      out += " ";
      auto e = as<ChanType>(c->elem);
      if (c->dir == ChanDir::Both && e && e->dir == ChanDir::RecvOnly) {
        out += "(";
        print(out, c->elem);
        out += ")";
      } else {
        print(out, c->elem);
      }
      break;
    }
    case NodeKind::AssignStmt: {
      auto a = static_cast<const AssignStmt*>(n);
      print(out, a->lhs);
      if (!a->rhs) {
        out += op_string(a->op);
        out += op_string(a->op);
      } else {
        out += " ";
        if (a->op == Op::Def) out += ":=";
        else if (a->op == Op::None) out += "=";
        else {
          out += op_string(a->op);
          out += "=";
        }
        out += " ";
        print(out, a->rhs);
      }
      break;
    }
    case NodeKind::ExprStmt: print(out, static_cast<const ExprStmt*>(n)->x); break;
    case NodeKind::SendStmt: {
      auto s = static_cast<const SendStmt*>(n);
      print(out, s->chan);
      out += " <- ";
      print(out, s->value);
      break;
    }
    case NodeKind::RangeClause: {
      auto r = static_cast<const RangeClause*>(n);
      if (r->lhs) {
        print(out, r->lhs);
        out += r->def ? " := " : " = ";
      }
      out += "range ";
      print(out, r->x);
      break;
    }
    default: out += "<node>"; break;
  }
}

}  // namespace

std::string expr_string(const Node* n) {
  std::string out;
  print(out, n);
  return out;
}

Expr* unparen(Expr* x) {
  while (auto p = as<ParenExpr>(x)) x = p->x;
  return x;
}

const Expr* unparen(const Expr* x) {
  while (auto p = as<ParenExpr>(x)) x = p->x;
  return x;
}

std::vector<Expr*> unpack_list(Expr* x) {
  if (!x) return {};
  if (auto l = as<ListExpr>(x)) return l->elems;
  return {x};
}

}  // namespace bucketlab::lang
