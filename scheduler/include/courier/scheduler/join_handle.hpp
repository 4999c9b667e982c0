// join_handle.hpp: waiting for a spawned fiber's result.
#pragma once

#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "courier/scheduler/event.hpp"

namespace courier {
namespace detail {

// JoinState is where a fiber leaves its result (or exception) for its JoinHandle.
template <class T>
struct JoinState {
  using Value = std::conditional_t<std::is_void_v<T>, bool, T>;
  Event done;
  std::optional<Value> value;
  std::exception_ptr error;
};

}  // namespace detail

// A JoinHandle waits for a fiber spawned on a Runtime. join() may be called from a plain thread
// (which blocks) or from a fiber (which suspends). Dropping the handle detaches the fiber. It is
// move-only, as the result it hands out can be taken once; it needs nothing of the runtime, so it
// may be joined or dropped after the runtime is gone (whose shutdown ran every fiber to its end).
// Thread-safety: one thread at a time.
template <class T>
class JoinHandle {
 public:
  explicit JoinHandle(std::shared_ptr<detail::JoinState<T>> state) : state_(std::move(state)) {}
  JoinHandle(JoinHandle&&) noexcept = default;
  JoinHandle& operator=(JoinHandle&&) noexcept = default;
  JoinHandle(const JoinHandle&) = delete;
  JoinHandle& operator=(const JoinHandle&) = delete;
  ~JoinHandle() = default;

  // join() waits for the fiber and returns its result, or rethrows what it threw. Once only: a
  // handle already joined, or moved from, throws std::logic_error.
  T join() {
    if (!state_) throw std::logic_error("courier: JoinHandle joined twice, or moved from");
    auto state = std::move(state_);
    state->done.wait();
    if (state->error) std::rethrow_exception(state->error);
    if constexpr (!std::is_void_v<T>) return std::move(*state->value);
  }

  // is_finished() is true once the fiber has ended.
  bool is_finished() const noexcept { return state_ && state_->done.is_set(); }

 private:
  std::shared_ptr<detail::JoinState<T>> state_;
};

}  // namespace courier
