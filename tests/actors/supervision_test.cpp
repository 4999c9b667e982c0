// supervision_test.cpp: a failing child is restarted alone (one_for_one) or with its siblings
// (all_for_one); on_restart runs on the new instance; too many restarts within the window
// escalate (up to the root, which stops the system) or stop the children concerned.
#include <array>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

constexpr int kChildren = 3;

struct Family {
  std::array<std::atomic<int>, kChildren> starts{};
  std::array<std::atomic<int>, kChildren> restarts{};
  std::atomic<int> terminated{0};
  std::atomic<int> failed_reason{0};  // children that stopped with StopReason::failed
};

// Child fails on any message. With `own_restart` it overrides on_restart; otherwise the default
// on_restart calls on_start again.
class Child final : public Actor<Ping> {
 public:
  Child(int index, Family* family, bool own_restart)
      : index_(index), family_(family), own_restart_(own_restart) {}
  void on_start(Context&) override { family_->starts[index_].fetch_add(1); }
  void on_restart(Context& ctx, const std::exception_ptr& cause) override {
    if (!own_restart_) return Actor::on_restart(ctx, cause);
    family_->restarts[index_].fetch_add(1);
  }
  void on_message(Ping p, Context&) override {
    throw std::runtime_error("child " + std::to_string(index_) + " failed #" + std::to_string(p.n));
  }

 private:
  Instance instance_;
  int index_;
  Family* family_;
  bool own_restart_;
};

// Parent spawns the children and watches them; told n, it makes child n fail.
class Parent final : public Actor<Ping> {
 public:
  Parent(Family* family, bool own_restart) : family_(family), own_restart_(own_restart) {}
  void on_start(Context& ctx) override {
    for (int i = 0; i < kChildren; ++i) {
      children_.push_back(ctx.spawn<Child>(i, family_, own_restart_));
      ctx.watch(children_.back());
    }
  }
  void on_message(Ping p, Context& ctx) override {
    ASSERT_TRUE(children_[static_cast<std::size_t>(p.n % kChildren)].send(Ping{p.n}));
    ctx.reply(0);
  }
  void on_terminated(const Terminated& notice, Context&) override {
    if (notice.reason == StopReason::failed) family_->failed_reason.fetch_add(1);
    family_->terminated.fetch_add(1);
  }

 private:
  Instance instance_;
  Family* family_;
  bool own_restart_;
  std::vector<ActorRef<Ping>> children_;
};

// all_started() is true once every child has run on_start (on its own time, after the spawn).
bool all_started(const Family& family) {
  for (auto& s : family.starts) {
    if (s.load() == 0) return false;
  }
  return true;
}

using SupervisionTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(SupervisionTest);

TEST_P(SupervisionTest, OneForOneRestartsOnlyTheFailedChild) {
  Family family;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto parent = system().spawn<Parent>(SpawnOptions{.name = "parent"}, &family, true);
  ASSERT_TRUE(eventually([&] { return all_started(family); }, kDeadline));
  ASSERT_TRUE(parent.ask<int>(Ping{1}, kDeadline));
  ASSERT_TRUE(eventually([&] { return family.restarts[1].load() == 1; }, kDeadline));
  EXPECT_EQ(family.restarts[0].load(), 0);
  EXPECT_EQ(family.restarts[2].load(), 0);
  for (auto& s : family.starts) EXPECT_EQ(s.load(), 1) << "on_restart replaces on_start";
  EXPECT_EQ(system().restarts(), 1u);
  EXPECT_EQ(family.terminated.load(), 0);
}

TEST_P(SupervisionTest, AllForOneRestartsEverySibling) {
  Family family;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto parent = system().spawn<Parent>(
      SpawnOptions{.name = "parent",
                   .supervision = {.strategy = Supervision::Strategy::all_for_one}},
      &family, true);
  ASSERT_TRUE(eventually([&] { return all_started(family); }, kDeadline));
  ASSERT_TRUE(parent.ask<int>(Ping{1}, kDeadline));
  ASSERT_TRUE(eventually(
      [&] {
        for (auto& r : family.restarts)
          if (r.load() != 1) return false;
        return true;
      },
      kDeadline));
  EXPECT_EQ(system().restarts(), 3u);
  EXPECT_EQ(family.terminated.load(), 0);
}

