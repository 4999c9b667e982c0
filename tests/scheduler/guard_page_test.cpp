// guard_page_test.cpp: a fiber that overflows its stack hits the guard page below it and the
// process dies of SIGSEGV, instead of silently writing over whatever lies below the stack.
#include <gtest/gtest.h>

#include <csignal>
#include <cstddef>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

// recurse() uses about 1 KiB of stack per call (less than a page, so it cannot jump over the
// guard page) and never returns normally for a large depth.
[[gnu::noinline]] int recurse(int depth) {
  volatile char frame[1024];
  frame[0] = static_cast<char>(depth);
  frame[sizeof(frame) - 1] = static_cast<char>(depth);
  if (depth == 0) return frame[0];
  const int below = recurse(depth - 1);
  // The frame escapes after the call, so no compiler turns the recursion into a loop (clang
  // does, with an accumulator, for a plain `recurse(depth - 1) + frame[...]`).
  asm volatile("" : : "r"(&frame[0]) : "memory");
  return below + frame[sizeof(frame) - 1];
}

void overflow_a_fiber_stack() {
  Runtime rt({.workers = 1, .stack_size = 64 * 1024, .guard_page = true});
  // 1,000 frames of 1 KiB: about 1 MiB, far beyond 64 KiB.
  (void)rt.block_on([] { return recurse(1000); });
}

TEST(GuardPageDeathTest, StackOverflowCrashesCleanly) {
  if constexpr (kUnderSanitizer) {
    GTEST_SKIP() << "the sanitizers report the overflow themselves and change stack use";
  }
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(overflow_a_fiber_stack(), ::testing::KilledBySignal(SIGSEGV), "");
}

TEST(GuardPageDeathTest, DeepButBoundedRecursionFits) {
  // The same function at a depth that fits in 64 KiB runs normally.
  constexpr int kDepth = kUnderSanitizer ? 8 : 32;
  Runtime rt({.workers = 1, .stack_size = 64 * 1024});
  EXPECT_EQ(rt.block_on([] { return recurse(kDepth); }), kDepth * (kDepth + 1) / 2);
}

}  // namespace
}  // namespace courier::test
