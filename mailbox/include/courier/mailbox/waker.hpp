// waker.hpp: the small interface through which a channel waits, so that the same channel works
// from plain threads, from fibers, and for an actor that waits with no thread or fiber at all.
#pragma once

#include <chrono>
#include <exception>

namespace courier {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

// A Waker is something that can be told "what you waited for may have happened": a parked thread,
// a suspended fiber, or a callback that schedules an idle actor. A channel calls wake() at most
// once per registration, from any thread, and never after the registration was withdrawn: a
// waiting call deregisters (and waits out a wake() already in progress) before it returns.
class Waker {
 public:
  // wake() makes the owner look again. It must be cheap and must not block. A receiver's owner
  // (Chan::own()) is woken only when its run state went from idle to scheduled: its wake() must
  // queue its run.
  virtual void wake() noexcept = 0;

 protected:
  ~Waker() = default;
};

// Cancelled is thrown out of a wait that its owner gave up on (its actor stopped, its runtime shut
// down). The channel operation that was waiting has then consumed nothing and lost nothing.
class Cancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "courier: the wait was cancelled"; }
};

// A Parker is how the calling context waits: a thread blocks on a futex, a fiber suspends and its
// worker runs other fibers. wake() leaves a token that the next park consumes, so a wake that
// comes before the park is not lost. park may return spuriously; callers re-check their condition.
// Thread-safety: park is called only by the owning thread or fiber; wake() from any thread.
class Parker : public Waker {
 public:
  // park_until() waits for a wake() or the deadline. It returns false when the deadline passed
  // without a wake, true otherwise; it throws Cancelled when the wait is cancelled.
  virtual bool park_until(Deadline deadline) = 0;

  // park() waits for a wake() with no deadline.
  void park() { park_until(Deadline::max()); }

  // spin_limit() is how many times a waiter should poll its condition before it parks: worth it
  // for a thread, whose park and wake are system calls; not for a fiber, whose park is a switch.
  virtual unsigned spin_limit() const noexcept { return 0; }

  // yield_now() lets other work run before the caller goes on: a fiber goes to the back of its
  // worker's queue. A thread's parker does nothing (the OS shares the cores).
  virtual void yield_now() {}

  // current() is the parker of the calling fiber, or else of the calling thread.
  static Parker& current() noexcept;

  // set_current() installs the parker of the fiber about to run on this thread (nullptr: the
  // thread's own). The scheduler calls it on every switch; nothing else should.
  static void set_current(Parker* parker) noexcept;

 protected:
  ~Parker() = default;
};

}  // namespace courier
