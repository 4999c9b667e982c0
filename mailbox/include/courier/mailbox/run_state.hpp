// run_state.hpp: whether the task that owns a receiver is idle, scheduled, or must look again.
#pragma once

#include <atomic>
#include <cstdint>

namespace courier::mailbox {

// RunState is the one-byte run state of a task that owns a channel's receiver (an actor): idle
// (it holds no thread and waits for news), scheduled (queued or running: it will look at its
// inputs), notified (scheduled, and news came since it began to look: it must look once more
// before it may go idle), or dead (it looks no more). An owned channel keeps its owner's RunState
// beside the waker slot, so that a sender settles the state on the cache line its send has just
// claimed a slot on, and reaches the owner itself only to schedule it (Chan::wake_receiver()).
//
// notify() and try_idle() form the whole wake-up handshake, on this one atomic: a notifier makes
// its news visible first (claims a slot, pushes a signal), then notifies; the owner looks at its
// inputs, then tries to go idle. Every access is seq_cst and the two sides meet on one location,
// so either the owner's try_idle() comes first and the notifier finds it idle and schedules it,
// or the notifier's compare-exchange comes first and makes try_idle() fail, or the notifier finds
// the state notified by someone else, before the owner's store of scheduled that precedes its
// next look, which then sees the news (the news precedes that store in the single total order).
// A RunState starts scheduled: a new owner's first run is queued by whoever creates it.
// Thread-safety: notify() from any thread; the rest from the owner's task only.
class RunState {
 public:
  // notify() records news for the owner. It returns true if the owner was idle: it is now
  // scheduled, and the caller must queue its run. On x86 the first load is a plain load, and a
  // notified or dead owner costs nothing more.
  bool notify() noexcept {
    std::uint8_t s = word_.load(std::memory_order_seq_cst);
    while (true) {
      if (s == kIdle) {
        // Also acquires the last run's writes (try_idle() released them) for the next one.
        if (word_.compare_exchange_weak(s, kScheduled, std::memory_order_seq_cst)) return true;
      } else if (s == kScheduled) {
        // Queued or running: make its try_idle() fail, so that it looks again. Also releases the
        // news to that look.
        if (word_.compare_exchange_weak(s, kNotified, std::memory_order_seq_cst)) return false;
      } else {
        return false;  // already notified (a look is still to come), or dead
      }
    }
  }

  // try_idle() makes a scheduled owner idle after a look that found nothing to do. It fails if
  // news came since that look began: the state is then scheduled again, and the owner must look
  // once more before it tries again. It also releases the run's writes to whoever schedules the
  // next run, and a failure acquires the notifier's news.
  bool try_idle() noexcept {
    std::uint8_t s = kScheduled;
    if (word_.compare_exchange_strong(s, kIdle, std::memory_order_seq_cst)) return true;
    // Notified. The store is the owner's half of the handshake before its next look.
    word_.store(kScheduled, std::memory_order_seq_cst);
    return false;
  }

  // make_idle() sets an owner that has never run idle, with nothing to look at yet.
  void make_idle() noexcept { word_.store(kIdle, std::memory_order_release); }

  // end() marks the owner dead: notify() does nothing from then on.
  void end() noexcept { word_.store(kDead, std::memory_order_release); }

 private:
  enum : std::uint8_t { kIdle, kScheduled, kNotified, kDead };
  std::atomic<std::uint8_t> word_{kScheduled};
};

}  // namespace courier::mailbox
