// stack_pool.hpp: fiber stacks, kept for reuse so that spawning a fiber rarely calls mmap.
#pragma once

#include <boost/context/stack_context.hpp>
#include <cstddef>
#include <mutex>
#include <vector>

namespace courier {

// StackPool hands out fixed-size fiber stacks. Each is its own mapping, optionally with an
// inaccessible guard page below it, so an overflow is a clean SIGSEGV rather than silent
// corruption. Freed stacks are kept (up to a limit) and handed out again.
// A guard page splits its stack's mapping in two, and Linux allows a process 65,530 mappings by
// default, so only the first kMaxGuarded stacks alive at once get one; further stacks are plain
// mappings the kernel merges, so a runtime can still hold hundreds of thousands of fibers.
// Thread-safety: every method is safe from any thread, provided that a cache index is used by one
// thread at a time (its worker's).
class StackPool {
 public:
  // `stack_size` is rounded up to whole pages; `keep` is how many free stacks to hold on to in
  // the shared list; `caches` how many per-worker caches to make.
  StackPool(std::size_t stack_size, bool guard_page, std::size_t caches = 0,
            std::size_t keep = 1024);
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;
  // ~StackPool unmaps the free stacks; every stack must have been given back.
  ~StackPool();

  // Stack is one stack handed out: where it is, and whether a guard page lies below it.
  struct Stack {
    boost::context::stack_context context;
    bool guarded = false;
  };

  // kNoCache: a caller that is no worker of this pool's (it uses the shared list only).
  static constexpr std::size_t kNoCache = static_cast<std::size_t>(-1);

  // allocate() gives a stack, from cache `cache` if it has one; throws std::bad_alloc when the
  // system has no memory for one.
  Stack allocate(std::size_t cache = kNoCache);
  // deallocate() takes a stack back, into cache `cache` if it has room.
  void deallocate(const Stack& stack, std::size_t cache = kNoCache) noexcept;

  // At most this many stacks carry a guard page at once (about a quarter of the default limit).
  static constexpr std::size_t kMaxGuarded = 16384;
  // A cache holds at most kCacheSize stacks and trades kBatch at a time with the shared list.
  static constexpr std::size_t kCacheSize = 32;
  static constexpr std::size_t kBatch = kCacheSize / 2;

 private:
  // Cache is one worker's stacks, on a cache line of its own so two workers never share one.
  struct alignas(64) Cache {
    std::size_t count = 0;
    Stack stacks[kCacheSize];
  };

  void* map(bool guarded);
  void unmap(void* top, bool guarded) noexcept;
  // map_stack() maps a new stack, counting its guard page against kMaxGuarded.
  Stack map_stack();
  // give_back() returns a stack to the shared list, or unmaps it when the list is full.
  void give_back(const Stack& stack) noexcept;  // with mutex_ held

  std::size_t size_;   // usable bytes per stack
  std::size_t guard_;  // bytes of guard below a guarded stack (0 when guards are off)
  std::size_t keep_;
  std::mutex mutex_;
  std::vector<Stack> free_;
  std::size_t guarded_ = 0;  // mapped stacks that have a guard page
  std::vector<Cache> caches_;
};

}  // namespace courier
