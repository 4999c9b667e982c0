// rx_waker.hpp: where the one receiver leaves its waker while it waits for a value.
#pragma once

#include <atomic>
#include <cstdint>

#include "courier/mailbox/spin.hpp"
#include "courier/mailbox/waker.hpp"

namespace courier::mailbox {

// RxWaker holds at most one Waker, the receiver's. Senders call wake() after every change the
// receiver may wait for (a value, the last sender gone, the channel idle after close); when no
// waker is armed that costs one load. The protocol is a Dekker handshake: the sender writes its
// change, then loads the slot; the receiver stores the slot, then re-checks for a change. With
// seq_cst on both sides at least one of them sees the other, so no wake-up is lost: the store and
// the load on each side are seq_cst operations (not a store and a fence), since on x86 a seq_cst
// load is a plain load and the locked store already drains the store buffer, where a fence would
// cost a second barrier on every arm. For a value, the change is the claim of its slot, not its
// publication (see Chan::poll_recv).
// A sender that takes the waker marks the slot busy while it calls wake(), and disarm() waits
// that out, so a waker is never touched after its wait is over.
// A task that owns the receiver for good (an actor) registers itself once instead, with own():
// the slot then holds it until the receiver is dropped, and the channel wakes it through its
// RunState (Chan::wake_receiver()), with no arm and no take per wait.
// Thread-safety: own()/arm()/disarm() by the receiver only; owner() and wake() from any thread.
class RxWaker {
 public:
  // own() makes `w` the receiver's owner for good, before any other thread knows the channel.
  void own(Waker& w) noexcept {
    slot_.store(reinterpret_cast<std::uintptr_t>(&w) | kOwned, std::memory_order_relaxed);
  }

  // owner() is the waker registered by own(), or null. Relaxed: an owner is set before the
  // channel is shared and only withdrawn by the receiver's drop, and a sender that reads it just
  // before that still finds it alive (Chan::own()); an armed waker is never taken for an owner.
  Waker* owner() const noexcept {
    const std::uintptr_t w = slot_.load(std::memory_order_relaxed);
    return (w & kOwned) != 0 ? reinterpret_cast<Waker*>(w & ~kOwned) : nullptr;
  }

  // arm() registers `w`. The caller must re-check its condition afterwards, with seq_cst loads. If
  // a sender is still inside wake() for the previous registration (a receiver that polls can be
  // woken and re-arm that fast), arm() waits for it: the sender's final store would otherwise
  // erase the new registration, and that wake-up would be lost.
  void arm(Waker& w) noexcept {
    const auto mine = reinterpret_cast<std::uintptr_t>(&w);
    std::uintptr_t current = slot_.load(std::memory_order_acquire);
    Backoff backoff;
    while (true) {
      if (current & kBusy) {
        backoff.pause();
        current = slot_.load(std::memory_order_acquire);
        continue;
      }
      // seq_cst: the store half of the Dekker handshake (see the class comment); the caller's
      // seq_cst re-check loads cannot come before it in the single total order.
      if (slot_.compare_exchange_weak(current, mine, std::memory_order_seq_cst,
                                      std::memory_order_acquire)) {
        break;
      }
    }
  }

  // disarm() withdraws the armed waker, or the owner (once the receiver is gone). It returns true
  // if one was still there, false if a sender took an armed waker (its wake() has then
  // completed). A sender may still be waking an owner it has just read: see Chan::own().
  bool disarm() noexcept {
    std::uintptr_t w = slot_.load(std::memory_order_acquire);
    Backoff backoff;
    if ((w & kOwned) != 0) {
      slot_.store(0, std::memory_order_relaxed);  // no sender ever marks an owner busy
      return true;
    }
    while (true) {
      if (w == 0) return false;
      if (w & kBusy) {
        backoff.pause();  // a sender is inside wake(); its thread may have lost its core
        w = slot_.load(std::memory_order_acquire);
        continue;
      }
      if (slot_.compare_exchange_weak(w, 0, std::memory_order_acq_rel, std::memory_order_acquire)) {
        return true;
      }
    }
  }

  // wake() wakes the armed waker, if any, exactly once.
  void wake() noexcept {
    std::uintptr_t w = slot_.load(std::memory_order_seq_cst);
    if (w == 0 || (w & kBusy)) return;
    if (!slot_.compare_exchange_strong(w, w | kBusy, std::memory_order_acquire,
                                       std::memory_order_relaxed)) {
      return;  // another sender took it, or the receiver withdrew it
    }
    reinterpret_cast<Waker*>(w)->wake();
    slot_.store(0, std::memory_order_release);
  }

 private:
  static constexpr std::uintptr_t kBusy = 1;
  static constexpr std::uintptr_t kOwned = 2;  // a Waker is aligned to 8 bytes at least
  std::atomic<std::uintptr_t> slot_{0};
};

}  // namespace courier::mailbox
