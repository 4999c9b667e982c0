// stdout_diversion.hpp: the process's stdout sent to stderr for a while.
#pragma once

namespace courier::config::detail {

// StdoutDiversion points file descriptor 1 at what descriptor 2 is while it lives, so whatever
// the program writes to stdout meanwhile — std::cout, printf, write(1, …) — lands on stderr, and
// stdout can carry one clean document once it ends (`courier run --json -`). If descriptor 1
// cannot be saved it diverts nothing. Thread-safety: make it and destroy it while no other
// thread writes to stdout (before the actors start; after they have all stopped); both flush
// std::cout and C's stdout, so that nothing buffered lands on the wrong side.
class StdoutDiversion {
 public:
  StdoutDiversion();
  ~StdoutDiversion();
  StdoutDiversion(const StdoutDiversion&) = delete;
  StdoutDiversion& operator=(const StdoutDiversion&) = delete;

 private:
  int saved_stdout_ = -1;  // a duplicate of the real stdout, put back at the end
};

}  // namespace courier::config::detail
