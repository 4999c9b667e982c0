// bounded_test.cpp: what is special about a bounded channel: its capacity limit, try_send full vs
// closed, blocking sends, capacity accounting, and the FIFO order of waiting senders.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

TEST(Bounded, ZeroCapacityThrowsInvalidArgument) {
  EXPECT_THROW((void)bounded<int>(0), std::invalid_argument);
}

TEST(Bounded, CapacityAboveMaximumThrowsInvalidArgument) {
  EXPECT_THROW((void)bounded<int>(BoundedSemaphore::kMaxPermits + 1), std::invalid_argument);
}

TEST(Bounded, HugeCapacityChannelCostsNothingUntilUsed) {
  // The first block is made by the first send, so even the largest capacity is cheap.
  auto [tx, rx] = bounded<int>(BoundedSemaphore::kMaxPermits);
  EXPECT_EQ(tx.max_capacity(), BoundedSemaphore::kMaxPermits);
  ASSERT_TRUE(tx.try_send(1));
  EXPECT_EQ(rx.recv(), 1);
}

class BoundedCapacity : public ::testing::TestWithParam<std::size_t> {};
INSTANTIATE_TEST_SUITE_P(Capacities, BoundedCapacity, ::testing::Values(1, 2, 32, 1024),
                         capacity_name);

TEST_P(BoundedCapacity, TrySendFillsToCapacityThenFull) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  for (std::size_t i = 0; i < cap; ++i) {
    ASSERT_TRUE(tx.try_send(static_cast<int>(i)));
    EXPECT_EQ(tx.capacity(), cap - i - 1);
  }
  auto full = tx.try_send(-1);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().status, Status::full);
  EXPECT_EQ(full.error().value, -1);
  EXPECT_EQ(rx.len(), cap);
  // One receive makes room for exactly one more.
  EXPECT_EQ(rx.recv(), 0);
  EXPECT_EQ(tx.capacity(), 1u);
  EXPECT_TRUE(tx.try_send(-2));
  EXPECT_EQ(tx.try_send(-3).error().status, Status::full);
  for (std::size_t i = 1; i < cap; ++i) EXPECT_EQ(rx.recv(), static_cast<int>(i));
  EXPECT_EQ(rx.recv(), -2);
  EXPECT_EQ(tx.capacity(), cap);
}

TEST_P(BoundedCapacity, TrySendOnClosedReportsClosedEvenWhenFull) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  for (std::size_t i = 0; i < cap; ++i) ASSERT_TRUE(tx.try_send(1));
  rx.close();
  auto r = tx.try_send(42);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::closed);
  EXPECT_EQ(r.error().value, 42);
}

TEST_P(BoundedCapacity, FullSendBlocksUntilReceiverTakesOne) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  for (std::size_t i = 0; i < cap; ++i) ASSERT_TRUE(tx.try_send(static_cast<int>(i)));
  ObservedParker parker;
  std::atomic<bool> sent{false};
  std::jthread producer([&] {
    InstallParker use(parker);
    EXPECT_TRUE(tx.send(-1));
    sent = true;
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  EXPECT_FALSE(sent);
  EXPECT_EQ(rx.recv(), 0);
  producer.join();
  EXPECT_TRUE(sent);
  for (std::size_t i = 1; i < cap; ++i) EXPECT_EQ(rx.recv(), static_cast<int>(i));
  EXPECT_EQ(rx.recv(), -1);
}

TEST_P(BoundedCapacity, ReceiverSeesSameCapacityAsSender) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  EXPECT_EQ(rx.max_capacity(), cap);
  EXPECT_EQ(rx.capacity(), cap);
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(rx.capacity(), cap - 1);
  EXPECT_EQ(tx.capacity(), cap - 1);
  (void)rx.recv();
  EXPECT_EQ(rx.capacity(), cap);
}

