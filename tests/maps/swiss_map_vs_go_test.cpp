// Differential test: the Swiss-table map model against the real Go runtime
// of the machine's modern toolchain (go1.26, internal/runtime/maps).
//
// tests/oracle/swiss/main.go runs an op script on a real map with
// GODEBUG=cpu.aes=off (the portable hash), prints runtime.hashkey, the
// map's seed (and every reseed), the group layout, and at each `dump` the
// Map header, every table (index, localDepth, capacity, used, growthLeft,
// every control byte) and the directory; `iter*` ops print the iterator's
// random offsets and the order it returned the entries in (with insertions
// or deletions in the middle of the iteration); MemStats deltas around the
// whole script. The model, given the same seeds, offsets and ops, must
// match every dump and every iteration exactly, and MemStats within 2 %.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/maps/hash.h"
#include "core/maps/swiss_map.h"
#include "core/runtime/runtime.h"
#include "tests/support/go_oracle.h"
#include "tests/support/runtime_fixtures.h"

using namespace bucketlab;
using namespace bucketlab::maps;
using runtime::Kind;

namespace {

struct GoIter {
  std::uint64_t entry_offset = 0, dir_offset = 0;
  std::vector<std::uint64_t> seq;  // key index, elem, key index, elem, ...
};

struct GoRun {
  std::uint64_t hashkey[4] = {0, 0, 0, 0};
  std::uint64_t layout[3] = {0, 0, 0};  // GroupSize SlotSize ElemOff
  std::uint64_t seed = 0;
  std::map<std::size_t, std::uint64_t> reseed;  // op index → new seed
  std::vector<std::vector<std::string>> dumps;  // the lines of each dump, "end" excluded
  std::map<std::size_t, GoIter> iters;          // op index → iteration
  std::int64_t mallocs = 0, heap_objects = 0, heap_alloc = 0;
};

GoRun parse(const std::string& out) {
  GoRun r;
  std::istringstream in(out);
  std::string line;
  std::vector<std::string>* d = nullptr;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string w;
    ls >> w;
    if (w == "hashkey") {
      for (auto& k : r.hashkey) ls >> k;
    } else if (w == "layout") {
      for (auto& k : r.layout) ls >> k;
    } else if (w == "seed") {
      ls >> r.seed;
    } else if (w == "reseed") {
      std::size_t op;
      std::uint64_t s;
      ls >> op >> s;
      r.reseed[op] = s;
    } else if (w == "hdr") {
      r.dumps.emplace_back();
      d = &r.dumps.back();
      d->push_back(line);
    } else if (w == "small" || w == "table" || w == "dir") {
      if (d) d->push_back(line);
    } else if (w == "end") {
      d = nullptr;
    } else if (w == "iter") {
      std::size_t op;
      GoIter it;
      ls >> op >> it.entry_offset >> it.dir_offset;
      std::uint64_t v;
      while (ls >> v) it.seq.push_back(v);
      r.iters[op] = it;
    } else if (w == "mem") {
      ls >> r.mallocs >> r.heap_objects >> r.heap_alloc;
    }
  }
  return r;
}

struct Op {
  std::string kind;
  std::int64_t n = 0, a = 0, b = 0;
};

struct Case {
  std::string name;
  std::string key;  // int64 | int32 | string
  std::int64_t hint = 0;
  std::vector<Op> ops;
  std::string script() const {
    std::string s = "map " + key + " " + std::to_string(hint) + "\n";
    for (const auto& o : ops) {
      s += o.kind;
      if (o.kind == "set" || o.kind == "del") s += " " + std::to_string(o.a) + " " + std::to_string(o.b);
      if (o.kind == "iterset" || o.kind == "iterdel")
        s += " " + std::to_string(o.n) + " " + std::to_string(o.a) + " " + std::to_string(o.b);
      s += "\n";
    }
    return s;
  }
};

struct Outcome {
  std::size_t dumps = 0, tables_compared = 0, ctrl_bytes = 0, iterations = 0, iter_entries = 0;
  std::uint64_t max_dir_len = 0, grows = 0, splits = 0, dir_grows = 0, prunes = 0;
  std::int64_t model_mallocs = 0, model_objects = 0, model_alloc = 0;
};

