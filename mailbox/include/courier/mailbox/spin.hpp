// spin.hpp: polite busy-waiting for the very short waits inside the channel.
#pragma once

#include <thread>

namespace courier {

// cpu_relax() tells the core that the caller is spinning, so a sibling hyper-thread runs faster
// and the loop does not flood the memory bus.
inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Backoff spins with growing pauses, then yields the thread: for waits of a few instructions on
// another core that might, rarely, be preempted (a lock held for a few pointer writes).
class Backoff {
 public:
  // pause() waits a little longer each call.
  void pause() noexcept {
    if (step_ < kSpinSteps) {
      for (int i = 0; i < (1 << step_); ++i) cpu_relax();
      ++step_;
    } else {
      std::this_thread::yield();
    }
  }

 private:
  static constexpr int kSpinSteps = 6;
  int step_ = 0;
};

}  // namespace courier
