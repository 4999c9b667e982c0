#include "courier/mailbox/thread_parker.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

#include "courier/mailbox/spin.hpp"

namespace courier {
namespace {

// futex_wait() sleeps while *word == expected, until woken or the deadline (absolute, on the
// monotonic clock that steady_clock uses on Linux). Spurious returns are fine: callers loop.
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, Deadline deadline) {
  timespec ts{};
  timespec* timeout = nullptr;
  if (deadline != Deadline::max()) {
    const auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(deadline.time_since_epoch()).count();
    ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    timeout = &ts;
  }
  // FUTEX_WAIT_BITSET takes an absolute deadline, so a spurious wake-up does not extend the wait.
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_BITSET_PRIVATE, expected,
          timeout, nullptr, FUTEX_BITSET_MATCH_ANY);
}

void futex_wake_one(std::atomic<std::uint32_t>& word) {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, 1, nullptr,
          nullptr, 0);
}

thread_local Parker* current_parker = nullptr;

}  // namespace

Parker& Parker::current() noexcept {
  if (current_parker != nullptr) return *current_parker;
  thread_local ThreadParker own;
  return own;
}

void Parker::set_current(Parker* parker) noexcept {
  current_parker = parker;
}

bool ThreadParker::park_until(Deadline deadline) {
  const bool woken = take_token_spinning() || sleep(deadline);
  if (cancelled_.exchange(false, std::memory_order_acquire)) throw Cancelled{};
  return woken;
}

bool ThreadParker::take_token_spinning() noexcept {
  for (unsigned i = 0; i < spins_; ++i) {
    // Acquire on taking the token: what the waker wrote before wake() is visible after park.
    if (state_.load(std::memory_order_relaxed) == kNotified &&
        state_.exchange(kEmpty, std::memory_order_acquire) == kNotified) {
      return true;
    }
    cpu_relax();
  }
  return false;
}

bool ThreadParker::sleep(Deadline deadline) noexcept {
  while (true) {
    std::uint32_t expected = kEmpty;
    if (!state_.compare_exchange_strong(expected, kParked, std::memory_order_relaxed)) {
      // A token arrived. Only wake() writes kNotified, so an exchange (not a plain store) takes
      // it: the RMW reads the newest value and synchronises with the wake() that wrote it.
      state_.exchange(kEmpty, std::memory_order_acquire);
      return true;
    }
    if (!cancelled_.load(std::memory_order_relaxed)) futex_wait(state_, kParked, deadline);
    // Leave the parked state whatever woke us; a wake() after this leaves a token for next time.
    if (state_.exchange(kEmpty, std::memory_order_acquire) == kNotified) return true;
    if (cancelled_.load(std::memory_order_relaxed)) return true;
    if (Clock::now() >= deadline) return false;
  }
}

void ThreadParker::wake() noexcept {
  // Release: what the caller wrote before wake() is visible to the parked thread.
  if (state_.exchange(kNotified, std::memory_order_release) == kParked) futex_wake_one(state_);
}

void ThreadParker::cancel() noexcept {
  cancelled_.store(true, std::memory_order_release);
  wake();
}

}  // namespace courier
