// idle_cpu_test.cpp: an idle runtime sleeps: its workers and its timer thread use ~0 CPU, with
// no fibers at all, with fibers parked on channels, and with a fiber sleeping on a far timer.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

class IdleCpu : public LeakCheckedTest {
 protected:
  // cpu_used_over() is the process CPU time used while this thread sleeps for `wall`.
  static std::chrono::nanoseconds cpu_used_over(std::chrono::milliseconds wall) {
    const auto before = process_cpu_time();
    std::this_thread::sleep_for(wall);
    return process_cpu_time() - before;
  }

  // Allowed CPU over one idle second. ThreadSanitizer's own background thread wakes up
  // periodically, so give it some room; the normal build must stay under 50 ms.
  static constexpr auto kLimit = kUnderTsan ? 150ms : 50ms;

  void expect_idle(Runtime& r) {
    // Let any worker still searching or in a 1 ms "stuck LIFO" nap settle down.
    std::this_thread::sleep_for(100ms);
    const auto parks_before = total_parks(r);
    const auto used = cpu_used_over(1s);
    EXPECT_LT(used, kLimit) << "an idle runtime used "
                            << std::chrono::duration_cast<std::chrono::milliseconds>(used).count()
                            << " ms of CPU in 1 s";
    // A worker that parks over and over (a spinning timeout) would show here too.
    EXPECT_LT(total_parks(r) - parks_before, 50u);
  }
};

TEST_F(IdleCpu, FreshRuntime) {
  Runtime& r = start({.workers = 2});
  expect_idle(r);
}

TEST_F(IdleCpu, AfterWorkWasDone) {
  Runtime& r = start({.workers = 2});
  auto [tx, rx] = mailbox::bounded<int>(1);
  auto consumer = r.spawn([rx = std::move(rx)]() mutable {
    long sum = 0;
    while (auto v = rx.recv()) sum += *v;
    return sum;
  });
  auto producer = r.spawn([tx = std::move(tx)] {
    for (int i = 0; i < 10000; ++i) (void)tx.send(i);
  });
  producer.join();
  EXPECT_EQ(consumer.join(), 9999L * 10000 / 2);
  expect_idle(r);
}

TEST_F(IdleCpu, WithFibersParkedOnAChannelAndAFarTimer) {
  Runtime& r = start({.workers = 2});
  auto [tx, rx] = mailbox::bounded<int>(1);
  auto receiver = r.spawn([rx = std::move(rx)]() mutable { return rx.recv().value_or(-1); });
  auto sleeper = r.spawn([] { sleep_for(std::chrono::hours(1)); });
  expect_idle(r);
  EXPECT_TRUE(tx.send(3).has_value());
  EXPECT_EQ(receiver.join(), 3);
  leave_fibers_for_shutdown();  // the sleeper is cancelled by the runtime's destruction
  r.shutdown();
  EXPECT_THROW(sleeper.join(), Cancelled);
}

TEST_F(IdleCpu, EightWorkers) {
  Runtime& r = start({.workers = 8});
  EXPECT_EQ(r.block_on([] { return 1; }), 1);
  expect_idle(r);
}

}  // namespace
}  // namespace courier::test
