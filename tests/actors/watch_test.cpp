// watch_test.cpp: death watch: ctx.watch(ref) delivers a Terminated notice with the right id,
// name and reason; watching a dead actor notifies at once; unwatch withdraws; a notice reaches
// a watcher whose mailbox is full; notices that queue up while the watcher is busy come in the
// order the targets stopped.
#include <mutex>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Notices {
  std::mutex mutex;
  std::vector<Terminated> seen;
  std::size_t size() {
    std::lock_guard lock(mutex);
    return seen.size();
  }
  Terminated at(std::size_t i) {
    std::lock_guard lock(mutex);
    return seen.at(i);
  }
};

// Target fails on Ping{1}, stops itself on Ping{2}.
class Target final : public Actor<Ping> {
 public:
  void on_message(Ping p, Context& ctx) override {
    if (p.n == 1) throw std::runtime_error("target failed");
    if (p.n == 2) ctx.stop();
  }

 private:
  Instance instance_;
};

// Watcher watches `target` from on_start; Ping{1} unwatches it; Ping{2} waits on the gate.
class Watcher final : public Actor<Ping> {
 public:
  Watcher(ActorRef<Ping> target, Notices* notices, Gate* gate)
      : target_(std::move(target)), notices_(notices), gate_(gate) {}
  void on_start(Context& ctx) override { ctx.watch(target_); }
  void on_message(Ping p, Context& ctx) override {
    if (p.n == 1) ctx.unwatch(target_);
    if (p.n == 2) gate_->wait();
    ctx.reply(0);
  }
  void on_terminated(const Terminated& notice, Context&) override {
    std::lock_guard lock(notices_->mutex);
    notices_->seen.push_back(notice);
  }

 private:
  Instance instance_;
  ActorRef<Ping> target_;
  Notices* notices_;
  Gate* gate_;
};

// BusyWatcher watches every target from on_start; Ping{2} waits on the gate.
class BusyWatcher final : public Actor<Ping> {
 public:
  BusyWatcher(std::vector<ActorRef<Ping>> targets, Notices* notices, Gate* gate)
      : targets_(std::move(targets)), notices_(notices), gate_(gate) {}
  void on_start(Context& ctx) override {
    for (const auto& t : targets_) ctx.watch(t);
  }
  void on_message(Ping p, Context&) override {
    if (p.n == 2) gate_->wait();
  }
  void on_terminated(const Terminated& notice, Context&) override {
    std::lock_guard lock(notices_->mutex);
    notices_->seen.push_back(notice);
  }

 private:
  Instance instance_;
  std::vector<ActorRef<Ping>> targets_;
  Notices* notices_;
  Gate* gate_;
};

using WatchTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(WatchTest);

TEST_P(WatchTest, ANoticeCarriesTheIdNameAndReason) {
  auto& sys = start({.root = {.max_restarts = 0, .on_limit = Supervision::OnLimit::stop}});
  struct Case {
    const char* name;
    int message;  // 0: stop through the ref
    StopReason reason;
  };
  for (const Case& c :
       {Case{"stopped", 0, StopReason::requested}, Case{"self-stopped", 2, StopReason::requested},
        Case{"failed", 1, StopReason::failed}}) {
    SCOPED_TRACE(c.name);
    Notices notices;
    Gate gate;
    auto target = sys.spawn<Target>(SpawnOptions{.name = c.name});
    auto watcher = sys.spawn<Watcher>(target, &notices, &gate);
    ASSERT_TRUE(watcher.ask<int>(Ping{0}, kDeadline));  // on_start, and so the watch, ran
    if (c.message == 0) {
      target.stop();
    } else {
      ASSERT_TRUE(target.send(Ping{c.message}));
    }
    ASSERT_TRUE(eventually([&] { return notices.size() == 1; }, kDeadline));
    const Terminated t = notices.at(0);
    EXPECT_EQ(t.id, target.id());
    EXPECT_EQ(t.name, c.name);
    EXPECT_EQ(t.reason, c.reason) << stop_reason_name(t.reason);
    watcher.stop();
    ASSERT_TRUE(sys.wait_all_stopped(kDeadline));
    EXPECT_EQ(notices.size(), 1u);
  }
}

