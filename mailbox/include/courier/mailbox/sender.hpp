// sender.hpp: the sending handles of a channel, strong and weak.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <utility>

#include "courier/expected.hpp"
#include "courier/mailbox/chan.hpp"
#include "courier/mailbox/coop.hpp"
#include "courier/mailbox/deadline.hpp"
#include "courier/mailbox/permit.hpp"

namespace courier::mailbox {

template <class T, class Semaphore>
class BasicWeakSender;
template <class T>
class OwnedPermit;

namespace detail {

// SendCalls is the send family that strong and weak handles share: a send needs only a live
// receiver, never a strong count, so a weak handle sends at the same cost as a strong one.
// The derived handle owns the reference that keeps `chan_` allocated. The calls only read
// `chan_`, so several threads may send through one handle at once.
template <class T, class Semaphore>
class SendCalls {
 public:
  using ChanT = Chan<T, Semaphore>;
  static constexpr bool kBounded = ChanT::kBounded;
  using SendResult = courier::Expected<void, SendError<T>>;

  // send() delivers `value`, waiting for capacity if a bounded channel is full. It fails with
  // closed, handing the value back, once the receiver has closed the channel or is gone.
  SendResult send(T value) const {
    if constexpr (kBounded) {
      return finish_waiting(chan_->acquire(1, Deadline::max()), std::move(value));
    } else {
      if (!chan_->try_push(value))
        return courier::Unexpected(SendError<T>{Status::closed, std::move(value)});
      coop::consume();  // as finish_waiting() does
      return {};
    }
  }

  // try_send() delivers `value` only if that needs no waiting: else full or closed.
  SendResult try_send(T value) const requires kBounded {
    return finish(chan_->semaphore().try_acquire(1), std::move(value));
  }

  // send_timeout() is send() that gives up with timeout, handing the value back. A timeout too
  // long to reach (courier::forever) waits with no deadline.
  template <class Rep, class Period>
  SendResult send_timeout(T value,
                          std::chrono::duration<Rep, Period> timeout) const requires kBounded {
    return finish_waiting(chan_->acquire(1, deadline_after(timeout)), std::move(value));
  }

 protected:
  explicit SendCalls(ChanT* chan) noexcept : chan_(chan) {}

  SendResult finish(Status acquired, T&& value) const {
    if (acquired != Status::success)
      return courier::Unexpected(SendError<T>{acquired, std::move(value)});
    chan_->push(std::move(value));
    return {};
  }
  // finish_waiting() is finish() for send() and send_timeout(), which spend coop budget: a fiber
  // that only sends (even into an unbounded channel, which never waits) must still give its
  // worker back now and then, or the receiver it feeds never runs.
  SendResult finish_waiting(Status acquired, T&& value) const {
    SendResult r = finish(acquired, std::move(value));
    if (r) coop::consume();
    return r;
  }
  ChanT* chan_;
};

}  // namespace detail

// A BasicSender sends into a channel: Sender<T> for a bounded one, UnboundedSender<T> for an
// unbounded one. Copies are independent strong handles; the channel stays open for the
// receiver while any strong handle exists. Failed sends hand the value back in a SendError.
// Thread-safety: a handle is used by one thread at a time; copies may be used concurrently.
template <class T, class Semaphore>
class BasicSender : public detail::SendCalls<T, Semaphore> {
  using Base = detail::SendCalls<T, Semaphore>;
  using Base::chan_;

 public:
  using Base::kBounded;
  using typename Base::ChanT;

  // Adopts a strong count and a reference that the caller already added to `chan` (used by the
  // channel constructors and by upgrade()).
  BasicSender(detail::Adopt, ChanT* chan) noexcept : Base(chan) {}

  BasicSender(const BasicSender& other) noexcept : Base(other.chan_) {
    chan_->add_ref();
    chan_->add_sender();
  }
  BasicSender(BasicSender&& other) noexcept : Base(std::exchange(other.chan_, nullptr)) {}
  BasicSender& operator=(BasicSender other) noexcept {
    std::swap(chan_, other.chan_);
    return *this;
  }
  ~BasicSender() {
    if (chan_) {
      chan_->drop_sender();
      chan_->drop_ref();
    }
  }

