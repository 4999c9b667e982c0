// runtime_fixture.hpp: what the scheduler tests share: a marl-style fixture that runs each test on
// runtimes of 1, 2, 4 and 8 workers and checks for leaks at TearDown, sanitizer-aware scaling,
// a destructor-counting value, and small timing helpers.
#pragma once

#include <gtest/gtest.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "alloc_counter.hpp"
#include "courier/scheduler.hpp"

// ---- which sanitizer is on (ASan: see alloc_counter.hpp) ----------------------------------------
#if defined(__SANITIZE_THREAD__)
#define COURIER_TEST_UNDER_TSAN 1
#else
#define COURIER_TEST_UNDER_TSAN 0
#endif

namespace courier::test {

using namespace std::chrono_literals;

inline constexpr bool kUnderAsan = COURIER_TEST_UNDER_ASAN != 0;
inline constexpr bool kUnderTsan = COURIER_TEST_UNDER_TSAN != 0;
inline constexpr bool kUnderSanitizer = kUnderAsan || kUnderTsan;

// scaled() shrinks a stress count under ThreadSanitizer (5-20x slower, and it serialises
// threads) and, less, under AddressSanitizer.
constexpr std::size_t scaled(std::size_t n, std::size_t tsan_divisor = 10) noexcept {
  if (kUnderTsan) return (n + tsan_divisor - 1) / tsan_divisor;
  if (kUnderAsan) return (n + 1) / 2;
  return n;
}

// ---- helpers
// ---------------------------------------------------------------------------------------

// Tracked counts its live instances in a shared counter: a fiber that unwinds must destroy its
// locals, and a leak shows as a count that does not come back to zero.
class Tracked {
 public:
  explicit Tracked(std::atomic<int>& live) noexcept : live_(&live) {
    live_->fetch_add(1, std::memory_order_relaxed);
  }
  Tracked(const Tracked& other) noexcept : live_(other.live_) {
    live_->fetch_add(1, std::memory_order_relaxed);
  }
  Tracked& operator=(const Tracked&) = delete;
  ~Tracked() { live_->fetch_sub(1, std::memory_order_relaxed); }

 private:
  std::atomic<int>* live_;
};

// eventually() polls `pred` until it holds or `timeout` passes; returns its last value.
template <class Pred>
bool eventually(Pred&& pred, std::chrono::milliseconds timeout = 10s) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() >= until) return pred();
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// process_cpu_time() is the CPU time all threads of this process have used.
inline std::chrono::nanoseconds process_cpu_time() noexcept {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

// total_parks() sums the parks of every worker.
inline std::uint64_t total_parks(const Runtime& rt) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < rt.worker_count(); ++i) n += rt.counters(i).parks;
  return n;
}

// total_fibers_run() sums the fiber resumes of every worker.
inline std::uint64_t total_fibers_run(const Runtime& rt) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < rt.worker_count(); ++i) n += rt.counters(i).fibers_run;
  return n;
}

// total_steals() sums the steals of every worker.
inline std::uint64_t total_steals(const Runtime& rt) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < rt.worker_count(); ++i) n += rt.counters(i).steals;
  return n;
}

// warm_up() runs once per process, before the first baseline is taken: everything the library or
// the C++ runtime caches for good on first use (thread_locals of the main thread, the unwinder's
// caches, gtest's own lazily built state) is then in place, and any later growth is a leak.
inline void warm_up() {
  static const bool done = [] {
    Runtime rt({.workers = 2});
    auto [tx, rx] = mailbox::bounded<int>(1);
    rt.spawn([tx = std::move(tx)] {
        sleep_for(1ms);
        (void)tx.send(1);
      }).join();
    (void)rx.recv();
    try {
      rt.block_on([]() -> int { throw std::runtime_error("warm-up"); });
    } catch (const std::runtime_error&) {
    }
    Event e;
    e.set();
    e.wait();
    // gtest keeps the SCOPED_TRACE stack of each thread in a vector that keeps its capacity.
    { SCOPED_TRACE("warm-up"); }
    rt.shutdown();
    return true;
  }();
  (void)done;
}

// FunctionTask runs a function each time it is scheduled, and counts its runs.
class FunctionTask final : public Task {
 public:
  explicit FunctionTask(std::move_only_function<void()> body) : body_(std::move(body)) {}
  void run() noexcept override {
    body_();
    runs.fetch_add(1, std::memory_order_release);
  }
  std::atomic<int> runs{0};

 private:
  std::move_only_function<void()> body_;
};

// ---- the fixture
// -----------------------------------------------------------------------------------

// LeakCheckedTest owns at most one Runtime (made by start()) and, at TearDown: checks that every
// fiber has ended (unless the test leaves fibers for shutdown to cancel), destroys the runtime,
// and checks that no operator new allocation made since SetUp is still outstanding.
class LeakCheckedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    warm_up();
    baseline_ = live_allocations();
  }

  void TearDown() override {
    if (rt_) {
      if (expect_no_live_fibers_) {
        // A joined fiber may still be between setting its result and retiring.
        EXPECT_TRUE(eventually([this] { return rt_->live_fibers() == 0; }))
            << rt_->live_fibers() << " fibers still alive at the end of the test";
      }
      rt_.reset();
    }
    // A failure or a skip records a message, which allocates and stays: nothing to compare then.
    if (allocation_counting() && !HasFailure() && !IsSkipped()) {
      EXPECT_EQ(live_allocations(), baseline_)
          << "operator new allocations outstanding after the runtime was destroyed";
    }
  }

  // start() makes the test's runtime.
  Runtime& start(RuntimeOptions options) {
    rt_.emplace(options);
    return *rt_;
  }

  Runtime& rt() { return *rt_; }

  // leave_fibers_for_shutdown() says the test ends with fibers still waiting, on purpose.
  void leave_fibers_for_shutdown() noexcept { expect_no_live_fibers_ = false; }

 private:
  std::optional<Runtime> rt_;
  std::int64_t baseline_ = 0;
  bool expect_no_live_fibers_ = true;
};

// RuntimeTest is LeakCheckedTest on a runtime with GetParam() workers: instantiate a suite with
// COURIER_INSTANTIATE_WORKERS(Suite) to run it at 1, 2, 4 and 8 workers.
class RuntimeTest : public LeakCheckedTest, public ::testing::WithParamInterface<std::size_t> {
 protected:
  void SetUp() override {
    LeakCheckedTest::SetUp();
    start({.workers = GetParam()});
  }
  std::size_t workers() const { return GetParam(); }
};

inline std::string worker_count_name(const ::testing::TestParamInfo<std::size_t>& info) {
  // Appended rather than `"W" + std::to_string(...)`, which g++ 12 at -O3 reports as an
  // overlapping copy (-Wrestrict): a known false positive of that compiler.
  std::string name = "W";
  name += std::to_string(info.param);
  return name;
}

}  // namespace courier::test

#define COURIER_INSTANTIATE_WORKERS(Suite)                                             \
  INSTANTIATE_TEST_SUITE_P(Workers, Suite, ::testing::Values<std::size_t>(1, 2, 4, 8), \
                           ::courier::test::worker_count_name)
