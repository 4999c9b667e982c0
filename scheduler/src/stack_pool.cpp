#include "stack_pool.hpp"

#include <sys/mman.h>
#include <unistd.h>

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

StackPool::StackPool(std::size_t stack_size, bool guard_page, std::size_t keep)
    : size_(round_to_pages(stack_size)), guard_(guard_page ? page_size() : 0), keep_(keep) {}

StackPool::~StackPool() {
  for (const Stack& s : free_) unmap(s.context.sp, s.guarded);
}

StackPool::Stack StackPool::allocate() {
  Stack stack;
  {
    std::lock_guard lock(mutex_);
    if (!free_.empty()) {
      stack = free_.back();
      free_.pop_back();
      return stack;
    }
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

void StackPool::deallocate(const Stack& stack) noexcept {
  {
    std::lock_guard lock(mutex_);
    if (free_.size() < keep_) {
      free_.push_back(stack);
      return;
    }
    if (stack.guarded) --guarded_;
  }
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
