// timers_test.cpp: send_after fires once, no sooner than its delay; send_every repeats until its
// handle is cancelled; timers die with the actor that set them; cancelled timers do not pile up;
// a timer into a full mailbox holds one message in flight, which its end makes a dead letter; a
// handle outlives its system; a delay of duration::max() never fires.
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

// Stuck waits at `gate` in its handler (its fiber suspends; a stop cancels the wait), so that a
// bounded mailbox of one before it fills and stays full.
class Stuck final : public Actor<Ping> {
 public:
  explicit Stuck(Gate* gate) : gate_(gate) {}
  void on_message(Ping, Context&) override { gate_->wait(); }

 private:
  Instance instance_;
  Gate* gate_;
};

// Ticker sets a timer to `to` when told (send_after for kAfter, send_every for kEvery) and hands
// its handle to the test.
class Ticker final : public Actor<Ping> {
 public:
  Ticker(ActorRef<Ping> to, Clock::duration period, TimerHandle* handle)
      : to_(std::move(to)), period_(period), handle_(handle) {}
  void on_message(Ping p, Context& ctx) override {
    *handle_ = p.n == kAfter ? ctx.send_after(period_, to_, Ping{1})
                             : ctx.send_every(period_, to_, Ping{1});
    ctx.reply(0);
  }

 private:
  Instance instance_;
  ActorRef<Ping> to_;
  Clock::duration period_;
  TimerHandle* handle_;
};

const SpawnOptions kMailboxOfOne{.mailbox = Mailbox::bounded(1)};

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

TEST_P(TimersTest, ATimerIntoAFullMailboxHoldsOneMessageInFlight) {
  Gate gate;
  TimerHandle handle;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto stuck = system().spawn<Stuck>(kMailboxOfOne, &gate);
  auto ticker = system().spawn<Ticker>(stuck, 100us, &handle);
  ASSERT_TRUE(ticker.ask<int>(Ping{kEvery}, kDeadline));
  // One tick in the handler, one in the mailbox, one waiting for room: two fibers wait (the
  // handler's and the waiting message's), and the ticks after them are skipped.
  ASSERT_TRUE(eventually([&] { return handle.skipped_ticks() > 0; }, kDeadline));
  ASSERT_TRUE(eventually([&] { return system().runtime().live_fibers() == 2; }, kDeadline))
      << system().runtime().live_fibers() << " fibers";
  const std::int64_t allocations = live_allocations();
  const std::uint64_t skipped = handle.skipped_ticks();
  sleep_for(2s);
  EXPECT_GT(handle.skipped_ticks() - skipped, 1000u) << "2 s of 100 us ticks, all skipped";
  EXPECT_EQ(system().runtime().live_fibers(), 2u) << "fibers made by skipped ticks";
  if (allocation_counting()) {
    EXPECT_LT(live_allocations() - allocations, 16) << "allocations made by skipped ticks";
  }
  EXPECT_EQ(system().dead_letters().count(), 0u);
  // The owner stops: its timer ends, and the message waiting for room becomes a dead letter.
  ticker.stop();
  EXPECT_TRUE(eventually(
      [&] { return system().dead_letters().count(DeadLetterReason::cancelled) == 1; }, kDeadline));
  EXPECT_TRUE(eventually([&] { return system().runtime().live_fibers() == 1; }, kDeadline));
  gate.opened.set();
}

TEST_P(TimersTest, CancellingATimerMakesItsWaitingMessageADeadLetter) {
  Gate gate;
  TimerHandle handle;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto stuck = system().spawn<Stuck>(kMailboxOfOne, &gate);
  auto ticker = system().spawn<Ticker>(stuck, 1ms, &handle);
  EXPECT_TRUE(stuck.send(Ping{0}));  // into the handler, which waits
  gate.entered.wait();
  EXPECT_TRUE(stuck.send(Ping{0}));  // fills the mailbox
  ASSERT_TRUE(ticker.ask<int>(Ping{kAfter}, kDeadline));
  ASSERT_TRUE(eventually([&] { return system().runtime().live_fibers() == 2; }, kDeadline))
      << "the timer's message waits for room";
  handle.cancel();
  EXPECT_TRUE(eventually(
      [&] { return system().dead_letters().count(DeadLetterReason::cancelled) == 1; }, kDeadline));
  EXPECT_TRUE(eventually([&] { return system().runtime().live_fibers() == 1; }, kDeadline));
  gate.opened.set();
}

TEST_P(TimersTest, AHandleOutlivesItsSystem) {
  Gate gate;
  TimerHandle handle;
  std::optional<ActorSystem> own(std::in_place, SystemOptions{.workers = workers()});
  auto stuck = own->spawn<Stuck>(kMailboxOfOne, &gate);
  auto ticker = own->spawn<Ticker>(stuck, 100us, &handle);
  ASSERT_TRUE(ticker.ask<int>(Ping{kEvery}, kDeadline));
  ASSERT_TRUE(eventually([&] { return own->runtime().live_fibers() == 2; }, kDeadline));
  // The system goes while the timer's message waits: the shutdown cancels that wait.
  EXPECT_TRUE(own->shutdown());
  EXPECT_EQ(own->dead_letters().count(DeadLetterReason::cancelled), 1u);
  own.reset();
  stuck = {};
  ticker = {};
  // Used, copied and destroyed after the system: ASan checks that no freed memory is touched.
  TimerHandle copy = handle;
  copy.cancel();
  handle.cancel();
  EXPECT_TRUE(copy.cancelled());
  EXPECT_GT(copy.skipped_ticks(), 0u);
  handle = {};
}

TEST_P(TimersTest, ADelayOfDurationMaxNeverFires) {
  Ticks ticks;
  TimerHandle handle;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto counter = system().spawn<Counter>(&ticks);
  auto ticker = system().spawn<Ticker>(counter, Clock::duration::max(), &handle);
  ASSERT_TRUE(ticker.ask<int>(Ping{kAfter}, kDeadline));
  ASSERT_TRUE(ticker.ask<int>(Ping{kEvery}, kDeadline));
  sleep_for(50ms);
  EXPECT_EQ(ticks.count.load(), 0) << "a timer due at now + duration::max() fired";
}

}  // namespace
}  // namespace courier::test
