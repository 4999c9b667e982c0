// spawn_join_test.cpp: spawning fibers and joining them, from threads and from fibers: results of
// every kind, exceptions carried to join, and the rules around shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

class SpawnJoin : public RuntimeTest {};
COURIER_INSTANTIATE_WORKERS(SpawnJoin);

struct CustomError {
  int code;
};

TEST_P(SpawnJoin, ValueFromThread) {
  auto h = rt().spawn([] { return 42; });
  EXPECT_EQ(h.join(), 42);
}

TEST_P(SpawnJoin, VoidFromThread) {
  std::atomic<int> ran{0};
  auto h = rt().spawn([&ran] { ran.fetch_add(1); });
  static_assert(std::is_same_v<decltype(h.join()), void>);
  h.join();
  EXPECT_EQ(ran.load(), 1);
}

TEST_P(SpawnJoin, MoveOnlyResult) {
  auto h = rt().spawn([] { return std::make_unique<std::string>("moved out of a fiber"); });
  std::unique_ptr<std::string> s = h.join();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(*s, "moved out of a fiber");
}

TEST_P(SpawnJoin, MoveOnlyCapture) {
  auto p = std::make_unique<int>(7);
  auto h = rt().spawn([p = std::move(p)] { return *p * 6; });
  EXPECT_EQ(h.join(), 42);
}

TEST_P(SpawnJoin, LargeCaptureAndLargeResult) {
  std::vector<int> input(10000);
  std::iota(input.begin(), input.end(), 0);
  auto h = rt().spawn([input = std::move(input)] {
    std::vector<long> out(input.begin(), input.end());
    return out;
  });
  std::vector<long> out = h.join();
  ASSERT_EQ(out.size(), 10000u);
  EXPECT_EQ(std::accumulate(out.begin(), out.end(), 0L), 9999L * 10000 / 2);
}

TEST_P(SpawnJoin, ManyFromThread) {
  constexpr int kFibers = 1000;
  std::vector<JoinHandle<int>> handles;
  for (int i = 0; i < kFibers; ++i) handles.push_back(rt().spawn([i] { return i; }));
  long sum = 0;
  for (auto& h : handles) sum += h.join();
  EXPECT_EQ(sum, static_cast<long>(kFibers) * (kFibers - 1) / 2);
}

TEST_P(SpawnJoin, SpawnAndJoinFromInsideAFiber) {
  Runtime& runtime = rt();
  auto h = runtime.spawn([&runtime] {
    EXPECT_EQ(Runtime::current(), &runtime);
    std::vector<JoinHandle<int>> children;
    for (int i = 0; i < 100; ++i) {
      children.push_back(Runtime::current()->spawn([i] { return i * i; }));
    }
    int sum = 0;
    for (auto& c : children) sum += c.join();  // suspends this fiber, not its worker
    return sum;
  });
  int expected = 0;
  for (int i = 0; i < 100; ++i) expected += i * i;
  EXPECT_EQ(h.join(), expected);
}

// A chain of fibers, each joining the next: every level is parked in join at once.
int nested(Runtime& rt, int depth) {
  if (depth == 0) return 0;
  return rt.spawn([&rt, depth] { return nested(rt, depth - 1); }).join() + 1;
}

TEST_P(SpawnJoin, NestedJoinChain) {
  Runtime& runtime = rt();
  EXPECT_EQ(runtime.block_on([&runtime] { return nested(runtime, 200); }), 200);
}

TEST_P(SpawnJoin, BlockOnReturnsAndRethrows) {
  EXPECT_EQ(rt().block_on([] { return std::string("block_on"); }), "block_on");
  int out = 0;
  rt().block_on([&out] { out = 5; });
  EXPECT_EQ(out, 5);
  EXPECT_THROW(rt().block_on([]() -> int { throw std::out_of_range("x"); }), std::out_of_range);
}

TEST_P(SpawnJoin, BlockOnFromAFiber) {
  Runtime& runtime = rt();
  auto h = runtime.spawn([&runtime] { return runtime.block_on([] { return 3; }) + 1; });
  EXPECT_EQ(h.join(), 4);
}

TEST_P(SpawnJoin, ExceptionIsRethrownAtJoin) {
  auto h = rt().spawn([]() -> int { throw std::runtime_error("boom"); });
  try {
    h.join();
    FAIL() << "join did not rethrow";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "boom");
  }
}

TEST_P(SpawnJoin, ExceptionOfAnyTypeKeepsItsType) {
  auto h = rt().spawn([] { throw CustomError{17}; });
  try {
    h.join();
    FAIL() << "join did not rethrow";
  } catch (const CustomError& e) {
    EXPECT_EQ(e.code, 17);
  }
}

TEST_P(SpawnJoin, ExceptionAfterWaitingIsRethrown) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  auto h = rt().spawn([rx = std::move(rx)]() mutable -> int {
    const int v = rx.recv().value();
    throw std::runtime_error("after recv " + std::to_string(v));
  });
  ASSERT_TRUE(tx.send(9).has_value());
  EXPECT_THROW(h.join(), std::runtime_error);
}

TEST_P(SpawnJoin, CancelledThrownByTheFiberIsRethrownAtJoin) {
  auto h = rt().spawn([] { throw Cancelled{}; });
  EXPECT_THROW(h.join(), Cancelled);
}

