#include "core/lang/stdlib.h"

#include <algorithm>
#include <iterator>

namespace bucketlab::lang {

namespace {

const char* const kLibNames[] = {
    "",
    "fmt.Print", "fmt.Printf", "fmt.Println", "fmt.Sprint", "fmt.Sprintf", "fmt.Sprintln", "fmt.Errorf",
    "strconv.Itoa", "strconv.Atoi", "strconv.FormatInt", "strconv.ParseInt", "strconv.Quote",
    "runtime.GC", "runtime.ReadMemStats", "runtime.KeepAlive", "runtime.NumGoroutine",
    "debug.FreeOSMemory", "debug.SetGCPercent", "debug.SetMemoryLimit",
    "rand.Int", "rand.Intn", "rand.Int31", "rand.Int31n", "rand.Int63", "rand.Int63n", "rand.Uint32",
    "rand.Uint64", "rand.Float64", "rand.Perm", "rand.Seed", "rand.New", "rand.NewSource",
    "(*rand.Rand).Int", "(*rand.Rand).Intn", "(*rand.Rand).Int31", "(*rand.Rand).Int31n", "(*rand.Rand).Int63",
    "(*rand.Rand).Int63n", "(*rand.Rand).Uint32", "(*rand.Rand).Uint64", "(*rand.Rand).Float64",
    "(*rand.Rand).Perm", "(*rand.Rand).Seed",
    "rand.Source.Int63", "rand.Source.Seed",
    "time.Sleep", "time.Now", "time.Since",
    "time.Duration.Nanoseconds", "time.Duration.Microseconds", "time.Duration.Milliseconds",
    "time.Duration.Seconds", "time.Duration.Minutes", "time.Duration.Hours", "time.Duration.String",
    "time.Time.Sub", "time.Time.UnixNano",
    "error.Error",
};
static_assert(sizeof kLibNames / sizeof kLibNames[0] == static_cast<std::size_t>(LibId::Count));

class Builder {
 public:
  explicit Builder(TypeStore& ts) : ts_(ts) {}

  const Type* b(BasicKind k) { return ts_.basic(k); }

  // A signature from parameter and result types; variadic makes the last
  // parameter ...T (its type must be a slice).
  const Type* sig(std::vector<std::pair<std::string, const Type*>> params, std::vector<const Type*> results,
                  bool variadic = false) {
    Type* t = ts_.make(TypeKind::Signature);
    for (auto& [n, ty] : params) t->params.push_back(Param{n, ty, nullptr});
    for (const Type* r : results) t->results.push_back(Param{"", r, nullptr});
    t->variadic = variadic;
    return t;
  }

  void func(Package* p, const std::string& name, LibId id, const Type* s) {
    auto* f = ts_.make_obj<FuncObj>();
    f->name = name;
    f->type = s;
    f->pkg = p;
    f->is_lib = true;
    f->lib = id;
    p->members[name] = f;
  }

  void method(Type* named, const std::string& name, LibId id, const Type* s, bool ptr_recv) {
    auto* f = ts_.make_obj<FuncObj>();
    f->name = name;
    f->type = s;
    f->is_lib = true;
    f->lib = id;
    f->recv_base = named;
    f->ptr_recv = ptr_recv;
    named->methods.push_back(f);
  }

  Type* named(Package* p, const std::string& name, const Type* underlying) {
    Type* t = ts_.make(TypeKind::Named);
    t->name = name;
    t->pkg = p->name;
    t->rt_name = p->name + "." + name;
    t->underlying_ = underlying;
    auto* o = ts_.make_obj<TypeNameObj>();
    o->name = name;
    o->type = t;
    o->pkg = p;
    t->obj = o;
    p->members[name] = o;
    return t;
  }

  const Type* strct(std::vector<std::pair<std::string, const Type*>> fields) {
    Type* t = ts_.make(TypeKind::Struct);
    for (auto& [n, ty] : fields) t->fields.push_back(StructField{n, ty, false, "", {}});
    return t;
  }

  void constant(Package* p, const std::string& name, const Type* t, std::int64_t v) {
    auto* c = ts_.make_obj<ConstObj>();
    c->name = name;
    c->type = t;
    c->val = Constant::make_int64(v);
    c->pkg = p;
    p->members[name] = c;
  }

