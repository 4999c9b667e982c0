// status.hpp: the one result vocabulary of every channel operation.
#pragma once

#include <string_view>
#include <utility>

namespace courier::mailbox {

// Status says how a channel operation ended. One enum serves every operation:
//   success  the operation did what it was asked;
//   empty    nothing to receive yet (the channel is still open);
//   full     a bounded channel has no capacity left;
//   closed   the other side is gone: for a sender, the receiver closed or dropped; for a receiver,
//            every sender dropped, or the channel was closed and is drained (Tokio's Disconnected);
//   timeout  the deadline passed first.
enum class Status { success, empty, full, closed, timeout };

// to_string() names a status for messages and logs.
constexpr std::string_view to_string(Status s) noexcept {
  switch (s) {
    case Status::success:
      return "success";
    case Status::empty:
      return "empty";
    case Status::full:
      return "full";
    case Status::closed:
      return "closed";
    case Status::timeout:
      return "timeout";
  }
  return "unknown";
}

// SendError hands a value back to the caller of a send that did not deliver it: `status` is
// full, closed or timeout, and `value` is the very value that was passed in.
template <class T>
struct SendError {
  Status status;
  T value;

  // into_value() gives the value back to the caller.
  T into_value() && { return std::move(value); }
};

}  // namespace courier::mailbox
