// fairness_test.cpp: a fiber that keeps its worker busy must still let the others run: one that
// spins on yield_now(), and one that always finds a message to receive (the coop budget); and a
// task woken into a worker's LIFO slot runs even when yielding fibers crowd every queue.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

class Fairness : public LeakCheckedTest {};

// On one worker, a fiber spinning on yield_now() does not starve a second fiber: the second
// completes while the first still loops, and the first stops only when it sees the second's flag.
TEST_F(Fairness, YieldNowDoesNotStarveTheOtherFiberOnOneWorker) {
  Runtime& r = start({.workers = 1});
  std::atomic<bool> other_done{false};
  std::atomic<bool> spinner_running{false};
  std::atomic<bool> spinner_was_looping_when_other_ran{false};
  auto spinner = r.spawn([&] {
    std::uint64_t spins = 0;
    spinner_running = true;
    while (!other_done.load()) {
      yield_now();
      ++spins;
    }
    return spins;
  });
  auto other = r.spawn([&] {
    spinner_was_looping_when_other_ran = spinner_running.load();
    other_done = true;
  });
  other.join();
  EXPECT_GE(spinner.join(), 1u);
  EXPECT_TRUE(spinner_was_looping_when_other_ran.load());
}

// Many spinners, as many as there are workers (plus one), still leave room for one more fiber.
class FairnessAtAnyWidth : public RuntimeTest {};
COURIER_INSTANTIATE_WORKERS(FairnessAtAnyWidth);

TEST_P(FairnessAtAnyWidth, YieldingSpinnersLetAnotherFiberRun) {
  std::atomic<bool> stop{false};
  std::vector<JoinHandle<void>> spinners;
  for (std::size_t i = 0; i < workers() + 1; ++i) {
    spinners.push_back(rt().spawn([&stop] {
      while (!stop.load()) yield_now();
    }));
  }
  auto other = rt().spawn([&stop] { stop = true; });
  other.join();
  for (auto& s : spinners) s.join();
}

TEST(YieldNowOutsideAFiber, JustYieldsTheThread) {
  yield_now();  // no runtime, no fiber: must simply return
  SUCCEED();
}

// A receiver that always finds a message never waits, so only the coop budget makes it give the
// worker back: on one worker, a second fiber runs before the receiver has drained the channel.
// run_busy_receiver() returns how many values the receiver had taken when it first saw the other
// fiber's flag (-1: only after draining them all).
int run_busy_receiver(Runtime& r, bool spawn_from_a_fiber, int messages) {
  auto [tx, rx] = mailbox::unbounded<int>();
  for (int i = 0; i < messages; ++i) (void)tx.send(i);  // tx stays alive: the channel stays open
  std::atomic<bool> other_ran{false};
  std::atomic<bool> other_spawned{false};
  auto receiver_body = [&other_ran, &other_spawned, messages, rx = std::move(rx)]() mutable {
    // Start only once the other fiber is queued (this blocks the worker thread on purpose: the
    // other fiber must not run before the receiver has started).
    while (!other_spawned.load()) std::this_thread::yield();
    int received_before_other_ran = -1;
    for (int i = 0; i < messages; ++i) {
      if (!rx.recv()) return -2;
      if (received_before_other_ran < 0 && other_ran.load()) received_before_other_ran = i;
    }
    return received_before_other_ran;
  };
  auto other_body = [&other_ran] { other_ran = true; };
  if (spawn_from_a_fiber) {
    // Both land in the worker's local queue, the receiver first.
    return r.block_on([&] {
      auto receiver = Runtime::current()->spawn(std::move(receiver_body));
      auto other = Runtime::current()->spawn(other_body);
      other_spawned = true;
      const int seen_at = receiver.join();
      other.join();
      return seen_at;
    });
  }
  auto receiver = r.spawn(std::move(receiver_body));
  auto other = r.spawn(other_body);
  other_spawned = true;
  const int seen_at = receiver.join();
  other.join();
  return seen_at;
}

