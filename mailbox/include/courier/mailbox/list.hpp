// list.hpp: the channel's lock-free list of blocks: senders append, the one receiver pops.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "courier/mailbox/block.hpp"

namespace courier::mailbox {

// TxList is the senders' end: a tail block and a tail position (the next free sequence index).
// A send claims an index with one fetch_add, walks from the tail block to the block holding that
// index (appending blocks as needed) and writes its slot. The first block is made by the first
// send, so an unused channel owns no block.
// Thread-safety: push() from any number of threads; reclaim() only from the receiver.
template <class T>
class TxList {
 public:
  using BlockT = Block<T>;
  static constexpr std::uint64_t kSlots = BlockT::kSlots;

  TxList() = default;
  TxList(const TxList&) = delete;
  TxList& operator=(const TxList&) = delete;

  // push() appends a value. `first` is the receiver's head anchor: the first send publishes the
  // first block there before any sender can write into it, so the receiver always finds it.
  void push(T&& value, std::atomic<BlockT*>& first) noexcept {
    // acq_rel on the claim: the tail_ load below cannot move above it, which is what lets
    // release() bound, by the tail position, the senders that may still walk an old block.
    const std::uint64_t index = position_.fetch_add(1, std::memory_order_acq_rel);
    find_block(index, first)->write(index % kSlots, std::move(value));
  }

  // position() is the number of slots claimed so far.
  std::uint64_t position() const noexcept { return position_.load(std::memory_order_acquire); }

  // reclaim() takes a drained block back: it is appended after the tail for reuse, or freed
  // when three tries find the chain already long enough (so memory returns after a burst).
  void reclaim(BlockT* block) noexcept {
    block->reset();
    BlockT* at = tail_.load(std::memory_order_acquire);
    for (int attempt = 0; attempt < 3; ++attempt) {
      block->set_start(at->start() + kSlots);
      BlockT* expected = nullptr;
      // Release publishes the reset block; acquire on failure lets us step to the winner.
      if (at->next().compare_exchange_strong(expected, block, std::memory_order_acq_rel,
                                             std::memory_order_acquire)) {
        return;
      }
      at = expected;
    }
    delete block;
  }

 private:
  BlockT* find_block(std::uint64_t index, std::atomic<BlockT*>& first) noexcept {
    const std::uint64_t start = index - index % kSlots;
    BlockT* block = tail_.load(std::memory_order_acquire);
    if (block == nullptr) block = install_first_block(first);
    // Spread the work of moving the tail: a sender moves it only when it is further behind than
    // the sender's own offset, so the sender of slot 0 moves it first and others rarely collide.
    bool may_move_tail = (start - block->start()) / kSlots > index % kSlots;
    while (block->start() != start) {
      BlockT* next = block->next().load(std::memory_order_acquire);
      if (next == nullptr) next = grow(block);
      if (may_move_tail && block->is_final()) {
        BlockT* expected = block;
        if (tail_.compare_exchange_strong(expected, next, std::memory_order_seq_cst)) {
          // Every sender that may still walk `block` loaded tail_ before this CAS, so it
          // claimed an index below the position read here (seq_cst orders the two).
          block->release(position_.load(std::memory_order_seq_cst));
        } else {
          may_move_tail = false;
        }
      }
      block = next;
    }
    return block;
  }

  // grow() links a new block after `block` and returns block's successor (ours, or the one
  // that won the race, in which case ours is appended further down for later use).
  static BlockT* grow(BlockT* block) noexcept {
    auto* fresh = new BlockT(block->start() + kSlots);
    BlockT* expected = nullptr;
    if (block->next().compare_exchange_strong(expected, fresh, std::memory_order_acq_rel,
                                              std::memory_order_acquire)) {
      return fresh;
    }
    BlockT* successor = expected;
    for (BlockT* at = successor;;) {
      fresh->set_start(at->start() + kSlots);
      BlockT* none = nullptr;
      if (at->next().compare_exchange_strong(none, fresh, std::memory_order_acq_rel,
                                             std::memory_order_acquire)) {
        return successor;
      }
      at = none;
    }
  }

  BlockT* install_first_block(std::atomic<BlockT*>& first) noexcept {
    BlockT* head = first.load(std::memory_order_acquire);
    if (head == nullptr) {
      auto* fresh = new BlockT(0);
      if (first.compare_exchange_strong(head, fresh, std::memory_order_acq_rel,
                                        std::memory_order_acquire)) {
        head = fresh;
      } else {
        delete fresh;
      }
    }
    // If tail_ is set already, `head` may be stale (the receiver moves it); the CAS then fails
    // and we use the tail it returns.
    BlockT* expected = nullptr;
    if (tail_.compare_exchange_strong(expected, head, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
      return head;
    }
    return expected;
  }

  std::atomic<BlockT*> tail_{nullptr};
  std::atomic<std::uint64_t> position_{0};
};

// RxList is the receiver's end: the head block, the next index to read, and the oldest block
// not yet recycled. A drained block is recycled only once it was released and the receiver has
// read past the position recorded then, i.e. no sender can still be walking through it.
// Thread-safety: receiver only (head_ is atomic only for the first send's hand-over).
template <class T>
class RxList {
 public:
  using BlockT = Block<T>;
  static constexpr std::uint64_t kSlots = BlockT::kSlots;

  RxList() = default;
  RxList(const RxList&) = delete;
  RxList& operator=(const RxList&) = delete;

  // ~RxList frees every block; the values must have been popped already.
  ~RxList() {
    BlockT* b = free_head_ ? free_head_ : head_.load(std::memory_order_acquire);
    while (b != nullptr) {
      BlockT* next = b->next().load(std::memory_order_acquire);
      delete b;
      b = next;
    }
  }

  std::atomic<BlockT*>& first_block_anchor() noexcept { return head_; }

  // pop() takes the next value, or nothing if its slot is not written yet.
  std::optional<T> pop(TxList<T>& tx) noexcept {
    BlockT* head = head_.load(std::memory_order_acquire);
    if (head == nullptr) return std::nullopt;
    const std::uint64_t start = index_ - index_ % kSlots;
    while (head->start() != start) {
      BlockT* next = head->next().load(std::memory_order_acquire);
      if (next == nullptr) return std::nullopt;
      head = next;
      head_.store(head, std::memory_order_relaxed);
    }
    recycle(tx, head);
    const std::size_t offset = index_ % kSlots;
    if (!head->is_ready(offset)) return std::nullopt;
    ++index_;
    return head->take(offset);
  }

  // index() is the number of values popped so far.
  std::uint64_t index() const noexcept { return index_; }

 private:
  void recycle(TxList<T>& tx, BlockT* head) noexcept {
    if (free_head_ == nullptr) free_head_ = head;
    while (free_head_ != head) {
      std::uint64_t observed_tail;
      if (!free_head_->released_at(observed_tail) || observed_tail > index_) return;
      BlockT* drained = free_head_;
      free_head_ = drained->next().load(std::memory_order_acquire);
      tx.reclaim(drained);
    }
  }

  std::atomic<BlockT*> head_{nullptr};
  BlockT* free_head_ = nullptr;
  std::uint64_t index_ = 0;
};

}  // namespace courier::mailbox
