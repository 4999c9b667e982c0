// channel.hpp: making channels, and the names users write.
#pragma once

#include <cstddef>
#include <utility>

#include "courier/mailbox/receiver.hpp"
#include "courier/mailbox/sender.hpp"

namespace courier::mailbox {

template <class T>
using Sender = BasicSender<T, BoundedSemaphore>;
template <class T>
using Receiver = BasicReceiver<T, BoundedSemaphore>;
template <class T>
using WeakSender = BasicWeakSender<T, BoundedSemaphore>;
template <class T>
using UnboundedSender = BasicSender<T, UnboundedSemaphore>;
template <class T>
using UnboundedReceiver = BasicReceiver<T, UnboundedSemaphore>;
template <class T>
using WeakUnboundedSender = BasicWeakSender<T, UnboundedSemaphore>;

namespace detail {
template <class T, class Semaphore, class... Args>
std::pair<BasicSender<T, Semaphore>, BasicReceiver<T, Semaphore>> make_channel(Args&&... args) {
  auto* chan = new Chan<T, Semaphore>(std::forward<Args>(args)...);
  chan->add_ref();  // the sender's
  chan->add_ref();  // the receiver's
  chan->add_sender();
  return {BasicSender<T, Semaphore>(Adopt{}, chan), BasicReceiver<T, Semaphore>(Adopt{}, chan)};
}
}  // namespace detail

// bounded() makes a channel that holds at most `capacity` values; senders wait (or fail, with
// try_send) when it is full. Throws std::invalid_argument for a capacity of 0.
template <class T>
std::pair<Sender<T>, Receiver<T>> bounded(std::size_t capacity) {
  return detail::make_channel<T, BoundedSemaphore>(capacity);
}

// unbounded() makes a channel whose sends never wait.
template <class T>
std::pair<UnboundedSender<T>, UnboundedReceiver<T>> unbounded() {
  return detail::make_channel<T, UnboundedSemaphore>();
}

}  // namespace courier::mailbox
