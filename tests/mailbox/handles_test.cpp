// handles_test.cpp: sender and receiver handles on every kind of channel: copying, moving and
// assigning senders, strong_count/weak_count, sender_strong_count/sender_weak_count,
// same_channel, is_closed.
#include <gtest/gtest.h>

#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class Handles : public ::testing::Test {};
TYPED_TEST_SUITE(Handles, AllKinds, KindNames);

TYPED_TEST(Handles, CopiesAreStrongAndCounted) {
  auto [tx, rx] = TypeParam::template make<int>();
  EXPECT_EQ(tx.strong_count(), 1u);
  EXPECT_EQ(rx.sender_strong_count(), 1u);
  {
    auto copy = tx;
    auto copy2 = copy;
    EXPECT_EQ(tx.strong_count(), 3u);
    EXPECT_EQ(copy.strong_count(), 3u);
    EXPECT_EQ(rx.sender_strong_count(), 3u);
    EXPECT_TRUE(copy2.same_channel(tx));
  }
  EXPECT_EQ(tx.strong_count(), 1u);
  EXPECT_EQ(tx.weak_count(), 0u);
}

TYPED_TEST(Handles, MoveDoesNotChangeCounts) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto moved = std::move(tx);
  EXPECT_EQ(moved.strong_count(), 1u);
  ASSERT_TRUE(moved.send(1));
  EXPECT_EQ(rx.recv(), 1);
  auto rx2 = std::move(rx);
  ASSERT_TRUE(moved.send(2));
  EXPECT_EQ(rx2.recv(), 2);
}

TYPED_TEST(Handles, AssignmentReplacesChannel) {
  auto [tx1, rx1] = TypeParam::template make<int>();
  auto [tx2, rx2] = TypeParam::template make<int>();
  auto handle = tx1;
  EXPECT_EQ(tx1.strong_count(), 2u);
  handle = tx2;  // leaves channel 1, joins channel 2
  EXPECT_EQ(tx1.strong_count(), 1u);
  EXPECT_EQ(tx2.strong_count(), 2u);
  EXPECT_TRUE(handle.same_channel(tx2));
  EXPECT_FALSE(handle.same_channel(tx1));
  ASSERT_TRUE(handle.send(2));
  EXPECT_EQ(rx2.recv(), 2);
  EXPECT_EQ(rx1.try_recv().error(), Status::empty);
  handle = std::move(tx1);  // move-assign: channel 1's only strong handle is now `handle`
  EXPECT_EQ(handle.strong_count(), 1u);
  EXPECT_EQ(tx2.strong_count(), 1u);
  { auto gone = std::move(handle); }
  EXPECT_EQ(rx1.recv(), std::nullopt);
}

TYPED_TEST(Handles, ReceiverMoveAssignDropsOldChannel) {
  auto [tx1, rx1] = TypeParam::template make<int>();
  auto [tx2, rx2] = TypeParam::template make<int>();
  rx1 = std::move(rx2);  // channel 1 loses its receiver: closed for its senders
  EXPECT_TRUE(tx1.is_closed());
  EXPECT_EQ(tx1.send(1).error().status, Status::closed);
  ASSERT_TRUE(tx2.send(2));
  EXPECT_EQ(rx1.recv(), 2);
}

TYPED_TEST(Handles, WeakCountsAndSameChannel) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto [other, other_rx] = TypeParam::template make<int>();
  auto weak = tx.downgrade();
  EXPECT_EQ(tx.weak_count(), 1u);
  EXPECT_EQ(weak.weak_count(), 1u);
  EXPECT_EQ(weak.strong_count(), 1u);
  EXPECT_EQ(rx.sender_weak_count(), 1u);
  {
    auto weak2 = weak;
    EXPECT_EQ(rx.sender_weak_count(), 2u);
    EXPECT_TRUE(weak2.same_channel(weak));
    EXPECT_FALSE(weak2.same_channel(other.downgrade()));
  }
  EXPECT_EQ(rx.sender_weak_count(), 1u);
  EXPECT_FALSE(tx.same_channel(other));
  EXPECT_TRUE(tx.same_channel(tx));
}

TYPED_TEST(Handles, IsClosedOnBothSides) {
  auto [tx, rx] = TypeParam::template make<int>();
  EXPECT_FALSE(tx.is_closed());
  EXPECT_FALSE(rx.is_closed());
  rx.close();
  EXPECT_TRUE(tx.is_closed());
  EXPECT_TRUE(rx.is_closed());

  auto [tx2, rx2] = TypeParam::template make<int>();
  { auto gone = std::move(tx2); }
  EXPECT_TRUE(rx2.is_closed());  // no strong sender left

  auto [tx3, rx3] = TypeParam::template make<int>();
  { auto gone = std::move(rx3); }
  EXPECT_TRUE(tx3.is_closed());
}

TYPED_TEST(Handles, SendersUsedConcurrentlyFromCopies) {
  auto [tx, rx] = TypeParam::template make<int>();
  constexpr int kThreads = 4, kEach = 50;
  std::jthread consumer([&] {
    int sum = 0, count = 0;
    while (auto v = rx.recv()) {
      sum += *v;
      ++count;
    }
    EXPECT_EQ(count, kThreads * kEach);
    EXPECT_EQ(sum, kThreads * kEach * (kEach - 1) / 2);
  });
  {
    auto mine = std::move(tx);
    run_threads(kThreads, [&mine](std::size_t) {
      auto copy = mine;  // each thread its own handle
      for (int i = 0; i < kEach; ++i) EXPECT_TRUE(copy.send(i));
    });
  }
}

}  // namespace
}  // namespace courier::mailbox::test