TEST(Bounded, FreedSlotGoesToWaiterNotToNewcomer) {
  auto [tx, rx] = bounded<int>(1);
  ASSERT_TRUE(tx.try_send(0));
  ObservedParker parker;
  std::jthread waiter([&] {
    InstallParker use(parker);
    EXPECT_TRUE(tx.send(1));
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  EXPECT_EQ(rx.recv(), 0);
  // The slot was handed straight to the waiter; a try_send cannot jump the queue.
  EXPECT_EQ(tx.try_send(2).error().status, Status::full);
  EXPECT_EQ(tx.try_reserve().error(), Status::full);
  EXPECT_EQ(rx.recv(), 1);
  waiter.join();
  EXPECT_TRUE(tx.try_send(3));
  EXPECT_EQ(rx.recv(), 3);
}

// Senders blocked on a full channel are served in the order they started waiting: each slot the
// receiver frees goes to the oldest waiter, and no waiter overtakes another.
TEST_P(BoundedCapacity, BlockedSendersServedInArrivalOrder) {
  const std::size_t cap = GetParam();
  constexpr int kWaiters = 6;
  auto [tx, rx] = bounded<int>(cap);
  for (std::size_t i = 0; i < cap; ++i) ASSERT_TRUE(tx.try_send(-1));

  std::vector<std::unique_ptr<ObservedParker>> parkers;
  std::vector<std::atomic<bool>> done(kWaiters);
  std::atomic<int> done_count{0};
  std::vector<std::jthread> senders;
  for (int w = 0; w < kWaiters; ++w) {
    parkers.push_back(std::make_unique<ObservedParker>());
    ObservedParker* parker = parkers.back().get();
    senders.emplace_back([&tx, &done, &done_count, parker, w] {
      InstallParker use(*parker);
      EXPECT_TRUE(tx.send(w));
      done[static_cast<std::size_t>(w)] = true;
      ++done_count;
    });
    // Start the next sender only once this one is queued.
    ASSERT_TRUE(wait_until([&] { return parker->parks() > 0; }));
  }

  // Free one slot at a time; each must complete exactly the next waiter in line.
  std::vector<int> received;
  for (int w = 0; w < kWaiters; ++w) {
    auto v = rx.recv();
    ASSERT_TRUE(v);
    received.push_back(*v);
    ASSERT_TRUE(wait_until([&] { return done_count.load() == w + 1; }));
    for (int j = 0; j < kWaiters; ++j) EXPECT_EQ(done[static_cast<std::size_t>(j)].load(), j <= w);
  }
  while (received.size() < cap + kWaiters) received.push_back(rx.recv().value());

  // So the queue holds the waiters' values in their arrival order after the original ones.
  std::vector<int> expected(cap, -1);
  for (int w = 0; w < kWaiters; ++w) expected.push_back(w);
  EXPECT_EQ(received, expected);
}

// The same holds for reservations of different sizes: a large request keeps its place in line
// and collects capacity as it frees, while smaller requests behind it wait.
TEST(Bounded, ReserveManyKeepsItsPlaceInLine) {
  auto [tx, rx] = bounded<int>(4);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(tx.try_send(i));

  ObservedParker big_parker, small_parker;
  std::atomic<bool> big_done{false}, small_done{false};
  std::jthread big([&] {
    InstallParker use(big_parker);
    auto p = tx.reserve_many(3);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->size(), 3u);
    big_done = true;
    for (int v = 10; v < 13; ++v) p->send(v);
  });
  ASSERT_TRUE(wait_until([&] { return big_parker.parks() > 0; }));
  std::jthread small([&] {
    InstallParker use(small_parker);
    EXPECT_TRUE(tx.send(20));
    small_done = true;
  });
  ASSERT_TRUE(wait_until([&] { return small_parker.parks() > 0; }));

  EXPECT_EQ(rx.recv(), 0);
  EXPECT_EQ(rx.recv(), 1);
  // Two slots went to the big request, which still waits; the small one behind it gets nothing.
  std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(big_done);
  EXPECT_FALSE(small_done);
  EXPECT_EQ(tx.capacity(), 0u);
  EXPECT_EQ(rx.recv(), 2);
  big.join();
  EXPECT_EQ(rx.recv(), 3);
  small.join();
  EXPECT_EQ(rx.recv(), 10);
  EXPECT_EQ(rx.recv(), 11);
  EXPECT_EQ(rx.recv(), 12);
  EXPECT_EQ(rx.recv(), 20);
  EXPECT_EQ(tx.capacity(), 4u);
}

TEST(Bounded, ManyValuesThroughSmallChannelReuseBlocks) {
  // A capacity-32 channel passes many blocks' worth of values one batch at a time, so drained
  // blocks are recycled; every value arrives in order.
  auto [tx, rx] = bounded<int>(32);
  int next_send = 0, next_recv = 0;
  for (int round = 0; round < 200; ++round) {
    const int batch = 1 + round % 32;
    for (int i = 0; i < batch; ++i) ASSERT_TRUE(tx.try_send(next_send++));
    for (int i = 0; i < batch; ++i) ASSERT_EQ(rx.try_recv(), next_recv++);
  }
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  EXPECT_EQ(tx.capacity(), 32u);
}

}  // namespace
}  // namespace courier::mailbox::test
