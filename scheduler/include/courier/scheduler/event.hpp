// event.hpp: a one-shot signal a fiber or a thread can wait for.
#pragma once

#include <atomic>

#include "courier/mailbox/wait_queue.hpp"
#include "courier/mailbox/waker.hpp"

namespace courier {

// Event is set once; wait() returns once it is set. A waiting fiber suspends, a waiting thread
// blocks. Thread-safety: every method is safe from any thread.
class Event {
 public:
  // set() releases every waiter, now and later.
  void set() noexcept {
    set_.store(true, std::memory_order_release);
    mailbox::WaitQueue::Notified woken;
    mailbox::WaitQueue::Locked q = waiters_.lock();
    q.notify_all(mailbox::Status::success, woken);
  }

  bool is_set() const noexcept { return set_.load(std::memory_order_acquire); }

  // wait() waits until set() (or throws Cancelled if the wait is cancelled).
  void wait() { wait_until(Deadline::max()); }

  // wait_until() waits until set() or the deadline; returns is_set().
  bool wait_until(Deadline deadline) {
    if (is_set()) return true;
    Parker& parker = Parker::current();
    mailbox::WaitNode node(parker);
    {
      mailbox::WaitQueue::Locked q = waiters_.lock();
      if (is_set()) return true;  // set() stores the flag before it takes the lock
      q.push_back(node);
    }
    try {
      if (!mailbox::wait_notified(node, parker, deadline)) waiters_.withdraw(node);
    } catch (...) {
      waiters_.withdraw(node);
      throw;
    }
    return is_set();
  }

 private:
  std::atomic<bool> set_{false};
  mailbox::WaitQueue waiters_;
};

}  // namespace courier
