// chan.hpp: the state a channel's handles share, and every operation on it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "courier/expected.hpp"
#include "courier/mailbox/coop.hpp"
#include "courier/mailbox/list.hpp"
#include "courier/mailbox/prefetch.hpp"
#include "courier/mailbox/run_state.hpp"
#include "courier/mailbox/rx_waker.hpp"
#include "courier/mailbox/semaphore.hpp"
#include "courier/mailbox/spin.hpp"
#include "courier/mailbox/status.hpp"
#include "courier/mailbox/wait_queue.hpp"
#include "courier/mailbox/waker.hpp"

namespace courier::mailbox {
namespace detail {
// Adopt marks a handle constructor that takes over counts the caller already added.
struct Adopt {};
}  // namespace detail

// Chan is one channel: its block list, the receiver's waker, its capacity (`Semaphore`:
// BoundedSemaphore or UnboundedSemaphore) and its handle counts. Handles (senders, weak senders,
// the receiver) each hold one reference; the last one to go destroys the Chan.
// The channel is closed for senders when the receiver closes it or is dropped; it is closed for
// the receiver when every strong sender is gone, or when it was closed and every value sent or
// reserved before that has been received.
// Thread-safety: sender-side methods from any thread; receiver-side methods (recv*, poll_recv,
// close, len) only from the thread or fiber that owns the receiver.
template <class T, class Semaphore>
class Chan {
  static_assert(std::is_nothrow_move_constructible_v<T>,
                "a channel's message type must be nothrow move constructible");

 public:
  using Sink = std::function<void(T)>;
  static constexpr bool kBounded = std::is_same_v<Semaphore, BoundedSemaphore>;

  template <class... SemaphoreArgs>
  explicit Chan(SemaphoreArgs&&... args);
  Chan(const Chan&) = delete;
  Chan& operator=(const Chan&) = delete;

  // ~Chan hands values that arrived after the receiver was dropped to the sink, or destroys them.
  ~Chan() { drain(); }

  // ---- handle counts -------------------------------------------------------------------------
  // Increments are relaxed: a new handle is made from an existing one, which keeps the Chan alive.
  void add_ref() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  // drop_ref() releases a handle's reference; acq_rel so the last one sees every other's writes.
  void drop_ref() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }
  void add_sender() noexcept { senders_.fetch_add(1, std::memory_order_relaxed); }
  // drop_sender() is a strong sender's goodbye. The last one wakes the receiver: seq_cst pairs
  // with the receiver's re-check after arming (see RxWaker), or with an owner's look before it
  // goes idle (see RunState).
  void drop_sender() noexcept {
    if (senders_.fetch_sub(1, std::memory_order_seq_cst) == 1) wake_receiver();
  }
  // upgrade() turns a weak handle into a strong one, only while some strong one still exists.
  bool upgrade() noexcept {
    std::uint32_t n = senders_.load(std::memory_order_relaxed);
    while (n != 0) {
      if (senders_.compare_exchange_weak(n, n + 1, std::memory_order_relaxed)) return true;
    }
    return false;
  }
  void add_weak() noexcept { weak_.fetch_add(1, std::memory_order_relaxed); }
  void drop_weak() noexcept { weak_.fetch_sub(1, std::memory_order_relaxed); }
  std::size_t strong_count() const noexcept { return senders_.load(std::memory_order_acquire); }
  std::size_t weak_count() const noexcept { return weak_.load(std::memory_order_acquire); }

  // ---- senders ---------------------------------------------------------------------------------
  Semaphore& semaphore() noexcept { return semaphore_; }

