// The library packages a workload may use, with Go's signatures, so that
// calls are checked exactly as Go checks them. The interpreter implements
// each LibId; nothing else from these packages exists (using anything else
// is an "undefined: pkg.Name" error, as for a misspelled name).
//
//   fmt            Print Printf Println Sprint Sprintf Sprintln Errorf
//   strconv        Itoa Atoi FormatInt ParseInt Quote
//   runtime        GC ReadMemStats KeepAlive NumGoroutine, type MemStats
//   runtime/debug  FreeOSMemory SetGCPercent SetMemoryLimit
//   math/rand      Int Intn Int31 Int31n Int63 Int63n Uint32 Uint64 Float64
//                  Perm Seed New NewSource, types Rand (methods Int Intn
//                  Int31 Int31n Int63 Int63n Uint32 Uint64 Float64 Perm Seed)
//                  and Source (methods Int63 Seed)
//   time           Sleep Now Since, types Duration (methods Nanoseconds
//                  Microseconds Milliseconds Seconds Minutes Hours String)
//                  and Time (methods Sub UnixNano), constants Nanosecond
//                  Microsecond Millisecond Second Minute Hour
//   error          method Error (universe)
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "core/lang/types.h"

namespace bucketlab::lang {

enum class LibId : std::uint16_t {
  None = 0,
  // fmt
  FmtPrint, FmtPrintf, FmtPrintln, FmtSprint, FmtSprintf, FmtSprintln, FmtErrorf,
  // strconv
  StrconvItoa, StrconvAtoi, StrconvFormatInt, StrconvParseInt, StrconvQuote,
  // runtime
  RuntimeGC, RuntimeReadMemStats, RuntimeKeepAlive, RuntimeNumGoroutine,
  // runtime/debug
  DebugFreeOSMemory, DebugSetGCPercent, DebugSetMemoryLimit,
  // math/rand (package functions)
  RandInt, RandIntn, RandInt31, RandInt31n, RandInt63, RandInt63n, RandUint32, RandUint64, RandFloat64,
  RandPerm, RandSeed, RandNew, RandNewSource,
  // (*rand.Rand) methods
  RandRandInt, RandRandIntn, RandRandInt31, RandRandInt31n, RandRandInt63, RandRandInt63n, RandRandUint32,
  RandRandUint64, RandRandFloat64, RandRandPerm, RandRandSeed,
  // rand.Source methods
  RandSourceInt63, RandSourceSeed,
  // time
  TimeSleep, TimeNow, TimeSince,
  // time.Duration methods
  DurationNanoseconds, DurationMicroseconds, DurationMilliseconds, DurationSeconds, DurationMinutes,
  DurationHours, DurationString,
  // time.Time methods
  TimeTimeSub, TimeTimeUnixNano,
  // error
  ErrorError,
  Count
};

// "fmt.Println", "(*rand.Rand).Intn", "time.Duration.Seconds", ...
const char* lib_name(LibId id);

// The known packages by import path.
struct Stdlib {
  std::map<std::string, const Package*> by_path;
  const Type* memstats = nullptr;  // runtime.MemStats
  const Type* duration = nullptr;  // time.Duration
  const Type* time = nullptr;      // time.Time
  const Type* rand = nullptr;      // rand.Rand
  const Type* source = nullptr;    // rand.Source
};

// Reports whether the real Go package exports the name "pkg.Name",
// "pkg.Type.Method" or "pkg.Type.Field" (pkg is the package name), so that
// the checker can say "not supported by bucketlab" instead of "undefined".
bool go_api_has(const std::string& qualified);

// Creates the packages (and the methods of the universe's error type).
Stdlib install_stdlib(TypeStore& ts);

// Import paths of the packages a snippet may use without importing them,
// with their package names.
inline const std::pair<const char*, const char*> kSnippetImports[] = {
    {"fmt", "fmt"}, {"math/rand", "rand"}, {"runtime", "runtime"},
    {"runtime/debug", "debug"}, {"strconv", "strconv"}, {"time", "time"},
};

}  // namespace bucketlab::lang
