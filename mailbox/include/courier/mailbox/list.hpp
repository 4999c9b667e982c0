// list.hpp: the channel's lock-free list of blocks: senders append, the one receiver pops.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "courier/mailbox/block.hpp"
#include "courier/mailbox/coop.hpp"

namespace courier::mailbox {

// TxList is the senders' end: the tail position (the next free sequence index) and the frontier,
// a recent block that senders start walking from. The position word also holds a closed flag,
// `position << 1 | kClosed`, which an unbounded channel uses as its only send-side state (see
// UnboundedSemaphore); a bounded channel, whose semaphore refuses sends after the close, never
// sets it. A send claims an index with one fetch_add,
// walks from the frontier to the block holding that index (appending blocks as needed), writes
// its slot, and moves the frontier on. The frontier only moves forward, and may run ahead of a
// slot whose sender has claimed it and not yet looked up its block (another sender took the
// first slot of the next block meanwhile); such a sender walks back from the frontier through
// each block's previous(), over blocks that cannot be recycled, since the receiver cannot pass
// its unwritten slot. Blocks are released for reuse by the receiver, as it finishes reading each
// one (see RxList), so senders never wait on one another and a preempted sender never makes the
// others walk further. The first block is made by the first send: an unused channel owns none.
// Thread-safety: push() from any number of threads; retire() and reclaim() only from the
// receiver.
template <class T>
class TxList {
 public:
  using BlockT = Block<T>;
  static constexpr std::uint64_t kSlots = BlockT::kSlots;

  TxList() = default;
  TxList(const TxList&) = delete;
  TxList& operator=(const TxList&) = delete;

  // push() appends a value to a list that is never closed (a bounded channel's), calling
  // `claimed()` once its slot is claimed and before the value is written there (the channel
  // wakes its receiver then: see Chan::push). `head` is the receiver's head block: the first
  // send publishes the first block there, and a sender that finds the frontier past its block
  // starts from it.
  template <class Claimed>
  void push(T&& value, std::atomic<BlockT*>& head, Claimed&& claimed) noexcept {
    const std::uint64_t word = claim();
    claimed();
    write(word, std::move(value), head);
  }

  // try_push() appends `value` as push() does, unless the list is closed; then it returns false,
  // calls nothing and leaves `value` as it was.
  template <class Claimed>
  bool try_push(T& value, std::atomic<BlockT*>& head, Claimed&& claimed) noexcept {
    const std::uint64_t word = claim();
    if (word & kClosed) return false;  // the claim came after close(): its slot is never read
    claimed();
    write(word, std::move(value), head);
    return true;
  }

  // close() makes every later try_push() fail and returns the number of slots claimed before it,
  // the values the receiver will still find. seq_cst: one RMW on the word every claim updates,
  // so each claim is ordered before or after it.
  std::uint64_t close() noexcept {
    return position_.fetch_or(kClosed, std::memory_order_seq_cst) >> kShift;
  }

  // is_closed() says whether close() was called.
  bool is_closed() const noexcept { return position_.load(std::memory_order_seq_cst) & kClosed; }

  // position() is the number of slots claimed so far; after close() it also counts the failed
  // claims that came later. seq_cst: it is the receiver's re-check after arming its waker, the
  // load half of that handshake (see RxWaker); on x86 it costs no more than an acquire load.
  std::uint64_t position() const noexcept {
    return position_.load(std::memory_order_seq_cst) >> kShift;
  }

  // retire() is the receiver leaving `block`, all of which it has read, for `next`. The frontier
  // is moved off `block` first and the head second, so a sender that still loads `block` from
  // either claimed its slot before the position recorded here; the receiver recycles the block
  // once it has read that far.
  void retire(BlockT* block, BlockT* next, std::atomic<BlockT*>& head) noexcept {
    BlockT* expected = block;
    frontier_.compare_exchange_strong(expected, next, std::memory_order_seq_cst);
    head.store(next, std::memory_order_seq_cst);
    block->release(position_.load(std::memory_order_seq_cst) >> kShift);
  }

