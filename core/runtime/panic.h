// Go's run-time failures, with Go's wording (runtime/panic.go, error.go).
// A GoPanic is recoverable in Go (the model has no recover: it ends the run
// and prints "panic: <message>"); a GoFatal is Go's "fatal error: <message>"
// (throw), which no program can recover from.
#pragma once
#include <stdexcept>
#include <string>

namespace bucketlab::runtime {

struct GoPanic : std::runtime_error {
  // message as Go prints it after "panic: ", e.g. "assignment to entry in nil map",
  // "runtime error: index out of range [5] with length 3",
  // "runtime error: integer divide by zero",
  // "runtime error: invalid memory address or nil pointer dereference".
  explicit GoPanic(const std::string& message) : std::runtime_error(message) {}
};

struct GoFatal : std::runtime_error {
  // message as Go prints it after "fatal error: ", e.g. "concurrent map writes".
  explicit GoFatal(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace bucketlab::runtime