  // push() delivers a value whose capacity is already accounted for (a bounded channel's), and
  // wakes the receiver.
  // Both pushes wake the receiver between the claim of the slot and the write of the value, not
  // after the write. The wake-up's locked instructions (the waker slot, then an actor's state)
  // would wait for the write to reach the slot's cache line, a miss whenever the receiver last
  // ran on another core; this way that miss overlaps with what the sender does next. The
  // handshake is the claim either way (see RxWaker), and a receiver that runs before the write
  // finds the slot claimed and waits for it (try_recv()), as it must anyway for a sender
  // preempted between the two. A6 (1,000 actors, random peers) +8.7%, A5 +7%, W2 (threads) -2%.
  void push(T&& value) noexcept requires kBounded {
    tx_.push(std::move(value), rx_.head_anchor(), [this] { wake_receiver(); });
  }

  // try_push() delivers a value into an unbounded channel and wakes the receiver, or returns
  // false, leaving `value` as it was, if the channel is closed.
  bool try_push(T& value) noexcept requires(!kBounded) {
    return tx_.try_push(value, rx_.head_anchor(), [this] { wake_receiver(); });
  }

  // acquire() waits for n slots of capacity (see BoundedSemaphore::acquire()). A wait that ends
  // without them (cancelled, or timed out) gives back what it was granted so far: a partial grant
  // of a reserve_many that left the queue before the receiver closed the channel, or a grant that
  // was complete when the cancel came. The receiver may have closed the channel by then and be
  // waiting for that capacity, so acquire() then tells it as release() does.
  Status acquire(std::size_t n, Deadline deadline) requires kBounded {
    Status acquired;
    try {
      acquired = semaphore_.acquire(n, deadline);
    } catch (...) {
      wake_receiver_if_idle_after_close();
      throw;
    }
    if (acquired == Status::timeout) wake_receiver_if_idle_after_close();
    return acquired;
  }

  // release() gives back capacity that was reserved and not used; once the channel is closed and
  // the last reservation comes back, the receiver learns that it has seen everything.
  void release(std::size_t n) noexcept {
    semaphore_.release(n);
    wake_receiver_if_idle_after_close();
  }

  bool is_closed() const noexcept {
    if constexpr (kBounded) {
      return semaphore_.is_closed();
    } else {
      return tx_.is_closed();
    }
  }

  // wait_closed() waits until the receiver closes the channel or is dropped.
  void wait_closed() {
    if (is_closed()) return;
    Parker& parker = Parker::current();
    WaitNode node(parker);
    {
      WaitQueue::Locked q = closed_waiters_.lock();
      if (is_closed()) return;  // close() sets the flag before it takes this lock
      q.push_back(node);
    }
    try {
      wait_notified(node, parker, Deadline::max());
    } catch (...) {
      closed_waiters_.withdraw(node);
      throw;
    }
  }

  // ---- the receiver ----------------------------------------------------------------------------
  // try_recv() takes a value if one is there. A send that has claimed the next slot but not yet
  // written it is waited for (briefly), so a value whose send returned is never reported empty.
  courier::Expected<T, Status> try_recv() noexcept {
    Backoff backoff;
    while (true) {
      auto r = poll();
      if (r || r.error() != Status::empty) return r;
      if (claimed() == rx_.index()) return r;
      // A sender is between claiming its slot and writing it: usually a wake-up away (see
      // try_push()), unless its thread lost its core.
      backoff.pause();
    }
  }

  // recv() waits for a value until the deadline: it gives the value, or closed (closed and
  // drained), or timeout. A cancelled wait throws Cancelled and has consumed nothing.
  courier::Expected<T, Status> recv(Deadline deadline) {
    Parker& parker = Parker::current();
    // A thread polls a little before it arms its waker: when a value is about to arrive, that
    // saves the sender a wake-up, and both sides a write to the waker's cache line.
    for (unsigned spins = parker.spin_limit(); spins != 0; --spins) {
      if (auto r = poll(); settled(r)) {
        if (r) coop::consume();
        return r;
      }
      cpu_relax();
    }
    while (true) {
      if (auto r = poll_recv(parker); settled(r)) {
        if (r) coop::consume();
        return r;
      }
      bool woken;
      try {
        woken = parker.park_until(deadline);
      } catch (...) {
        rx_waker_.disarm();
        throw;
      }
      rx_waker_.disarm();
      if (!woken) return courier::Unexpected(Status::timeout);
    }
  }

