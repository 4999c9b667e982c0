// alloc_counter.cpp: replaces the global operator new and delete of a test binary, so that a test
// can count allocations (see alloc_counter.hpp): the scheduler and actor fixtures check that a test
// leaves none behind, and mailbox tests that a send allocates nothing.
//
// Every replaced operator counts a live allocation up or down with a relaxed atomic (the count is
// only compared once the threads that allocate have been joined, and a join synchronises). Under
// AddressSanitizer the replacement is left out: ASan has its own operator new (with new/delete
// mismatch checks) and its own leak checker, and live_allocations() then reports nothing.
#include "alloc_counter.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#if !COURIER_TEST_UNDER_ASAN

namespace {

std::atomic<std::int64_t> live{0};

void* counted_alloc(std::size_t size) noexcept {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p != nullptr) live.fetch_add(1, std::memory_order_relaxed);
  return p;
}

void* counted_aligned_alloc(std::size_t size, std::align_val_t align) noexcept {
  std::size_t a = static_cast<std::size_t>(align);
  if (a < sizeof(void*)) a = sizeof(void*);
  void* p = nullptr;
  if (::posix_memalign(&p, a, size == 0 ? 1 : size) != 0) return nullptr;
  live.fetch_add(1, std::memory_order_relaxed);
  return p;
}

void counted_free(void* p) noexcept {
  if (p == nullptr) return;
  live.fetch_sub(1, std::memory_order_relaxed);
  std::free(p);
}

void* throwing_alloc(std::size_t size) {
  while (true) {
    if (void* p = counted_alloc(size)) return p;
    std::new_handler h = std::get_new_handler();
    if (h == nullptr) throw std::bad_alloc();
    h();
  }
}

void* throwing_aligned_alloc(std::size_t size, std::align_val_t align) {
  while (true) {
    if (void* p = counted_aligned_alloc(size, align)) return p;
    std::new_handler h = std::get_new_handler();
    if (h == nullptr) throw std::bad_alloc();
    h();
  }
}

}  // namespace

namespace courier::test {
bool allocation_counting() noexcept {
  return true;
}
std::int64_t live_allocations() noexcept {
  return live.load(std::memory_order_relaxed);
}
}  // namespace courier::test

// NOLINTBEGIN(misc-new-delete-overloads)
void* operator new(std::size_t size) {
  return throwing_alloc(size);
}
void* operator new[](std::size_t size) {
  return throwing_alloc(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_alloc(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_alloc(size);
}
void* operator new(std::size_t size, std::align_val_t align) {
  return throwing_aligned_alloc(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return throwing_aligned_alloc(size, align);
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return counted_aligned_alloc(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return counted_aligned_alloc(size, align);
}

void operator delete(void* p) noexcept {
  counted_free(p);
}
void operator delete[](void* p) noexcept {
  counted_free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  counted_free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  counted_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  counted_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  counted_free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  counted_free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  counted_free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  counted_free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  counted_free(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  counted_free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  counted_free(p);
}
// NOLINTEND(misc-new-delete-overloads)

#else  // under ASan

namespace courier::test {
bool allocation_counting() noexcept {
  return false;
}
std::int64_t live_allocations() noexcept {
  return 0;
}
}  // namespace courier::test

#endif