TEST_P(SupervisionTest, TheDefaultOnRestartCallsOnStart) {
  Family family;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto parent = system().spawn<Parent>(SpawnOptions{.name = "parent"}, &family, false);
  ASSERT_TRUE(eventually([&] { return all_started(family); }, kDeadline));
  ASSERT_TRUE(parent.ask<int>(Ping{2}, kDeadline));
  ASSERT_TRUE(eventually([&] { return family.starts[2].load() == 2; }, kDeadline));
  EXPECT_EQ(family.starts[0].load(), 1);
  EXPECT_EQ(family.restarts[2].load(), 0);
}

TEST_P(SupervisionTest, TooManyRestartsEscalateToTheRootWhichStopsTheSystem) {
  Family family;
  auto& sys = start({.root = {.max_restarts = 0}});
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto parent = sys.spawn<Parent>(
      SpawnOptions{.name = "parent", .supervision = {.max_restarts = 2, .within = 1h}}, &family,
      true);
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(parent.ask<int>(Ping{kChildren * round}, kDeadline));
    ASSERT_TRUE(eventually([&] { return family.restarts[0].load() == round + 1; }, kDeadline));
  }
  ASSERT_TRUE(parent.ask<int>(Ping{kChildren * 2}, kDeadline));
  ASSERT_TRUE(sys.wait_all_stopped(kDeadline)) << "the escalation reached the root";
  EXPECT_EQ(sys.restarts(), 2u);
  ASSERT_TRUE(sys.failure());
  try {
    std::rethrow_exception(sys.failure());
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "child 0 failed #6");
  }
  // The root guardian ends a moment after its last child: until then a spawn is accepted, and
  // the new actor is stopped before it starts; after, spawn throws.
  try {
    auto late = sys.spawn<Parent>(&family, true);
    EXPECT_TRUE(sys.wait_all_stopped(kDeadline));
    EXPECT_FALSE(late.is_alive());
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(family.starts[0].load(), 1) << "no actor started after the failure";
}

TEST_P(SupervisionTest, TooManyRestartsStopTheChildWhenThePolicySaysStop) {
  Family family;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto parent = system().spawn<Parent>(
      SpawnOptions{
          .name = "parent",
          .supervision = {.max_restarts = 1, .within = 1h, .on_limit = Supervision::OnLimit::stop}},
      &family, true);
  ASSERT_TRUE(parent.ask<int>(Ping{0}, kDeadline));
  ASSERT_TRUE(eventually([&] { return family.restarts[0].load() == 1; }, kDeadline));
  ASSERT_TRUE(parent.ask<int>(Ping{kChildren}, kDeadline));
  ASSERT_TRUE(eventually([&] { return family.terminated.load() == 1; }, kDeadline));
  EXPECT_EQ(family.failed_reason.load(), 1) << "stopped with StopReason::failed";
  EXPECT_TRUE(parent.is_alive());
  EXPECT_TRUE(parent.ask<int>(Ping{1}, kDeadline)) << "the parent carries on";
  EXPECT_EQ(system().restarts(), 1u);
  EXPECT_EQ(system().failure(), nullptr);
}

TEST_P(SupervisionTest, RestartsOutsideTheWindowDoNotCount) {
  Family family;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto parent = system().spawn<Parent>(
      SpawnOptions{.name = "parent", .supervision = {.max_restarts = 1, .within = 30ms}}, &family,
      true);
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE(parent.ask<int>(Ping{kChildren * round}, kDeadline));
    ASSERT_TRUE(eventually([&] { return family.restarts[0].load() == round + 1; }, kDeadline));
    sleep_for(60ms);
  }
  EXPECT_TRUE(parent.is_alive());
  EXPECT_EQ(system().restarts(), 3u);
}

}  // namespace
}  // namespace courier::test