const char* hexdigits = "0123456789abcdef";
void ctrl_hex(const runtime::Runtime& rt, Addr g, std::string& s) {
  for (std::uint64_t i = 0; i < 8; ++i) {
    const std::uint8_t x = rt.load_u8(g + i);
    s += hexdigits[x >> 4];
    s += hexdigits[x & 15];
  }
}

// The model's state in the oracle's dump format.
std::vector<std::string> model_dump(const swiss::SwissMap& ops, Addr m) {
  const runtime::Runtime& rt = ops.rt();
  std::vector<std::string> lines;
  auto u = [](std::uint64_t v) { return " " + std::to_string(v); };
  lines.push_back("hdr" + u(ops.used(m)) + u(ops.seed(m)) + u(static_cast<std::uint64_t>(ops.dir_len(m))) +
                  u(ops.global_depth(m)) + u(ops.global_shift(m)) + u(ops.writing(m)) +
                  u(ops.tombstone_possible(m)) + u(ops.clear_seq(m)));
  if (ops.dir_ptr(m) != kNil && ops.dir_len(m) == 0) {
    std::string s = "small ";
    ctrl_hex(rt, ops.dir_ptr(m), s);
    lines.push_back(s);
  }
  if (ops.dir_len(m) > 0) {
    Addr last = kNil;
    std::string dir = "dir";
    for (std::uint64_t i = 0; i < static_cast<std::uint64_t>(ops.dir_len(m)); ++i) {
      const Addr ta = ops.directory_at(m, i);
      const swiss::Table t(ops, ta);
      dir += u(static_cast<std::uint64_t>(t.index()));
      if (ta == last) continue;
      last = ta;
      std::string s = "table" + u(static_cast<std::uint64_t>(t.index())) + u(t.local_depth()) + u(t.capacity()) +
                      u(t.used()) + u(t.growth_left()) + " ";
      for (std::uint64_t g = 0; g <= t.length_mask(); ++g) ctrl_hex(rt, t.group(g), s);
      lines.push_back(s);
    }
    lines.push_back(dir);
  }
  return lines;
}

// The iterator is a GC root while it runs (Go: a live stack object).
struct IterRoots : runtime::RootSource {
  swiss::Iter it;
  void scan_roots(runtime::RootVisitor& v) override {
    for (Addr a : {it.key, it.elem, it.m, it.tab, it.group}) v.pointer(a);
  }
};

