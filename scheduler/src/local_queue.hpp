// local_queue.hpp: a worker's own run queue, which other workers may steal from.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace courier::detail {

struct Runnable;

// LocalQueue is a fixed ring of 256 ready runnables (fibers and tasks). Its owner pushes at the
// tail and pops at the head; thieves take half of it at once from the head. `head_` packs two
// indices: `steal` (where a steal in progress began) and `real` (the true head); they differ only
// while a thief copies the fibers it claimed, and during that time the owner may pop but not
// overwrite those slots. Thread-safety: push_back / pop / len by the owner only; steal_into from
// any other worker.
class LocalQueue {
 public:
  static constexpr std::uint32_t kCapacity = 256;

  // push_back() adds a fiber; if the ring is full it returns false and the caller moves work to
  // the global queue (take_half_for_overflow()).
  bool push_back(Runnable* f) noexcept {
    const std::uint32_t tail = tail_.load(std::memory_order_relaxed);  // only we write it
    const std::uint32_t steal = unpack_steal(head_.load(std::memory_order_acquire));
    if (tail - steal >= kCapacity) return false;
    buffer_[tail % kCapacity].store(f, std::memory_order_relaxed);
    // Release: the slot is written before a thief can see the new tail.
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }

  // pop() takes the oldest fiber, or nullptr.
  Runnable* pop() noexcept {
    std::uint64_t head = head_.load(std::memory_order_acquire);
    while (true) {
      const std::uint32_t steal = unpack_steal(head), real = unpack_real(head);
      if (real == tail_.load(std::memory_order_relaxed)) return nullptr;
      // While a thief is copying, only `real` moves; `steal` stays so our pushes cannot overwrite
      // what the thief still reads.
      const std::uint64_t next = steal == real ? pack(real + 1, real + 1) : pack(steal, real + 1);
      if (head_.compare_exchange_weak(head, next, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
        return buffer_[real % kCapacity].load(std::memory_order_relaxed);
      }
    }
  }

  // take_half_for_overflow() removes the older half of a full ring into `out` (which must hold
  // kCapacity / 2) and returns how many it took; 0 if a thief is busy (then retry the push).
  std::uint32_t take_half_for_overflow(Runnable** out) noexcept {
    std::uint64_t head = head_.load(std::memory_order_acquire);
    const std::uint32_t steal = unpack_steal(head), real = unpack_real(head);
    if (steal != real) return 0;
    const std::uint32_t n = kCapacity / 2;
    if (!head_.compare_exchange_strong(head, pack(real + n, real + n), std::memory_order_acq_rel,
                                       std::memory_order_acquire)) {
      return 0;
    }
    for (std::uint32_t i = 0; i < n; ++i) {
      out[i] = buffer_[(real + i) % kCapacity].load(std::memory_order_relaxed);
    }
    return n;
  }

  // steal_into() moves about half of this queue into `dst` (the thief's own, empty-ish queue)
  // and returns one fiber to run now, or nullptr.
  Runnable* steal_into(LocalQueue& dst) noexcept {
    const std::uint32_t dst_tail = dst.tail_.load(std::memory_order_relaxed);
    // 1. Claim half of the ready fibers by moving `real` on while `steal` stays.
    std::uint64_t head = head_.load(std::memory_order_acquire);
    std::uint32_t steal, real, n;
    while (true) {
      steal = unpack_steal(head);
      real = unpack_real(head);
      if (steal != real) return nullptr;  // another thief is at work
      const std::uint32_t tail = tail_.load(std::memory_order_acquire);
      n = tail - real;
      n -= n / 2;
      if (n == 0) return nullptr;
      if (head_.compare_exchange_weak(head, pack(steal, real + n), std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
        break;
      }
    }
    // 2. Copy them; the owner cannot overwrite slots at or after `steal`.
    for (std::uint32_t i = 0; i < n; ++i) {
      Runnable* f = buffer_[(steal + i) % kCapacity].load(std::memory_order_relaxed);
      dst.buffer_[(dst_tail + i) % kCapacity].store(f, std::memory_order_relaxed);
    }
    // 3. Release the claim: `steal` catches up with `real` (which the owner may have moved on).
    head = head_.load(std::memory_order_acquire);
    while (true) {
      const std::uint64_t next = pack(unpack_real(head), unpack_real(head));
      if (head_.compare_exchange_weak(head, next, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
        break;
      }
    }
    // Keep the last one to run now; publish the rest in the thief's queue.
    --n;
    Runnable* run_now = dst.buffer_[(dst_tail + n) % kCapacity].load(std::memory_order_relaxed);
    if (n != 0) dst.tail_.store(dst_tail + n, std::memory_order_release);
    return run_now;
  }

  // len() is the number of queued fibers (a snapshot; exact for the owner).
  std::uint32_t len() const noexcept {
    return tail_.load(std::memory_order_acquire) -
           unpack_real(head_.load(std::memory_order_acquire));
  }

 private:
  static std::uint64_t pack(std::uint32_t steal, std::uint32_t real) noexcept {
    return (std::uint64_t{steal} << 32) | real;
  }
  static std::uint32_t unpack_steal(std::uint64_t h) noexcept {
    return static_cast<std::uint32_t>(h >> 32);
  }
  static std::uint32_t unpack_real(std::uint64_t h) noexcept {
    return static_cast<std::uint32_t>(h);
  }

  alignas(64) std::atomic<std::uint64_t> head_{0};
  alignas(64) std::atomic<std::uint32_t> tail_{0};
  std::array<std::atomic<Runnable*>, kCapacity> buffer_{};
};

}  // namespace courier::detail
