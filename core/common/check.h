// Invariant checking. Every structure has a check_invariants() that throws
// InvariantError("invariant failed: ...") on the first violation. Builds
// configured with BUCKETLAB_CHECK_INVARIANTS (the `debug` preset) call it
// after every mutating operation through BUCKETLAB_DEBUG_CHECK; release
// builds compile the call away so the hot paths stay fast.
#pragma once
#include <stdexcept>
#include <string>

namespace bucketlab {

struct InvariantError : std::logic_error {
  explicit InvariantError(const std::string& what) : std::logic_error("invariant failed: " + what) {}
};

// Internal consistency failure of the model itself (a bug in bucketlab, not
// in the workload). Workload errors use their own types with line:col.
struct ModelError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace bucketlab

// Cheap check that stays on in every build: the model must never silently
// corrupt its own state.
#define BUCKETLAB_ASSERT(cond, msg)                                                   \
  do {                                                                                \
    if (!(cond)) throw ::bucketlab::ModelError(std::string("bucketlab: ") + (msg) + \
                                               " (" #cond ") at " __FILE__);        \
  } while (0)

// Used inside check_invariants(): a failed condition throws InvariantError.
#define BUCKETLAB_INVARIANT(cond, msg)                                                   \
  do {                                                                                   \
    if (!(cond)) throw ::bucketlab::InvariantError(std::string(msg) + " (" #cond ")"); \
  } while (0)

#if defined(BUCKETLAB_CHECK_INVARIANTS)
#define BUCKETLAB_DEBUG_CHECK(obj) (obj).check_invariants()
inline constexpr bool kBucketlabCheckInvariants = true;
#else
#define BUCKETLAB_DEBUG_CHECK(obj) ((void)0)
inline constexpr bool kBucketlabCheckInvariants = false;
#endif