Outcome run_model(const Case& c, const GoRun& go) {
  runtime::Runtime rt(testing::config_for(26, 7));
  testing::TestRoots roots;
  rt.add_root_source(&roots);
  Hashkey hk;
  for (int i = 0; i < 4; ++i) hk.k[i] = go.hashkey[i];
  const auto alg = make_go_key_alg(rt, hk);
  const swiss::Roles roles = swiss::Roles::register_in(rt);
  auto& tt = rt.types();
  const runtime::Type* kt = c.key == "pair" ? tt.array_of(tt.basic(Kind::Int64), 2)
                            : tt.basic(c.key == "int64" ? Kind::Int64 : c.key == "int32" ? Kind::Int32 : Kind::String);
  const swiss::MapType mt = swiss::make_map_type(tt, tt.map_of(kt, tt.basic(Kind::Int64)), rt.version());
  const swiss::SwissMap ops(rt, mt, *alg, roles, 0);
  CHECK(mt.group_size == go.layout[0]);
  CHECK(mt.slot_size == go.layout[1]);
  CHECK(mt.elem_off == go.layout[2]);
  // String keys "k<i>" live outside the heap, like the oracle's keys made
  // before its measurement starts.
  auto key_bytes = [&](std::int64_t i, std::uint8_t* out) {
    if (c.key == "int64") {
      std::memcpy(out, &i, 8);
    } else if (c.key == "pair") {
      std::memcpy(out, &i, 8);
      std::memcpy(out + 8, &i, 8);
    } else if (c.key == "int32") {
      const auto v = static_cast<std::int32_t>(i);
      std::memcpy(out, &v, 4);
    } else {
      const std::string s = "k" + std::to_string(i);
      const Addr a = rt.intern_literal(s);
      const std::uint64_t len = s.size();
      std::memcpy(out, &a, 8);
      std::memcpy(out + 8, &len, 8);
    }
  };
  auto key_index = [&](Addr k) -> std::uint64_t {
    if (c.key == "int64" || c.key == "pair") return rt.load_u64(k);
    if (c.key == "int32") return rt.load_u32(k);
    std::uint8_t hdr[16];
    rt.read_bytes(k, hdr, 16);
    std::uint64_t data, len;
    std::memcpy(&data, hdr, 8);
    std::memcpy(&len, hdr + 8, 8);
    std::string s(len, '\0');
    rt.read_bytes(data, s.data(), len);
    return std::stoull(s.substr(1));
  };
  rt.gc();
  const runtime::MemStats before = rt.read_mem_stats();
  const Addr m = ops.make(c.hint, go.seed);
  roots.ptrs.push_back(m);
  Outcome out;
  std::size_t dump_i = 0;
  std::uint8_t key[16];
  // Invariants after every operation while the map is small, then every
  // 1024th (each check walks the whole map); always at a dump.
  std::uint64_t op_count = 0;
  auto check = [&] {
    if (kBucketlabCheckInvariants && (ops.used(m) <= 128 || ++op_count % 1024 == 0)) ops.check_invariants(m);
  };
  auto set = [&](std::int64_t i, std::int64_t v) {
    key_bytes(i, key);
    rt.store_u64(ops.assign(m, key), static_cast<std::uint64_t>(v));
    check();
  };
  auto del = [&](std::int64_t i) {
    key_bytes(i, key);
    ops.remove(m, key);
    check();
  };
  for (std::size_t n = 0; n < c.ops.size(); ++n) {
    const Op& o = c.ops[n];
    if (o.kind == "set") {
      for (std::int64_t i = o.a; i < o.b; ++i) set(i, i);
    } else if (o.kind == "del") {
      for (std::int64_t i = o.a; i < o.b; ++i) del(i);
    } else if (o.kind == "clear") {
      ops.clear(m);
      check();
    } else if (o.kind == "dump") {
      ops.check_invariants(m);
      rt.check_invariants();
      REQUIRE(dump_i < go.dumps.size());
      const std::vector<std::string>& g = go.dumps[dump_i++];
      const std::vector<std::string> mine = model_dump(ops, m);
      INFO(c.name << ": dump " << dump_i << " after op " << n);
      CHECK(mine.size() == g.size());
      std::size_t bad = 0;
      for (std::size_t i = 0; i < std::min(mine.size(), g.size()); ++i) {
        if (mine[i] != g[i] && bad++ < 3) FAIL_CHECK("line " << i << "\nmodel " << mine[i] << "\ngo    " << g[i]);
        if (g[i].rfind("table", 0) == 0) {
          ++out.tables_compared;
          out.ctrl_bytes += (g[i].size() - g[i].rfind(' ') - 1) / 2;
        }
      }
      CHECK(bad == 0);
      out.max_dir_len = std::max<std::uint64_t>(out.max_dir_len, static_cast<std::uint64_t>(ops.dir_len(m)));
      ++out.dumps;
    } else if (o.kind == "iter" || o.kind == "iterset" || o.kind == "iterdel") {
      auto gi = go.iters.find(n);
      REQUIRE(gi != go.iters.end());
      IterRoots ir;
      rt.add_root_source(&ir);
      std::vector<std::uint64_t> seq;
      std::int64_t count = 0;
      for (ops.iter_init(m, ir.it, gi->second.entry_offset, gi->second.dir_offset); ir.it.key != kNil;
           ops.iter_next(ir.it)) {
        seq.push_back(key_index(ir.it.key));
        seq.push_back(rt.load_u64(ir.it.elem));
        if (++count == o.n && o.kind != "iter") {
          for (std::int64_t i = o.a; i < o.b; ++i) {
            if (o.kind == "iterset")
              set(i, i + 1000000);
            else
              del(i);
          }
        }
      }
      rt.remove_root_source(&ir);
      INFO(c.name << ": iteration at op " << n);
      CHECK(seq == gi->second.seq);
      ++out.iterations;
      out.iter_entries += seq.size() / 2;
    }
    // Go drew a new seed here (delete to empty, clear): take its value.
    if (auto it = go.reseed.find(n); it != go.reseed.end()) ops.set_seed(m, it->second);
  }
  CHECK(dump_i == go.dumps.size());
  rt.gc();
  const runtime::MemStats after = rt.read_mem_stats();
  out.model_mallocs = static_cast<std::int64_t>(after.Mallocs - before.Mallocs);
  out.model_objects = static_cast<std::int64_t>(after.HeapObjects) - static_cast<std::int64_t>(before.HeapObjects);
  out.model_alloc = static_cast<std::int64_t>(after.HeapAlloc) - static_cast<std::int64_t>(before.HeapAlloc);
  for (const auto& e : rt.state().events.events()) {
    out.grows += e.kind == EventKind::SwissTableGrow;
    out.splits += e.kind == EventKind::SwissTableSplit;
    out.dir_grows += e.kind == EventKind::SwissDirGrow;
    out.prunes += e.kind == EventKind::SwissTombstonesCleared;
  }
  rt.remove_root_source(&roots);
  return out;
}

