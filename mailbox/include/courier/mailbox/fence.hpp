// fence.hpp: the seq_cst fence of a Dekker handshake, in a form ThreadSanitizer accepts.
#pragma once

#include <atomic>

namespace courier {

// seq_cst_fence() orders the caller's earlier stores before its later loads in the single total
// order, which is what a "publish, then check the other side" handshake needs. ThreadSanitizer
// does not model fences (GCC refuses them under -fsanitize=thread); there, a seq_cst RMW on one
// shared atomic orders the fencing threads among themselves in the same way.
inline void seq_cst_fence() noexcept {
#if defined(__SANITIZE_THREAD__)
  static std::atomic<unsigned> order;
  order.fetch_add(1, std::memory_order_seq_cst);
#else
  std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
}

}  // namespace courier
