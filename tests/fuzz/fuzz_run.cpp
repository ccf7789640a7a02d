// libFuzzer target: programs the front end accepts, run under small budgets
// (operations, heap, output, stack) with every structure's invariants
// checked after every operation (BUCKETLAB_CHECK_INVARIANTS). A run must
// end as done, panicked (Go's message) or stopped (a budget's message).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/sim/simulation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bucketlab::sim::SimConfig c;
  c.version = bucketlab::runtime::GoVersion{(data[0] & 1) ? 26 : 19};
  c.gogc = (data[0] & 2) ? 50 : 100;
  c.budgets.max_ops = 200000;
  c.budgets.max_heap_bytes = 64ull << 20;
  c.budgets.max_output_bytes = 64 << 10;
  c.budgets.max_stack_bytes = 1 << 20;
  c.sample_every_ops = 1000;
  c.max_samples = 64;
  const std::string_view src(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto r = bucketlab::sim::load(src, c);
  if (!r.sim) return 0;
  auto& sim = *r.sim;
  // half the inputs step (statement / map op / evacuation / GC), half run in slices
  int k = 0;
  while (sim.state() == bucketlab::sim::RunState::Ready) {
    if (data[0] & 4) sim.step(static_cast<bucketlab::sim::StepKind>(k++ % 4));
    else sim.run(997);
  }
  if (sim.state() != bucketlab::sim::RunState::Done && sim.error().empty()) std::abort();
  sim.check_invariants();
  (void)sim.memstats();
  (void)sim.maps();
  return 0;
}
