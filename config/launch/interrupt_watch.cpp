// interrupt_watch.cpp: a SIGINT handler that only counts (all it may do is async-signal-safe).
#include "interrupt_watch.hpp"

#include <atomic>

namespace courier::config::detail {

namespace {

std::atomic<int> caught{0};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler needs a lock-free atomic");

extern "C" void count_interrupt(int) {
  caught.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

InterruptWatch::InterruptWatch() {
  caught.store(0, std::memory_order_relaxed);
  struct sigaction action {};
  action.sa_handler = count_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_);
}

InterruptWatch::~InterruptWatch() {
  sigaction(SIGINT, &previous_, nullptr);
}

int InterruptWatch::interrupts() const noexcept {
  return caught.load(std::memory_order_relaxed);
}

}  // namespace courier::config::detail
