#include "stack_pool.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <new>

namespace courier {
namespace {

std::size_t page_size() noexcept {
  return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

std::size_t round_to_pages(std::size_t n) noexcept {
  const std::size_t page = page_size();
  return (n + page - 1) / page * page;
}

}  // namespace

StackPool::StackPool(std::size_t stack_size, bool guard_page, std::size_t caches, std::size_t keep)
    : size_(round_to_pages(stack_size)),
      guard_(guard_page ? page_size() : 0),
      keep_(keep),
      caches_(caches) {
  free_.reserve(keep_);
}

StackPool::~StackPool() {
  for (const Stack& s : free_) unmap(s.context.sp, s.guarded);
  for (const Cache& c : caches_) {
    for (std::size_t i = 0; i < c.count; ++i) unmap(c.stacks[i].context.sp, c.stacks[i].guarded);
  }
}

StackPool::Stack StackPool::allocate(std::size_t cache) {
  if (cache == kNoCache) {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        Stack stack = free_.back();
        free_.pop_back();
        return stack;
      }
    }
    return map_stack();
  }
  Cache& c = caches_[cache];
  if (c.count == 0) {
    std::lock_guard lock(mutex_);
    const std::size_t n = std::min(kBatch, free_.size());
    std::copy(free_.end() - static_cast<std::ptrdiff_t>(n), free_.end(), c.stacks);
    free_.resize(free_.size() - n);
    c.count = n;
  }
  if (c.count == 0) return map_stack();
  return c.stacks[--c.count];
}

void StackPool::deallocate(const Stack& stack, std::size_t cache) noexcept {
  if (cache == kNoCache) {
    std::lock_guard lock(mutex_);
    give_back(stack);
    return;
  }
  Cache& c = caches_[cache];
  if (c.count == kCacheSize) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = kCacheSize - kBatch; i < kCacheSize; ++i) give_back(c.stacks[i]);
    c.count -= kBatch;
  }
  c.stacks[c.count++] = stack;
}

StackPool::Stack StackPool::map_stack() {
  Stack stack;
  {
    std::lock_guard lock(mutex_);
    stack.guarded = guard_ != 0 && guarded_ < kMaxGuarded;
    if (stack.guarded) ++guarded_;
  }
  try {
    stack.context.sp = map(stack.guarded);
  } catch (...) {
    std::lock_guard lock(mutex_);
    if (stack.guarded) --guarded_;
    throw;
  }
  stack.context.size = size_;
  return stack;
}

void StackPool::give_back(const Stack& stack) noexcept {
  if (free_.size() < keep_) {
    free_.push_back(stack);  // keep_ is reserved: no allocation under the lock
    return;
  }
  if (stack.guarded) --guarded_;
  unmap(stack.context.sp, stack.guarded);
}

void* StackPool::map(bool guarded) {
  const std::size_t guard = guarded ? guard_ : 0;
  // MAP_NORESERVE: a stack costs only the pages a fiber really touches.
  void* base = ::mmap(nullptr, size_ + guard, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (base == MAP_FAILED) throw std::bad_alloc();
  if (guard != 0 && ::mprotect(base, guard, PROT_NONE) != 0) {
    ::munmap(base, size_ + guard);
    throw std::bad_alloc();
  }
  return static_cast<char*>(base) + guard + size_;
}

void StackPool::unmap(void* top, bool guarded) noexcept {
  const std::size_t guard = guarded ? guard_ : 0;
  ::munmap(static_cast<char*>(top) - size_ - guard, size_ + guard);
}

}  // namespace courier