  // recv_many() waits for at least one value, then appends up to `limit` to `out`. It returns
  // how many it appended: 0 means closed and drained (or limit 0).
  std::size_t recv_many(std::vector<T>& out, std::size_t limit) {
    if (limit == 0) return 0;
    auto first = recv(Deadline::max());
    if (!first) return 0;
    out.push_back(std::move(*first));
    std::size_t n = 1;
    for (; n < limit; ++n) {
      auto next = poll();
      if (!next) break;
      out.push_back(std::move(*next));
    }
    return n;
  }

  // poll_recv() takes a value if there is one; otherwise it arms `waker` to be woken once when
  // a value (or the close) arrives and answers empty (a receiver without an owner: see own()). Like
  // try_recv(), it waits for a send that has claimed the next slot and not yet written it. A wake
  // may come even after poll_recv found a value; wakers take it as "look again".
  courier::Expected<T, Status> poll_recv(Waker& waker) noexcept {
    if (auto r = poll(); r || r.error() != Status::empty) return r;
    rx_waker_.arm(waker);
    // try_recv(), not poll(): a send orders only its claim of a slot (seq_cst) against this arm,
    // not the store that publishes its value (see Block::write), so a value claimed before the
    // arm and not yet published may not wake us. After arming, the claim is visible (the tail
    // position), and try_recv() waits for its value; a claim it does not see sees the waker.
    // try_recv()'s load of the position is seq_cst, as is the arm's store, so it sees every claim
    // that precedes the arm in the single total order. The other conditions it re-checks (the
    // strong count, a bounded channel's idle capacity after close) are seq_cst loads too.
    auto r = try_recv();
    if (r || r.error() != Status::empty) rx_waker_.disarm();
    return r;
  }

  // cancel_poll() withdraws a waker armed by poll_recv(); it will not be called afterwards.
  void cancel_poll() noexcept { rx_waker_.disarm(); }

  // close() stops new sends and reservations; values and reservations made before still arrive.
  // Only the first call does anything. (A second one must not count the claims again: by then
  // refused sends have claimed slots too, and the receiver would wait for them forever. Nor has
  // it anyone to notify: a sender that waits for the close looks at the closed flag under the
  // queue's lock, and the first close set the flag before it took the lock.)
  void close() noexcept {
    if (closed_) return;
    if constexpr (kBounded) {
      semaphore_.close();
    } else {
      closed_at_ = tx_.close();
    }
    closed_ = true;
    WaitQueue::Notified woken;
    WaitQueue::Locked q = closed_waiters_.lock();
    q.notify_all(Status::success, woken);
  }

  // close_and_drain() is the receiver's drop: close, then hand every value already there to the
  // sink (or destroy it). Later arrivals (reserved capacity used after the drop) are drained when
  // the Chan is destroyed.
  void close_and_drain() noexcept {
    close();
    rx_waker_.disarm();
    drain();
  }

  // set_sink() chooses where values go that the receiver never took (the dead-letter hook).
  void set_sink(Sink sink) { sink_ = std::make_unique<Sink>(std::move(sink)); }

  // reserve() makes room for `n` values past those sent so far (see TxList::reserve()).
  void reserve(std::size_t n) { tx_.reserve(n, rx_.head_anchor()); }

  // len() counts values sent and not yet received.
  std::size_t len() const noexcept { return claimed() - rx_.index(); }

  // own() gives the receiver an owner for good: a task (an actor) that takes values with
  // try_recv() and keeps its run state in run_state(). From then on every change the receiver may
  // wait for notifies that state, and `owner` is woken only when the state goes from idle to
  // scheduled: a wake() must then queue the owner's run. No waker is armed or taken per wait (and
  // poll_recv(), recv() and cancel_poll() are not for an owned receiver). The receiver's drop
  // withdraws the owner; `owner` must outlive every handle that can wake it until then, since a
  // sender may have just read it. Called before any other thread knows the channel.
  void own(Waker& owner) noexcept { rx_waker_.own(owner); }

