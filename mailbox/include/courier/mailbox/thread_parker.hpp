// thread_parker.hpp: the Parker of a plain thread.
#pragma once

#include <atomic>
#include <cstdint>

#include "courier/mailbox/waker.hpp"

namespace courier {

// ThreadParker blocks its thread on a futex after a short spin, so a wake that follows quickly
// costs no system call and a thread at rest costs no CPU. Every thread has one (Parker::current()
// gives it); tests make their own to cancel a blocked thread.
// Thread-safety: park_until only from the owning thread; wake() and cancel() from any thread.
class ThreadParker final : public Parker {
 public:
  // `spins` is how many times park looks for a token before it sleeps on the futex.
  explicit ThreadParker(unsigned spins = kDefaultSpins) noexcept : spins_(spins) {}
  ThreadParker(const ThreadParker&) = delete;
  ThreadParker& operator=(const ThreadParker&) = delete;
  ~ThreadParker() = default;

  bool park_until(Deadline deadline) override;
  void wake() noexcept override;
  unsigned spin_limit() const noexcept override { return 64; }

  // cancel() makes the current or next park throw Cancelled, once.
  void cancel() noexcept;

 private:
  bool take_token_spinning() noexcept;
  bool sleep(Deadline deadline) noexcept;

  // Enough to catch a hand-off from another core (a few microseconds), far too few to matter to
  // a thread at rest.
  static constexpr unsigned kDefaultSpins = 128;

  enum : std::uint32_t { kEmpty, kNotified, kParked };
  unsigned spins_;
  std::atomic<std::uint32_t> state_{kEmpty};
  std::atomic<bool> cancelled_{false};
};

}  // namespace courier
