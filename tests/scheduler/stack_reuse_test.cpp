// stack_reuse_test.cpp: fiber stacks go back to the pool whichever worker ends the fiber, through
// the workers' caches, and every stack is unmapped when the runtime is destroyed. A stack lost in
// a cache, or a cache never given back, shows as mappings that grow with the number of fibers.
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

// mappings() counts the process's memory mappings.
std::size_t mappings() {
  std::ifstream maps("/proc/self/maps");
  std::size_t n = 0;
  for (std::string line; std::getline(maps, line);) ++n;
  return n;
}

class StackReuse : public ::testing::TestWithParam<std::size_t> {};
INSTANTIATE_TEST_SUITE_P(Workers, StackReuse, ::testing::Values(1, 2, 4, 8), worker_count_name);

constexpr std::size_t kFibers = 20000, kBatch = 500;

// spawn_and_join() runs kFibers trivial fibers from a driver fiber, in joined batches of kBatch:
// the stacks are taken on the driver's worker and given back on whichever worker ran each fiber.
void spawn_and_join(Runtime& rt) {
  const std::size_t sum = rt.block_on([&rt] {
    std::size_t total = 0;
    std::vector<JoinHandle<std::size_t>> hs;
    for (std::size_t b = 0; b < kFibers; b += kBatch) {
      for (std::size_t i = b; i < b + kBatch; ++i) hs.push_back(rt.spawn([i] { return i; }));
      for (auto& h : hs) total += h.join();
      hs.clear();
    }
    return total;
  });
  EXPECT_EQ(sum, kFibers * (kFibers - 1) / 2);
}

TEST_P(StackReuse, StacksComeBackWhicheverWorkerEndsTheFiber) {
  if constexpr (kUnderSanitizer) {
    GTEST_SKIP() << "the sanitizer runtimes map and unmap memory of their own";
  }
  const std::size_t workers = GetParam();
  // Mapped at most: a batch alive, the shared list (1,024 stacks) and a full cache per worker,
  // each stack two mappings with its guard page; a few more for the threads and their arenas.
  // Stacks that were not reused would pile up to tens of thousands.
  const std::size_t bound = 2 * (kBatch + 1024 + 32 * workers) + 64;
  const std::size_t before = mappings();
  {
    Runtime rt({.workers = workers});
    for (int round = 0; round < 3; ++round) {
      spawn_and_join(rt);
      EXPECT_LT(mappings() - before, bound) << "round " << round;
    }
  }
  // The worker threads' stacks and arenas may stay cached by the C library, nothing else.
  EXPECT_LE(mappings(), before + 4 * workers + 16) << "the runtime left stacks mapped";
}

}  // namespace
}  // namespace courier::test
