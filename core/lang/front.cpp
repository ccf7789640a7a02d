#include "core/lang/front.h"

#include <algorithm>
#include <map>

#include "core/lang/lexer.h"
#include "core/lang/parser.h"

namespace bucketlab::lang {

std::vector<std::pair<std::string, Pos>> implicit_imports(std::string_view snippet) {
  std::map<std::string, std::string> by_name;  // package name -> path
  for (const auto& [path, name] : kSnippetImports) by_name[name] = path;
  std::map<std::string, Pos> found;
  Lexer lex(snippet, [](std::uint32_t, std::uint32_t, const std::string&) {});
  Tok prev = Tok::None;
  std::string pending;  // a package name seen, waiting for the next token
  Pos pending_pos;
  for (;;) {
    lex.next();
    if (!pending.empty()) {
      if (lex.tok == Tok::Dot) {
        const std::string& path = by_name[pending];
        if (!found.count(path)) found[path] = pending_pos;
      }
      pending.clear();
    }
    if (lex.tok == Tok::EOF_) break;
    if (lex.tok == Tok::Name && prev != Tok::Dot && by_name.count(lex.lit)) {
      pending = lex.lit;
      pending_pos = Pos{lex.line, lex.col};
    }
    prev = lex.tok;
  }
  return {found.begin(), found.end()};
}

WrappedSnippet wrap_snippet(std::string_view snippet) {
  WrappedSnippet w;
  AstArena arena;
  DiagnosticSink sink;
  std::vector<SnippetItem> items;
  parse_snippet(snippet, arena, sink, &items);
  auto add_line = [&](const std::string& text, std::uint32_t origin) {
    w.text += text;
    w.text += '\n';
    w.line_map.push_back(origin);
  };
  // Copies snippet bytes [begin, end), indented to the column of pos.
  auto add_range = [&](std::size_t begin, std::size_t end, Pos pos) {
    std::string text(pos.col > 0 ? pos.col - 1 : 0, ' ');
    text += std::string(snippet.substr(begin, end - begin));
    std::uint32_t line = pos.line;
    std::size_t start = 0;
    for (;;) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string::npos) {
        add_line(text.substr(start), line);
        break;
      }
      std::string l = text.substr(start, nl - start);
      if (!l.empty() && l.back() == '\r') l.pop_back();
      add_line(l, line);
      line++;
      start = nl + 1;
    }
  };
  add_line("package main", 0);
  auto imports = implicit_imports(snippet);
  if (!imports.empty()) {
    add_line("", 0);
    add_line("import (", 0);
    for (const auto& [path, pos] : imports) {
      add_line("\t\"" + path + "\"", 0);
      w.imports.push_back(path);
    }
    add_line(")", 0);
  }
  for (const SnippetItem& it : items)
    if (it.kind == SnippetItem::TypeDecl || it.kind == SnippetItem::FuncDecl) add_range(it.begin, it.end, it.pos);
  add_line("func main() {", 0);
  for (std::size_t i = 0; i < items.size();) {
    if (items[i].kind != SnippetItem::Statement) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < items.size() && items[j + 1].kind == SnippetItem::Statement) ++j;
    add_range(items[i].begin, items[j].end, items[i].pos);
    i = j + 1;
  }
  add_line("}", 0);
  return w;
}

FrontResult compile_front(std::string_view source, runtime::GoVersion version,
                          std::shared_ptr<runtime::TypeTable> types) {
  FrontResult res;
  if (source.size() > kMaxSourceBytes) {
    res.diagnostics.push_back(Diagnostic{1, 1, "source too large: " + std::to_string(source.size()) +
                                                   " bytes (bucketlab accepts at most " +
                                                   std::to_string(kMaxSourceBytes) + ")"});
    return res;
  }
  auto prog = std::make_unique<CheckedProgram>();
  prog->source = std::string(source);
  prog->rt_table = types ? std::move(types) : std::make_shared<runtime::TypeTable>();
  DiagnosticSink sink;
  bool whole = is_whole_program(prog->source);
  File* file = nullptr;
  try {
    bool legacy = version.minor <= 19;
    file = whole ? parse_file(prog->source, prog->ast, sink, legacy)
                 : parse_snippet(prog->source, prog->ast, sink, nullptr, legacy);
  } catch (const TooManyErrors&) {
  }
  if (!file || sink.syntax_errors() > 0 || sink.limit_reached()) {
    res.diagnostics = sink.finish();
    if (res.diagnostics.empty()) res.diagnostics.push_back(Diagnostic{1, 1, "syntax error: cannot parse workload"});
    return res;
  }
  prog->file = file;
  CheckOptions opts;
  opts.version = version;
  opts.snippet = !whole;
  if (!whole) opts.implicit_imports = implicit_imports(prog->source);
  try {
    check_program(*prog, opts, sink);
  } catch (const TooManyErrors&) {
  }
  res.diagnostics = sink.finish();
  if (res.diagnostics.empty()) res.program = std::move(prog);
  return res;
}

}  // namespace bucketlab::lang