 private:
  TypeStore& ts_;
};

// The exported API of the real packages, to tell "exists in Go but not
// provided by bucketlab" from a misspelled name.
// Generated from the Go go1.26 sources (go doc -all equivalent): exported
// identifiers of the packages a workload may import, as pkg.Name,
// pkg.Type.Method or pkg.Type.Field.
const char* const kGoApi[] = {
    "debug.BuildInfo", "debug.BuildInfo.Deps", "debug.BuildInfo.GoVersion", "debug.BuildInfo.Main",
    "debug.BuildInfo.Path", "debug.BuildInfo.Settings", "debug.BuildInfo.String", "debug.BuildSetting",
    "debug.BuildSetting.Key", "debug.BuildSetting.Value", "debug.CrashOptions", "debug.FreeOSMemory",
    "debug.GCStats", "debug.GCStats.LastGC", "debug.GCStats.NumGC", "debug.GCStats.Pause",
    "debug.GCStats.PauseEnd", "debug.GCStats.PauseQuantiles", "debug.GCStats.PauseTotal", "debug.Module",
    "debug.Module.Path", "debug.Module.Replace", "debug.Module.Sum", "debug.Module.Version",
    "debug.ParseBuildInfo", "debug.PrintStack", "debug.ReadBuildInfo", "debug.ReadGCStats",
    "debug.SetCrashOutput", "debug.SetGCPercent", "debug.SetMaxStack", "debug.SetMaxThreads",
    "debug.SetMemoryLimit", "debug.SetPanicOnFault", "debug.SetTraceback", "debug.Stack",
    "debug.WriteHeapDump", "fmt.Append", "fmt.Appendf", "fmt.Appendln", "fmt.Errorf", "fmt.FormatString",
    "fmt.Formatter", "fmt.Formatter.Format", "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "fmt.Fscan",
    "fmt.Fscanf", "fmt.Fscanln", "fmt.GoStringer", "fmt.GoStringer.GoString", "fmt.Print", "fmt.Printf",
    "fmt.Println", "fmt.Scan", "fmt.ScanState", "fmt.ScanState.Read", "fmt.ScanState.ReadRune",
    "fmt.ScanState.SkipSpace", "fmt.ScanState.Token", "fmt.ScanState.UnreadRune", "fmt.ScanState.Width",
    "fmt.Scanf", "fmt.Scanln", "fmt.Scanner", "fmt.Scanner.Scan", "fmt.Sprint", "fmt.Sprintf", "fmt.Sprintln",
    "fmt.Sscan", "fmt.Sscanf", "fmt.Sscanln", "fmt.State", "fmt.State.Flag", "fmt.State.Precision",
    "fmt.State.Width", "fmt.State.Write", "fmt.Stringer", "fmt.Stringer.String", "rand.ExpFloat64",
    "rand.Float32", "rand.Float64", "rand.Int", "rand.Int31", "rand.Int31n", "rand.Int63", "rand.Int63n",
    "rand.Intn", "rand.New", "rand.NewSource", "rand.NewZipf", "rand.NormFloat64", "rand.Perm", "rand.Rand",
    "rand.Rand.ExpFloat64", "rand.Rand.Float32", "rand.Rand.Float64", "rand.Rand.Int", "rand.Rand.Int31",
    "rand.Rand.Int31n", "rand.Rand.Int63", "rand.Rand.Int63n", "rand.Rand.Intn", "rand.Rand.NormFloat64",
    "rand.Rand.Perm", "rand.Rand.Read", "rand.Rand.Seed", "rand.Rand.Shuffle", "rand.Rand.Uint32",
    "rand.Rand.Uint64", "rand.Read", "rand.Seed", "rand.Shuffle", "rand.Source", "rand.Source.Int63",
    "rand.Source.Seed", "rand.Source64", "rand.Source64.Uint64", "rand.Uint32", "rand.Uint64", "rand.Zipf",
    "rand.Zipf.Uint64", "runtime.ASanRead", "runtime.ASanWrite", "runtime.AddCleanup", "runtime.BUS_ADRALN",
    "runtime.BUS_ADRERR", "runtime.BUS_OBJERR", "runtime.BlockProfile", "runtime.BlockProfileRecord",
    "runtime.BlockProfileRecord.Count", "runtime.BlockProfileRecord.Cycles", "runtime.Breakpoint",
    "runtime.CLOCK_MONOTONIC", "runtime.CLOCK_REALTIME", "runtime.CLOCK_THREAD_CPUTIME_ID",
    "runtime.CPUProfile", "runtime.Caller", "runtime.Callers", "runtime.CallersFrames", "runtime.Cleanup",
    "runtime.Cleanup.Stop", "runtime.Compiler", "runtime.EAGAIN", "runtime.EBADF", "runtime.EBUSY",
    "runtime.EFAULT", "runtime.EINPROGRESS", "runtime.EINTR", "runtime.ENOMEM", "runtime.ENOSYS",
    "runtime.ETIME", "runtime.ETIMEDOUT", "runtime.EVFILT_READ", "runtime.EVFILT_USER",
    "runtime.EVFILT_WRITE", "runtime.EV_ADD", "runtime.EV_CLEAR", "runtime.EV_DELETE", "runtime.EV_DISABLE",
    "runtime.EV_ENABLE", "runtime.EV_EOF", "runtime.EV_ERROR", "runtime.EV_RECEIPT", "runtime.EWOULDBLOCK",
    "runtime.EpollEvent", "runtime.Error", "runtime.Error.RuntimeError", "runtime.ExceptionState32",
    "runtime.ExceptionState64", "runtime.FORK_NOSIGCHLD", "runtime.FORK_WAITPID", "runtime.FPControl",
    "runtime.FPE_FLTDIV", "runtime.FPE_FLTINV", "runtime.FPE_FLTOVF", "runtime.FPE_FLTRES",
    "runtime.FPE_FLTSUB", "runtime.FPE_FLTUND", "runtime.FPE_INTDIV", "runtime.FPE_INTOVF",
    "runtime.FPStatus", "runtime.FPregset", "runtime.F_GETFL", "runtime.F_SETFL", "runtime.FloatState32",
    "runtime.FloatState64", "runtime.Fpreg", "runtime.Fpreg1", "runtime.Fpregset", "runtime.Fpstate",
    "runtime.Fpstate1", "runtime.Fpxreg", "runtime.Fpxreg1", "runtime.Frame", "runtime.Frame.Entry",
    "runtime.Frame.File", "runtime.Frame.Func", "runtime.Frame.Function", "runtime.Frame.Line",
    "runtime.Frame.PC", "runtime.Frames", "runtime.Frames.Next", "runtime.Func", "runtime.Func.Entry",
    "runtime.Func.FileLine", "runtime.Func.Name", "runtime.FuncForPC", "runtime.GC", "runtime.GOARCH",
    "runtime.GOMAXPROCS", "runtime.GOOS", "runtime.GOROOT", "runtime.Goexit", "runtime.GoroutineProfile",
    "runtime.Gosched", "runtime.Gregset", "runtime.ITIMER_PROF", "runtime.ITIMER_REAL",
    "runtime.ITIMER_VIRTUAL", "runtime.Itimerspec", "runtime.Itimerval", "runtime.KeepAlive",
    "runtime.Kevent", "runtime.KeventT", "runtime.LockOSThread", "runtime.Lwpparams", "runtime.MADV_DONTNEED",
    "runtime.MADV_FREE", "runtime.MADV_FREE_REUSABLE", "runtime.MADV_FREE_REUSE", "runtime.MADV_HUGEPAGE",
    "runtime.MADV_NOHUGEPAGE", "runtime.MAP_ANON", "runtime.MAP_FIXED", "runtime.MAP_PRIVATE",
    "runtime.MAP_SHARED", "runtime.MAP_STACK", "runtime.MAXHOSTNAMELEN", "runtime.MSanRead",
    "runtime.MSanWrite", "runtime.MachMsgTypeNumber", "runtime.MachPort", "runtime.MachTimebaseInfo",
    "runtime.MachVMAddress", "runtime.MachVMMapRead", "runtime.MachVMRegionFlavour",
    "runtime.MachVMRegionInfo", "runtime.MachVMSize", "runtime.Mcontext", "runtime.Mcontext32",
    "runtime.Mcontext64", "runtime.McontextT", "runtime.MemProfile", "runtime.MemProfileRate",
    "runtime.MemProfileRecord", "runtime.MemProfileRecord.AllocBytes",
    "runtime.MemProfileRecord.AllocObjects", "runtime.MemProfileRecord.FreeBytes",
    "runtime.MemProfileRecord.FreeObjects", "runtime.MemProfileRecord.InUseBytes",
    "runtime.MemProfileRecord.InUseObjects", "runtime.MemProfileRecord.Stack",
    "runtime.MemProfileRecord.Stack0", "runtime.MemStats", "runtime.MemStats.Alloc",
    "runtime.MemStats.BuckHashSys", "runtime.MemStats.BySize", "runtime.MemStats.DebugGC",
    "runtime.MemStats.EnableGC", "runtime.MemStats.Frees", "runtime.MemStats.GCCPUFraction",
    "runtime.MemStats.GCSys", "runtime.MemStats.HeapAlloc", "runtime.MemStats.HeapIdle",
    "runtime.MemStats.HeapInuse", "runtime.MemStats.HeapObjects", "runtime.MemStats.HeapReleased",
    "runtime.MemStats.HeapSys", "runtime.MemStats.LastGC", "runtime.MemStats.Lookups",
    "runtime.MemStats.MCacheInuse", "runtime.MemStats.MCacheSys", "runtime.MemStats.MSpanInuse",
    "runtime.MemStats.MSpanSys", "runtime.MemStats.Mallocs", "runtime.MemStats.NextGC",
    "runtime.MemStats.NumForcedGC", "runtime.MemStats.NumGC", "runtime.MemStats.OtherSys",
    "runtime.MemStats.PauseEnd", "runtime.MemStats.PauseNs", "runtime.MemStats.PauseTotalNs",
    "runtime.MemStats.StackInuse", "runtime.MemStats.StackSys", "runtime.MemStats.Sys",
    "runtime.MemStats.TotalAlloc", "runtime.MutexProfile", "runtime.NOTE_TRIGGER", "runtime.NumCPU",
    "runtime.NumCgoCall", "runtime.NumGoroutine", "runtime.O_CLOEXEC", "runtime.O_CREAT",
    "runtime.O_NONBLOCK", "runtime.O_RDONLY", "runtime.O_TRUNC", "runtime.O_WRONLY", "runtime.POLLERR",
    "runtime.POLLHUP", "runtime.POLLIN", "runtime.POLLOUT", "runtime.PORT_ALERT_UPDATE",
    "runtime.PORT_SOURCE_ALERT", "runtime.PORT_SOURCE_FD", "runtime.PROT_EXEC", "runtime.PROT_NONE",
    "runtime.PROT_READ", "runtime.PROT_WRITE", "runtime.PTHREAD_CREATE_DETACHED", "runtime.PanicNilError",
    "runtime.PanicNilError.Error", "runtime.PanicNilError.RuntimeError", "runtime.Pinner",
    "runtime.Pinner.Pin", "runtime.Pinner.Unpin", "runtime.PortEvent", "runtime.Pthread",
    "runtime.PthreadAttr", "runtime.PthreadCond", "runtime.PthreadCondAttr", "runtime.PthreadMutex",
    "runtime.PthreadMutexAttr", "runtime.Ptregs", "runtime.REG_CPSR", "runtime.REG_CS", "runtime.REG_DS",
    "runtime.REG_EAX", "runtime.REG_EBP", "runtime.REG_EBX", "runtime.REG_ECX", "runtime.REG_EDI",
    "runtime.REG_EDX", "runtime.REG_EFL", "runtime.REG_EIP", "runtime.REG_ERR", "runtime.REG_ES",
    "runtime.REG_ESI", "runtime.REG_ESP", "runtime.REG_FS", "runtime.REG_GS", "runtime.REG_R0",
    "runtime.REG_R1", "runtime.REG_R10", "runtime.REG_R11", "runtime.REG_R12", "runtime.REG_R13",
    "runtime.REG_R14", "runtime.REG_R15", "runtime.REG_R2", "runtime.REG_R3", "runtime.REG_R4",
    "runtime.REG_R5", "runtime.REG_R6", "runtime.REG_R7", "runtime.REG_R8", "runtime.REG_R9",
    "runtime.REG_RAX", "runtime.REG_RBP", "runtime.REG_RBX", "runtime.REG_RCX", "runtime.REG_RDI",
    "runtime.REG_RDX", "runtime.REG_RFLAGS", "runtime.REG_RIP", "runtime.REG_RSI", "runtime.REG_RSP",
    "runtime.REG_SS", "runtime.REG_TRAPNO", "runtime.REG_UESP", "runtime.RaceAcquire", "runtime.RaceDisable",
    "runtime.RaceEnable", "runtime.RaceErrors", "runtime.RaceRead", "runtime.RaceReadRange",
    "runtime.RaceRelease", "runtime.RaceReleaseMerge", "runtime.RaceWrite", "runtime.RaceWriteRange",
    "runtime.ReadMemStats", "runtime.ReadTrace", "runtime.RegMMST", "runtime.RegXMM", "runtime.Regs32",
    "runtime.Regs64", "runtime.Rtprio", "runtime.SA_64REGSET", "runtime.SA_ONSTACK", "runtime.SA_RESTART",
    "runtime.SA_RESTORER", "runtime.SA_SIGINFO", "runtime.SA_USERTRAMP", "runtime.SEGV_ACCERR",
    "runtime.SEGV_MAPERR", "runtime.SIGABRT", "runtime.SIGALRM", "runtime.SIGBUS", "runtime.SIGCHLD",
    "runtime.SIGCONT", "runtime.SIGEMT", "runtime.SIGEV_THREAD_ID", "runtime.SIGFPE", "runtime.SIGHUP",
    "runtime.SIGILL", "runtime.SIGINFO", "runtime.SIGINT", "runtime.SIGIO", "runtime.SIGKILL",
    "runtime.SIGPIPE", "runtime.SIGPROF", "runtime.SIGPWR", "runtime.SIGQUIT", "runtime.SIGRTMIN",
    "runtime.SIGSEGV", "runtime.SIGSTKFLT", "runtime.SIGSTOP", "runtime.SIGSYS", "runtime.SIGTERM",
    "runtime.SIGTRAP", "runtime.SIGTSTP", "runtime.SIGTTIN", "runtime.SIGTTOU", "runtime.SIGURG",
    "runtime.SIGUSR1", "runtime.SIGUSR2", "runtime.SIGVTALRM", "runtime.SIGWINCH", "runtime.SIGXCPU",
    "runtime.SIGXFSZ", "runtime.SI_KERNEL", "runtime.SI_TIMER", "runtime.SemT", "runtime.SetBlockProfileRate",
    "runtime.SetCPUProfileRate", "runtime.SetCgoTraceback", "runtime.SetDefaultGOMAXPROCS",
    "runtime.SetFinalizer", "runtime.SetMutexProfileFraction", "runtime.Sigaction", "runtime.Sigcontext",
    "runtime.Sigevent", "runtime.Sighandler", "runtime.Siginfo", "runtime.Sigset", "runtime.Sigval",
    "runtime.Stack", "runtime.StackRecord", "runtime.StackRecord.Stack", "runtime.StackRecord.Stack0",
    "runtime.StackT", "runtime.StartTrace", "runtime.Stat", "runtime.StopTrace", "runtime.TforkT",
    "runtime.ThrParam", "runtime.ThreadCreateProfile", "runtime.Timespec", "runtime.Timeval",
    "runtime.TypeAssertionError", "runtime.TypeAssertionError.Error",
    "runtime.TypeAssertionError.RuntimeError", "runtime.UMTX_OP_WAIT_UINT",
    "runtime.UMTX_OP_WAIT_UINT_PRIVATE", "runtime.UMTX_OP_WAKE", "runtime.UMTX_OP_WAKE_PRIVATE",
    "runtime.Ucontext", "runtime.UcontextT", "runtime.Umtx_time", "runtime.UnlockOSThread",
    "runtime.Usigaction", "runtime.Usigset", "runtime.VM_REGION_BASIC_INFO_64",
    "runtime.VM_REGION_BASIC_INFO_COUNT_64", "runtime.Version", "runtime.Vreg", "runtime.Xmmreg",
    "runtime.Xmmreg1", "strconv.AppendBool", "strconv.AppendFloat", "strconv.AppendInt",
    "strconv.AppendQuote", "strconv.AppendQuoteRune", "strconv.AppendQuoteRuneToASCII",
    "strconv.AppendQuoteRuneToGraphic", "strconv.AppendQuoteToASCII", "strconv.AppendQuoteToGraphic",
    "strconv.AppendUint", "strconv.Atoi", "strconv.CanBackquote", "strconv.ErrRange", "strconv.ErrSyntax",
    "strconv.FormatBool", "strconv.FormatComplex", "strconv.FormatFloat", "strconv.FormatInt",
    "strconv.FormatUint", "strconv.IntSize", "strconv.IsGraphic", "strconv.IsPrint", "strconv.Itoa",
    "strconv.NumError", "strconv.NumError.Err", "strconv.NumError.Error", "strconv.NumError.Func",
    "strconv.NumError.Num", "strconv.NumError.Unwrap", "strconv.ParseBool", "strconv.ParseComplex",
    "strconv.ParseFloat", "strconv.ParseInt", "strconv.ParseUint", "strconv.Quote", "strconv.QuoteRune",
    "strconv.QuoteRuneToASCII", "strconv.QuoteRuneToGraphic", "strconv.QuoteToASCII",
    "strconv.QuoteToGraphic", "strconv.QuotedPrefix", "strconv.Unquote", "strconv.UnquoteChar", "time.ANSIC",
    "time.After", "time.AfterFunc", "time.April", "time.August", "time.Date", "time.DateOnly",
    "time.DateTime", "time.December", "time.Duration", "time.Duration.Abs", "time.Duration.Hours",
    "time.Duration.Microseconds", "time.Duration.Milliseconds", "time.Duration.Minutes",
    "time.Duration.Nanoseconds", "time.Duration.Round", "time.Duration.Seconds", "time.Duration.String",
    "time.Duration.Truncate", "time.February", "time.FixedZone", "time.Friday", "time.Hour", "time.January",
    "time.July", "time.June", "time.Kitchen", "time.Layout", "time.LoadLocation",
    "time.LoadLocationFromTZData", "time.Local", "time.Location", "time.Location.String", "time.March",
    "time.May", "time.Microsecond", "time.Millisecond", "time.Minute", "time.Monday", "time.Month",
    "time.Month.String", "time.Nanosecond", "time.NewTicker", "time.NewTimer", "time.November", "time.Now",
    "time.October", "time.Parse", "time.ParseDuration", "time.ParseError", "time.ParseError.Error",
    "time.ParseError.Layout", "time.ParseError.LayoutElem", "time.ParseError.Message",
    "time.ParseError.Value", "time.ParseError.ValueElem", "time.ParseInLocation", "time.RFC1123",
    "time.RFC1123Z", "time.RFC3339", "time.RFC3339Nano", "time.RFC822", "time.RFC822Z", "time.RFC850",
    "time.RubyDate", "time.Saturday", "time.Second", "time.September", "time.Since", "time.Sleep",
    "time.Stamp", "time.StampMicro", "time.StampMilli", "time.StampNano", "time.Sunday", "time.Thursday",
    "time.Tick", "time.Ticker", "time.Ticker.C", "time.Ticker.Reset", "time.Ticker.Stop", "time.Time",
    "time.Time.Add", "time.Time.AddDate", "time.Time.After", "time.Time.AppendBinary",
    "time.Time.AppendFormat", "time.Time.AppendText", "time.Time.Before", "time.Time.Clock",
    "time.Time.Compare", "time.Time.Date", "time.Time.Day", "time.Time.Equal", "time.Time.Format",
    "time.Time.GoString", "time.Time.GobDecode", "time.Time.GobEncode", "time.Time.Hour", "time.Time.ISOWeek",
    "time.Time.In", "time.Time.IsDST", "time.Time.IsZero", "time.Time.Local", "time.Time.Location",
    "time.Time.MarshalBinary", "time.Time.MarshalJSON", "time.Time.MarshalText", "time.Time.Minute",
    "time.Time.Month", "time.Time.Nanosecond", "time.Time.Round", "time.Time.Second", "time.Time.String",
    "time.Time.Sub", "time.Time.Truncate", "time.Time.UTC", "time.Time.Unix", "time.Time.UnixMicro",
    "time.Time.UnixMilli", "time.Time.UnixNano", "time.Time.UnmarshalBinary", "time.Time.UnmarshalJSON",
    "time.Time.UnmarshalText", "time.Time.Weekday", "time.Time.Year", "time.Time.YearDay", "time.Time.Zone",
    "time.Time.ZoneBounds", "time.TimeOnly", "time.Timer", "time.Timer.C", "time.Timer.Reset",
    "time.Timer.Stop", "time.Tuesday", "time.UTC", "time.Unix", "time.UnixDate", "time.UnixMicro",
    "time.UnixMilli", "time.Until", "time.Wednesday", "time.Weekday", "time.Weekday.String",
};

}  // namespace

bool go_api_has(const std::string& qualified) {
  return std::binary_search(std::begin(kGoApi), std::end(kGoApi), qualified,
                            [](const std::string& a, const std::string& b) { return a < b; });
}

const char* lib_name(LibId id) { return kLibNames[static_cast<int>(id)]; }

Stdlib install_stdlib(TypeStore& ts) {
  Builder B(ts);
  Stdlib lib;
  const Type* Int = B.b(BasicKind::Int);
  const Type* Int32 = B.b(BasicKind::Int32);
  const Type* Int64 = B.b(BasicKind::Int64);
  const Type* Uint32 = B.b(BasicKind::Uint32);
  const Type* Uint64 = B.b(BasicKind::Uint64);
  const Type* Float64 = B.b(BasicKind::Float64);
  const Type* String = B.b(BasicKind::String);
  const Type* Bool = B.b(BasicKind::Bool);
  const Type* any = ts.any_type();
  const Type* error = ts.error_type();
  const Type* anys = ts.slice_of(any);

  // error.Error()
  B.method(const_cast<Type*>(error), "Error", LibId::ErrorError, B.sig({}, {String}), false);

  // fmt
  Package* fmt = ts.make_package("fmt", "fmt");
  B.func(fmt, "Print", LibId::FmtPrint, B.sig({{"a", anys}}, {Int, error}, true));
  B.func(fmt, "Printf", LibId::FmtPrintf, B.sig({{"format", String}, {"a", anys}}, {Int, error}, true));
  B.func(fmt, "Println", LibId::FmtPrintln, B.sig({{"a", anys}}, {Int, error}, true));
  B.func(fmt, "Sprint", LibId::FmtSprint, B.sig({{"a", anys}}, {String}, true));
  B.func(fmt, "Sprintf", LibId::FmtSprintf, B.sig({{"format", String}, {"a", anys}}, {String}, true));
  B.func(fmt, "Sprintln", LibId::FmtSprintln, B.sig({{"a", anys}}, {String}, true));
  B.func(fmt, "Errorf", LibId::FmtErrorf, B.sig({{"format", String}, {"a", anys}}, {error}, true));
  lib.by_path["fmt"] = fmt;

  // strconv
  Package* sc = ts.make_package("strconv", "strconv");
  B.func(sc, "Itoa", LibId::StrconvItoa, B.sig({{"i", Int}}, {String}));
  B.func(sc, "Atoi", LibId::StrconvAtoi, B.sig({{"s", String}}, {Int, error}));
  B.func(sc, "FormatInt", LibId::StrconvFormatInt, B.sig({{"i", Int64}, {"base", Int}}, {String}));
  B.func(sc, "ParseInt", LibId::StrconvParseInt,
         B.sig({{"s", String}, {"base", Int}, {"bitSize", Int}}, {Int64, error}));
  B.func(sc, "Quote", LibId::StrconvQuote, B.sig({{"s", String}}, {String}));
  lib.by_path["strconv"] = sc;

  // runtime
  Package* rt = ts.make_package("runtime", "runtime");
  {
    std::vector<std::pair<std::string, const Type*>> f;
    for (const char* n : {"Alloc", "TotalAlloc", "Sys", "Lookups", "Mallocs", "Frees", "HeapAlloc", "HeapSys",
                          "HeapIdle", "HeapInuse", "HeapReleased", "HeapObjects", "StackInuse", "StackSys",
                          "MSpanInuse", "MSpanSys", "MCacheInuse", "MCacheSys", "BuckHashSys", "GCSys", "OtherSys",
                          "NextGC", "LastGC", "PauseTotalNs"})
      f.emplace_back(n, Uint64);
    f.emplace_back("PauseNs", ts.array_of(Uint64, 256));
    f.emplace_back("PauseEnd", ts.array_of(Uint64, 256));
    f.emplace_back("NumGC", Uint32);
    f.emplace_back("NumForcedGC", Uint32);
    f.emplace_back("GCCPUFraction", Float64);
    f.emplace_back("EnableGC", Bool);
    f.emplace_back("DebugGC", Bool);
    const Type* by_size = B.strct({{"Size", Uint32}, {"Mallocs", Uint64}, {"Frees", Uint64}});
    f.emplace_back("BySize", ts.array_of(by_size, 61));
    lib.memstats = B.named(rt, "MemStats", B.strct(f));
  }
  B.func(rt, "GC", LibId::RuntimeGC, B.sig({}, {}));
  B.func(rt, "ReadMemStats", LibId::RuntimeReadMemStats, B.sig({{"m", ts.pointer_to(lib.memstats)}}, {}));
  B.func(rt, "KeepAlive", LibId::RuntimeKeepAlive, B.sig({{"x", any}}, {}));
  B.func(rt, "NumGoroutine", LibId::RuntimeNumGoroutine, B.sig({}, {Int}));
  lib.by_path["runtime"] = rt;

  // runtime/debug
  Package* dbg = ts.make_package("runtime/debug", "debug");
  B.func(dbg, "FreeOSMemory", LibId::DebugFreeOSMemory, B.sig({}, {}));
  B.func(dbg, "SetGCPercent", LibId::DebugSetGCPercent, B.sig({{"percent", Int}}, {Int}));
  B.func(dbg, "SetMemoryLimit", LibId::DebugSetMemoryLimit, B.sig({{"limit", Int64}}, {Int64}));
  lib.by_path["runtime/debug"] = dbg;

  // math/rand
  Package* rnd = ts.make_package("math/rand", "rand");
  {
    Type* src_iface = ts.make(TypeKind::Interface);
    src_iface->imethods.push_back(IfaceMethod{"Int63", B.sig({}, {Int64})});
    src_iface->imethods.push_back(IfaceMethod{"Seed", B.sig({{"seed", Int64}}, {})});
    Type* source = B.named(rnd, "Source", src_iface);
    B.method(source, "Int63", LibId::RandSourceInt63, B.sig({}, {Int64}), false);
    B.method(source, "Seed", LibId::RandSourceSeed, B.sig({{"seed", Int64}}, {}), false);
    lib.source = source;
    Type* s64_iface = ts.make(TypeKind::Interface);  // rand.Source64 (unexported use only)
    s64_iface->imethods = src_iface->imethods;
    s64_iface->imethods.push_back(IfaceMethod{"Uint64", B.sig({}, {Uint64})});
    Type* rand_t = B.named(rnd, "Rand", B.strct({{"src", source}, {"s64", s64_iface}, {"readVal", Int64},
                                                 {"readPos", B.b(BasicKind::Int8)}}));
    lib.rand = rand_t;
    const std::pair<const char*, std::pair<LibId, const Type*>> methods[] = {
        {"Int", {LibId::RandRandInt, B.sig({}, {Int})}},
        {"Intn", {LibId::RandRandIntn, B.sig({{"n", Int}}, {Int})}},
        {"Int31", {LibId::RandRandInt31, B.sig({}, {Int32})}},
        {"Int31n", {LibId::RandRandInt31n, B.sig({{"n", Int32}}, {Int32})}},
        {"Int63", {LibId::RandRandInt63, B.sig({}, {Int64})}},
        {"Int63n", {LibId::RandRandInt63n, B.sig({{"n", Int64}}, {Int64})}},
        {"Uint32", {LibId::RandRandUint32, B.sig({}, {Uint32})}},
        {"Uint64", {LibId::RandRandUint64, B.sig({}, {Uint64})}},
        {"Float64", {LibId::RandRandFloat64, B.sig({}, {Float64})}},
        {"Perm", {LibId::RandRandPerm, B.sig({{"n", Int}}, {ts.slice_of(Int)})}},
        {"Seed", {LibId::RandRandSeed, B.sig({{"seed", Int64}}, {})}},
    };
    for (const auto& [n, m] : methods) B.method(rand_t, n, m.first, m.second, true);
    B.func(rnd, "Int", LibId::RandInt, B.sig({}, {Int}));
    B.func(rnd, "Intn", LibId::RandIntn, B.sig({{"n", Int}}, {Int}));
    B.func(rnd, "Int31", LibId::RandInt31, B.sig({}, {Int32}));
    B.func(rnd, "Int31n", LibId::RandInt31n, B.sig({{"n", Int32}}, {Int32}));
    B.func(rnd, "Int63", LibId::RandInt63, B.sig({}, {Int64}));
    B.func(rnd, "Int63n", LibId::RandInt63n, B.sig({{"n", Int64}}, {Int64}));
    B.func(rnd, "Uint32", LibId::RandUint32, B.sig({}, {Uint32}));
    B.func(rnd, "Uint64", LibId::RandUint64, B.sig({}, {Uint64}));
    B.func(rnd, "Float64", LibId::RandFloat64, B.sig({}, {Float64}));
    B.func(rnd, "Perm", LibId::RandPerm, B.sig({{"n", Int}}, {ts.slice_of(Int)}));
    B.func(rnd, "Seed", LibId::RandSeed, B.sig({{"seed", Int64}}, {}));
    B.func(rnd, "New", LibId::RandNew, B.sig({{"src", source}}, {ts.pointer_to(rand_t)}));
    B.func(rnd, "NewSource", LibId::RandNewSource, B.sig({{"seed", Int64}}, {source}));
  }
  lib.by_path["math/rand"] = rnd;

  // time
  Package* tm = ts.make_package("time", "time");
  {
    Type* dur = B.named(tm, "Duration", Int64);
    lib.duration = dur;
    B.method(dur, "Nanoseconds", LibId::DurationNanoseconds, B.sig({}, {Int64}), false);
    B.method(dur, "Microseconds", LibId::DurationMicroseconds, B.sig({}, {Int64}), false);
    B.method(dur, "Milliseconds", LibId::DurationMilliseconds, B.sig({}, {Int64}), false);
    B.method(dur, "Seconds", LibId::DurationSeconds, B.sig({}, {Float64}), false);
    B.method(dur, "Minutes", LibId::DurationMinutes, B.sig({}, {Float64}), false);
    B.method(dur, "Hours", LibId::DurationHours, B.sig({}, {Float64}), false);
    B.method(dur, "String", LibId::DurationString, B.sig({}, {String}), false);
    B.constant(tm, "Nanosecond", dur, 1);
    B.constant(tm, "Microsecond", dur, 1000);
    B.constant(tm, "Millisecond", dur, 1000000);
    B.constant(tm, "Second", dur, 1000000000);
    B.constant(tm, "Minute", dur, 60000000000);
    B.constant(tm, "Hour", dur, 3600000000000);
    Type* loc = B.named(tm, "Location", B.strct({}));
    Type* time_t = B.named(tm, "Time", B.strct({{"wall", Uint64}, {"ext", Int64}, {"loc", ts.pointer_to(loc)}}));
    lib.time = time_t;
    B.method(time_t, "Sub", LibId::TimeTimeSub, B.sig({{"u", time_t}}, {dur}), false);
    B.method(time_t, "UnixNano", LibId::TimeTimeUnixNano, B.sig({}, {Int64}), false);
    B.func(tm, "Sleep", LibId::TimeSleep, B.sig({{"d", dur}}, {}));
    B.func(tm, "Now", LibId::TimeNow, B.sig({}, {time_t}));
    B.func(tm, "Since", LibId::TimeSince, B.sig({{"t", time_t}}, {dur}));
  }
  lib.by_path["time"] = tm;
  return lib;
}

}  // namespace bucketlab::lang
