// courier_child.hpp: what every app's tests share: the built `courier` command run as a child
// process, its output captured.
#pragma once

#include <string>
#include <vector>

namespace courier::apps::testing {

// Ran is what one `courier` child process gave.
struct Ran {
  int code = -1;    // its exit code; -1 if a signal or the time limit ended it
  std::string out;  // its stdout
  std::string err;  // its stderr

  // output() is stdout then stderr, for a test that looks for a line in either.
  std::string output() const { return out + err; }
};

// run_courier() runs COURIER_BINARY with `args` (after the program name) and waits for it, up to
// `seconds`; then it kills it, leaving `code` at -1.
Ran run_courier(const std::vector<std::string>& args, int seconds = 60);

}  // namespace courier::apps::testing
