// Running real Go programs as test oracles. A GoOracle builds one program
// (a file under tests/oracle/) with one toolchain, once per build tree, into
// <build>/go-oracles/, and runs it with a given stdin and environment.
// Builds work offline (GOTOOLCHAIN=local, GOPROXY=off, GOFLAGS=-mod=mod,
// caches inside the build tree). Tests skip with a WARN when the toolchain
// is missing; they never assert on timing.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace bucketlab::testing {

enum class GoToolchain { Go119, Modern };

struct GoResult {
  int exit_status = -1;
  std::string out;  // stdout (stderr goes to err)
  std::string err;
};

class GoOracle {
 public:
  GoOracle(GoToolchain tc, const std::string& source_rel) {
    namespace fs = std::filesystem;
    go_ = tc == GoToolchain::Go119 ? BUCKETLAB_GO119 : "go";
    if (tc == GoToolchain::Go119 && !fs::exists(go_)) {
      why_ = std::string(go_) + " not found";
      return;
    }
    if (tc == GoToolchain::Modern && std::system("command -v go >/dev/null 2>&1") != 0) {
      why_ = "go not on PATH";
      return;
    }
    const char* bd = std::getenv("BUCKETLAB_BUILD_DIR");
    const fs::path build = bd ? fs::path(bd) : fs::temp_directory_path() / "bucketlab-go-oracles";
    const fs::path src = fs::path(BUCKETLAB_SOURCE_DIR) / source_rel;
    const std::string tag = (tc == GoToolchain::Go119 ? "go119-" : "go-") + src.parent_path().filename().string() +
                            "-" + src.stem().string();
    dir_ = build / "go-oracles" / tag;
    fs::create_directories(dir_);
    bin_ = dir_ / "prog";
    // Rebuild when the source is newer than the binary.
    if (fs::exists(bin_) && fs::last_write_time(bin_) >= fs::last_write_time(src)) return;
    const fs::path work = dir_ / "src";
    fs::create_directories(work);
    fs::copy_file(src, work / "main.go", fs::copy_options::overwrite_existing);
    std::ofstream(work / "go.mod") << "module oracle\n\ngo 1.19\n";
    const std::string cmd = "cd '" + work.string() + "' && GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOCACHE='" +
                            (dir_ / "gocache").string() + "' GOPATH='" + (dir_ / "gopath").string() + "' " + go_ +
                            " build -o '" + bin_.string() + "' main.go 2>&1";  // a named file ignores its //go:build ignore
    std::string out;
    const int st = run_capture(cmd, out);
    if (st != 0) why_ = "go build failed: " + out;
  }

  bool available() const { return why_.empty(); }
  const std::string& why_unavailable() const { return why_; }

  // Runs the program with `input` on stdin and `env` (NAME=value) added.
  GoResult run(const std::string& input, const std::vector<std::string>& env = {}) const {
    GoResult r;
    const std::filesystem::path in = dir_ / ("stdin-" + std::to_string(::getpid()));
    const std::filesystem::path err = dir_ / ("stderr-" + std::to_string(::getpid()));
    std::ofstream(in, std::ios::binary) << input;
    std::string cmd = "env";
    for (const auto& e : env) cmd += " '" + e + "'";
    cmd += " '" + bin_.string() + "' < '" + in.string() + "' 2> '" + err.string() + "'";
    r.exit_status = run_capture(cmd, r.out);
    std::ifstream es(err);
    r.err.assign(std::istreambuf_iterator<char>(es), std::istreambuf_iterator<char>());
    std::filesystem::remove(in);
    std::filesystem::remove(err);
    return r;
  }

 private:
  static int run_capture(const std::string& cmd, std::string& out) {
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return -1;
    char buf[1 << 16];
    while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }

  const char* go_ = nullptr;
  std::filesystem::path dir_, bin_;
  std::string why_;
};

}  // namespace bucketlab::testing
