// block.hpp: 32 message slots, the unit in which a channel stores and recycles memory.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>

namespace courier::mailbox {

// A Block holds 32 consecutive slots of a channel's message sequence, starting at start(). Each
// slot has a ready bit, set (with release) by the one sender that claimed the slot once the value
// is written, so the receiver reads a value only after its bytes are complete. Blocks form a
// singly linked list through next(); a drained block is reset and appended again at the tail.
// Thread-safety: write() by the sender that claimed the slot; take() by the receiver after
// is_ready(); the rest as each method says.
template <class T>
class Block {
 public:
  static constexpr std::size_t kSlots = 32;
  static constexpr std::uint64_t kAllReady = (std::uint64_t{1} << kSlots) - 1;

  explicit Block(std::uint64_t start) noexcept : start_(start) {}
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  // start() is the sequence index of slot 0. Written only while no other thread can see the block.
  std::uint64_t start() const noexcept { return start_; }
  void set_start(std::uint64_t start) noexcept { start_ = start; }

  std::atomic<Block*>& next() noexcept { return next_; }

  // write() puts a value in slot `offset` and publishes it. seq_cst (not just release): the
  // sender reads the receiver's waker slot next, and that load must not pass this store.
  void write(std::size_t offset, T&& value) noexcept {
    ::new (static_cast<void*>(slot(offset))) T(std::move(value));
    ready_.fetch_or(std::uint64_t{1} << offset, std::memory_order_seq_cst);
  }

  // is_ready() says whether slot `offset` holds a published value (acquire: its bytes are
  // visible).
  bool is_ready(std::size_t offset) const noexcept {
    return ready_.load(std::memory_order_acquire) & (std::uint64_t{1} << offset);
  }

  // take() moves the value out of a ready slot and destroys the slot's copy.
  T take(std::size_t offset) noexcept {
    T* p = std::launder(slot(offset));
    T value(std::move(*p));
    std::destroy_at(p);
    return value;
  }

  // is_final() is true once all 32 slots were written: no sender writes to it any more.
  bool is_final() const noexcept {
    return (ready_.load(std::memory_order_acquire) & kAllReady) == kAllReady;
  }

  // release() records that the tail moved past this block when the tail position was
  // `observed_tail`: any sender still walking through the block claimed a slot below it.
  void release(std::uint64_t observed_tail) noexcept {
    observed_tail_ = observed_tail;
    ready_.fetch_or(kReleased, std::memory_order_release);  // publishes observed_tail_
  }

  // released_at() gives the tail position recorded by release(), or false if not yet released.
  bool released_at(std::uint64_t& observed_tail) const noexcept {
    if (!(ready_.load(std::memory_order_acquire) & kReleased)) return false;
    observed_tail = observed_tail_;
    return true;
  }

  // reset() makes a drained block new again, before it is appended to the list once more.
  void reset() noexcept {
    next_.store(nullptr, std::memory_order_relaxed);
    ready_.store(0, std::memory_order_relaxed);
  }

 private:
  static constexpr std::uint64_t kReleased = std::uint64_t{1} << kSlots;

  T* slot(std::size_t offset) noexcept { return reinterpret_cast<T*>(&slots_[offset]); }

  std::uint64_t start_;
  std::atomic<Block*> next_{nullptr};
  std::atomic<std::uint64_t> ready_{0};  // bits 0-31: slot ready; bit 32: released
  std::uint64_t observed_tail_ = 0;
  struct alignas(T) Storage {
    std::byte bytes[sizeof(T)];
  };
  Storage slots_[kSlots];
};

}  // namespace courier::mailbox