  // reserve() waits for one slot of capacity and returns it as a Permit (or closed).
  courier::Expected<Permit<T, Semaphore>, Status> reserve() const requires kBounded {
    return grant(chan_->acquire(1, Deadline::max()));
  }

  // try_reserve() reserves one slot only if there is one now (else full or closed).
  courier::Expected<Permit<T, Semaphore>, Status> try_reserve() const requires kBounded {
    return grant(chan_->semaphore().try_acquire(1));
  }

  // reserve_many() waits for n slots at once, keeping its place in line. It throws
  // std::length_error if n exceeds max_capacity(), which could never be satisfied. Zero slots
  // need no waiting, but a closed channel refuses them too, as Tokio's reserve_many(0) does.
  courier::Expected<Permits<T, Semaphore>, Status> reserve_many(
      std::size_t n) const requires kBounded {
    check_many(n);
    return grant_many(n == 0 ? acquire_none() : chan_->acquire(n, Deadline::max()), n);
  }

  // try_reserve_many() reserves n slots only if they are free now (zero slots: as reserve_many).
  courier::Expected<Permits<T, Semaphore>, Status> try_reserve_many(
      std::size_t n) const requires kBounded {
    check_many(n);
    return grant_many(n == 0 ? acquire_none() : chan_->semaphore().try_acquire(n), n);
  }

  // reserve_owned() is reserve() for a permit that holds its own Sender, to outlive this one.
  courier::Expected<OwnedPermit<T>, Status> reserve_owned() const requires kBounded;

  // try_reserve_owned() is try_reserve() for an owned permit.
  courier::Expected<OwnedPermit<T>, Status> try_reserve_owned() const requires kBounded;

  // closed() waits until the receiver closes the channel or is dropped.
  void closed() const { chan_->wait_closed(); }
  bool is_closed() const noexcept { return chan_->is_closed(); }

  // capacity() is the free capacity now; max_capacity() the capacity the channel was made with.
  std::size_t capacity() const noexcept requires kBounded { return chan_->semaphore().available(); }
  std::size_t max_capacity() const noexcept requires kBounded {
    return chan_->semaphore().capacity();
  }

  // downgrade() makes a weak handle to the same channel.
  BasicWeakSender<T, Semaphore> downgrade() const noexcept {
    return BasicWeakSender<T, Semaphore>(chan_);
  }

  std::size_t strong_count() const noexcept { return chan_->strong_count(); }
  std::size_t weak_count() const noexcept { return chan_->weak_count(); }
  bool same_channel(const BasicSender& other) const noexcept { return chan_ == other.chan_; }

 private:
  template <class, class>
  friend class BasicWeakSender;
  template <class>
  friend class OwnedPermit;

  courier::Expected<Permit<T, Semaphore>, Status> grant(Status acquired) const {
    if (acquired != Status::success) return courier::Unexpected(acquired);
    return Permit<T, Semaphore>(chan_);
  }
  courier::Expected<Permits<T, Semaphore>, Status> grant_many(Status acquired,
                                                              std::size_t n) const {
    if (acquired != Status::success) return courier::Unexpected(acquired);
    return Permits<T, Semaphore>(chan_, n);
  }
  // acquire_none() is the outcome of reserving zero slots: closed or success.
  Status acquire_none() const noexcept {
    return chan_->is_closed() ? Status::closed : Status::success;
  }
  void check_many(std::size_t n) const {
    if (n > chan_->semaphore().capacity()) {
      throw std::length_error("courier::mailbox: reserve_many asks for more than the capacity");
    }
  }
};

// An OwnedPermit is a Permit that carries its own Sender, so it can be stored or moved to another
// thread freely. send() hands the Sender back.
template <class T>
class OwnedPermit {
 public:
  using SenderT = BasicSender<T, BoundedSemaphore>;