bool within_2pct(std::int64_t model, std::int64_t go) {
  const std::int64_t diff = model > go ? model - go : go - model;
  return diff * 50 <= (go < 0 ? -go : go);
}

Case churn_case(const std::string& name, const std::string& key, int window) {
  Case c{name, key, 0, {{"set", 0, 0, window}}};
  for (int s = 0; s < 300; ++s) {
    c.ops.push_back({"set", 0, window + 50 * s, window + 50 * s + 50});
    c.ops.push_back({"del", 0, 50 * s, 50 * s + 50});
    if (s % 30 == 29) c.ops.push_back({"dump"});
  }
  c.ops.push_back({"iter"});
  return c;
}

std::vector<Case> cases() {
  std::vector<Case> v;
  for (const std::string k : {"int64", "int32", "string"}) {
    v.push_back({"small map " + k, k, 0,
                 {{"set", 0, 0, 5}, {"dump"}, {"iter"}, {"del", 0, 1, 3}, {"dump"}, {"set", 0, 5, 8}, {"dump"},
                  {"iter"}, {"set", 0, 8, 9}, {"dump"}, {"del", 0, 0, 9}, {"dump"}}});
    v.push_back({"insert-only " + k, k, 0,
                 {{"set", 0, 0, 14}, {"dump"}, {"set", 0, 14, 15}, {"dump"}, {"set", 0, 15, 896}, {"dump"},
                  {"set", 0, 896, 897}, {"dump"}, {"iter"}, {"set", 0, 897, 20000}, {"dump"}, {"iter"}}});
    v.push_back({"hinted " + k, k, 5000,
                 {{"dump"}, {"set", 0, 0, 4000}, {"dump"}, {"set", 0, 4000, 9000}, {"dump"}, {"iter"}}});
    v.push_back({"hint 897 (less capacity than asked) " + k, k, 897, {{"dump"}, {"set", 0, 0, 897}, {"dump"}}});
    v.push_back({"delete-heavy " + k, k, 0,
                 {{"set", 0, 0, 5000}, {"del", 0, 0, 4500}, {"dump"}, {"iter"}, {"set", 0, 5000, 6000},
                  {"del", 0, 4500, 5800}, {"dump"}, {"del", 0, 5800, 6000}, {"dump"}, {"set", 0, 0, 30}, {"dump"}}});
    // Sliding windows of 400 and 800 keys, 50 in and 50 out per step, in a
    // 1024-slot table: deletes from full groups leave tombstones until
    // growthLeft runs out. With 400 live keys, pruning (≥ 10% of capacity
    // in tombstones no probe needs) succeeds for mapassign_fast32/fast64/
    // faststr; with 800 too few tombstones are prunable and the table splits.
    for (int window : {400, 800}) v.push_back(churn_case("churn " + std::to_string(window) + " " + k, k, window));
    v.push_back({"clear " + k, k, 0,
                 {{"set", 0, 0, 3000}, {"del", 0, 0, 100}, {"clear"}, {"dump"}, {"set", 0, 0, 100}, {"dump"},
                  {"clear"}, {"dump"}, {"clear"}, {"dump"}}});
    v.push_back({"iteration across growth " + k, k, 0,
                 {{"set", 0, 0, 6}, {"iterset", 2, 6, 40}, {"dump"}, {"iterset", 10, 40, 200}, {"dump"},
                  {"iterdel", 5, 0, 100}, {"dump"}, {"set", 0, 200, 2000}, {"iterset", 100, 2000, 5000}, {"dump"},
                  {"iterset", 7, 0, 100}, {"iterdel", 1, 0, 5000}, {"dump"}}});
  }
  // [2]int64 keys take the generic mapassign, which does not prune in Go 1.26.
  v.push_back(churn_case("churn 400 pair (generic mapassign)", "pair", 400));
  v.push_back({"insert-only pair", "pair", 0, {{"set", 0, 0, 3000}, {"dump"}, {"del", 0, 0, 1500}, {"iter"}, {"dump"}}});
  v.push_back({"insert-only 2^18 entries int64", "int64", 0, {{"set", 0, 0, 262144}, {"dump"}}});
  v.push_back({"insert-only 230000 string", "string", 0, {{"set", 0, 0, 230000}, {"dump"}, {"iter"}}});
  return v;
}

}  // namespace