TEST_P(WatchTest, WatchingADeadActorNotifiesAtOnce) {
  Notices notices;
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto target = system().spawn<Target>(SpawnOptions{.name = "gone"});
  target.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  auto watcher = system().spawn<Watcher>(target, &notices, &gate);
  ASSERT_TRUE(eventually([&] { return notices.size() == 1; }, kDeadline));
  EXPECT_EQ(notices.at(0).id, target.id());
  EXPECT_EQ(notices.at(0).name, "gone");
  EXPECT_EQ(notices.at(0).reason, StopReason::requested);
}

TEST_P(WatchTest, UnwatchWithdrawsTheRequest) {
  Notices notices;
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto target = system().spawn<Target>();
  auto watcher = system().spawn<Watcher>(target, &notices, &gate);
  ASSERT_TRUE(watcher.ask<int>(Ping{1}, kDeadline));
  target.stop();
  ASSERT_TRUE(eventually([&] { return !target.is_alive(); }, kDeadline));
  sleep_for(20ms);  // a notice, if one were sent, follows the stop at once
  ASSERT_TRUE(watcher.ask<int>(Ping{0}, kDeadline));
  EXPECT_EQ(notices.size(), 0u);
}

TEST_P(WatchTest, ANoticeReachesAWatcherWhoseMailboxIsFull) {
  Notices notices;
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto target = system().spawn<Target>();
  auto watcher = system().spawn<Watcher>(
      SpawnOptions{.name = "full", .mailbox = Mailbox::bounded(1, Overflow::drop_newest)}, target,
      &notices, &gate);
  ASSERT_TRUE(watcher.send(Ping{2}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));
  ASSERT_TRUE(watcher.send(Ping{0}));
  ASSERT_TRUE(watcher.send(Ping{0}));  // dropped: the mailbox is full
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::dropped), 1u);
  target.stop();
  ASSERT_TRUE(eventually([&] { return !target.is_alive(); }, kDeadline));
  gate.opened.set();
  ASSERT_TRUE(eventually([&] { return notices.size() == 1; }, kDeadline));
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::dropped), 1u);
}

TEST_P(WatchTest, NoticesQueuedWhileBusyComeInTheOrderTheTargetsStopped) {
  // The control lane is a stack that the actor takes whole: it must hand the notices over oldest
  // first.
  constexpr int kTargets = 5;
  Notices notices;
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  std::vector<ActorRef<Ping>> targets;
  for (int i = 0; i < kTargets; ++i) targets.push_back(system().spawn<Target>());
  auto watcher = system().spawn<BusyWatcher>(targets, &notices, &gate);
  ASSERT_TRUE(watcher.send(Ping{2}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));  // on_start (the watches) ran
  // A target is marked dead before it sends its notices, so is_alive() alone would let the next
  // target's notice overtake this one's. It leaves the live count once its notices are sent.
  for (auto& t : targets) {
    const auto live = system().live_actors();
    t.stop();
    ASSERT_TRUE(eventually([&] { return system().live_actors() == live - 1; }, kDeadline));
  }
  EXPECT_EQ(notices.size(), 0u);  // all still queued behind the busy handler
  gate.opened.set();
  ASSERT_TRUE(eventually([&] { return notices.size() == kTargets; }, kDeadline));
  for (int i = 0; i < kTargets; ++i) EXPECT_EQ(notices.at(i).id, targets[i].id()) << i;
}

TEST_P(WatchTest, EveryWatcherIsNotified) {
  constexpr int kWatchers = 16;
  Notices notices;
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto target = system().spawn<Target>();
  std::vector<ActorRef<Ping>> watchers;
  for (int i = 0; i < kWatchers; ++i) {
    watchers.push_back(system().spawn<Watcher>(target, &notices, &gate));
    ASSERT_TRUE(watchers.back().ask<int>(Ping{0}, kDeadline));
  }
  target.stop();
  ASSERT_TRUE(eventually([&] { return notices.size() == kWatchers; }, kDeadline));
}

}  // namespace
}  // namespace courier::test
