// semaphore.hpp: the capacity of a bounded channel.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "courier/mailbox/status.hpp"
#include "courier/mailbox/wait_queue.hpp"
#include "courier/mailbox/waker.hpp"

namespace courier::mailbox {

// BoundedSemaphore counts the free capacity of a bounded channel: a send takes one permit, a
// receive gives it back. Its state is one word, `permits << 2 | kWaiters | kClosed`, so the fast
// paths are a single CAS (acquire) or a single fetch_add (release). Callers that find too few
// permits queue in FIFO order; a release hands permits to the front of the queue (partially, so a
// large request keeps its place) and never to a newcomer while anyone waits.
// Invariant: kWaiters is set exactly while the queue is non-empty, and changes only under the
// queue lock, so a releaser that sees it clear knows nobody needs its permits.
// Thread-safety: every method is safe from any thread.
class BoundedSemaphore {
 public:
  // The largest capacity a bounded channel may have.
  static constexpr std::size_t kMaxPermits = std::size_t{1} << 60;

  explicit BoundedSemaphore(std::size_t permits) : word_(permits << kShift), capacity_(permits) {
    static_assert(offsetof(BoundedSemaphore, word_) == 0, "Chan keeps the first word hot");
    if (permits == 0) throw std::invalid_argument("courier::mailbox: capacity must be at least 1");
    if (permits > kMaxPermits) throw std::invalid_argument("courier::mailbox: capacity too large");
  }

  // try_acquire() takes n permits now, or says full or closed.
  Status try_acquire(std::size_t n) noexcept {
    std::uint64_t w = word_.load(std::memory_order_relaxed);
    while (true) {
      if (w & kClosed) return Status::closed;
      if ((w & kWaiters) || (w >> kShift) < n) return Status::full;
      // Acquire pairs with the receiver's release: the capacity it freed is really free.
      if (word_.compare_exchange_weak(w, w - (std::uint64_t{n} << kShift),
                                      std::memory_order_acquire, std::memory_order_relaxed)) {
        return Status::success;
      }
    }
  }

  // acquire() takes n permits, waiting in FIFO order until the deadline. It returns success,
  // closed or timeout. If the wait is cancelled it throws Cancelled and holds no permit.
  Status acquire(std::size_t n, Deadline deadline) {
    if (Status s = try_acquire(n); s != Status::full) return s;
    Parker& parker = Parker::current();
    WaitNode node(parker, n);
    if (Status s = enqueue(node); s != Status::full) return s;
    bool notified;
    try {
      notified = wait_notified(node, parker, deadline);
    } catch (...) {
      withdraw(node);
      if (node.assigned) release(node.assigned);  // a cancelled wait keeps no permit
      throw;
    }
    if (!notified && withdraw(node)) {
      if (node.assigned) release(node.assigned);  // give back what was handed over so far
      return Status::timeout;
    }
    return node.result;
  }

  // release() gives n permits back, first to the queued waiters.
  void release(std::size_t n) noexcept {
    // seq_cst: a receiver that closed the channel and waits for it to become idle re-checks the
    // permits after arming its waker; this RMW and the caller's later waker check must not be
    // reordered with that (see RxWaker).
    const std::uint64_t w = word_.fetch_add(std::uint64_t{n} << kShift, std::memory_order_seq_cst);
    if (w & kWaiters) hand_out();
  }

  // close() fails every waiter, and every later acquire, with Status::closed.
  void close() noexcept {
    word_.fetch_or(kClosed, std::memory_order_seq_cst);
    WaitQueue::Notified woken;
    std::size_t returned = 0;
    {
      WaitQueue::Locked q = waiters_.lock();
      while (WaitNode* n = q.front()) {
        returned += n->assigned;
        n->assigned = 0;
        q.notify(*n, Status::closed, woken);
      }
      word_.fetch_and(~kWaiters, std::memory_order_relaxed);
    }
    if (returned) word_.fetch_add(std::uint64_t{returned} << kShift, std::memory_order_seq_cst);
  }

  bool is_closed() const noexcept { return word_.load(std::memory_order_seq_cst) & kClosed; }
  // available() is the number of free permits.
  std::size_t available() const noexcept { return word_.load(std::memory_order_seq_cst) >> kShift; }
  // is_idle() is true when every permit is back: nothing queued, nothing reserved.
  bool is_idle() const noexcept { return available() == capacity_; }
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  static constexpr std::uint64_t kClosed = 1;
  static constexpr std::uint64_t kWaiters = 2;
  static constexpr int kShift = 2;

  // enqueue() queues the node, unless the permits turned up or the channel closed meanwhile
  // (then it returns success or closed instead of full).
  Status enqueue(WaitNode& node) noexcept {
    WaitQueue::Locked q = waiters_.lock();
    std::uint64_t w = word_.load(std::memory_order_relaxed);
    while (true) {
      if (w & kClosed) return Status::closed;
      std::uint64_t next;
      if (w & kWaiters) {
        next = w;  // others are ahead: take nothing, just queue behind them
      } else if ((w >> kShift) >= node.wanted) {
        next = w - (std::uint64_t{node.wanted} << kShift);
      } else {
        // First in line: take what there is now and wait for the rest. The CAS sets kWaiters
        // only if the word is unchanged, so no release can slip between the check and the flag.
        node.assigned = w >> kShift;
        next = kWaiters;
      }
      if (next == w || word_.compare_exchange_weak(w, next, std::memory_order_acquire,
                                                   std::memory_order_relaxed)) {
        if (!(next & kWaiters)) return Status::success;
        q.push_back(node);
        return Status::full;
      }
      node.assigned = 0;
    }
  }

  // hand_out() moves free permits to the front waiters, in order, and wakes the satisfied ones.
  void hand_out() noexcept {
    WaitQueue::Notified woken;
    WaitQueue::Locked q = waiters_.lock();
    std::uint64_t w = word_.load(std::memory_order_acquire);
    while (WaitNode* front = q.front()) {
      const std::uint64_t free = w >> kShift;
      if (free == 0) break;
      const std::uint64_t take = std::min<std::uint64_t>(free, front->wanted - front->assigned);
      std::uint64_t next = w - (take << kShift);
      const bool satisfied = front->assigned + take == front->wanted;
      // Clear kWaiters in the same CAS when the last waiter is satisfied, so newcomers may use
      // the fast path again.
      if (satisfied && front->next == front) next &= ~kWaiters;
      if (!word_.compare_exchange_weak(w, next, std::memory_order_acquire,
                                       std::memory_order_acquire)) {
        continue;
      }
      w = next;
      front->assigned += take;
      if (!satisfied) break;
      q.notify(*front, Status::success, woken);
    }
  }

  // withdraw() takes a waiter that gave up out of the queue (keeping kWaiters exact); false if
  // it had been notified already.
  bool withdraw(WaitNode& node) noexcept {
    return waiters_.withdraw(node, [this](WaitQueue::Locked& q) {
      if (q.empty()) word_.fetch_and(~kWaiters, std::memory_order_relaxed);
    });
  }

  std::atomic<std::uint64_t> word_;
  WaitQueue waiters_;
  std::size_t capacity_;
};

// UnboundedSemaphore names the unbounded kind of channel. It holds nothing: an unbounded send
// needs no capacity, and the channel's closed flag shares one word with the count of values sent,
// the list's tail position (TxList), so that one atomic instruction both claims a slot and checks
// for the close. A send racing with close() is then either ordered before it (and its value is
// delivered) or sees the flag (and the value is handed back), and a send costs one locked
// instruction, not two.
struct UnboundedSemaphore {};

}  // namespace courier::mailbox
