// courier_child.hpp: running the built `courier` command as a child process.
#pragma once

#include <string>
#include <vector>

namespace courier::words::testing {

// Ran is what a `courier` child process gave.
struct Ran {
  int code = -1;       // its exit code; -1 if a signal or the time limit ended it
  std::string output;  // its stdout and stderr, interleaved as written
};

// run_courier() runs COURIER_BINARY with `args` and waits for it, up to `seconds` (then kills it
// and fails the test).
Ran run_courier(const std::vector<std::string>& args, int seconds = 60);

}  // namespace courier::words::testing
