#include "core/lang/parser.h"

#include <functional>
#include <map>

namespace bucketlab::lang {

namespace {

struct ParseAbort {};  // nesting limit exceeded or error limit reached

constexpr std::uint64_t kStopset = tok_bit(Tok::Break) | tok_bit(Tok::Const) | tok_bit(Tok::Continue) |
                                   tok_bit(Tok::Defer) | tok_bit(Tok::Fallthrough) | tok_bit(Tok::For) |
                                   tok_bit(Tok::Go) | tok_bit(Tok::Goto) | tok_bit(Tok::If) |
                                   tok_bit(Tok::Return) | tok_bit(Tok::Select) | tok_bit(Tok::Switch) |
                                   tok_bit(Tok::Type) | tok_bit(Tok::Var);

class Parser {
 public:
  Parser(std::string_view src, AstArena& arena, DiagnosticSink& sink, bool legacy)
      : legacy_(legacy),
        src_(src),
        arena_(arena),
        sink_(sink),
        lex_(src, [this](std::uint32_t line, std::uint32_t col, const std::string& msg) {
          if (!quiet_) errorAt(Pos{line, col}, msg);
        }) {}

  File* fileOrNil();
  File* snippet(std::vector<SnippetItem>* items);

 private:
  // ---- tokens
  Tok tok() const { return lex_.tok; }
  void next() {
    prev_end_ = lex_.end_offset;
    lex_.next();
  }
  Pos pos() const { return Pos{lex_.line, lex_.col}; }
  bool got(Tok t) {
    if (tok() == t) {
      next();
      return true;
    }
    return false;
  }
  void want(Tok t) {
    if (!got(t)) {
      syntaxError("expected " + tokstr(t));
      advance({});
    }
  }
  bool gotAssign() {
    switch (tok()) {
      case Tok::Define:
        syntaxError("expected =");
        [[fallthrough]];
      case Tok::Assign:
        next();
        return true;
      default:
        return false;
    }
  }

  // ---- errors
  void errorAt(Pos p, const std::string& msg) {
    first_ = true;
    errcnt_++;
    try {
      sink_.report(p, msg);
    } catch (const TooManyErrors&) {
      throw ParseAbort{};
    }
  }
  void error(const std::string& msg) { errorAt(pos(), msg); }
  void syntaxError(const std::string& msg) { syntaxErrorAt(pos(), msg); }
  void syntaxErrorAt(Pos p, std::string msg);
  void advance(std::initializer_list<Tok> followlist);

  // ---- nesting guard
  // Counts one level of nesting (plus `extra` for the left-deep chain of
  // operators, selectors, indexes or calls the nested part hangs off), so
  // that depth_ bounds the depth of the syntax tree and thus the recursion
  // of the parser and the checker.
  struct Nest {
    Parser& p;
    int n;
    explicit Nest(Parser& pp, int extra = 0) : p(pp), n(1 + extra) {
      p.depth_ += n;
      if (p.depth_ > kMaxNesting) {
        p.depth_ -= n;
        p.tooDeep();
      }
    }
    ~Nest() { p.depth_ -= n; }
  };
  [[noreturn]] void tooDeep() {
    try {
      sink_.report(pos(), "nesting too deep (bucketlab accepts at most " + std::to_string(kMaxNesting) + " levels)");
    } catch (const TooManyErrors&) {
    }
    throw ParseAbort{};
  }

  template <class T>
  T* make(Pos p) { return arena_.make<T>(p); }

  // ---- declarations
  Pos list(const std::string& context, Tok sep, Tok close, const std::function<bool()>& f);
  void appendGroup(std::vector<Decl*>& list, const std::function<Decl*(int)>& f);
  Decl* importDecl(int group);
  Decl* constDecl(int group);
  Decl* typeDecl(int group);
  Decl* varDecl(int group);
  FuncDecl* funcDeclOrNil();
  BlockStmt* funcBody();

  // ---- expressions
  Expr* expr() { return binaryExpr(nullptr, 0); }
  Expr* binaryExpr(Expr* x, int prec);
  Expr* unaryExpr();
  CallStmt* callStmt();
  Expr* operand(bool keep_parens);
  Expr* pexpr(Expr* x, bool keep_parens);
  Expr* bare_complitexpr();
  CompositeLit* complitexpr();
  Expr* type_();
  Expr* typeOrNil();
  Expr* typeInstance(Expr* typ);
  FuncType* funcType(const std::string& context, std::vector<Field*>* tparams);
  Expr* arrayType(Pos p, Expr* len);
  Expr* sliceType(Pos p);
  Expr* chanElem();
  StructType* structType();
  InterfaceType* interfaceType();
  std::vector<Field*> funcResult();
  void addField(StructType* styp, Pos p, Name* name, Expr* typ, BasicLit* tag);
  void fieldDecl(StructType* styp);
  Expr* arrayOrTArgs();
  BasicLit* oliteral();
  Field* methodDecl();
  Field* embeddedElem(Field* f);
  Expr* embeddedTerm();
  Field* paramDeclOrNil(Name* name, Tok follow);
  std::vector<Field*> paramList(Name* name, Expr* typ, Tok close, bool requireNames, bool dddok);
  BadExpr* badExpr() { return make<BadExpr>(pos()); }

  // ---- statements
  Stmt* simpleStmt(Expr* lhs, Tok keyword);
  RangeClause* newRangeClause(Expr* lhs, bool def);
  AssignStmt* newAssignStmt(Pos p, Op op, Expr* lhs, Expr* rhs);
  Stmt* labeledStmtOrNil(Name* label);
  BlockStmt* blockStmt(const std::string& context);
  DeclStmt* declStmt(Decl* (Parser::*f)(int));
  Stmt* forStmt();
  void header(Tok keyword, Stmt** init, Expr** cond, Stmt** post);
  IfStmt* ifStmt();
  SwitchStmt* switchStmt();
  SelectStmt* selectStmt();
  CaseClause* caseClause();
  CommClause* commClause();
  Stmt* stmtOrNil();
  std::vector<Stmt*> stmtList();
  std::vector<Expr*> argList(bool* hasDots);

  // ---- common
  Name* name();
  std::vector<Name*> nameList(Name* first);
  Expr* qualifiedName(Name* name);
  Expr* exprList();
  Expr* typeList(bool strict, bool* comma);

  // snippet support
  bool methodDeclAhead();

  std::string tokstr(Tok t) const { return legacy_ && is_keyword(t) ? std::string(tok_string(t)) : tokstring(t); }

