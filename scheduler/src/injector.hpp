// injector.hpp: the runtime's global run queue, for work that comes from outside a worker.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>

namespace courier::detail {

// Injector is a FIFO of ready runnables under a mutex: fibers spawned and fibers or tasks woken by
// threads that are not workers, and the overflow of full local queues. Nodes link through `next`.
// `len_` lets workers see that it is empty without taking the lock.
// Thread-safety: every method is safe from any thread.
template <class Node>
class Injector {
 public:
  void push(Node* n) noexcept { push_batch(n, n, 1); }

  // push_batch() appends the chain first..last (linked through next) of `count` nodes.
  void push_batch(Node* first, Node* last, std::size_t count) noexcept {
    last->next = nullptr;
    std::lock_guard lock(mutex_);
    if (tail_) {
      tail_->next = first;
    } else {
      head_ = first;
    }
    tail_ = last;
    // seq_cst: an idle worker announces itself and then checks this; see Idle.
    len_.fetch_add(count, std::memory_order_seq_cst);
  }

  Node* pop() noexcept {
    if (len_.load(std::memory_order_acquire) == 0) return nullptr;
    std::lock_guard lock(mutex_);
    Node* n = head_;
    if (n == nullptr) return nullptr;
    head_ = n->next;
    if (head_ == nullptr) tail_ = nullptr;
    len_.fetch_sub(1, std::memory_order_relaxed);
    return n;
  }

  bool empty() const noexcept { return len_.load(std::memory_order_seq_cst) == 0; }

 private:
  std::mutex mutex_;
  Node* head_ = nullptr;
  Node* tail_ = nullptr;
  std::atomic<std::size_t> len_{0};
};

}  // namespace courier::detail