  // A moved-from permit holds a moved-from Sender (no channel) and releases nothing.
  OwnedPermit(OwnedPermit&&) noexcept = default;
  OwnedPermit& operator=(OwnedPermit&& other) noexcept {
    if (this != &other) {
      reset();
      sender_ = std::move(other.sender_);
    }
    return *this;
  }
  ~OwnedPermit() { reset(); }

  // send() delivers `value` on the reserved slot and returns the sender.
  SenderT send(T value) && noexcept {
    sender_.chan_->push(std::move(value));
    return std::move(sender_);
  }

  // release() gives the capacity back unused and returns the sender.
  SenderT release() && noexcept {
    sender_.chan_->release(1);
    return std::move(sender_);
  }

 private:
  friend class BasicSender<T, BoundedSemaphore>;
  explicit OwnedPermit(SenderT sender) noexcept : sender_(std::move(sender)) {}
  // reset() gives the unused capacity back, then drops the held Sender.
  void reset() noexcept {
    if (sender_.chan_ != nullptr) {
      sender_.chan_->release(1);
      SenderT drop(std::move(sender_));
    }
  }
  SenderT sender_;
};

template <class T, class Semaphore>
courier::Expected<OwnedPermit<T>, Status> BasicSender<T, Semaphore>::reserve_owned()
    const requires kBounded {
  const Status s = chan_->acquire(1, Deadline::max());
  if (s != Status::success) return courier::Unexpected(s);
  return OwnedPermit<T>(*this);
}

template <class T, class Semaphore>
courier::Expected<OwnedPermit<T>, Status> BasicSender<T, Semaphore>::try_reserve_owned()
    const requires kBounded {
  const Status s = chan_->semaphore().try_acquire(1);
  if (s != Status::success) return courier::Unexpected(s);
  return OwnedPermit<T>(*this);
}

// A BasicWeakSender (WeakSender<T>, WeakUnboundedSender<T>) refers to a channel without keeping
// it open: once the last strong sender is gone the receiver sees the end, and upgrade() fails.
// It sends like a strong handle for as long as the receiver has not closed the channel; a value
// sent after the receiver saw the end stays queued until the receiver drains or drops the
// channel (then it goes to the channel's sink), so it is never silently lost.
// Thread-safety: as BasicSender.
template <class T, class Semaphore>
class BasicWeakSender : public detail::SendCalls<T, Semaphore> {
  using Base = detail::SendCalls<T, Semaphore>;
  using Base::chan_;

 public:
  using typename Base::ChanT;

  BasicWeakSender(const BasicWeakSender& other) noexcept : Base(other.chan_) {
    chan_->add_ref();
    chan_->add_weak();
  }
  BasicWeakSender(BasicWeakSender&& other) noexcept : Base(std::exchange(other.chan_, nullptr)) {}
  BasicWeakSender& operator=(BasicWeakSender other) noexcept {
    std::swap(chan_, other.chan_);
    return *this;
  }
  ~BasicWeakSender() {
    if (chan_) {
      chan_->drop_weak();
      chan_->drop_ref();
    }
  }

  // upgrade() gives a strong sender while at least one still exists.
  std::optional<BasicSender<T, Semaphore>> upgrade() const noexcept {
    if (!chan_->upgrade()) return std::nullopt;
    chan_->add_ref();
    return BasicSender<T, Semaphore>(detail::Adopt{}, chan_);
  }

  std::size_t strong_count() const noexcept { return chan_->strong_count(); }
  std::size_t weak_count() const noexcept { return chan_->weak_count(); }
  bool same_channel(const BasicWeakSender& other) const noexcept { return chan_ == other.chan_; }

 private:
  friend class BasicSender<T, Semaphore>;
  explicit BasicWeakSender(ChanT* chan) noexcept : Base(chan) {
    chan_->add_ref();
    chan_->add_weak();
  }
};

}  // namespace courier::mailbox
