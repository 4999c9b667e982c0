// wait_queue.hpp: a FIFO of callers waiting on a channel (for capacity, or for the close).
#pragma once

#include <atomic>
#include <cassert>
#include <cstddef>
#include <cstdint>

#include "courier/mailbox/spin.hpp"
#include "courier/mailbox/status.hpp"
#include "courier/mailbox/waker.hpp"

namespace courier::mailbox {

// A WaitNode is what a waiting caller keeps on its own stack while it is queued. The queue's
// notifier writes `result` and `assigned`, then moves `state` to kNotifying, wakes the waker, and
// finally stores kDone: the node must stay alive until the waiter has seen kDone, which is why a
// waiter that gives up calls WaitQueue::withdraw() before it returns.
struct WaitNode {
  enum State : std::uint8_t { kIdle, kQueued, kNotifying, kDone };

  explicit WaitNode(Waker& w, std::size_t wanted_permits = 0) noexcept
      : waker(&w), wanted(wanted_permits) {}

  WaitNode* next = nullptr;  // circular list while queued; the wake list after dequeue
  WaitNode* prev = nullptr;
  Waker* waker;
  std::size_t wanted;        // permits the waiter needs (capacity waits)
  std::size_t assigned = 0;  // permits handed over so far; written under the queue lock
  Status result = Status::success;
  std::atomic<std::uint8_t> state{kIdle};

  // done() is true once the notifier has finished with the node (acquire: `result` and
  // `assigned` are then visible).
  bool done() const noexcept { return state.load(std::memory_order_acquire) == kDone; }
};

// WaitQueue is an intrusive FIFO of WaitNodes behind a tiny spin lock. It is one word: the tail
// pointer of a circular doubly linked list, with the lock in its low bit (nodes are aligned).
// Critical sections are a few pointer writes; wakes happen after the lock is released, through
// Notified, so a slow wake (a futex system call) never holds up other threads.
// Thread-safety: every method is safe from any thread.
class WaitQueue {
 public:
  class Notified;

  // Locked is the queue while its lock is held. Destroying it releases the lock.
  class Locked {
   public:
    Locked(const Locked&) = delete;
    Locked& operator=(const Locked&) = delete;
    ~Locked() {
      queue_.word_.store(reinterpret_cast<std::uintptr_t>(tail_), std::memory_order_release);
    }

    bool empty() const noexcept { return tail_ == nullptr; }
    WaitNode* front() const noexcept { return tail_ ? tail_->next : nullptr; }

    // push_back() queues a node at the tail.
    void push_back(WaitNode& n) noexcept {
      n.state.store(WaitNode::kQueued, std::memory_order_relaxed);
      if (tail_ == nullptr) {
        n.next = n.prev = &n;
      } else {
        n.next = tail_->next;
        n.prev = tail_;
        tail_->next->prev = &n;
        tail_->next = &n;
      }
      tail_ = &n;
    }

    // notify() unlinks a queued node with `result`; its waker runs when `to` is destroyed.
    void notify(WaitNode& n, Status result, Notified& to) noexcept {
      unlink(n);
      n.result = result;
      n.state.store(WaitNode::kNotifying, std::memory_order_relaxed);
      n.next = to.head_;
      to.head_ = &n;
    }

    // notify_all() notifies every queued node, front first.
    void notify_all(Status result, Notified& to) noexcept {
      while (WaitNode* n = front()) notify(*n, result, to);
    }

    // unlink() takes a queued node out without notifying it.
    void unlink(WaitNode& n) noexcept {
      if (n.next == &n) {
        tail_ = nullptr;
      } else {
        n.prev->next = n.next;
        n.next->prev = n.prev;
        if (tail_ == &n) tail_ = n.prev;
      }
      n.state.store(WaitNode::kIdle, std::memory_order_relaxed);
    }

   private:
    friend class WaitQueue;
    Locked(WaitQueue& q, WaitNode* tail) noexcept : queue_(q), tail_(tail) {}
    WaitQueue& queue_;
    WaitNode* tail_;
  };

  // Notified collects the nodes a Locked section notified and wakes them when destroyed, which
  // must be after the Locked is gone. Declare it before the Locked.
  class Notified {
   public:
    Notified() = default;
    Notified(const Notified&) = delete;
    Notified& operator=(const Notified&) = delete;
    ~Notified() {
      while (WaitNode* n = head_) {
        head_ = n->next;  // read before kDone: the node may vanish right after
        n->waker->wake();
        // Release: `result` and `assigned` are visible to the waiter that sees kDone.
        n->state.store(WaitNode::kDone, std::memory_order_release);
      }
    }

   private:
    friend class Locked;
    WaitNode* head_ = nullptr;
  };

  WaitQueue() = default;
  WaitQueue(const WaitQueue&) = delete;
  WaitQueue& operator=(const WaitQueue&) = delete;
  ~WaitQueue() { assert(word_.load(std::memory_order_relaxed) == 0); }

  // lock() spins until it holds the queue. Acquire pairs with the release in ~Locked.
  Locked lock() noexcept {
    Backoff backoff;
    std::uintptr_t w = word_.load(std::memory_order_relaxed);
    while (true) {
      if ((w & kLocked) == 0 &&
          word_.compare_exchange_weak(w, w | kLocked, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        return Locked(*this, reinterpret_cast<WaitNode*>(w));
      }
      backoff.pause();
      w = word_.load(std::memory_order_relaxed);
    }
  }

  // withdraw() takes a waiter that gives up (timeout, cancellation) out of the queue. It returns
  // true if the node was still queued (it was never notified), after calling unlinked(Locked&)
  // under the lock; false if it was notified, in which case it first waits for the notifier to
  // finish, so the node's result is final.
  template <class OnUnlinked>
  bool withdraw(WaitNode& n, OnUnlinked&& unlinked) noexcept {
    {
      Locked q = lock();
      if (n.state.load(std::memory_order_relaxed) == WaitNode::kQueued) {
        q.unlink(n);
        unlinked(q);
        return true;
      }
    }
    // The notifier is inside wake(): a few instructions, unless its thread lost its core.
    for (Backoff backoff; !n.done();) backoff.pause();
    return false;
  }

  bool withdraw(WaitNode& n) noexcept {
    return withdraw(n, [](Locked&) {});
  }

 private:
  static constexpr std::uintptr_t kLocked = 1;
  static_assert(alignof(WaitNode) > 1, "the lock bit lives in the node pointer's low bit");
  std::atomic<std::uintptr_t> word_{0};
};

// wait_notified() parks until the node is notified or the deadline passes. It returns true once
// the notifier is done with the node, false on timeout (the node may still be queued: withdraw
// it). It throws Cancelled if the wait is cancelled (withdraw it then too).
inline bool wait_notified(WaitNode& n, Parker& parker, Deadline deadline) {
  Backoff backoff;
  while (true) {
    const auto s = n.state.load(std::memory_order_acquire);
    if (s == WaitNode::kDone) return true;
    if (s == WaitNode::kNotifying) {
      // The wake is in flight. Spin a little, then yield the thread: with more threads than
      // cores the notifier may have lost its core between kNotifying and kDone.
      backoff.pause();
      continue;
    }
    if (!parker.park_until(deadline)) return n.done();
  }
}

}  // namespace courier::mailbox