TEST_P(SpawnJoin, ExceptionRethrownAtJoinFromAFiber) {
  Runtime& runtime = rt();
  auto h = runtime.spawn([&runtime] {
    auto inner = runtime.spawn([]() -> int { throw std::invalid_argument("inner"); });
    try {
      inner.join();
    } catch (const std::invalid_argument&) {
      return true;
    }
    return false;
  });
  EXPECT_TRUE(h.join());
}

TEST_P(SpawnJoin, JoinTwiceThrowsLogicError) {
  auto h = rt().spawn([] { return 1; });
  EXPECT_EQ(h.join(), 1);
  EXPECT_THROW(h.join(), std::logic_error);
}

TEST_P(SpawnJoin, IsFinished) {
  Event go;
  auto h = rt().spawn([&go] { go.wait(); });
  EXPECT_FALSE(h.is_finished());
  go.set();
  EXPECT_TRUE(eventually([&h] { return h.is_finished(); }));
  h.join();
  EXPECT_FALSE(h.is_finished());  // a joined handle is empty
}

TEST_P(SpawnJoin, DroppedHandleDetachesTheFiber) {
  Event done;
  std::atomic<int> live{0};
  {
    Tracked t(live);
    (void)rt().spawn([&done, t] { done.set(); });
  }
  done.wait();
  EXPECT_TRUE(eventually([this] { return rt().live_fibers() == 0; }));
  EXPECT_EQ(live.load(), 0);  // the captured copy died with the fiber
}

TEST_P(SpawnJoin, CapturesAreDestroyedWhenTheFiberEnds) {
  std::atomic<int> live{0};
  auto h = rt().spawn([t = Tracked(live), &live] { return live.load(); });
  EXPECT_GE(h.join(), 1);
  EXPECT_TRUE(eventually([&live] { return live.load() == 0; }));
}

TEST_P(SpawnJoin, CurrentAndWorkerCount) {
  EXPECT_EQ(Runtime::current(), nullptr);
  EXPECT_EQ(rt().worker_count(), workers());
  Runtime* self = &rt();
  EXPECT_EQ(rt().block_on([] { return Runtime::current(); }), self);
  // block_on() returns once the result is set; the fiber ends just after.
  EXPECT_TRUE(eventually([this] { return rt().live_fibers() == 0; }));
}

TEST_P(SpawnJoin, LiveFibersCountsFibersUntilTheyEnd) {
  Event go;
  std::vector<JoinHandle<void>> hs;
  for (int i = 0; i < 10; ++i) hs.push_back(rt().spawn([&go] { go.wait(); }));
  EXPECT_EQ(rt().live_fibers(), 10u);
  go.set();
  for (auto& h : hs) h.join();
  EXPECT_TRUE(eventually([this] { return rt().live_fibers() == 0; }));
}

TEST_P(SpawnJoin, SpawnAfterShutdownThrowsRuntimeError) {
  rt().shutdown();
  std::atomic<int> live{0};
  EXPECT_THROW((void)rt().spawn([t = Tracked(live)] {}), std::runtime_error);
  EXPECT_EQ(live.load(), 0);  // the refused function was destroyed
  EXPECT_THROW(rt().block_on([] { return 1; }), std::runtime_error);
}

TEST_P(SpawnJoin, SpawnFromAFiberDuringShutdownThrowsRuntimeError) {
  Event started;
  auto h = rt().spawn([&started] {
    started.set();
    try {
      sleep_for(std::chrono::hours(1));
    } catch (const Cancelled&) {
    }
    try {
      (void)Runtime::current()->spawn([] {});
    } catch (const std::runtime_error&) {
      return true;
    }
    return false;
  });
  started.wait();
  rt().shutdown();
  EXPECT_TRUE(h.join());
}

TEST_P(SpawnJoin, ShutdownFromAFiberThrowsLogicError) {
  Runtime& runtime = rt();
  const bool threw = runtime.block_on([&runtime] {
    try {
      runtime.shutdown();
    } catch (const std::logic_error&) {
      return true;
    }
    return false;
  });
  EXPECT_TRUE(threw);
  EXPECT_EQ(runtime.block_on([] { return 1; }), 1);  // still running
}

TEST_P(SpawnJoin, ShutdownTwiceIsHarmless) {
  EXPECT_EQ(rt().block_on([] { return 1; }), 1);
  rt().shutdown();
  rt().shutdown();
}

// Runtime options are validated, and 0 workers means one per core.
class RuntimeOptionsTest : public LeakCheckedTest {};

TEST_F(RuntimeOptionsTest, ZeroWorkersMeansOnePerCore) {
  Runtime& r = start({.workers = 0});
  EXPECT_EQ(r.worker_count(), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(r.block_on([] { return 2; }), 2);
}

TEST_F(RuntimeOptionsTest, ZeroBudgetIsRejected) {
  EXPECT_THROW(Runtime({.workers = 1, .budget = 0}), std::invalid_argument);
}

TEST_F(RuntimeOptionsTest, StackSizeAndNoGuardPage) {
  Runtime& r = start({.workers = 2, .stack_size = 256 * 1024, .guard_page = false});
  // 128 KiB of locals fits a 256 KiB stack.
  const int v = r.block_on([] {
    volatile char big[128 * 1024];
    for (std::size_t i = 0; i < sizeof(big); i += 4096) big[i] = static_cast<char>(i / 4096);
    return static_cast<int>(big[4096 * 3]);
  });
  EXPECT_EQ(v, 3);
}

TEST_F(RuntimeOptionsTest, CountersOutOfRangeThrow) {
  Runtime& r = start({.workers = 2});
  EXPECT_THROW((void)r.counters(2), std::out_of_range);
}

}  // namespace
}  // namespace courier::test
