// unbounded_test.cpp: what is special about an unbounded channel: sends never wait, any number
// of values queue (across many blocks), and a send fails only when the receiver is gone/closed.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

TEST(Unbounded, ManyValuesQueueWithoutWaitingAndArriveInOrder) {
  auto [tx, rx] = unbounded<int>();
  constexpr int kCount = 10'000;  // hundreds of blocks
  for (int i = 0; i < kCount; ++i) ASSERT_TRUE(tx.send(i));
  EXPECT_EQ(rx.len(), static_cast<std::size_t>(kCount));
  for (int i = 0; i < kCount; ++i) ASSERT_EQ(rx.try_recv(), i);
  EXPECT_TRUE(rx.is_empty());
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

TEST(Unbounded, BurstsThenDrainsRecycleBlocks) {
  // Alternating bursts and drains of varying size recycle drained blocks (and free the surplus
  // after a large burst); the sanitizer builds check no block is leaked or used after free.
  auto [tx, rx] = unbounded<std::string>();
  int next_send = 0, next_recv = 0;
  for (int round = 0; round < 60; ++round) {
    const int burst = (round % 7) * 45 + 1;
    for (int i = 0; i < burst; ++i) ASSERT_TRUE(tx.send(std::to_string(next_send++)));
    const int drain = round % 3 == 0 ? burst / 2 : burst;
    for (int i = 0; i < drain; ++i) ASSERT_EQ(rx.try_recv(), std::to_string(next_recv++));
  }
  while (next_recv < next_send) ASSERT_EQ(rx.try_recv(), std::to_string(next_recv++));
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

TEST(Unbounded, SendAfterReceiverDropReturnsValue) {
  auto [tx, rx] = unbounded<std::string>();
  { auto gone = std::move(rx); }
  auto r = tx.send("kept");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::closed);
  EXPECT_EQ(std::move(r.error()).into_value(), "kept");
  EXPECT_TRUE(tx.is_closed());
}

TEST(Unbounded, SendAfterCloseReturnsValue) {
  auto [tx, rx] = unbounded<int>();
  ASSERT_TRUE(tx.send(1));
  rx.close();
  auto r = tx.send(2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::closed);
  EXPECT_EQ(r.error().value, 2);
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(Unbounded, ProducerNeverBlocksOnSlowConsumer) {
  auto [tx, rx] = unbounded<int>();
  constexpr int kCount = 5'000;
  std::atomic<bool> producer_done{false};
  std::jthread producer([&, tx = std::move(tx)] {
    for (int i = 0; i < kCount; ++i) EXPECT_TRUE(tx.send(i));
    producer_done = true;
  });
  // Nobody receives until the producer is finished: it cannot have waited on us.
  ASSERT_TRUE(wait_until([&] { return producer_done.load(); }));
  for (int i = 0; i < kCount; ++i) ASSERT_EQ(rx.recv(), i);
  EXPECT_EQ(rx.recv(), std::nullopt);
}

}  // namespace
}  // namespace courier::mailbox::test
