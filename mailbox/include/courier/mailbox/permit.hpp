// permit.hpp: capacity reserved in a bounded channel, to be filled without waiting or failing.
#pragma once

#include <cstddef>
#include <utility>

#include "courier/mailbox/chan.hpp"

namespace courier::mailbox {

// A Permit is one slot of capacity reserved by Sender::reserve(). Its send() cannot fail or wait;
// dropping it unused gives the capacity back. As with Tokio, a Permit must not outlive the Sender
// it came from (use OwnedPermit for that): it keeps the channel open for the receiver, which
// waits for every reserved value.
// Thread-safety: a Permit is used by one thread at a time.
template <class T, class Semaphore>
class Permit {
 public:
  Permit(Permit&& other) noexcept : chan_(std::exchange(other.chan_, nullptr)) {}
  Permit& operator=(Permit&& other) noexcept {
    if (this != &other) {
      reset();
      chan_ = std::exchange(other.chan_, nullptr);
    }
    return *this;
  }
  ~Permit() { reset(); }

  // send() delivers `value` using the reserved capacity; the permit is spent.
  void send(T value) && noexcept { std::exchange(chan_, nullptr)->push(std::move(value)); }

 private:
  template <class, class>
  friend class BasicSender;
  explicit Permit(Chan<T, Semaphore>* chan) noexcept : chan_(chan) {}
  void reset() noexcept {
    if (chan_) std::exchange(chan_, nullptr)->release(1);
  }
  Chan<T, Semaphore>* chan_;
};

// Permits are n slots of capacity reserved at once by Sender::reserve_many(n); each send() uses
// one, and whatever is left goes back when they are dropped.
// Thread-safety: used by one thread at a time; must not outlive its Sender (see Permit).
template <class T, class Semaphore>
class Permits {
 public:
  Permits(Permits&& other) noexcept : chan_(other.chan_), left_(std::exchange(other.left_, 0)) {}
  Permits& operator=(Permits&&) = delete;
  ~Permits() {
    if (left_) chan_->release(left_);
  }

  // size() is how many sends are still reserved.
  std::size_t size() const noexcept { return left_; }

  // send() delivers one value on one reserved slot. Requires size() > 0.
  void send(T value) noexcept {
    --left_;
    chan_->push(std::move(value));
  }

 private:
  template <class, class>
  friend class BasicSender;
  Permits(Chan<T, Semaphore>* chan, std::size_t n) noexcept : chan_(chan), left_(n) {}
  Chan<T, Semaphore>* chan_;
  std::size_t left_;
};

}  // namespace courier::mailbox