  // reclaim() takes a drained block back: it is appended at the end of the chain for reuse, or
  // freed when three tries find the chain already long enough (so memory returns after a burst).
  void reclaim(BlockT* block) noexcept {
    block->reset();
    BlockT* at = frontier_.load(std::memory_order_acquire);
    for (int attempt = 0; attempt < 3; ++attempt) {
      block->set_start(at->start() + kSlots);
      block->set_previous(at);
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

  // reserve() links blocks after the last one until the chain holds `n` slots past those claimed
  // so far, so that the next `n` sends allocate nothing. The blocks are appended as a growing
  // sender appends them (append()), so senders may run meanwhile. Drained, they are recycled or
  // freed like any other.
  void reserve(std::uint64_t n, std::atomic<BlockT*>& head) {
    if (n == 0) return;  // an unused channel still owns no block
    BlockT* at = frontier_.load(std::memory_order_seq_cst);
    if (at == nullptr) at = install_first_block(head);
    const std::uint64_t end = (position_.load(std::memory_order_seq_cst) >> kShift) + n;
    while (at->start() + kSlots < end) {
      BlockT* next = at->next().load(std::memory_order_acquire);
      at = next != nullptr ? next : append(at);
    }
  }

 private:
  static constexpr std::uint64_t kClosed = 1;
  static constexpr int kShift = 1;

  // claim() takes the next index: it returns the position word as it was before, `index << 1`
  // with the closed flag. seq_cst on the claim and on the block loads that follow: every block
  // pointer a sender loads is loaded after its claim, which is what lets retire() bound, by the
  // tail position, the senders that may still be walking through a block. The claim is also the
  // sender's half of the wake-up handshake (see RxWaker). 2^63 claims cannot overflow the word.
  std::uint64_t claim() noexcept {
    return position_.fetch_add(std::uint64_t{1} << kShift, std::memory_order_seq_cst);
  }

  // write() stores `value` in the slot claimed as position word `word`.
  void write(std::uint64_t word, T&& value, std::atomic<BlockT*>& head) noexcept {
    const std::uint64_t index = word >> kShift;
    find_block(index, head)->write(index % kSlots, std::move(value));
  }

  BlockT* find_block(std::uint64_t index, std::atomic<BlockT*>& head) noexcept {
    const std::uint64_t start = index - index % kSlots;
    BlockT* from = frontier_.load(std::memory_order_seq_cst);
    if (from == nullptr) from = install_first_block(head);
    BlockT* block = from;
    // The frontier ran past our unwritten slot: step back. Walking from the receiver's head
    // instead crossed the whole backlog, which made A5 (1,000 senders, one sink) spend most of
    // each send there. previous() is safe to read: the block was published (next() or the
    // frontier) after its previous was set.
    while (block->start() > start) block = block->previous();
    while (block->start() != start) {
      BlockT* next = block->next().load(std::memory_order_acquire);
      block = next != nullptr ? next : grow(block, head);
    }
    if (block != from && block->start() > from->start()) {
      BlockT* expected = from;  // only forward, and only if nobody moved it meanwhile
      frontier_.compare_exchange_strong(expected, block, std::memory_order_seq_cst);
    }
    return block;
  }

  // grow() is a sender's append() past the last block.
  // If the receiver is not on `block` but still behind it, a block or more of values waits for
  // it: the sender is outrunning it and ends its slice (coop::end_slice()). A receiver that
  // keeps up is on `block` itself; a channel then grows only because its spares ran out, and
  // its sender goes on (A6's thousand mailboxes grow that way every 32 messages). The head is a
  // hint, read relaxed: a stale value only moves one yield.
  static BlockT* grow(BlockT* block, const std::atomic<BlockT*>& head) noexcept {
    if (head.load(std::memory_order_relaxed) != block) coop::end_slice();
    return append(block);
  }

  // append() links a new block after `block` and returns block's successor (ours, or the one
  // that won the race, in which case ours is appended further down for later use).
  static BlockT* append(BlockT* block) noexcept {
    auto* fresh = new BlockT(block->start() + kSlots);
    fresh->set_previous(block);
    BlockT* expected = nullptr;
    if (block->next().compare_exchange_strong(expected, fresh, std::memory_order_acq_rel,
                                              std::memory_order_acquire)) {
      return fresh;
    }
    BlockT* successor = expected;
    for (BlockT* at = successor;;) {
      fresh->set_start(at->start() + kSlots);
      fresh->set_previous(at);
      BlockT* none = nullptr;
      if (at->next().compare_exchange_strong(none, fresh, std::memory_order_acq_rel,
                                             std::memory_order_acquire)) {
        return successor;
      }
      at = none;
    }
  }

  // install_first_block() makes the channel's first block: published as the receiver's head
  // before it becomes the frontier, so the receiver finds it before any value is in it.
  BlockT* install_first_block(std::atomic<BlockT*>& head) noexcept {
    BlockT* first = head.load(std::memory_order_acquire);
    if (first == nullptr) {
      auto* fresh = new BlockT(0);
      if (head.compare_exchange_strong(first, fresh, std::memory_order_acq_rel,
                                       std::memory_order_acquire)) {
        first = fresh;
      } else {
        delete fresh;
      }
    }
    // While the frontier is unset nothing was written, so the head is still the first block.
    BlockT* expected = nullptr;
    if (frontier_.compare_exchange_strong(expected, first, std::memory_order_seq_cst)) {
      return first;
    }
    return expected;
  }

  std::atomic<BlockT*> frontier_{nullptr};
  std::atomic<std::uint64_t> position_{0};
};

// RxList is the receiver's end: the head block, the next index to read, and the oldest block
// not yet recycled. A drained block is recycled only once it was released and the receiver has
// read past the position recorded then, i.e. no sender can still be walking through it.
// Thread-safety: receiver only. head_ is atomic because senders read it: the first send
// publishes the first block there, and a sender behind the frontier starts from it.
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

  std::atomic<BlockT*>& head_anchor() noexcept { return head_; }

  // pop() takes the next value, or nothing if its slot is not written yet. The usual cases (the
  // next slot lies in the head block, and no drained block waits to be recycled) are small
  // enough to inline: an actor makes two empty looks whenever it goes idle (A6), and a busy one
  // a take per message (A3). The rest, take_next(), is not.
  std::optional<T> pop(TxList<T>& tx) noexcept {
    BlockT* head = head_.load(std::memory_order_acquire);
    if (head == nullptr) return std::nullopt;
    if (head->start() == index_ - index_ % kSlots && free_head_ == head) return take_from(head);
    return take_next(tx, head);
  }

  // index() is the number of values popped so far.
  std::uint64_t index() const noexcept { return index_; }

 private:
  // take_next() is the rest of pop(): it moves past drained blocks and recycles them. Kept out of
  // line, or the compiler folds it into pop() and pop() is no longer inlined.
  [[gnu::noinline]] std::optional<T> take_next(TxList<T>& tx, BlockT* head) noexcept {
    const std::uint64_t start = index_ - index_ % kSlots;
    while (head->start() != start) {
      BlockT* next = head->next().load(std::memory_order_acquire);
      if (next == nullptr) return std::nullopt;
      tx.retire(head, next, head_);  // every slot of `head` has been read
      head = next;
    }
    recycle(tx, head);
    return take_from(head);
  }

  // take_from() takes the value at index_ from `head`, the block that holds it, if it is written.
  std::optional<T> take_from(BlockT* head) noexcept {
    const std::size_t offset = index_ % kSlots;
    if (!head->is_ready(offset)) return std::nullopt;
    ++index_;
    return head->take(offset);
  }

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
