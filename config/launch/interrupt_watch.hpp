// interrupt_watch.hpp: counting Ctrl-C (SIGINT) while a topology runs.
#pragma once

#include <csignal>

namespace courier::config::detail {

// InterruptWatch catches SIGINT from its construction to its destruction, which restores the
// handler that was there before; interrupts() counts the signals caught meanwhile.
// Thread-safety: one at a time in a process (it owns the SIGINT handler); interrupts() from any
// thread.
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  int interrupts() const noexcept;

 private:
  struct sigaction previous_ {};
};

}  // namespace courier::config::detail