  bool legacy_ = false;
  std::string_view src_;
  AstArena& arena_;
  DiagnosticSink& sink_;
  Lexer lex_;
  bool quiet_ = false;
  bool first_ = false;  // an error was reported
  int errcnt_ = 0;
  int fnest_ = 0;
  int xnest_ = 0;
  int depth_ = 0;
  int next_group_ = 0;
  std::size_t prev_end_ = 0;
};

void check_branches(BlockStmt* body, const std::function<void(Pos, const std::string&)>& errh);

// ---------------------------------------------------------------------------
// errors

void Parser::syntaxErrorAt(Pos p, std::string msg) {
  if (tok() == Tok::EOF_ && first_) return;  // avoid meaningless follow-up errors
  if (legacy_) {
    // Go 1.19: "expecting X"
    for (std::size_t i = 0; (i = msg.find("expected ", i)) != std::string::npos; i += 10) {
      if (i > 0 && msg[i - 1] != ' ') continue;
      msg.replace(i, 9, "expecting ");
    }
  }
  if (msg.empty()) {
    // nothing to do
  } else if (msg.rfind("in ", 0) == 0 || msg.rfind("at ", 0) == 0 || msg.rfind("after ", 0) == 0) {
    msg = " " + msg;
  } else if (msg.rfind("expected ", 0) == 0 || msg.rfind("expecting ", 0) == 0) {
    msg = ", " + msg;
  } else {
    errorAt(p, "syntax error: " + msg);
    return;
  }
  std::string t;
  switch (tok()) {
    case Tok::Name: t = legacy_ ? lex_.lit : "name " + lex_.lit; break;
    case Tok::Semi: t = lex_.lit; break;
    case Tok::Literal: t = "literal " + lex_.lit; break;
    case Tok::Operator: t = op_string(lex_.op); break;
    case Tok::AssignOp: t = std::string(op_string(lex_.op)) + "="; break;
    case Tok::IncOp: t = std::string(op_string(lex_.op)) + op_string(lex_.op); break;
    default: t = tokstr(tok()); break;
  }
  errorAt(p, "syntax error: unexpected " + t + msg);
}

void Parser::advance(std::initializer_list<Tok> followlist) {
  std::uint64_t followset = tok_bit(Tok::EOF_);
  if (followlist.size() > 0) {
    if (fnest_ > 0) followset |= kStopset;
    for (Tok t : followlist) followset |= tok_bit(t);
  }
  while (!(followset & tok_bit(tok()))) {
    next();
    if (followlist.size() == 0) break;
  }
}

// ---------------------------------------------------------------------------
// files

File* Parser::fileOrNil() {
  next();
  File* f = make<File>(pos());
  if (!got(Tok::Package)) {
    syntaxError("package statement must be first");
    return nullptr;
  }
  f->pkg_name = name();
  want(Tok::Semi);
  if (first_) return nullptr;

  Tok prev = Tok::Import;
  while (tok() != Tok::EOF_) {
    if (tok() == Tok::Import && prev != Tok::Import) syntaxError("imports must appear before other declarations");
    prev = tok();
    switch (tok()) {
      case Tok::Import:
        next();
        appendGroup(f->decls, [this](int g) { return importDecl(g); });
        break;
      case Tok::Const:
        next();
        appendGroup(f->decls, [this](int g) { return constDecl(g); });
        break;
      case Tok::Type:
        next();
        appendGroup(f->decls, [this](int g) { return typeDecl(g); });
        break;
      case Tok::Var:
        next();
        appendGroup(f->decls, [this](int g) { return varDecl(g); });
        break;
      case Tok::Func:
        next();
        if (FuncDecl* d = funcDeclOrNil()) f->decls.push_back(d);
        break;
      default: {
        FuncDecl* last = f->decls.empty() ? nullptr : as<FuncDecl>(f->decls.back());
        if (tok() == Tok::Lbrace && last && !last->body)
          syntaxError("unexpected semicolon or newline before {");
        else
          syntaxError("non-declaration statement outside function body");
        advance({Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func});
        continue;
      }
    }
    if (tok() != Tok::EOF_ && !got(Tok::Semi)) {
      syntaxError("after top level declaration");
      advance({Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func});
    }
  }
  f->eof = pos();
  return f;
}

// Looks ahead (without reporting errors) from `func (` to decide whether
// this is a method declaration: `func (recv) Name (`.
bool Parser::methodDeclAhead() {
  Lexer saved = lex_;
  std::size_t saved_end = prev_end_;
  quiet_ = true;
  int depth = 0;
  bool result = false;
  // current token is '('
  for (;;) {
    if (tok() == Tok::Lparen) depth++;
    else if (tok() == Tok::Rparen) {
      if (--depth == 0) {
        lex_.next();
        result = tok() == Tok::Name;
        break;
      }
    } else if (tok() == Tok::EOF_ || tok() == Tok::Lbrace || tok() == Tok::Semi) {
      break;
    }
    lex_.next();
  }
  quiet_ = false;
  lex_ = saved;
  prev_end_ = saved_end;
  return result;
}

File* Parser::snippet(std::vector<SnippetItem>* items) {
  next();
  File* f = make<File>(Pos{1, 1});
  f->pkg_name = make<Name>(Pos{1, 1});
  f->pkg_name->value = "main";
  auto* main = make<FuncDecl>(pos());
  main->synthesized = true;
  main->name = make<Name>(pos());
  main->name->value = "main";
  main->ftype = make<FuncType>(pos());
  main->body = make<BlockStmt>(pos());
  std::vector<FuncDecl*> funcs;
  int errcnt = errcnt_;
  fnest_++;
  auto record = [&](SnippetItem::Kind k, std::size_t begin, Pos p) {
    if (items) items->push_back(SnippetItem{k, begin, prev_end_, p});
  };
  while (tok() != Tok::EOF_) {
    std::size_t begin = lex_.offset;
    Pos start = pos();
    if (tok() == Tok::Import) {
      syntaxError("import declarations are only allowed in a whole program (begin the workload with package main)");
      next();
      std::vector<Decl*> dummy;
      appendGroup(dummy, [this](int g) { return importDecl(g); });
      record(SnippetItem::Import, begin, start);
    } else if (tok() == Tok::Type) {
      next();
      appendGroup(f->decls, [this](int g) { return typeDecl(g); });
      record(SnippetItem::TypeDecl, begin, start);
    } else if (tok() == Tok::Func && ([&] {
                 // func Name ... or func (recv) Name ...: a declaration; otherwise a function literal
                 Lexer saved = lex_;
                 quiet_ = true;
                 lex_.next();
                 bool decl = lex_.tok == Tok::Name;
                 bool paren = lex_.tok == Tok::Lparen;
                 quiet_ = false;
                 if (paren) decl = methodDeclAhead();
                 lex_ = saved;
                 return decl;
               }())) {
      next();
      fnest_--;
      FuncDecl* d = funcDeclOrNil();
      fnest_++;
      if (d && !d->recv && d->name->value == "main") {
        errorAt(d->name->pos,
                "syntax error: a snippet cannot declare func main (begin the workload with package main to write a "
                "whole program)");
        d = nullptr;
      }
      if (d) f->decls.push_back(d);
      record(SnippetItem::FuncDecl, begin, start);
    } else {
      Stmt* s = stmtOrNil();
      if (!s) {
        syntaxError("at top level of snippet");
        next();
        continue;
      }
      main->body->list.push_back(s);
      record(SnippetItem::Statement, begin, start);
    }
    if (tok() != Tok::EOF_ && !got(Tok::Semi)) {
      syntaxError("at end of statement");
      advance({Tok::Semi, Tok::Rbrace});
      got(Tok::Semi);
    }
  }
  fnest_--;
  f->eof = pos();
  main->body->rbrace = pos();
  if (!main->body->list.empty()) {
    main->pos = main->body->list.front()->pos;
    main->name->pos = main->pos;
    main->body->pos = main->pos;
  }
  if (errcnt == errcnt_)
    check_branches(main->body, [this](Pos p, const std::string& msg) { errorAt(p, msg); });
  f->decls.push_back(main);
  return f;
}

// ---------------------------------------------------------------------------
// declarations

Pos Parser::list(const std::string& context, Tok sep, Tok close, const std::function<bool()>& f) {
  bool done = false;
  while (tok() != Tok::EOF_ && tok() != close && !done) {
    done = f();
    if (!got(sep) && tok() != close) {
      syntaxError("in " + context + "; possibly missing " + tokstr(sep) + " or " + tokstr(close));
      advance({Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
      if (tok() != close) return pos();
    }
  }
  Pos p = pos();
  want(close);
  return p;
}

void Parser::appendGroup(std::vector<Decl*>& list, const std::function<Decl*(int)>& f) {
  if (tok() == Tok::Lparen) {
    int g = ++next_group_;
    next();
    this->list("grouped declaration", Tok::Semi, Tok::Rparen, [&] {
      if (Decl* x = f(g)) list.push_back(x);
      return false;
    });
  } else {
    if (Decl* x = f(0)) list.push_back(x);
  }
}

Decl* Parser::importDecl(int group) {
  auto* d = make<ImportDecl>(pos());
  d->group = group;
  switch (tok()) {
    case Tok::Name:
      d->local_name = name();
      break;
    case Tok::Dot:
      d->local_name = make<Name>(pos());
      d->local_name->value = ".";
      next();
      break;
    default:
      break;
  }
  d->path = oliteral();
  if (!d->path) {
    syntaxError("missing import path");
    advance({Tok::Semi, Tok::Rparen});
    return d;
  }
  if (!d->path->bad && d->path->lit_kind != LitKind::String) {
    syntaxErrorAt(d->path->pos, "import path must be a string");
    d->path->bad = true;
  }
  return d;
}

Decl* Parser::constDecl(int group) {
  auto* d = make<ConstDecl>(pos());
  d->group = group;
  d->names = nameList(name());
  if (tok() != Tok::EOF_ && tok() != Tok::Semi && tok() != Tok::Rparen) {
    d->type = typeOrNil();
    if (gotAssign()) d->values = exprList();
  }
  return d;
}

namespace {

bool isTypeElem(Expr* x) {
  switch (x->kind) {
    case NodeKind::ArrayType: case NodeKind::StructType: case NodeKind::FuncType:
    case NodeKind::InterfaceType: case NodeKind::SliceType: case NodeKind::MapType: case NodeKind::ChanType:
      return true;
    case NodeKind::Operation: {
      auto o = static_cast<Operation*>(x);
      return isTypeElem(o->x) || (o->y && isTypeElem(o->y)) || o->op == Op::Tilde;
    }
    case NodeKind::ParenExpr:
      return isTypeElem(static_cast<ParenExpr*>(x)->x);
    default:
      return false;
  }
}

// extractName splits x into (name, expr) if syntactically x can be written
// as name expr (see syntax/parser.go).
std::pair<Name*, Expr*> extractName(AstArena& arena, Expr* x, bool force) {
  switch (x->kind) {
    case NodeKind::Name:
      return {static_cast<Name*>(x), nullptr};
    case NodeKind::Operation: {
      auto o = static_cast<Operation*>(x);
      if (!o->y) break;
      if (o->op == Op::Mul) {
        if (auto n = as<Name>(o->x); n && (force || isTypeElem(o->y))) {
          auto* op = arena.make<Operation>(o->pos);
          op->op = Op::Mul;
          op->x = o->y;
          return {n, op};
        }
      } else if (o->op == Op::Or) {
        auto [n, lhs] = extractName(arena, o->x, force || isTypeElem(o->y));
        if (n && lhs) {
          auto* op = arena.make<Operation>(o->pos);
          op->op = Op::Or;
          op->x = lhs;
          op->y = o->y;
          return {n, op};
        }
      }
      break;
    }
    case NodeKind::CallExpr: {
      auto c = static_cast<CallExpr*>(x);
      if (auto n = as<Name>(c->fun)) {
        if (c->args.size() == 1 && !c->has_dots && (force || isTypeElem(c->args[0])))
          return {n, unparen(c->args[0])};
      }
      break;
    }
    default:
      break;
  }
  return {nullptr, x};
}

bool isValue(Expr* x) {
  switch (x->kind) {
    case NodeKind::BasicLit: case NodeKind::CompositeLit: case NodeKind::FuncLit: case NodeKind::SliceExpr:
    case NodeKind::AssertExpr: case NodeKind::TypeSwitchGuard: case NodeKind::CallExpr:
      return true;
    case NodeKind::Operation: {
      auto o = static_cast<Operation*>(x);
      return o->op != Op::Mul || o->y != nullptr;
    }
    case NodeKind::ParenExpr:
      return isValue(static_cast<ParenExpr*>(x)->x);
    case NodeKind::IndexExpr: {
      auto i = static_cast<IndexExpr*>(x);
      return isValue(i->x) || isValue(i->index);
    }
    default:
      return false;
  }
}

}  // namespace

Decl* Parser::typeDecl(int group) {
  auto* d = make<TypeDecl>(pos());
  d->group = group;
  d->name = name();
  if (tok() == Tok::Lbrack) {
    Pos p = pos();
    next();
    switch (tok()) {
      case Tok::Name: {
        Expr* x = name();
        if (tok() != Tok::Lbrack) {
          xnest_++;
          x = binaryExpr(pexpr(x, false), 0);
          xnest_--;
        }
        auto [pname, ptype] = extractName(arena_, x, tok() == Tok::Comma);
        if (pname && (ptype || tok() != Tok::Rbrack)) {
          d->tparams = paramList(pname, ptype, Tok::Rbrack, true, false);
          d->alias = gotAssign();
          d->type = typeOrNil();
        } else {
          d->type = arrayType(p, x);
        }
        break;
      }
      case Tok::Rbrack:
        next();
        d->type = sliceType(p);
        break;
      default:
        d->type = arrayType(p, nullptr);
        break;
    }
  } else {
    d->alias = gotAssign();
    d->type = typeOrNil();
  }
  if (!d->type) {
    d->type = badExpr();
    syntaxError("in type declaration");
    advance({Tok::Semi, Tok::Rparen});
  }
  return d;
}

Decl* Parser::varDecl(int group) {
  auto* d = make<VarDecl>(pos());
  d->group = group;
  d->names = nameList(name());
  if (gotAssign()) {
    d->values = exprList();
  } else {
    d->type = type_();
    if (gotAssign()) d->values = exprList();
  }
  return d;
}

FuncDecl* Parser::funcDeclOrNil() {
  auto* f = make<FuncDecl>(pos());
  std::string context;
  if (got(Tok::Lparen)) {
    context = "method";
    auto rcvr = paramList(nullptr, nullptr, Tok::Rparen, false, false);
    switch (rcvr.size()) {
      case 0:
        error("method has no receiver");
        break;
      default:
        error("method has multiple receivers");
        [[fallthrough]];
      case 1:
        f->recv = rcvr[0];
        break;
    }
  }
  if (tok() == Tok::Name) {
    f->name = name();
    f->ftype = funcType(context, &f->tparams);
  } else {
    f->name = make<Name>(pos());
    f->name->value = "_";
    f->ftype = make<FuncType>(pos());
    syntaxError(context.empty() ? "expected name or (" : "expected name");
    advance({Tok::Lbrace, Tok::Semi});
  }
  if (tok() == Tok::Lbrace) f->body = funcBody();
  return f;
}

BlockStmt* Parser::funcBody() {
  fnest_++;
  int errcnt = errcnt_;
  BlockStmt* body = blockStmt("");
  fnest_--;
  if (errcnt == errcnt_)
    check_branches(body, [this](Pos p, const std::string& msg) { errorAt(p, msg); });
  return body;
}

// ---------------------------------------------------------------------------
// expressions

Expr* Parser::binaryExpr(Expr* x, int prec) {
  if (!x) x = unaryExpr();
  int chain = 0;
  while ((tok() == Tok::Operator || tok() == Tok::Star) && lex_.prec > prec) {
    if (depth_ + ++chain > kMaxNesting) tooDeep();
    auto* t = make<Operation>(pos());
    t->op = lex_.op;
    int tprec = lex_.prec;
    next();
    t->x = x;
    {
      Nest guard(*this, chain - 1);
      t->y = binaryExpr(nullptr, tprec);
    }
    x = t;
  }
  return x;
}

Expr* Parser::unaryExpr() {
  switch (tok()) {
    case Tok::Operator:
    case Tok::Star:
      switch (lex_.op) {
        case Op::Mul: case Op::Add: case Op::Sub: case Op::Not: case Op::Xor: case Op::Tilde: {
          Nest guard(*this);
          auto* x = make<Operation>(pos());
          x->op = lex_.op;
          next();
          x->x = unaryExpr();
          return x;
        }
        case Op::And: {
          Nest guard(*this);
          auto* x = make<Operation>(pos());
          x->op = Op::And;
          next();
          x->x = unparen(unaryExpr());
          return x;
        }
        default:
          break;
      }
      break;
    case Tok::Arrow: {
      Nest guard(*this);
      Pos p = pos();
      next();
      Expr* x = unaryExpr();
      if (auto c = as<ChanType>(x)) {
        // re-associate <- with the channel type
        ChanDir dir = ChanDir::SendOnly;
        Expr* t = c;
        while (dir == ChanDir::SendOnly) {
          auto ct = as<ChanType>(t);
          if (!ct) break;
          dir = ct->dir;
          if (dir == ChanDir::RecvOnly) syntaxError("unexpected <-, expected chan");
          ct->dir = ChanDir::RecvOnly;
          t = ct->elem;
        }
        if (dir == ChanDir::SendOnly) syntaxError("unexpected " + expr_string(t) + ", expected chan");
        return x;
      }
      auto* o = make<Operation>(p);
      o->op = Op::Recv;
      o->x = x;
      return o;
    }
    default:
      break;
  }
  return pexpr(nullptr, true);
}

CallStmt* Parser::callStmt() {
  auto* s = make<CallStmt>(pos());
  s->tok = tok();
  next();
  Expr* x = pexpr(nullptr, tok() == Tok::Lparen);
  if (Expr* t = unparen(x); t != x) {
    errorAt(x->pos, std::string("expression in ") + tok_string(s->tok) + " must not be parenthesized");
    x = t;
  }
  s->call = x;
  return s;
}

Expr* Parser::operand(bool keep_parens) {
  switch (tok()) {
    case Tok::Name:
      return name();
    case Tok::Literal:
      return oliteral();
    case Tok::Lparen: {
      Nest guard(*this);
      Pos p = pos();
      next();
      xnest_++;
      Expr* x = expr();
      xnest_--;
      want(Tok::Rparen);
      if (tok() == Tok::Lbrace) keep_parens = true;
      if (keep_parens) {
        auto* px = make<ParenExpr>(p);
        px->x = x;
        x = px;
      }
      return x;
    }
    case Tok::Func: {
      Nest guard(*this);
      Pos p = pos();
      next();
      FuncType* ftyp = funcType("function type", nullptr);
      if (tok() == Tok::Lbrace) {
        xnest_++;
        auto* f = make<FuncLit>(p);
        f->ftype = ftyp;
        f->body = funcBody();
        xnest_--;
        return f;
      }
      return ftyp;
    }
    case Tok::Lbrack: case Tok::Chan: case Tok::Map: case Tok::Struct: case Tok::Interface:
      return type_();
    default: {
      Expr* x = badExpr();
      syntaxError("expected expression");
      advance({Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
      return x;
    }
  }
}

Expr* Parser::pexpr(Expr* x, bool keep_parens) {
  if (!x) x = operand(keep_parens);
  int chain = 0;
  for (;;) {
    Pos p = pos();
    switch (tok()) {
      case Tok::Dot:
      case Tok::Lbrack:
      case Tok::Lparen:
      case Tok::Lbrace:
        break;
      default:
        return x;
    }
    if (depth_ + ++chain > kMaxNesting) tooDeep();
    switch (tok()) {
      case Tok::Dot: {
        next();
        switch (tok()) {
          case Tok::Name: {
            auto* t = make<SelectorExpr>(p);
            t->x = x;
            t->sel = name();
            x = t;
            break;
          }
          case Tok::Lparen: {
            next();
            if (got(Tok::Type)) {
              auto* t = make<TypeSwitchGuard>(p);
              t->x = x;
              x = t;
            } else {
              auto* t = make<AssertExpr>(p);
              t->x = x;
              t->type_expr = type_();
              x = t;
            }
            want(Tok::Rparen);
            break;
          }
          default:
            syntaxError("expected name or (");
            advance({Tok::Semi, Tok::Rparen});
            break;
        }
        break;
      }
      case Tok::Lbrack: {
        Nest guard(*this, chain - 1);
        next();
        Expr* i = nullptr;
        if (tok() != Tok::Colon) {
          bool comma = false;
          if (tok() == Tok::Rbrack) {
            syntaxError("expected operand");
            i = badExpr();
          } else {
            i = typeList(false, &comma);
          }
          if (comma || tok() == Tok::Rbrack) {
            want(Tok::Rbrack);
            auto* t = make<IndexExpr>(p);
            t->x = x;
            t->index = i;
            x = t;
            break;
          }
        }
        if (!got(Tok::Colon)) {
          syntaxError("expected comma, : or ]");
          advance({Tok::Comma, Tok::Colon, Tok::Rbrack});
        }
        xnest_++;
        auto* t = make<SliceExpr>(p);
        t->x = x;
        t->index[0] = i;
        if (tok() != Tok::Colon && tok() != Tok::Rbrack) t->index[1] = expr();
        if (tok() == Tok::Colon) {
          t->full = true;
          if (!t->index[1]) {
            error("middle index required in 3-index slice");
            t->index[1] = badExpr();
          }
          next();
          if (tok() != Tok::Rbrack) {
            t->index[2] = expr();
          } else {
            error("final index required in 3-index slice");
            t->index[2] = badExpr();
          }
        }
        xnest_--;
        want(Tok::Rbrack);
        x = t;
        break;
      }
      case Tok::Lparen: {
        Nest guard(*this, chain - 1);
        auto* t = make<CallExpr>(p);
        next();
        t->fun = x;
        t->args = argList(&t->has_dots);
        x = t;
        break;
      }
      case Tok::Lbrace: {
        Expr* t = unparen(x);
        bool complit_ok = false;
        switch (t->kind) {
          case NodeKind::Name:
          case NodeKind::SelectorExpr:
            if (xnest_ >= 0) complit_ok = true;
            break;
          case NodeKind::IndexExpr:
            if (xnest_ >= 0 && !isValue(t)) complit_ok = true;
            break;
          case NodeKind::ArrayType: case NodeKind::SliceType: case NodeKind::StructType: case NodeKind::MapType:
            complit_ok = true;
            break;
          default:
            break;
        }
        if (!complit_ok) return x;
        if (t != x) syntaxError("cannot parenthesize type in composite literal");
        Nest guard(*this, chain - 1);
        CompositeLit* n = complitexpr();
        n->type_expr = x;
        x = n;
        break;
      }
      default:
        return x;
    }
  }
}

Expr* Parser::bare_complitexpr() {
  if (tok() == Tok::Lbrace) return complitexpr();
  return expr();
}

CompositeLit* Parser::complitexpr() {
  Nest guard(*this);
  auto* x = make<CompositeLit>(pos());
  xnest_++;
  want(Tok::Lbrace);
  x->rbrace = list("composite literal", Tok::Comma, Tok::Rbrace, [&] {
    Expr* e = bare_complitexpr();
    if (tok() == Tok::Colon) {
      auto* l = make<KeyValueExpr>(pos());
      next();
      l->key = e;
      l->val = bare_complitexpr();
      e = l;
      x->nkeys++;
    }
    x->elems.push_back(e);
    return false;
  });
  xnest_--;
  return x;
}

// ---------------------------------------------------------------------------
// types

Expr* Parser::type_() {
  Expr* typ = typeOrNil();
  if (!typ) {
    typ = badExpr();
    syntaxError("expected type");
    advance({Tok::Comma, Tok::Colon, Tok::Semi, Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
  }
  return typ;
}

Expr* Parser::typeOrNil() {
  Nest guard(*this);
  Pos p = pos();
  switch (tok()) {
    case Tok::Star: {
      next();
      auto* o = make<Operation>(p);
      o->op = Op::Mul;
      o->x = type_();
      return o;
    }
    case Tok::Arrow: {
      next();
      want(Tok::Chan);
      auto* t = make<ChanType>(p);
      t->dir = ChanDir::RecvOnly;
      t->elem = chanElem();
      return t;
    }
    case Tok::Func:
      next();
      return funcType("function type", nullptr);
    case Tok::Lbrack:
      next();
      if (got(Tok::Rbrack)) return sliceType(p);
      return arrayType(p, nullptr);
    case Tok::Chan: {
      next();
      auto* t = make<ChanType>(p);
      if (got(Tok::Arrow)) t->dir = ChanDir::SendOnly;
      t->elem = chanElem();
      return t;
    }
    case Tok::Map: {
      next();
      want(Tok::Lbrack);
      auto* t = make<MapType>(p);
      t->key = type_();
      want(Tok::Rbrack);
      t->val = type_();
      return t;
    }
    case Tok::Struct:
      return structType();
    case Tok::Interface:
      return interfaceType();
    case Tok::Name:
      return qualifiedName(nullptr);
    case Tok::Lparen: {
      next();
      Expr* t = type_();
      want(Tok::Rparen);
      return t;
    }
    default:
      return nullptr;
  }
}

Expr* Parser::typeInstance(Expr* typ) {
  Pos p = pos();
  want(Tok::Lbrack);
  auto* x = make<IndexExpr>(p);
  x->x = typ;
  if (tok() == Tok::Rbrack) {
    syntaxError("expected type argument list");
    x->index = badExpr();
  } else {
    bool comma;
    x->index = typeList(true, &comma);
  }
  want(Tok::Rbrack);
  return x;
}

FuncType* Parser::funcType(const std::string& context, std::vector<Field*>* tparams) {
  auto* typ = make<FuncType>(pos());
  if (got(Tok::Lbrack)) {
    if (!context.empty()) syntaxErrorAt(typ->pos, context + " must have no type parameters");
    if (tok() == Tok::Rbrack) {
      syntaxError("empty type parameter list");
      next();
    } else {
      auto l = paramList(nullptr, nullptr, Tok::Rbrack, true, false);
      if (tparams) *tparams = std::move(l);
    }
  }
  want(Tok::Lparen);
  typ->params = paramList(nullptr, nullptr, Tok::Rparen, false, true);
  typ->results = funcResult();
  return typ;
}

Expr* Parser::arrayType(Pos p, Expr* len) {
  if (!len && !got(Tok::DotDotDot)) {
    xnest_++;
    len = expr();
    xnest_--;
  }
  if (tok() == Tok::Comma) {
    syntaxError("unexpected comma; expected ]");
    next();
  }
  want(Tok::Rbrack);
  auto* t = make<ArrayType>(p);
  t->len = len;
  t->elem = type_();
  return t;
}

Expr* Parser::sliceType(Pos p) {
  auto* t = make<SliceType>(p);
  t->elem = type_();
  return t;
}

Expr* Parser::chanElem() {
  Expr* typ = typeOrNil();
  if (!typ) {
    typ = badExpr();
    syntaxError("missing channel element type");
  }
  return typ;
}

StructType* Parser::structType() {
  auto* typ = make<StructType>(pos());
  want(Tok::Struct);
  want(Tok::Lbrace);
  list("struct type", Tok::Semi, Tok::Rbrace, [&] {
    fieldDecl(typ);
    return false;
  });
  return typ;
}

InterfaceType* Parser::interfaceType() {
  auto* typ = make<InterfaceType>(pos());
  want(Tok::Interface);
  want(Tok::Lbrace);
  list("interface type", Tok::Semi, Tok::Rbrace, [&] {
    Field* f = nullptr;
    if (tok() == Tok::Name) f = methodDecl();
    if (!f || !f->name) f = embeddedElem(f);
    typ->methods.push_back(f);
    return false;
  });
  return typ;
}

std::vector<Field*> Parser::funcResult() {
  if (got(Tok::Lparen)) return paramList(nullptr, nullptr, Tok::Rparen, false, false);
  Pos p = pos();
  if (Expr* typ = typeOrNil()) {
    auto* f = make<Field>(p);
    f->type = typ;
    return {f};
  }
  return {};
}

void Parser::addField(StructType* styp, Pos p, Name* name, Expr* typ, BasicLit* tag) {
  if (tag) {
    while (styp->tags.size() < styp->fields.size()) styp->tags.push_back(nullptr);
    styp->tags.push_back(tag);
  }
  auto* f = make<Field>(p);
  f->name = name;
  f->type = typ;
  styp->fields.push_back(f);
}

void Parser::fieldDecl(StructType* styp) {
  Pos p = pos();
  switch (tok()) {
    case Tok::Name: {
      Name* n = name();
      if (tok() == Tok::Dot || tok() == Tok::Literal || tok() == Tok::Semi || tok() == Tok::Rbrace) {
        Expr* typ = qualifiedName(n);
        BasicLit* tag = oliteral();
        addField(styp, p, nullptr, typ, tag);
        break;
      }
      auto names = nameList(n);
      Expr* typ = nullptr;
      if (names.size() == 1 && tok() == Tok::Lbrack) {
        typ = arrayOrTArgs();
        if (auto ix = as<IndexExpr>(typ)) {
          ix->x = n;
          BasicLit* tag = oliteral();
          addField(styp, p, nullptr, ix, tag);
          break;
        }
      } else {
        typ = type_();
      }
      BasicLit* tag = oliteral();
      for (Name* nm : names) addField(styp, nm->pos, nm, typ, tag);
      break;
    }
    case Tok::Star: {
      next();
      Expr* typ;
      if (tok() == Tok::Lparen) {
        syntaxError("cannot parenthesize embedded type");
        next();
        typ = qualifiedName(nullptr);
        got(Tok::Rparen);
      } else {
        typ = qualifiedName(nullptr);
      }
      BasicLit* tag = oliteral();
      auto* o = make<Operation>(p);
      o->op = Op::Mul;
      o->x = typ;
      addField(styp, p, nullptr, o, tag);
      break;
    }
    case Tok::Lparen: {
      syntaxError("cannot parenthesize embedded type");
      next();
      Expr* typ;
      if (tok() == Tok::Star) {
        Pos sp = pos();
        next();
        auto* o = make<Operation>(sp);
        o->op = Op::Mul;
        o->x = qualifiedName(nullptr);
        typ = o;
      } else {
        typ = qualifiedName(nullptr);
      }
      got(Tok::Rparen);
      BasicLit* tag = oliteral();
      addField(styp, p, nullptr, typ, tag);
      break;
    }
    default:
      syntaxError("expected field name or embedded type");
      advance({Tok::Semi, Tok::Rbrace});
      break;
  }
}

Expr* Parser::arrayOrTArgs() {
  Pos p = pos();
  want(Tok::Lbrack);
  if (got(Tok::Rbrack)) return sliceType(p);
  bool comma = false;
  Expr* n = typeList(false, &comma);
  want(Tok::Rbrack);
  if (!comma) {
    if (Expr* elem = typeOrNil()) {
      auto* t = make<ArrayType>(p);
      t->len = n;
      t->elem = elem;
      return t;
    }
  }
  auto* t = make<IndexExpr>(p);
  t->index = n;
  return t;
}

BasicLit* Parser::oliteral() {
  if (tok() == Tok::Literal) {
    auto* b = make<BasicLit>(pos());
    b->lit = lex_.lit;
    b->lit_kind = lex_.kind;
    b->bad = lex_.bad;
    next();
    return b;
  }
  return nullptr;
}

Field* Parser::methodDecl() {
  auto* f = make<Field>(pos());
  Name* n = name();
  const std::string context = "interface method";
  switch (tok()) {
    case Tok::Lparen:
      f->name = n;
      f->type = funcType(context, nullptr);
      break;
    case Tok::Lbrack: {
      Pos p = pos();
      next();
      if (tok() == Tok::Rbrack) {
        Pos p2 = pos();
        next();
        if (tok() == Tok::Lparen) {
          errorAt(p2, "empty type parameter list");
          f->name = n;
          f->type = funcType(context, nullptr);
        } else {
          errorAt(p2, "empty type argument list");
          f->type = n;
        }
        break;
      }
      auto l = paramList(nullptr, nullptr, Tok::Rbrack, false, false);
      if (l.empty()) {
        if (tok() == Tok::Lparen) {
          f->name = n;
          f->type = funcType(context, nullptr);
        } else {
          f->type = n;
        }
        break;
      }
      if (l[0]->name) {
        f->name = n;
        f->type = funcType(context, nullptr);
        errorAt(p, "interface method must have no type parameters");
        break;
      }
      auto* t = make<IndexExpr>(p);
      t->x = n;
      if (l.size() == 1) {
        t->index = l[0]->type;
      } else {
        auto* le = make<ListExpr>(l[0]->pos);
        for (Field* fl : l) le->elems.push_back(fl->type);
        t->index = le;
      }
      f->type = t;
      break;
    }
    default:
      f->type = qualifiedName(n);
      break;
  }
  return f;
}

Field* Parser::embeddedElem(Field* f) {
  if (!f) {
    f = make<Field>(pos());
    f->type = embeddedTerm();
  }
  while (tok() == Tok::Operator && lex_.op == Op::Or) {
    auto* t = make<Operation>(pos());
    t->op = Op::Or;
    next();
    t->x = f->type;
    t->y = embeddedTerm();
    f->type = t;
  }
  return f;
}

Expr* Parser::embeddedTerm() {
  if (tok() == Tok::Operator && lex_.op == Op::Tilde) {
    auto* t = make<Operation>(pos());
    t->op = Op::Tilde;
    next();
    t->x = type_();
    return t;
  }
  Expr* t = typeOrNil();
  if (!t) {
    t = badExpr();
    syntaxError("expected ~ term or type");
    advance({Tok::Operator, Tok::Semi, Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
  }
  return t;
}

Field* Parser::paramDeclOrNil(Name* nm, Tok follow) {
  bool typeSetsOk = follow == Tok::Rbrack;
  Pos p = pos();
  if (nm) p = nm->pos;
  else if (typeSetsOk && tok() == Tok::Operator && lex_.op == Op::Tilde) return embeddedElem(nullptr);

  auto* f = make<Field>(p);
  if (tok() == Tok::Name || nm) {
    if (!nm) nm = name();
    if (tok() == Tok::Lbrack) {
      f->type = arrayOrTArgs();
      if (auto ix = as<IndexExpr>(f->type)) ix->x = nm;
      else f->name = nm;
      if (typeSetsOk && tok() == Tok::Operator && lex_.op == Op::Or) f = embeddedElem(f);
      return f;
    }
    if (tok() == Tok::Dot) {
      f->type = qualifiedName(nm);
      if (typeSetsOk && tok() == Tok::Operator && lex_.op == Op::Or) f = embeddedElem(f);
      return f;
    }
    if (typeSetsOk && tok() == Tok::Operator && lex_.op == Op::Or) {
      f->type = nm;
      return embeddedElem(f);
    }
    f->name = nm;
  }
  if (tok() == Tok::DotDotDot) {
    auto* t = make<DotsType>(pos());
    next();
    t->elem = typeOrNil();
    if (!t->elem) {
      f->type = badExpr();
      syntaxError("... is missing type");
    } else {
      f->type = t;
    }
    return f;
  }
  if (typeSetsOk && tok() == Tok::Operator && lex_.op == Op::Tilde) {
    f->type = embeddedElem(nullptr)->type;
    return f;
  }
  f->type = typeOrNil();
  if (typeSetsOk && tok() == Tok::Operator && lex_.op == Op::Or && f->type) f = embeddedElem(f);
  if (f->name || f->type) return f;
  syntaxError("expected " + tokstr(follow));
  advance({Tok::Comma, follow});
  return nullptr;
}

std::vector<Field*> Parser::paramList(Name* nm, Expr* typ, Tok close, bool requireNames, bool dddok) {
  if (nm && typ && tok() == close) {
    next();
    auto* par = make<Field>(nm->pos);
    par->name = nm;
    par->type = typ;
    return {par};
  }
  std::vector<Field*> l;
  int named = 0, typed = 0;
  Pos end = list("parameter list", Tok::Comma, close, [&] {
    Field* par;
    if (typ) {
      par = make<Field>(nm->pos);
      par->name = nm;
      par->type = typ;
    } else {
      par = paramDeclOrNil(nm, close);
    }
    nm = nullptr;
    typ = nullptr;
    if (par) {
      if (par->name && par->type) named++;
      if (par->type) typed++;
      l.push_back(par);
    }
    return false;
  });
  if (l.empty()) return l;

  if (named == 0 && !requireNames) {
    for (Field* par : l) {
      if (par->name) {
        par->type = par->name;
        par->name = nullptr;
      }
    }
  } else if (named != static_cast<int>(l.size())) {
    Pos errPos{};
    Expr* t = nullptr;
    for (std::size_t i = l.size(); i-- > 0;) {
      Field* par = l[i];
      if (par->type) {
        t = par->type;
        if (!par->name) {
          errPos = start_pos(t);
          par->name = make<Name>(errPos);
          par->name->value = "_";
        }
      } else if (t) {
        par->type = t;
      } else {
        errPos = par->name->pos;
        auto* b = make<BadExpr>(errPos);
        par->type = b;
      }
    }
    if (errPos.known()) {
      std::string msg;
      if (named == typed) {
        errPos = end;
        msg = requireNames ? "missing type constraint" : "missing parameter type";
      } else {
        if (requireNames) {
          msg = "missing type parameter name";
          if (l.size() == 1) msg += " or invalid array length";
        } else {
          msg = "missing parameter name";
        }
      }
      syntaxErrorAt(errPos, msg);
    }
  }

  bool first = true;
  for (std::size_t i = 0; i < l.size(); ++i) {
    Field* f = l[i];
    if (auto t = as<DotsType>(f->type); t && (!dddok || i + 1 < l.size())) {
      if (first) {
        first = false;
        errorAt(t->pos, dddok ? "can only use ... with final parameter" : "invalid use of ...");
      }
      f->type = t->elem;
    }
  }
  return l;
}

// ---------------------------------------------------------------------------
// statements

Stmt* Parser::simpleStmt(Expr* lhs, Tok keyword) {
  if (keyword == Tok::For && tok() == Tok::Range) return newRangeClause(nullptr, false);
  if (!lhs) lhs = exprList();
  if (!as<ListExpr>(lhs) && tok() != Tok::Assign && tok() != Tok::Define) {
    Pos p = pos();
    switch (tok()) {
      case Tok::AssignOp: {
        Op op = lex_.op;
        next();
        return newAssignStmt(p, op, lhs, expr());
      }
      case Tok::IncOp: {
        Op op = lex_.op;
        next();
        return newAssignStmt(p, op, lhs, nullptr);
      }
      case Tok::Arrow: {
        auto* s = make<SendStmt>(p);
        next();
        s->chan = lhs;
        s->value = expr();
        return s;
      }
      default: {
        auto* s = make<ExprStmt>(lhs->pos);
        s->x = lhs;
        return s;
      }
    }
  }
  switch (tok()) {
    case Tok::Assign:
    case Tok::Define: {
      Pos p = pos();
      Op op = tok() == Tok::Define ? Op::Def : Op::None;
      next();
      if (keyword == Tok::For && tok() == Tok::Range) return newRangeClause(lhs, op == Op::Def);
      Expr* rhs = exprList();
      if (auto x = as<TypeSwitchGuard>(rhs); x && keyword == Tok::Switch && op == Op::Def) {
        if (auto n = as<Name>(lhs)) {
          x->lhs = n;
          auto* s = make<ExprStmt>(x->pos);
          s->x = x;
          return s;
        }
      }
      return newAssignStmt(p, op, lhs, rhs);
    }
    default: {
      syntaxError("expected := or = or comma");
      advance({Tok::Semi, Tok::Rbrace});
      if (auto l = as<ListExpr>(lhs)) lhs = l->elems[0];
      auto* s = make<ExprStmt>(lhs->pos);
      s->x = lhs;
      return s;
    }
  }
}

RangeClause* Parser::newRangeClause(Expr* lhs, bool def) {
  auto* r = make<RangeClause>(pos());
  next();
  r->lhs = lhs;
  r->def = def;
  r->x = expr();
  return r;
}

AssignStmt* Parser::newAssignStmt(Pos p, Op op, Expr* lhs, Expr* rhs) {
  auto* a = make<AssignStmt>(p);
  a->op = op;
  a->lhs = lhs;
  a->rhs = rhs;
  return a;
}

Stmt* Parser::labeledStmtOrNil(Name* label) {
  Nest guard(*this);
  auto* s = make<LabeledStmt>(pos());
  s->label = label;
  want(Tok::Colon);
  if (tok() == Tok::Rbrace) {
    s->stmt = make<EmptyStmt>(pos());
    return s;
  }
  s->stmt = stmtOrNil();
  if (s->stmt) return s;
  syntaxErrorAt(s->pos, "missing statement after label");
  return nullptr;
}

BlockStmt* Parser::blockStmt(const std::string& context) {
  Nest guard(*this);
  auto* s = make<BlockStmt>(pos());
  if (!got(Tok::Lbrace)) {
    syntaxError("expected { after " + context);
    advance({Tok::Name, Tok::Rbrace});
    s->rbrace = pos();
    if (got(Tok::Rbrace)) return s;
  }
  s->list = stmtList();
  s->rbrace = pos();
  want(Tok::Rbrace);
  return s;
}

DeclStmt* Parser::declStmt(Decl* (Parser::*f)(int)) {
  auto* s = make<DeclStmt>(pos());
  next();
  appendGroup(s->decls, [this, f](int g) { return (this->*f)(g); });
  return s;
}

Stmt* Parser::forStmt() {
  auto* s = make<ForStmt>(pos());
  header(Tok::For, &s->init, &s->cond, &s->post);
  s->body = blockStmt("for clause");
  return s;
}

namespace {
std::string emphasize(Expr* x) {
  std::string s = expr_string(x);
  if (auto o = as<Operation>(x); o && o->y) return "(" + s + ")";
  return s;
}
}  // namespace

void Parser::header(Tok keyword, Stmt** init, Expr** cond, Stmt** post) {
  want(keyword);
  if (tok() == Tok::Lbrace) {
    if (keyword == Tok::If) {
      syntaxError("missing condition in if statement");
      *cond = badExpr();
    }
    return;
  }
  int outer = xnest_;
  xnest_ = -1;
  if (tok() != Tok::Semi) {
    if (got(Tok::Var))
      syntaxError(std::string("var declaration not allowed in ") + tok_string(keyword) + " initializer");
    *init = simpleStmt(nullptr, keyword);
    if (as<RangeClause>(*init)) {
      xnest_ = outer;
      return;
    }
  }
  Stmt* condStmt = nullptr;
  Pos semiPos{};
  std::string semiLit;
  if (tok() != Tok::Lbrace) {
    if (tok() == Tok::Semi) {
      semiPos = pos();
      semiLit = lex_.lit;
      next();
    } else {
      want(Tok::Lbrace);
      if (tok() != Tok::Lbrace) advance({Tok::Lbrace, Tok::Rbrace});
    }
    if (keyword == Tok::For) {
      if (tok() != Tok::Semi) {
        if (tok() == Tok::Lbrace) {
          syntaxError("expected for loop condition");
          goto done;
        }
        condStmt = simpleStmt(nullptr, Tok::None);
      }
      want(Tok::Semi);
      if (tok() != Tok::Lbrace) {
        *post = simpleStmt(nullptr, Tok::None);
        if (auto a = as<AssignStmt>(*post); a && a->op == Op::Def)
          syntaxErrorAt(a->pos, "cannot declare in post statement of for loop");
      }
    } else if (tok() != Tok::Lbrace) {
      condStmt = simpleStmt(nullptr, keyword);
    }
  } else {
    condStmt = *init;
    *init = nullptr;
  }
done:
  if (!condStmt) {
    if (keyword == Tok::If && semiPos.known()) {
      if (semiLit != "semicolon")
        syntaxErrorAt(semiPos, "unexpected " + semiLit + ", expected { after if clause");
      else
        syntaxErrorAt(semiPos, "missing condition in if statement");
      *cond = make<BadExpr>(semiPos);
    }
  } else if (auto es = as<ExprStmt>(condStmt)) {
    *cond = es->x;
  } else {
    std::string str;
    if (auto as_ = as<AssignStmt>(condStmt); as_ && as_->op == Op::None) {
      if (legacy_)  // Go 1.19 always parenthesizes both sides
        str = "assignment (" + expr_string(as_->lhs) + ") = (" + expr_string(as_->rhs) + ")";
      else
        str = "assignment " + emphasize(as_->lhs) + " = " + emphasize(as_->rhs);
    }
    else
      str = expr_string(condStmt);
    syntaxErrorAt(condStmt->pos, "cannot use " + str + " as value");
  }
  xnest_ = outer;
}

IfStmt* Parser::ifStmt() {
  auto* s = make<IfStmt>(pos());
  header(Tok::If, &s->init, &s->cond, nullptr);
  s->then = blockStmt("if clause");
  if (got(Tok::Else)) {
    switch (tok()) {
      case Tok::If: {
        Nest guard(*this);  // else-if chains nest
        s->else_ = ifStmt();
        break;
      }
      case Tok::Lbrace:
        s->else_ = blockStmt("");
        break;
      default:
        syntaxError("else must be followed by if or statement block");
        advance({Tok::Name, Tok::Rbrace});
        break;
    }
  }
  return s;
}

SwitchStmt* Parser::switchStmt() {
  Nest guard(*this);
  auto* s = make<SwitchStmt>(pos());
  header(Tok::Switch, &s->init, &s->tag, nullptr);
  if (!got(Tok::Lbrace)) {
    syntaxError("missing { after switch clause");
    advance({Tok::Case, Tok::Default, Tok::Rbrace});
  }
  while (tok() != Tok::EOF_ && tok() != Tok::Rbrace) s->body.push_back(caseClause());
  s->rbrace = pos();
  want(Tok::Rbrace);
  return s;
}

SelectStmt* Parser::selectStmt() {
  Nest guard(*this);
  auto* s = make<SelectStmt>(pos());
  want(Tok::Select);
  if (!got(Tok::Lbrace)) {
    syntaxError("missing { after select clause");
    advance({Tok::Case, Tok::Default, Tok::Rbrace});
  }
  while (tok() != Tok::EOF_ && tok() != Tok::Rbrace) s->body.push_back(commClause());
  s->rbrace = pos();
  want(Tok::Rbrace);
  return s;
}

CaseClause* Parser::caseClause() {
  auto* c = make<CaseClause>(pos());
  switch (tok()) {
    case Tok::Case:
      next();
      c->cases = exprList();
      break;
    case Tok::Default:
      next();
      break;
    default:
      syntaxError("expected case or default or }");
      advance({Tok::Colon, Tok::Case, Tok::Default, Tok::Rbrace});
      break;
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

CommClause* Parser::commClause() {
  auto* c = make<CommClause>(pos());
  switch (tok()) {
    case Tok::Case:
      next();
      c->comm = simpleStmt(nullptr, Tok::None);
      break;
    case Tok::Default:
      next();
      break;
    default:
      syntaxError("expected case or default or }");
      advance({Tok::Colon, Tok::Case, Tok::Default, Tok::Rbrace});
      break;
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

Stmt* Parser::stmtOrNil() {
  if (tok() == Tok::Name) {
    Expr* lhs = exprList();
    if (auto label = as<Name>(lhs); label && tok() == Tok::Colon) return labeledStmtOrNil(label);
    return simpleStmt(lhs, Tok::None);
  }
  switch (tok()) {
    case Tok::Var: return declStmt(&Parser::varDecl);
    case Tok::Const: return declStmt(&Parser::constDecl);
    case Tok::Type: return declStmt(&Parser::typeDecl);
    default: break;
  }
  switch (tok()) {
    case Tok::Lbrace:
      return blockStmt("");
    case Tok::Operator:
    case Tok::Star:
      switch (lex_.op) {
        case Op::Add: case Op::Sub: case Op::Mul: case Op::And: case Op::Xor: case Op::Not:
          return simpleStmt(nullptr, Tok::None);
        default:
          break;
      }
      break;
    case Tok::Literal: case Tok::Func: case Tok::Lparen: case Tok::Lbrack: case Tok::Struct:
    case Tok::Map: case Tok::Chan: case Tok::Interface: case Tok::Arrow:
      return simpleStmt(nullptr, Tok::None);
    case Tok::For:
      return forStmt();
    case Tok::Switch:
      return switchStmt();
    case Tok::Select:
      return selectStmt();
    case Tok::If:
      return ifStmt();
    case Tok::Fallthrough: {
      auto* s = make<BranchStmt>(pos());
      next();
      s->tok = Tok::Fallthrough;
      return s;
    }
    case Tok::Break:
    case Tok::Continue: {
      auto* s = make<BranchStmt>(pos());
      s->tok = tok();
      next();
      if (tok() == Tok::Name) s->label = name();
      return s;
    }
    case Tok::Go:
    case Tok::Defer:
      return callStmt();
    case Tok::Goto: {
      auto* s = make<BranchStmt>(pos());
      s->tok = Tok::Goto;
      next();
      s->label = name();
      return s;
    }
    case Tok::Return: {
      auto* s = make<ReturnStmt>(pos());
      next();
      if (tok() != Tok::Semi && tok() != Tok::Rbrace) s->results = exprList();
      return s;
    }
    case Tok::Semi:
      return make<EmptyStmt>(pos());
    default:
      break;
  }
  return nullptr;
}

std::vector<Stmt*> Parser::stmtList() {
  std::vector<Stmt*> l;
  while (tok() != Tok::EOF_ && tok() != Tok::Rbrace && tok() != Tok::Case && tok() != Tok::Default) {
    Stmt* s = stmtOrNil();
    if (!s) break;
    l.push_back(s);
    if (!got(Tok::Semi) && tok() != Tok::Rbrace) {
      syntaxError("at end of statement");
      advance({Tok::Semi, Tok::Rbrace, Tok::Case, Tok::Default});
      got(Tok::Semi);
    }
  }
  return l;
}

std::vector<Expr*> Parser::argList(bool* hasDots) {
  Nest guard(*this);
  std::vector<Expr*> l;
  xnest_++;
  list("argument list", Tok::Comma, Tok::Rparen, [&] {
    l.push_back(expr());
    *hasDots = got(Tok::DotDotDot);
    return *hasDots;
  });
  xnest_--;
  return l;
}

// ---------------------------------------------------------------------------
// common

Name* Parser::name() {
  if (tok() == Tok::Name) {
    auto* n = make<Name>(pos());
    n->value = lex_.lit;
    next();
    return n;
  }
  auto* n = make<Name>(pos());
  n->value = "_";
  syntaxError("expected name");
  advance({});
  return n;
}

std::vector<Name*> Parser::nameList(Name* first) {
  std::vector<Name*> l{first};
  while (got(Tok::Comma)) l.push_back(name());
  return l;
}

Expr* Parser::qualifiedName(Name* nm) {
  Expr* x;
  if (nm) {
    x = nm;
  } else if (tok() == Tok::Name) {
    x = name();
  } else {
    auto* n = make<Name>(pos());
    n->value = "_";
    x = n;
    syntaxError("expected name");
    advance({Tok::Dot, Tok::Semi, Tok::Rbrace});
  }
  if (tok() == Tok::Dot) {
    auto* s = make<SelectorExpr>(pos());
    next();
    s->x = x;
    s->sel = name();
    x = s;
  }
  if (tok() == Tok::Lbrack) x = typeInstance(x);
  return x;
}

Expr* Parser::exprList() {
  Expr* x = expr();
  if (got(Tok::Comma)) {
    auto* t = make<ListExpr>(x->pos);
    t->elems.push_back(x);
    t->elems.push_back(expr());
    while (got(Tok::Comma)) t->elems.push_back(expr());
    x = t;
  }
  return x;
}

Expr* Parser::typeList(bool strict, bool* comma) {
  *comma = false;
  xnest_++;
  Expr* x = strict ? type_() : expr();
  if (got(Tok::Comma)) {
    *comma = true;
    if (Expr* t = typeOrNil()) {
      auto* l = make<ListExpr>(x->pos);
      l->elems.push_back(x);
      l->elems.push_back(t);
      while (got(Tok::Comma)) {
        t = typeOrNil();
        if (!t) break;
        l->elems.push_back(t);
      }
      x = l;
    }
  }
  xnest_--;
  return x;
}

// ---------------------------------------------------------------------------
// branches.go: checkBranches

struct LabelInfo;
struct Block {
  Block* parent;
  Pos start;
  LabeledStmt* lstmt;
};
struct LabelInfo {
  Block* parent;
  LabeledStmt* lstmt;
  bool used;
};
struct Targets {
  Stmt* breaks = nullptr;
  ForStmt* continues = nullptr;
  int caseIndex = -1;
};

class LabelScope {
 public:
  explicit LabelScope(const std::function<void(Pos, const std::string&)>& errh) : errh_(errh) {}
  std::vector<BranchStmt*> blockBranches(Block* parent, Targets ctxt, LabeledStmt* lstmt, Pos start,
                                         const std::vector<Stmt*>& body);
  void finish(std::vector<BranchStmt*> fwd) {
    for (BranchStmt* g : fwd) {
      const std::string& name = g->label->value;
      auto it = labels_.find(name);
      if (it != labels_.end()) {
        it->second->used = true;
        errh_(g->label->pos, "goto " + name + " jumps into block starting at " + it->second->parent->start.str());
      } else {
        errh_(g->label->pos, "label " + name + " not defined");
      }
    }
    for (auto& [name, l] : labels_)
      if (!l->used) errh_(l->lstmt->label->pos, "label " + l->lstmt->label->value + " defined and not used");
  }

 private:
  LabelInfo* declare(Block* b, LabeledStmt* s) {
    const std::string& name = s->label->value;
    auto it = labels_.find(name);
    if (it != labels_.end()) {
      errh_(s->label->pos, "label " + name + " already defined at " + it->second->lstmt->label->pos.str());
      return it->second.get();
    }
    auto l = std::make_unique<LabelInfo>(LabelInfo{b, s, false});
    LabelInfo* raw = l.get();
    labels_[name] = std::move(l);
    return raw;
  }
  LabeledStmt* gotoTarget(Block* b, const std::string& name) {
    auto it = labels_.find(name);
    if (it == labels_.end()) return nullptr;
    it->second->used = true;
    for (; b; b = b->parent)
      if (it->second->parent == b) return it->second->lstmt;
    return nullptr;
  }
  LabeledStmt* enclosingTarget(Block* b, const std::string& name, bool* invalid) {
    *invalid = false;
    auto it = labels_.find(name);
    if (it == labels_.end()) return nullptr;
    it->second->used = true;
    for (; b; b = b->parent)
      if (it->second->lstmt == b->lstmt) return it->second->lstmt;
    *invalid = true;
    return nullptr;
  }

  const std::function<void(Pos, const std::string&)>& errh_;
  std::map<std::string, std::unique_ptr<LabelInfo>> labels_;
  std::vector<std::unique_ptr<Block>> blocks_;
  friend void check_branches(BlockStmt*, const std::function<void(Pos, const std::string&)>&);
};

std::vector<BranchStmt*> LabelScope::blockBranches(Block* parent, Targets ctxt, LabeledStmt* lstmt, Pos start,
                                                   const std::vector<Stmt*>& body) {
  blocks_.push_back(std::make_unique<Block>(Block{parent, start, lstmt}));
  Block* b = blocks_.back().get();
  Pos varPos{};
  std::string varName;
  std::vector<BranchStmt*> fwdGotos, badGotos;
  auto recordVarDecl = [&](Pos p, const std::string& name) {
    varPos = p;
    varName = name;
    badGotos = fwdGotos;
  };
  auto jumpsOverVarDecl = [&](BranchStmt* fwd) {
    if (!varPos.known()) return false;
    for (BranchStmt* bad : badGotos)
      if (bad == fwd) return true;
    return false;
  };
  auto innerBlock = [&](Targets c, Pos st, const std::vector<Stmt*>& l) {
    auto inner = blockBranches(b, c, lstmt, st, l);
    fwdGotos.insert(fwdGotos.end(), inner.begin(), inner.end());
  };
  std::size_t n = body.size();
  while (n > 0 && as<EmptyStmt>(body[n - 1])) n--;
  for (std::size_t stmtIndex = 0; stmtIndex < n; ++stmtIndex) {
    Stmt* stmt = body[stmtIndex];
    lstmt = nullptr;
  L:
    switch (stmt->kind) {
      case NodeKind::DeclStmt:
        for (Decl* d : static_cast<DeclStmt*>(stmt)->decls)
          if (auto v = as<VarDecl>(d)) {
            recordVarDecl(v->pos, v->names[0]->value);
            break;
          }
        break;
      case NodeKind::LabeledStmt: {
        auto s = static_cast<LabeledStmt*>(stmt);
        const std::string& name = s->label->value;
        if (name != "_") {
          LabelInfo* l = declare(b, s);
          std::size_t i = 0;
          for (BranchStmt* fwd : fwdGotos) {
            if (fwd->label->value == name) {
              fwd->target = s;
              l->used = true;
              if (jumpsOverVarDecl(fwd))
                errh_(fwd->label->pos, "goto " + name + " jumps over declaration of " + varName + " at " + varPos.str());
            } else {
              fwdGotos[i++] = fwd;
            }
          }
          fwdGotos.resize(i);
          lstmt = s;
        }
        stmt = s->stmt;
        goto L;
      }
      case NodeKind::BranchStmt: {
        auto s = static_cast<BranchStmt*>(stmt);
        if (!s->label) {
          switch (s->tok) {
            case Tok::Break:
              if (ctxt.breaks) s->target = ctxt.breaks;
              else errh_(s->pos, "break is not in a loop, switch, or select");
              break;
            case Tok::Continue:
              if (ctxt.continues) s->target = ctxt.continues;
              else errh_(s->pos, "continue is not in a loop");
              break;
            case Tok::Fallthrough: {
              std::string msg = "fallthrough statement out of place";
              if (auto t = as<SwitchStmt>(ctxt.breaks)) {
                if (as<TypeSwitchGuard>(t->tag)) {
                  msg = "cannot fallthrough in type switch";
                } else if (ctxt.caseIndex < 0 || stmtIndex + 1 < n) {
                  // fallthrough nested in a block or not the last statement
                } else if (static_cast<std::size_t>(ctxt.caseIndex) + 1 == t->body.size()) {
                  msg = "cannot fallthrough final case in switch";
                } else {
                  break;  // fallthrough ok
                }
              }
              errh_(s->pos, msg);
              break;
            }
            default:
              break;
          }
          break;
        }
        const std::string& name = s->label->value;
        bool invalid = false;
        switch (s->tok) {
          case Tok::Break: {
            LabeledStmt* t = enclosingTarget(b, name, &invalid);
            if (t || invalid) {
              Stmt* ts = t ? t->stmt : nullptr;
              if (ts && (as<SwitchStmt>(ts) || as<SelectStmt>(ts) || as<ForStmt>(ts))) s->target = ts;
              else errh_(s->label->pos, "invalid break label " + name);
            } else {
              errh_(s->label->pos, "break label not defined: " + name);
            }
            break;
          }
          case Tok::Continue: {
            LabeledStmt* t = enclosingTarget(b, name, &invalid);
            if (t || invalid) {
              Stmt* ts = t ? t->stmt : nullptr;
              if (ts && as<ForStmt>(ts)) s->target = ts;
              else errh_(s->label->pos, "invalid continue label " + name);
            } else {
              errh_(s->label->pos, "continue label not defined: " + name);
            }
            break;
          }
          case Tok::Goto:
            if (LabeledStmt* t = gotoTarget(b, name)) s->target = t;
            else fwdGotos.push_back(s);
            break;
          default:
            break;
        }
        break;
      }
      case NodeKind::AssignStmt: {
        auto s = static_cast<AssignStmt*>(stmt);
        if (s->op == Op::Def) recordVarDecl(s->pos, expr_string(s->lhs));
        break;
      }
      case NodeKind::BlockStmt: {
        auto s = static_cast<BlockStmt*>(stmt);
        innerBlock(Targets{ctxt.breaks, ctxt.continues, -1}, s->pos, s->list);
        break;
      }
      case NodeKind::IfStmt: {
        auto s = static_cast<IfStmt*>(stmt);
        Targets inner{ctxt.breaks, ctxt.continues, -1};
        innerBlock(inner, s->then->pos, s->then->list);
        if (s->else_) innerBlock(inner, s->else_->pos, std::vector<Stmt*>{s->else_});
        break;
      }
      case NodeKind::ForStmt: {
        auto s = static_cast<ForStmt*>(stmt);
        innerBlock(Targets{s, s, -1}, s->body->pos, s->body->list);
        break;
      }
      case NodeKind::SwitchStmt: {
        auto s = static_cast<SwitchStmt*>(stmt);
        Targets inner{s, ctxt.continues, -1};
        for (std::size_t i = 0; i < s->body.size(); ++i) {
          inner.caseIndex = static_cast<int>(i);
          innerBlock(inner, s->body[i]->pos, s->body[i]->body);
        }
        break;
      }
      case NodeKind::SelectStmt: {
        auto s = static_cast<SelectStmt*>(stmt);
        Targets inner{s, ctxt.continues, -1};
        for (CommClause* cc : s->body) innerBlock(inner, cc->pos, cc->body);
        break;
      }
      default:
        break;
    }
  }
  return fwdGotos;
}

void check_branches(BlockStmt* body, const std::function<void(Pos, const std::string&)>& errh) {
  if (!body) return;
  LabelScope ls(errh);
  auto fwd = ls.blockBranches(nullptr, Targets{}, nullptr, body->pos, body->list);
  ls.finish(std::move(fwd));
}

}  // namespace

bool is_whole_program(std::string_view src) {
  Lexer lex(src, [](std::uint32_t, std::uint32_t, const std::string&) {});
  lex.next();
  return lex.tok == Tok::Package;
}

File* parse_file(std::string_view src, AstArena& arena, DiagnosticSink& sink, bool legacy) {
  Parser p(src, arena, sink, legacy);
  try {
    return p.fileOrNil();
  } catch (const ParseAbort&) {
    return nullptr;
  } catch (const TooManyErrors&) {
    return nullptr;
  }
}

File* parse_snippet(std::string_view src, AstArena& arena, DiagnosticSink& sink, std::vector<SnippetItem>* items,
                    bool legacy) {
  Parser p(src, arena, sink, legacy);
  try {
    return p.snippet(items);
  } catch (const ParseAbort&) {
    return nullptr;
  } catch (const TooManyErrors&) {
    return nullptr;
  }
}

}  // namespace bucketlab::lang
