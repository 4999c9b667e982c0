// timers_test.cpp: send_after fires once, no sooner than its delay; send_every repeats until its
// handle is cancelled; timers die with the actor that set them; cancelled timers do not pile up.
#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Ticks {
  std::atomic<int> count{0};
  std::atomic<Clock::rep> first{0};  // when the first tick came, as a time_since_epoch count
};

// Counter counts the ticks (Ping{1}) it receives.
class Counter final : public Actor<Ping> {
 public:
  explicit Counter(Ticks* ticks) : ticks_(ticks) {}
  void on_message(Ping, Context&) override {
    // The time first: the count is what the test waits for.
    if (ticks_->count.load() == 0) ticks_->first.store(Clock::now().time_since_epoch().count());
    ticks_->count.fetch_add(1);
  }

 private:
  Instance instance_;
  Ticks* ticks_;
};

// What Setter does when told.
enum : int { kAfter = 0, kEvery = 1, kCancel = 2, kChurn = 3 };
constexpr int kChurnTimers = 10'000;

// Setter sets timers that send to `to`, and cancels its periodic one when told.
class Setter final : public Actor<Ping> {
 public:
  Setter(ActorRef<Ping> to, Clock::duration period) : to_(std::move(to)), period_(period) {}
  void on_message(Ping p, Context& ctx) override {
    if (p.n == kAfter) ctx.send_after(period_, to_, Ping{1});
    if (p.n == kEvery) every_ = ctx.send_every(period_, to_, Ping{1});
    if (p.n == kCancel) {
      every_.cancel();
      EXPECT_TRUE(every_.cancelled());
    }
    if (p.n == kChurn) {
      for (int i = 0; i < kChurnTimers; ++i) ctx.send_every(1h, to_, Ping{1}).cancel();
    }
    ctx.reply(0);
  }

 private:
  Instance instance_;
  ActorRef<Ping> to_;
  Clock::duration period_;
  TimerHandle every_;
};

using TimersTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(TimersTest);

TEST_P(TimersTest, SendAfterFiresOnceAfterItsDelay) {
  constexpr auto kDelay = 30ms;
  Ticks ticks;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto counter = system().spawn<Counter>(&ticks);
  auto setter = system().spawn<Setter>(counter, kDelay);
  const auto start = Clock::now();
  ASSERT_TRUE(setter.ask<int>(Ping{kAfter}, kDeadline));
  ASSERT_TRUE(eventually([&] { return ticks.count.load() == 1; }, kDeadline));
  EXPECT_GE(Clock::time_point(Clock::duration(ticks.first.load())) - start, kDelay);
  sleep_for(3 * kDelay);
  EXPECT_EQ(ticks.count.load(), 1) << "send_after fires once";
}

TEST_P(TimersTest, SendEveryRepeatsUntilCancelled) {
  constexpr auto kPeriod = 5ms;
  Ticks ticks;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto counter = system().spawn<Counter>(&ticks);
  auto setter = system().spawn<Setter>(counter, kPeriod);
  ASSERT_TRUE(setter.ask<int>(Ping{kEvery}, kDeadline));
  ASSERT_TRUE(eventually([&] { return ticks.count.load() >= 5; }, kDeadline));
  ASSERT_TRUE(setter.ask<int>(Ping{kCancel}, kDeadline));
  sleep_for(2 * kPeriod);  // a tick being sent as the cancel ran may still arrive
  const int at_cancel = ticks.count.load();
  sleep_for(10 * kPeriod);
  EXPECT_EQ(ticks.count.load(), at_cancel) << "ticks after the cancel";
}

TEST_P(TimersTest, TimersDieWithTheirActor) {
  constexpr auto kPeriod = 5ms;
  Ticks ticks;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto counter = system().spawn<Counter>(&ticks);
  auto setter = system().spawn<Setter>(counter, kPeriod);
  ASSERT_TRUE(setter.ask<int>(Ping{kEvery}, kDeadline));
  ASSERT_TRUE(setter.ask<int>(Ping{kAfter}, kDeadline));
  ASSERT_TRUE(eventually([&] { return ticks.count.load() >= 3; }, kDeadline));
  setter.stop();
  ASSERT_TRUE(eventually([&] { return !setter.is_alive(); }, kDeadline));
  sleep_for(2 * kPeriod);
  const int at_stop = ticks.count.load();
  sleep_for(10 * kPeriod);
  EXPECT_EQ(ticks.count.load(), at_stop) << "ticks after the actor stopped";
}

TEST_P(TimersTest, CancelledTimersDoNotPileUp) {
  if (!allocation_counting()) GTEST_SKIP() << "needs the allocation counter";
  Ticks ticks;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto counter = system().spawn<Counter>(&ticks);
  auto setter = system().spawn<Setter>(counter, 1h);
  ASSERT_TRUE(setter.ask<int>(Ping{kChurn}, kDeadline));  // warms up the heap's first sweep
  const std::int64_t before = live_allocations();
  ASSERT_TRUE(setter.ask<int>(Ping{kChurn}, kDeadline));
  // Each timer holds at least one allocation while it waits: ten thousand, were none dropped.
  EXPECT_LT(live_allocations() - before, kChurnTimers / 4);
  EXPECT_EQ(ticks.count.load(), 0);
}

}  // namespace
}  // namespace courier::test
