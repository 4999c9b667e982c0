// receiver.hpp: the receiving handle of a channel.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "courier/expected.hpp"
#include "courier/mailbox/chan.hpp"
#include "courier/mailbox/deadline.hpp"

namespace courier::mailbox {

// A BasicReceiver (Receiver<T>, UnboundedReceiver<T>) is the one consumer of a channel. It is
// move-only. Dropping it closes the channel and hands the values still queued to the sink given
// to set_sink() (the dead-letter hook), or destroys them.
// Thread-safety: one thread or fiber at a time; it may move between threads.
template <class T, class Semaphore>
class BasicReceiver {
 public:
  using ChanT = Chan<T, Semaphore>;
  static constexpr bool kBounded = ChanT::kBounded;

  // Adopts a reference that the caller already added to `chan`.
  BasicReceiver(detail::Adopt, ChanT* chan) noexcept : chan_(chan) {}
  BasicReceiver(BasicReceiver&& other) noexcept : chan_(std::exchange(other.chan_, nullptr)) {}
  BasicReceiver& operator=(BasicReceiver&& other) noexcept {
    if (this != &other) {
      reset();
      chan_ = std::exchange(other.chan_, nullptr);
    }
    return *this;
  }
  BasicReceiver(const BasicReceiver&) = delete;
  BasicReceiver& operator=(const BasicReceiver&) = delete;
  ~BasicReceiver() { reset(); }

  // recv() waits for the next value; nullopt means the channel is closed and drained. If the wait
  // is cancelled it throws Cancelled, having taken nothing.
  std::optional<T> recv() {
    auto r = chan_->recv(Deadline::max());
    if (!r) return std::nullopt;
    return std::move(*r);
  }

  // try_recv() takes the next value if there is one: else empty (senders remain) or closed.
  courier::Expected<T, Status> try_recv() noexcept { return chan_->try_recv(); }

  // recv_timeout() is recv() that gives up with timeout; closed means closed and drained. A
  // timeout too long to reach (courier::forever) waits with no deadline.
  template <class Rep, class Period>
  courier::Expected<T, Status> recv_timeout(std::chrono::duration<Rep, Period> timeout) {
    return chan_->recv(deadline_after(timeout));
  }

  // recv_many() waits for at least one value, then appends up to `limit` values to `buffer`.
  // It returns the number appended; 0 means closed and drained (or limit 0).
  std::size_t recv_many(std::vector<T>& buffer, std::size_t limit) {
    return chan_->recv_many(buffer, limit);
  }

  // poll_recv() takes the next value if there is one; otherwise it arms `waker`, which the
  // channel wakes once when a value or the close arrives, and answers empty: a wait that holds no
  // thread or fiber. A wake may be spurious; the waker just polls again. (A receiver with an
  // owner, such as an actor's, is woken through its run state instead: see own().)
  courier::Expected<T, Status> poll_recv(Waker& waker) noexcept { return chan_->poll_recv(waker); }

  // cancel_poll() withdraws the waker armed by poll_recv(); it is not called afterwards.
  void cancel_poll() noexcept { chan_->cancel_poll(); }

  // close() stops new sends; values already sent, and capacity already reserved, still arrive.
  void close() noexcept { chan_->close(); }

  // is_closed() is true once close() was called or every strong sender is gone.
  bool is_closed() const noexcept { return chan_->is_closed() || chan_->strong_count() == 0; }
  bool is_empty() const noexcept { return chan_->len() == 0; }
  // reserve() makes room for `n` values past those sent so far, so that the next `n` sends
  // allocate no memory (as a burst's sender would otherwise, every 32 values). It adds memory, not
  // capacity: a bounded channel still holds at most its capacity. Drained, the memory is freed
  // or reused as usual.
  void reserve(std::size_t n) { chan_->reserve(n); }
  // len() is the number of values queued.
  std::size_t len() const noexcept { return chan_->len(); }
  // own() makes `owner` this receiver's owner for good (an actor): it takes values with
  // try_recv(), keeps its run state in run_state(), and is woken (owner.wake()) only when news
  // finds that state idle; wake() must then queue the owner's run. The receiver's drop withdraws
  // it; until then `owner` must outlive every handle of the channel that can wake it (see
  // Chan::own()). Called before the channel's handles are shared.
  void own(Waker& owner) noexcept { chan_->own(owner); }
  // run_state() is the owner's run state, on the line a waking sender has in its cache (see
  // Chan::run_state()). It lives as long as the channel, which any handle (a weak one too) keeps.
  RunState& run_state() noexcept { return chan_->run_state(); }
  // prefetch() starts bringing the receiver's words of the channel to this core's cache, ahead
  // of a receive on this core (see Chan::prefetch_receiver()); a hint, it changes nothing.
  void prefetch() const noexcept {
    if (chan_ != nullptr) chan_->prefetch_receiver();
  }

  std::size_t capacity() const noexcept requires kBounded { return chan_->semaphore().available(); }
  std::size_t max_capacity() const noexcept requires kBounded {
    return chan_->semaphore().capacity();
  }

  std::size_t sender_strong_count() const noexcept { return chan_->strong_count(); }
  std::size_t sender_weak_count() const noexcept { return chan_->weak_count(); }

  // set_sink() sets where queued values go when the receiver is dropped (and any that arrive
  // after, when the channel is freed). The sink must not throw and must outlive the channel.
  void set_sink(typename ChanT::Sink sink) { chan_->set_sink(std::move(sink)); }

  // reset() drops the receiver now, as its destructor would: the channel closes and every queued
  // value goes to the sink. Nothing else may be called on the receiver afterwards.
  void reset() noexcept {
    if (chan_) {
      chan_->close_and_drain();
      std::exchange(chan_, nullptr)->drop_ref();
    }
  }

 private:
  ChanT* chan_;
};

}  // namespace courier::mailbox