  // run_state() is the owner's run state (see own()). It lies on the cache line of the waker slot
  // and the tail, which a sender has just written: the sender settles it there, instead of
  // fetching a line from the core where the owner last ran.
  RunState& run_state() noexcept { return run_state_; }

  // prefetch_receiver() starts bringing the receiver's words to this core's cache, for writing,
  // without waiting for them. For a scheduler that knows where the receiver runs next: there its
  // receive then finds them, instead of stalling on a transfer from the core it last ran on.
  void prefetch_receiver() const noexcept {
    // rx_ may straddle two lines (the Chan is aligned to 16 bytes only): fetch both ends.
    prefetch_for_write(&rx_);
    prefetch_for_write(reinterpret_cast<const char*>(&rx_ + 1) - 1);
  }

 private:
  // wake_receiver() follows every change the receiver may wait for (a value claimed, the last
  // strong sender gone, a closed channel's last reservation given back). An owned receiver's
  // owner is reached only if it was idle: a busy one is only marked notified, on this line, so a
  // sink that many actors flood costs them no load of its own lines. Otherwise the armed waker,
  // if any, is woken.
  void wake_receiver() noexcept {
    if (Waker* owner = rx_waker_.owner()) {
      if (run_state_.notify()) owner->wake();
      return;
    }
    rx_waker_.wake();
  }

  // wake_receiver_if_idle_after_close() follows capacity given back: if that was the last of a
  // closed channel's, the receiver, which may wait for it, has seen everything. The semaphore's
  // give-back is a seq_cst RMW on its word and these loads are seq_cst, so against the receiver's
  // close and seq_cst re-check after arming (see RxWaker), one of the two sees the other.
  void wake_receiver_if_idle_after_close() noexcept {
    if (semaphore_.is_closed() && semaphore_.is_idle()) wake_receiver();
  }

  // poll() is one look at the list: a value, empty, or closed.
  courier::Expected<T, Status> poll() noexcept {
    if (auto v = rx_.pop(tx_)) {
      received();
      return std::move(*v);
    }
    // No strong sender left: every send completed before the last drop, which this acquire
    // synchronises with, so a second look sees them all. Or the receiver closed the channel and
    // everything sent or reserved has arrived. Only the receiver closes, so until it does, an
    // empty poll reads nothing from the senders' cache line.
    if (senders_.load(std::memory_order_seq_cst) == 0 || (closed_ && idle())) {
      if (auto v = rx_.pop(tx_)) {
        received();
        return std::move(*v);
      }
      if (claimed() == rx_.index()) return courier::Unexpected(Status::closed);
    }
    return courier::Unexpected(Status::empty);
  }

  // settled() is true for a result that ends a wait: a value, or closed.
  static bool settled(const courier::Expected<T, Status>& r) noexcept {
    return r || r.error() != Status::empty;
  }

  // received() accounts for a value taken off the list: a bounded channel gives its capacity
  // back; an unbounded one has nothing to do (its sends are counted by the list's position).
  void received() noexcept {
    if constexpr (kBounded) semaphore_.release(1);
  }

  // claimed() is the number of slots senders have claimed and will write. An unbounded channel's
  // sends after close() claim slots too, and give up (see TxList::try_push); they do not count.
  std::uint64_t claimed() const noexcept {
    if constexpr (!kBounded) {
      if (closed_) return closed_at_;
    }
    return tx_.position();
  }

  // idle() says, once the channel is closed, whether everything sent or reserved has arrived.
  bool idle() const noexcept {
    if constexpr (kBounded) {
      return semaphore_.is_idle();
    } else {
      return closed_at_ == rx_.index();
    }
  }

