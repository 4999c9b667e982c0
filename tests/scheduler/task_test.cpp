// task_test.cpp: tasks run on carrier fibers; a task that waits keeps its fiber while the worker
// runs other tasks; cancel_wait() ends a wait with Cancelled; shutdown cancels a waiting task.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

using TaskTest = RuntimeTest;
COURIER_INSTANTIATE_WORKERS(TaskTest);

TEST_P(TaskTest, RunsOncePerScheduleFromThreadsAndFibers) {
  FunctionTask task([] {});
  rt().schedule(task);
  ASSERT_TRUE(eventually([&] { return task.runs.load() == 1; }));
  rt().spawn([&] { rt().schedule(task); }).join();
  ASSERT_TRUE(eventually([&] { return task.runs.load() == 2; }));
  // The joined fiber ends just after join() returns; an idle carrier is not a live fiber.
  EXPECT_TRUE(eventually([&] { return rt().live_fibers() == 0; }));
}

TEST_P(TaskTest, ARescheduledChainRunsEveryStep) {
  constexpr int kSteps = 10000;
  std::atomic<int> steps{0};
  FunctionTask* self = nullptr;
  FunctionTask task([&] {
    if (steps.fetch_add(1) + 1 < kSteps) rt().schedule(*self);
  });
  self = &task;
  rt().schedule(task);
  ASSERT_TRUE(eventually([&] { return task.runs.load() == kSteps; }));
  EXPECT_EQ(steps.load(), kSteps);
}

TEST_P(TaskTest, AWaitingTaskKeepsItsFiberWhileOthersRun) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  std::atomic<int> got{0};
  FunctionTask waiter([&, rx = std::move(rx)]() mutable { got = rx.recv().value_or(-1); });
  FunctionTask sender([&, tx = std::move(tx)] { (void)tx.send(7); });
  rt().schedule(waiter);
  ASSERT_TRUE(eventually([&] { return rt().live_fibers() == 1; }))
      << "the waiting task's carrier should have become a live fiber";
  rt().schedule(sender);
  ASSERT_TRUE(eventually([&] { return waiter.runs.load() == 1 && sender.runs.load() == 1; }));
  EXPECT_EQ(got.load(), 7);
  EXPECT_TRUE(eventually([&] { return rt().live_fibers() == 0; }))
      << "the detached carrier should end with its task";
}

TEST_P(TaskTest, CancelWaitThrowsCancelledOutOfTheWaitUntilCleared) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  std::atomic<int> outcome{0};  // 1: Cancelled, 2: received
  FunctionTask waiter([&, rx = std::move(rx)]() mutable {
    try {
      outcome = rx.recv() ? 2 : 3;
    } catch (const Cancelled&) {
      outcome = 1;
    }
  });
  rt().schedule(waiter);
  ASSERT_TRUE(eventually([&] { return rt().live_fibers() == 1; }));
  waiter.cancel_wait();
  ASSERT_TRUE(eventually([&] { return waiter.runs.load() == 1; }));
  EXPECT_EQ(outcome.load(), 1);
  EXPECT_TRUE(waiter.cancel_requested());

  waiter.clear_cancel();
  ASSERT_TRUE(tx.send(5));
  rt().schedule(waiter);
  ASSERT_TRUE(eventually([&] { return waiter.runs.load() == 2; }));
  EXPECT_EQ(outcome.load(), 2);
}

TEST_P(TaskTest, YieldingInsideATaskLetsOthersRun) {
  std::atomic<bool> other_ran{false};
  std::atomic<bool> saw_other{false};
  FunctionTask other([&] { other_ran = true; });
  FunctionTask yielder([&] {
    rt().schedule(other);
    const auto until = Clock::now() + 5s;
    while (!other_ran.load() && Clock::now() < until) yield_now();
    saw_other = other_ran.load();
  });
  rt().schedule(yielder);
  ASSERT_TRUE(eventually([&] { return yielder.runs.load() == 1; }));
  EXPECT_TRUE(saw_other.load());
  // `other` may still be finishing its run() (it counts the run after its body): it must be done
  // before the test's tasks go out of scope.
  ASSERT_TRUE(eventually([&] { return other.runs.load() == 1; }));
}

TEST_P(TaskTest, ShutdownCancelsAWaitingTask) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  std::atomic<bool> cancelled{false};
  FunctionTask waiter([&, rx = std::move(rx)]() mutable {
    try {
      (void)rx.recv();
    } catch (const Cancelled&) {
      cancelled = true;
    }
  });
  rt().schedule(waiter);
  ASSERT_TRUE(eventually([&] { return rt().live_fibers() == 1; }));
  rt().shutdown();
  EXPECT_TRUE(cancelled.load());
  EXPECT_EQ(waiter.runs.load(), 1);
}

TEST_P(TaskTest, ManyTasksWaitingAndWakingLoseNothing) {
  const int kTasks = static_cast<int>(scaled(200));
  constexpr int kRounds = 20;
  std::vector<mailbox::Sender<int>> inputs;
  std::vector<std::unique_ptr<FunctionTask>> tasks;
  std::atomic<long> sum{0};
  for (int i = 0; i < kTasks; ++i) {
    auto [tx, rx] = mailbox::bounded<int>(1);
    inputs.push_back(std::move(tx));
    tasks.push_back(std::make_unique<FunctionTask>([&, rx = std::move(rx)]() mutable {
      for (int r = 0; r < kRounds; ++r) sum.fetch_add(rx.recv().value_or(-1000000));
    }));
  }
  for (auto& t : tasks) rt().schedule(*t);
  auto feeder = rt().spawn([&] {
    for (int r = 0; r < kRounds; ++r) {
      for (auto& tx : inputs) (void)tx.send(1);
    }
  });
  feeder.join();
  ASSERT_TRUE(eventually([&] {
    for (auto& t : tasks) {
      if (t->runs.load() != 1) return false;
    }
    return true;
  }));
  EXPECT_EQ(sum.load(), static_cast<long>(kTasks) * kRounds);
}

}  // namespace
}  // namespace courier::test
