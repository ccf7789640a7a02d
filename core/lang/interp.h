// The interpreter: runs a compiled Program (bytecode.h) on the modelled Go
// process — every allocation through core/runtime, every map operation
// through core/maps — with an explicit frame stack, so a run can stop
// between any two instructions (budget, step, pause) and continue later
// exactly there.
//
// Simplifications (docs/lang.md, "Execution"): one goroutine on one P;
// locals are GC roots while in scope (Go: until their last use);
// allocation sites are heap-allocated unless docs/lang.md says otherwise;
// fmt's internal buffers (a sync.Pool in Go) are not modelled.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/lang/bytecode.h"
#include "core/maps/map_api.h"
#include "core/runtime/gc.h"

namespace bucketlab::runtime { class Runtime; }

namespace bucketlab::lang {

class FmtPool;

struct RunLimits {
  std::uint64_t max_ops = UINT64_MAX;  // stop (Paused) once ops() reaches this
  bool stop_at_statement = false;       // stop before the next statement (after ≥ 1 instruction)
  bool stop_after_map_op = false;       // stop right after the next map operation
  bool log_map_op = false;              // ... and emit a MapOp event naming its key's hash ("step map op")
  std::uint64_t max_stack_bytes = 64u << 20;
  std::uint64_t max_output_bytes = 1u << 20;
};

enum class Stop : std::uint8_t {
  Done,     // main returned
  Paused,   // a limit or a step condition: run() again to continue
  Panicked, // a Go panic / fatal error: message() and panic_pos()
};

class Interp : public runtime::RootSource {
 public:
  Interp(const Program& prog, runtime::Runtime& rt, maps::Maps& maps, std::uint64_t seed);
  ~Interp() override;
  Interp(const Interp&) = delete;
  Interp& operator=(const Interp&) = delete;

  Stop run(const RunLimits& limits);

  std::uint64_t ops() const { return ops_; }
  std::uint64_t map_ops() const { return map_ops_; }
  std::uint64_t statements() const { return stmts_; }
  bool done() const { return frames_.empty(); }
  Pos pos() const;                       // of the instruction about to run
  const std::string& out() const { return out_; }       // fmt.Print*, os.Stdout
  // The variable the map with this id (creation order) was first assigned
  // to when made, or "" (a map made inside a larger expression).
  std::string map_name(std::size_t id) const { return id < map_names_.size() ? map_names_[id] : std::string(); }
  std::string map_type(std::size_t id) const { return id < map_types_.size() ? map_types_[id] : std::string(); }
  const std::string& err_out() const { return err_; }   // print/println, os.Stderr
  // "panic: ...", "fatal error: ...", or a budget message; empty while running.
  const std::string& message() const { return message_; }
  Pos panic_pos() const { return panic_pos_; }
  int exit_status() const { return exit_status_; }

  void scan_roots(runtime::RootVisitor& v) override;

  // implementation detail shared with the library (interp_lib.cpp)
  struct Frame {
    const Function* fn;
    std::uint32_t pc;
    std::uint64_t base;     // byte offset of the frame in stack_
    std::uint32_t ret_dst;  // caller's result destination
    std::uint32_t iter_base;
  };
  void call_lib(LibId id, std::uint8_t* fp, const Instr& in);
  void print_builtin(std::uint8_t* fp, const Instr& in);
  [[noreturn]] void panic_value(std::uint8_t* fp, const Instr& in);
  std::string format_value_for_panic(const Type* t, const std::uint8_t* bytes);

  // simulated memory (heap, rodata, stack tmpBufs, globals)
  void read(Addr a, void* out, std::uint64_t n) const;
  void write(Addr a, const void* in, std::uint64_t n);
  std::string read_string(const std::uint8_t* hdr) const;
  Addr alloc_string(const std::string& s, bool noescape = false);  // rawstring / tmpBuf

 private:
  friend struct InterpAccess;
  void enter(std::uint32_t fn, const std::uint8_t* args, std::uint32_t ret_dst);
  void typed_store(Addr dst, const std::uint8_t* src, std::uint64_t n, std::uint32_t type_index);
  // Cost model (core/runtime/cost_model.h): a map operation's price by the
  // path the compiler picks (fast64/32, faststr, generic) and the map's
  // size, and the growth work (evacuation, overflow buckets) it did.
  enum class MapOp : std::uint8_t { Access, Assign, Delete };
  void charge_map_op(MapOp op, const runtime::Type* mt, std::int64_t len);  // len: the map's length after the op
  void charge_map_events();
  void log_map_op(MapOp op, const runtime::Type* mt, Addr m, const void* key);
  void store_elem(Addr dst, const std::uint8_t* frame_val, const runtime::Type* et);
  void load_elem(std::uint8_t* frame_val, Addr src, const runtime::Type* et);

  const Program& P;
  runtime::Runtime& rt_;
  maps::Maps& maps_;
  // Allocation roles (mspan.h slot info) by call site, so the heap view can
  // say what a span holds: newobject (new/&T{}/escaping locals), makeslice
  // and growslice, rawstring, convT (interface boxing), library objects.
  struct Roles {
    std::uint16_t object = 0, slice = 0, string = 0, boxed = 0, library = 0;
  } roles_;
  std::vector<Frame> frames_;
  std::vector<std::uint8_t> stack_;
  std::vector<std::uint8_t> globals_;
  std::vector<std::unique_ptr<maps::MapIter>> iters_;
  std::uint64_t ops_ = 0, map_ops_ = 0, stmts_ = 0;
  std::uint64_t sysmon_next_ = 0;  // stmts_ at which to run Runtime::sysmon next
  std::uint64_t events_seen_ = 0;  // runtime events already charged (map growth)
  std::string out_, err_, message_;
  std::vector<std::string> map_names_, map_types_;
  Pos panic_pos_;
  int exit_status_ = 0;
  std::uint64_t max_output_ = 1u << 20;
  std::uint64_t limits_stack_ = 64u << 20;
  void emit_out(std::string& to, const std::string& s);
 public:
  // math/rand's global source and time state (interp_lib.cpp)
  struct RandState;
  std::unique_ptr<RandState> rand_;
  std::unique_ptr<FmtPool> fmt_pool_;  // made at the first fmt call
  std::uint64_t seed_ = 1;
};

}  // namespace bucketlab::lang