TEST_F(Fairness, BusyReceiverYieldsAfterItsBudget) {
  constexpr std::uint32_t kBudget = 64;
  Runtime& r = start({.workers = 1, .budget = kBudget});
  const int seen_at = run_busy_receiver(r, /*spawn_from_a_fiber=*/true, 20000);
  EXPECT_GE(seen_at, 0) << "the other fiber ran only after the receiver drained the channel";
  // The other fiber was queued right behind the receiver: it runs at the first budget yield.
  EXPECT_LE(seen_at, static_cast<int>(kBudget) + 1);
}

TEST_F(Fairness, BusyReceiverLetsAnInjectedFiberRun) {
  // Spawned from this thread, the other fiber waits in the injector, which a worker checks at
  // least every 61 picks: 61 budgets of 64 is well below 20,000 messages.
  Runtime& r = start({.workers = 1, .budget = 64});
  EXPECT_GE(run_busy_receiver(r, /*spawn_from_a_fiber=*/false, 20000), 0)
      << "the other fiber ran only after the receiver drained the channel";
}

// A sender that outruns its receiver grows the unbounded channel; each time it must add a block
// it ends its slice, so a receiver on the same worker runs long before the sender's budget (here
// far larger than the stream) would have let it. Without that, the receiver would take nothing
// until the sender had sent everything, and the backlog would be the whole stream.
TEST_F(Fairness, ASenderThatGrowsAnUnboundedChannelLetsTheReceiverRun) {
  constexpr int kValues = 32 * 20;  // twenty blocks' worth
  Runtime& r = start({.workers = 1, .budget = 1'000'000});
  auto [tx, rx] = mailbox::unbounded<int>();
  std::atomic<int> received{0};
  const int received_before_last_send = r.block_on([&, rx = std::move(rx)]() mutable {
    auto receiver = Runtime::current()->spawn([&received, rx = std::move(rx)]() mutable {
      while (rx.recv()) received.fetch_add(1, std::memory_order_relaxed);
    });
    int seen = 0;
    for (int i = 0; i < kValues; ++i) {
      seen = received.load(std::memory_order_relaxed);
      if (!tx.send(i)) return -1;
    }
    { auto done = std::move(tx); }  // closes the channel: the receiver ends once drained
    receiver.join();
    return seen;
  });
  EXPECT_EQ(received.load(), kValues);
  EXPECT_GE(received_before_last_send, 32) << "the receiver ran only after the whole stream";
}

// A fiber wakes a task into its worker's LIFO slot, then yields among far more yielding fibers
// than a local queue holds, so that the overflow keeps the injector full. A yield gives the
// injector a turn, but not before the LIFO slot: the task runs in the first round of yields
// (when the injector came first, it waited a second round here, and in A5, where an actor fed
// by a thousand senders sat in the slot, until the last of them had sent everything).
TEST_F(Fairness, ATaskWokenBeforeAYieldRunsWhileTheQueuesOverflow) {
  constexpr int kYielders = 600;  // a local queue holds 256: the rest overflow into the injector
  constexpr int kYields = 100;
  Runtime& r = start({.workers = 1});
  std::atomic<int> yields{0};
  std::atomic<int> yields_before_task{-1};
  FunctionTask task([&] { yields_before_task = yields.load(); });
  r.block_on([&] {
    std::vector<JoinHandle<void>> yielders;
    for (int i = 0; i < kYielders; ++i) {
      yielders.push_back(Runtime::current()->spawn([&yields] {
        for (int k = 0; k < kYields; ++k) {
          yields.fetch_add(1, std::memory_order_relaxed);
          yield_now();
        }
      }));
    }
    yield_now();  // every yielder starts, and the queues overflow
    Runtime::current()->schedule(task);
    yield_now();
    for (auto& y : yielders) y.join();
  });
  ASSERT_EQ(task.runs.load(), 1);
  EXPECT_LT(yields_before_task.load(), kYielders + kYielders / 2)
      << "the task woke into the LIFO slot ran only after the yielders had done "
      << yields_before_task.load() << " of their " << kYielders * kYields << " yields";
}

}  // namespace
}  // namespace courier::test
