// fiber_waits_test.cpp: every blocking mailbox call made from a fiber suspends the fiber, not its
// worker: receive on empty, send on full, reserve, Sender::closed(), joins and Events; and fibers
// and plain threads mix freely on the same channel or Event.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

// On a single worker a wait that blocked the thread would deadlock these tests; results are
// awaited with a deadline so that such a bug fails instead of hanging.
class OneWorkerWaits : public LeakCheckedTest {
 protected:
  void SetUp() override {
    LeakCheckedTest::SetUp();
    start({.workers = 1});
  }
  // finished_soon() waits up to 10 s for the event.
  static bool finished_soon(Event& e) { return e.wait_until(Clock::now() + 10s); }
};

TEST_F(OneWorkerWaits, RecvOnEmptySuspendsAndTheWorkerRunsOthers) {
  auto [tx, rx] = mailbox::bounded<int>(4);
  Event a_done;
  std::atomic<bool> b_ran{false};
  std::atomic<int> got{-1};
  auto a = rt().spawn([&, rx = std::move(rx)]() mutable {
    got = rx.recv().value_or(-2);
    a_done.set();
  });
  auto b = rt().spawn([&, tx = std::move(tx)] {
    b_ran = true;
    (void)tx.send(11);
  });
  ASSERT_TRUE(finished_soon(a_done)) << "the receiving fiber blocked its only worker";
  EXPECT_TRUE(b_ran.load());
  EXPECT_EQ(got.load(), 11);
  a.join();
  b.join();
}

TEST_F(OneWorkerWaits, SendOnFullSuspends) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  Event a_done;
  std::atomic<int> sent{0};
  auto a = rt().spawn([&, tx = std::move(tx)] {
    for (int i = 1; i <= 3; ++i) {
      if (tx.send(i)) sent.fetch_add(1);
    }
    a_done.set();
  });
  auto b = rt().spawn([&, rx = std::move(rx)]() mutable {
    int sum = 0;
    while (auto v = rx.recv()) sum += *v;
    return sum;
  });
  ASSERT_TRUE(finished_soon(a_done)) << "the sending fiber blocked its only worker";
  a.join();
  EXPECT_EQ(sent.load(), 3);
  EXPECT_EQ(b.join(), 6);
}

TEST_F(OneWorkerWaits, ReserveWaitsForCapacity) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  Event a_done;
  auto a = rt().spawn([&, tx = std::move(tx)] {
    auto p1 = tx.reserve();  // the only slot
    EXPECT_TRUE(p1.has_value());
    std::move(*p1).send(1);
    auto p2 = tx.reserve();  // waits until the receiver takes 1
    EXPECT_TRUE(p2.has_value());
    std::move(*p2).send(2);
    auto many = tx.reserve_many(1);
    EXPECT_TRUE(many.has_value());
    many->send(3);
    a_done.set();
  });
  auto b = rt().spawn([&, rx = std::move(rx)]() mutable {
    std::vector<int> got;
    while (auto v = rx.recv()) got.push_back(*v);
    return got;
  });
  ASSERT_TRUE(finished_soon(a_done)) << "reserve blocked the only worker";
  a.join();
  EXPECT_EQ(b.join(), (std::vector<int>{1, 2, 3}));
}

TEST_F(OneWorkerWaits, SenderClosedWaitsUntilTheReceiverGoes) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  Event a_done;
  std::atomic<bool> receiver_gone{false};
  auto a = rt().spawn([&, tx = std::move(tx)] {
    tx.closed();
    EXPECT_TRUE(receiver_gone.load());
    EXPECT_TRUE(tx.is_closed());
    a_done.set();
  });
  auto b = rt().spawn([&, rx = std::move(rx)]() mutable {
    yield_now();
    receiver_gone = true;
    rx.close();
  });
  ASSERT_TRUE(finished_soon(a_done)) << "closed() blocked the only worker";
  a.join();
  b.join();
}

TEST_F(OneWorkerWaits, JoinFromAFiberSuspends) {
  Event go;
  Event outer_done;
  auto inner = rt().spawn([&go] {
    go.wait();
    return 5;
  });
  auto outer = rt().spawn([&, inner = std::move(inner)]() mutable {
    const int v = inner.join();
    outer_done.set();
    return v;
  });
  auto setter = rt().spawn([&go] { go.set(); });  // runs only if the joiner let the worker go
  ASSERT_TRUE(finished_soon(outer_done));
  EXPECT_EQ(outer.join(), 5);
  setter.join();
}

TEST_F(OneWorkerWaits, RecvManySuspends) {
  auto [tx, rx] = mailbox::bounded<int>(8);
  auto a = rt().spawn([rx = std::move(rx)]() mutable {
    std::vector<int> buf;
    std::size_t n = 0;
    while (buf.size() < 6) {
      n = rx.recv_many(buf, 4);
      if (n == 0) break;
    }
    return buf;
  });
  auto b = rt().spawn([tx = std::move(tx)] {
    for (int i = 0; i < 6; ++i) {
      (void)tx.send(i);
      yield_now();
    }
  });
  b.join();
  EXPECT_EQ(a.join(), (std::vector<int>{0, 1, 2, 3, 4, 5}));
}

// ---- fibers and threads on the same channels and events, at every width ------------------------

class MixedWaits : public RuntimeTest {};
COURIER_INSTANTIATE_WORKERS(MixedWaits);

