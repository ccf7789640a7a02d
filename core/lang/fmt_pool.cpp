// fmt's ppFree pool (see fmt_pool.h).
#include "core/lang/fmt_pool.h"

#include "core/common/check.h"
#include "core/runtime/runtime.h"
#include "core/runtime/slice.h"
#include "core/runtime/type.h"

namespace bucketlab::lang {

namespace {
// fmt/print.go pp: buf buffer (0), arg any (24), value reflect.Value {typ,
// ptr, flag} (40), fmt fmt {buf *buffer (64), fmtFlags, wid, prec, intbuf
// [68]byte} (64..176), 5 bools, then Go 1.19 wrappedErr error (184, 200
// bytes) or Go 1.20+ wrappedErrs []int (184, 208 bytes).
constexpr std::uint64_t kPpSize119 = 200, kPpSize120 = 208;
// sync/pool.go poolLocal: poolLocalInternal {private any, shared poolChain
// {head, tail}} padded to 128 bytes.
constexpr std::uint64_t kPoolLocalSize = 128;
constexpr std::int64_t kMaxKeptBuf = 64 << 10;  // pp.free: cap(p.buf) > 64*1024 is dropped
}  // namespace

FmtPool::FmtPool(runtime::Runtime& rt) : rt_(rt) {
  auto& T = rt.types();
  pp_type_ = rt.version().minor >= 20 ? T.internal("fmt.pp", kPpSize120, 8, {0, 24, 32, 40, 48, 64, 184})
                                      : T.internal("fmt.pp", kPpSize119, 8, {0, 24, 32, 40, 48, 64, 184, 192});
  local_type_ = T.internal("sync.poolLocal", kPoolLocalSize, 8, {0, 8, 16, 24});
  pool_ptr_type_ = T.internal("*sync.Pool", 8, 8, {0});
  byte_type_ = T.basic(runtime::Kind::Uint8);
  role_ = rt.register_alloc_role("fmt printer cache");
}

void FmtPool::pin_slow() {
  // make([]poolLocal, GOMAXPROCS), then allPools = append(allPools, p) onto a nil slice
  local_ = rt_.newarray(local_type_, 1, role_);
  local_gc_ = rt_.num_gc();
  runtime::Runtime::LocalRoot keep(rt_, local_);
  all_pools_ = runtime::growslice(rt_, pool_ptr_type_, runtime::SliceHeader{}, 1, role_).array;
}

void FmtPool::get() {
  const std::uint32_t now = rt_.num_gc();
  if (local_ == kNil || local_gc_ != now) pin_slow();  // p.local == nil after any GC
  // l.private (pp put since the last GC), else getSlow's victim (put before
  // the last GC), else New.
  if (pp_ == kNil || !held(pp_gc_ + 1, now)) {
    pp_ = rt_.newobject(pp_type_, role_);
    buf_ = kNil;
    buf_cap_ = 0;
  }
  in_use_ = true;
}

void FmtPool::grow_buffer(const std::vector<std::uint32_t>& appends) {
  std::int64_t len = 0;
  for (std::uint32_t l : appends) {
    if (l > buf_cap_) {
      const runtime::SliceHeader nb =
          runtime::growslice(rt_, byte_type_, runtime::SliceHeader{buf_, len, buf_cap_}, l, role_);
      buf_ = nb.array;
      buf_cap_ = nb.cap;
      rt_.store_u64(pp_, buf_);  // pp.buf's array: the GC reaches it through the pp
    }
    len = l;
  }
  rt_.store_u64(pp_ + 8, static_cast<std::uint64_t>(len));
  rt_.store_u64(pp_ + 16, static_cast<std::uint64_t>(buf_cap_));
}

void FmtPool::put() {
  if (buf_cap_ > kMaxKeptBuf) {
    buf_ = kNil;
    buf_cap_ = 0;
    rt_.store_u64(pp_, 0);
  }
  rt_.store_u64(pp_ + 8, 0);  // p.buf = p.buf[:0]
  rt_.store_u64(pp_ + 16, static_cast<std::uint64_t>(buf_cap_));
  const std::uint32_t now = rt_.num_gc();
  if (local_ == kNil || local_gc_ != now) pin_slow();  // a GC ran while printing
  pp_gc_ = now;
  in_use_ = false;
}

void FmtPool::scan_roots(runtime::RootVisitor& v) const {
  const std::uint32_t n = rt_.num_gc();  // during GC g: g - 1
  if (local_ != kNil && held(local_gc_, n)) {
    v.pointer(local_);
    v.pointer(all_pools_);  // allPools, then oldPools, for the same span of GCs
  }
  if (pp_ != kNil && (in_use_ || held(pp_gc_, n))) v.pointer(pp_);
}

void FmtPool::check_invariants() const {
  BUCKETLAB_INVARIANT(buf_cap_ >= 0, "fmt pool: negative buffer capacity");
  BUCKETLAB_INVARIANT(buf_ == kNil || pp_ != kNil, "fmt pool: a buffer without its printer");
}

}  // namespace bucketlab::lang
