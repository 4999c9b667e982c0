// sanitizer.hpp: telling AddressSanitizer and ThreadSanitizer about fiber switches.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace courier::sanitizer {

// FiberIdentity is what the sanitizers know of one execution context (a fiber, or a worker
// thread's own stack). Without sanitizers it is empty and every call below compiles to nothing.
// Boost 1.74's fcontext switch has no hooks of its own, so each switch in the scheduler is
// bracketed by before_switch() (on the old stack) and after_switch() (on the new one).
struct FiberIdentity {
#if defined(__SANITIZE_ADDRESS__)
  const void* stack_bottom = nullptr;
  std::size_t stack_size = 0;
  void* fake_stack = nullptr;
#endif
#if defined(__SANITIZE_THREAD__)
  void* tsan_fiber = nullptr;
  bool owns_tsan_fiber = false;
#endif

  // for_current_thread() describes the calling thread's own stack.
  static FiberIdentity for_current_thread() noexcept {
    FiberIdentity id;
#if defined(__SANITIZE_THREAD__)
    id.tsan_fiber = __tsan_get_current_fiber();
#endif
    return id;
  }

  // for_stack() describes a new fiber on [top - size, top).
  static FiberIdentity for_stack([[maybe_unused]] void* top,
                                 [[maybe_unused]] std::size_t size) noexcept {
    FiberIdentity id;
#if defined(__SANITIZE_ADDRESS__)
    id.stack_bottom = static_cast<char*>(top) - size;
    id.stack_size = size;
    // A pooled stack keeps the shadow of the fiber that used it last, whose frames may still be
    // marked out of scope (left by a switch, or by an unwind ASan did not see): start clean, or
    // the new fiber's locals at those addresses are reported as stack-use-after-scope.
    __asan_unpoison_memory_region(id.stack_bottom, size);
#endif
#if defined(__SANITIZE_THREAD__)
    id.tsan_fiber = __tsan_create_fiber(0);
    id.owns_tsan_fiber = true;
#endif
    return id;
  }

  // release() forgets a finished fiber.
  void release() noexcept {
#if defined(__SANITIZE_THREAD__)
    if (owns_tsan_fiber && tsan_fiber != nullptr) __tsan_destroy_fiber(tsan_fiber);
    tsan_fiber = nullptr;
#endif
  }
};

// before_switch() is called on `from`'s stack right before jumping to `to`. `from_finishes` says
// `from` will never run again (its fake stack can go).
inline void before_switch([[maybe_unused]] FiberIdentity& from, [[maybe_unused]] FiberIdentity& to,
                          [[maybe_unused]] bool from_finishes = false) noexcept {
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_start_switch_fiber(from_finishes ? nullptr : &from.fake_stack, to.stack_bottom,
                                 to.stack_size);
#endif
#if defined(__SANITIZE_THREAD__)
  __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
}

// after_switch() is called on `self`'s stack right after `from` jumped to it. ASan reports the
// bounds of the stack left behind, which is how a worker thread's own stack becomes known.
inline void after_switch([[maybe_unused]] FiberIdentity& self,
                         [[maybe_unused]] FiberIdentity& from) noexcept {
#if defined(__SANITIZE_ADDRESS__)
  const void* from_bottom = nullptr;
  std::size_t from_size = 0;
  __sanitizer_finish_switch_fiber(self.fake_stack, &from_bottom, &from_size);
  from.stack_bottom = from_bottom;
  from.stack_size = from_size;
#endif
}

}  // namespace courier::sanitizer