// Every hand-off between a thread and a fiber costs a futex wake or two, and these tests run at up
// to 8 workers on a small machine: counts stay modest.
TEST_P(MixedWaits, FiberAndThreadProducersFiberConsumer) {
  constexpr int per_producer = static_cast<int>(scaled(2000));
  constexpr int kFiberProducers = 4, kThreadProducers = 2;
  auto [tx, rx] = mailbox::bounded<int>(2);
  auto consumer = rt().spawn([rx = std::move(rx)]() mutable {
    long sum = 0, count = 0;
    while (auto v = rx.recv()) {
      sum += *v;
      ++count;
    }
    return std::pair(sum, count);
  });
  std::vector<JoinHandle<void>> fibers;
  for (int p = 0; p < kFiberProducers; ++p) {
    fibers.push_back(rt().spawn([tx = tx] {
      for (int i = 1; i <= per_producer; ++i) (void)tx.send(i);
    }));
  }
  std::vector<std::thread> threads;
  for (int p = 0; p < kThreadProducers; ++p) {
    threads.emplace_back([tx = tx] {
      for (int i = 1; i <= per_producer; ++i) (void)tx.send(i);
    });
  }
  { auto drop = std::move(tx); }
  for (auto& t : threads) t.join();
  for (auto& f : fibers) f.join();
  const auto [sum, count] = consumer.join();
  const long producers = kFiberProducers + kThreadProducers;
  EXPECT_EQ(count, producers * per_producer);
  EXPECT_EQ(sum, producers * per_producer * (per_producer + 1L) / 2);
}

TEST_P(MixedWaits, FiberProducersThreadConsumer) {
  constexpr int per_producer = static_cast<int>(scaled(1000));
  constexpr int kProducers = 8;
  auto [tx, rx] = mailbox::bounded<int>(1);
  std::vector<JoinHandle<void>> fibers;
  for (int p = 0; p < kProducers; ++p) {
    fibers.push_back(rt().spawn([tx = tx] {
      for (int i = 1; i <= per_producer; ++i) {
        auto permit = tx.reserve();
        if (!permit) return;
        std::move(*permit).send(i);
      }
    }));
  }
  { auto drop = std::move(tx); }
  long sum = 0, count = 0;
  while (auto v = rx.recv()) {  // this thread blocks; the producer fibers suspend
    sum += *v;
    ++count;
  }
  for (auto& f : fibers) f.join();
  EXPECT_EQ(count, kProducers * per_producer);
  EXPECT_EQ(sum, kProducers * per_producer * (per_producer + 1L) / 2);
}

TEST_P(MixedWaits, EventSetByAThreadReleasesFibers) {
  Event e;
  std::vector<JoinHandle<bool>> waiters;
  for (int i = 0; i < 50; ++i) {
    waiters.push_back(rt().spawn([&e] {
      e.wait();
      return e.is_set();
    }));
  }
  std::this_thread::sleep_for(10ms);
  std::thread setter([&e] { e.set(); });
  for (auto& w : waiters) EXPECT_TRUE(w.join());
  setter.join();
}

TEST_P(MixedWaits, EventSetByAFiberReleasesThreadsAndFibers) {
  Event e;
  std::atomic<int> released{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      e.wait();
      released.fetch_add(1);
    });
  }
  std::vector<JoinHandle<void>> fibers;
  for (int i = 0; i < 10; ++i) {
    fibers.push_back(rt().spawn([&] {
      e.wait();
      released.fetch_add(1);
    }));
  }
  std::this_thread::sleep_for(10ms);
  rt().spawn([&e] { e.set(); }).join();
  for (auto& t : threads) t.join();
  for (auto& f : fibers) f.join();
  EXPECT_EQ(released.load(), 13);
  // Waits after the set return at once, from threads and from fibers.
  e.wait();
  EXPECT_TRUE(rt().block_on([&e] { return e.wait_until(Clock::now()); }));
}

TEST_P(MixedWaits, EventWaitUntilTimesOutInAFiber) {
  Event e;
  auto h = rt().spawn([&e] {
    const auto t0 = Clock::now();
    const bool set = e.wait_until(t0 + 20ms);
    return std::pair(set, Clock::now() - t0);
  });
  const auto [set, took] = h.join();
  EXPECT_FALSE(set);
  EXPECT_GE(took, 20ms);
}

TEST_P(MixedWaits, UnboundedChannelFiberToThreadAndBack) {
  constexpr int n = static_cast<int>(scaled(10000));
  auto [to_fiber, fiber_rx] = mailbox::unbounded<int>();
  auto [to_thread, thread_rx] = mailbox::unbounded<int>();
  auto relay = rt().spawn([rx = std::move(fiber_rx), tx = std::move(to_thread)]() mutable {
    while (auto v = rx.recv()) (void)tx.send(*v * 2);
  });
  std::thread producer([tx = std::move(to_fiber)] {
    for (int i = 0; i < n; ++i) (void)tx.send(i);
  });
  long sum = 0;
  int count = 0;
  while (auto v = thread_rx.recv()) {
    sum += *v;
    ++count;
  }
  producer.join();
  relay.join();
  EXPECT_EQ(count, n);
  EXPECT_EQ(sum, static_cast<long>(n) * (n - 1));
}

}  // namespace
}  // namespace courier::test