  void drain() noexcept {
    while (auto v = rx_.pop(tx_)) {
      received();
      if (sink_) (*sink_)(std::move(*v));
    }
  }

  // The layout keeps what every send touches and what every receive touches on different cache
  // lines, without the cost of aligning the Chan to a line (an idle mailbox must stay small). Every
  // send reads or writes the first kSendersBytes: the frontier and tail position (tx_), the waker
  // slot, the owner's word (when it wakes the receiver) and, if bounded, the capacity word (the
  // semaphore's first member). Every receive reads and writes rx_; an empty poll also reads
  // senders_ and closed_. Between the senders' bytes and the receiver's lie 48 bytes that no sender
  // writes per value, and `new` aligns the Chan to 16 bytes, so the two can never share a 64-byte
  // line (the constructor checks the offsets). Without the gap, a receiver that keeps up with its
  // sender takes the line away from it on every value or every empty poll (docs/BENCHMARKS.md, W1's
  // slow mode). A bounded receive gives its permit back through the capacity word, so there only
  // rx_ is kept clear: senders_ and closed_ sit in the gap, where 8 bytes of padding would
  // otherwise be.
  struct Nothing {};
  static constexpr std::size_t kSendersBytes = kBounded ? 40 : 32;
  static constexpr std::size_t kGapBytes = 48;

  TxList<T> tx_;
  RxWaker rx_waker_;
  // Beside the waker slot, in the same 16 bytes and so on its cache line (see run_state()).
  RunState run_state_;
  [[no_unique_address]] Semaphore semaphore_;  // empty for an unbounded channel
  // -- the gap: touched per block, per handle, or once --
  std::atomic<std::uint32_t> refs_{0};
  std::atomic<std::uint32_t> weak_{0};
  // Unbounded: the slots claimed before close(), the receiver's copy of the count.
  [[no_unique_address]] std::conditional_t<kBounded, Nothing, std::uint64_t> closed_at_{};
  WaitQueue closed_waiters_;
  std::unique_ptr<Sink> sink_;
  // The unbounded semaphore is empty where the bounded one is three words; closed_at_ and these
  // two words keep the gap.
  [[no_unique_address]] std::conditional_t<kBounded, Nothing, std::uint64_t[2]> padding_{};
  // -- the receiver's (in a bounded channel, senders_ and closed_ still lie in the gap) --
  std::atomic<std::uint32_t> senders_{0};  // strong senders; the last one's drop closes
  bool closed_ = false;  // close() was called: the receiver's own copy of the closed flag
  RxList<T> rx_;
};

template <class T, class Semaphore>
template <class... SemaphoreArgs>
Chan<T, Semaphore>::Chan(SemaphoreArgs&&... args)
    : semaphore_(std::forward<SemaphoreArgs>(args)...) {
  // Chan is not standard-layout (std::function, std::unique_ptr), but GCC lays out members in
  // declaration order all the same, and offsetof reports it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  static_assert(
      offsetof(Chan, rx_waker_) + sizeof(RxWaker) <= kSendersBytes &&
          offsetof(Chan, run_state_) / 16 == offsetof(Chan, rx_waker_) / 16 &&
          offsetof(Chan, run_state_) < kSendersBytes &&
          (!kBounded || offsetof(Chan, semaphore_) + sizeof(std::uint64_t) <= kSendersBytes) &&
          offsetof(Chan, rx_) >= kSendersBytes + kGapBytes &&
          (kBounded || offsetof(Chan, senders_) >= kSendersBytes + kGapBytes),
      "the senders' words and the receiver's must stay 48 bytes apart, and the owner's run "
      "state beside the waker slot");
#pragma GCC diagnostic pop
  static_assert(__STDCPP_DEFAULT_NEW_ALIGNMENT__ >= 16 && alignof(Chan) <= 16);
}

}  // namespace courier::mailbox