TEST_CASE("swiss map matches the real Go 1.26 runtime table for table", "[maps][swiss][oracle-go]") {
  testing::GoOracle go(testing::GoToolchain::Modern, "tests/oracle/swiss/main.go");
  if (!go.available()) {
    WARN("modern Go toolchain not available: differential test skipped (" << go.why_unavailable() << ")");
    return;
  }
  for (const Case& c : cases()) {
    SECTION(c.name) {
      const testing::GoResult r = go.run(c.script(), {"GODEBUG=cpu.aes=off", "GOMAXPROCS=1"});
      INFO(r.err);
      REQUIRE(r.exit_status == 0);
      const GoRun g = parse(r.out);
      REQUIRE(g.dumps.size() == static_cast<std::size_t>(std::count_if(c.ops.begin(), c.ops.end(), [](const Op& o) { return o.kind == "dump"; })));
      const Outcome o = run_model(c, g);
      INFO(c.name << ": Mallocs model " << o.model_mallocs << " go " << g.mallocs << "; HeapObjects model "
                  << o.model_objects << " go " << g.heap_objects << "; HeapAlloc model " << o.model_alloc << " go "
                  << g.heap_alloc);
      CHECK(within_2pct(o.model_mallocs, g.mallocs));
      CHECK(within_2pct(o.model_objects, g.heap_objects));
      CHECK(within_2pct(o.model_alloc, g.heap_alloc));
      // The churn cases exist to exercise pruning, or its absence.
      if (c.name.rfind("churn 400", 0) == 0) CHECK((o.prunes > 0) == (c.key != "pair"));
      // One line per case for the closing report.
      std::printf("swiss-vs-go | %-40s | dumps %zu | tables %zu | ctrl bytes %zu | iterations %zu (%zu entries) | "
                  "max dirLen %llu | grows %llu splits %llu dir-grows %llu prunes %llu | Mallocs %lld/%lld | "
                  "HeapObjects %lld/%lld | HeapAlloc %lld/%lld\n",
                  c.name.c_str(), o.dumps, o.tables_compared, o.ctrl_bytes, o.iterations, o.iter_entries,
                  static_cast<unsigned long long>(o.max_dir_len), static_cast<unsigned long long>(o.grows),
                  static_cast<unsigned long long>(o.splits), static_cast<unsigned long long>(o.dir_grows),
                  static_cast<unsigned long long>(o.prunes), static_cast<long long>(o.model_mallocs),
                  static_cast<long long>(g.mallocs), static_cast<long long>(o.model_objects),
                  static_cast<long long>(g.heap_objects), static_cast<long long>(o.model_alloc),
                  static_cast<long long>(g.heap_alloc));
    }
  }
}
