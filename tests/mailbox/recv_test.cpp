// recv_test.cpp: the receiving side on every kind of channel (bounded with capacities 1, 2, 32,
// 1024, and unbounded): recv, try_recv, recv_many, recv_timeout, FIFO order, len/is_empty, and a
// blocked receiver woken from another thread.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class Recv : public ::testing::Test {};
TYPED_TEST_SUITE(Recv, AllKinds, KindNames);

TYPED_TEST(Recv, ValuesArriveInSendOrderAcrossBlocks) {
  auto [tx, rx] = TypeParam::template make<int>();
  const int batch = static_cast<int>(batch_size<TypeParam>(100));
  int next_send = 0, next_recv = 0;
  // Enough rounds to cross several 32-slot blocks whatever the capacity.
  while (next_send < 500) {
    for (int i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(next_send++));
    for (int i = 0; i < batch; ++i) ASSERT_EQ(rx.recv(), next_recv++);
  }
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

TYPED_TEST(Recv, RecvReturnsNulloptOnlyWhenClosedAndDrained) {
  auto [tx, rx] = TypeParam::template make<int>();
  const int batch = static_cast<int>(batch_size<TypeParam>(10));
  for (int i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(i));
  { auto gone = std::move(tx); }
  EXPECT_TRUE(rx.is_closed());
  for (int i = 0; i < batch; ++i) EXPECT_EQ(rx.recv(), i);
  EXPECT_EQ(rx.recv(), std::nullopt);
  EXPECT_EQ(rx.recv(), std::nullopt);  // and stays so
}

TYPED_TEST(Recv, TryRecvEmptyWhileSendersRemainClosedAfter) {
  auto [tx, rx] = TypeParam::template make<int>();
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  ASSERT_TRUE(tx.send(5));
  EXPECT_EQ(rx.try_recv(), 5);
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  ASSERT_TRUE(tx.send(6));
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.try_recv(), 6);  // closed but not drained: the value first
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

TYPED_TEST(Recv, TryRecvEmptyAfterCloseWhileNothingQueuedIsClosed) {
  auto [tx, rx] = TypeParam::template make<int>();
  rx.close();
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

TYPED_TEST(Recv, RecvManyTakesUpToLimitInOrder) {
  auto [tx, rx] = TypeParam::template make<int>();
  const std::size_t batch = batch_size<TypeParam>(20);
  for (std::size_t i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(static_cast<int>(i)));

  std::vector<int> out{-7};  // recv_many appends: existing content stays
  const std::size_t limit = batch > 1 ? batch / 2 : 1;
  EXPECT_EQ(rx.recv_many(out, limit), limit);
  ASSERT_EQ(out.size(), limit + 1);
  EXPECT_EQ(out[0], -7);
  for (std::size_t i = 0; i < limit; ++i) EXPECT_EQ(out[i + 1], static_cast<int>(i));

  // A limit larger than what is queued takes just what is there, without waiting for more.
  out.clear();
  ASSERT_TRUE(tx.send(-1));  // so that something is left even when batch == limit == 1
  EXPECT_EQ(rx.recv_many(out, 1000), batch - limit + 1);
  EXPECT_EQ(out.back(), -1);
  out.pop_back();
  for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], static_cast<int>(limit + i));
  EXPECT_TRUE(rx.is_empty());
}

TYPED_TEST(Recv, RecvManyLimitZeroTakesNothing) {
  auto [tx, rx] = TypeParam::template make<int>();
  ASSERT_TRUE(tx.send(1));
  std::vector<int> out;
  EXPECT_EQ(rx.recv_many(out, 0), 0u);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(rx.len(), 1u);
}

TYPED_TEST(Recv, RecvManyReturnsZeroWhenClosedAndDrained) {
  auto [tx, rx] = TypeParam::template make<int>();
  ASSERT_TRUE(tx.send(1));
  { auto gone = std::move(tx); }
  std::vector<int> out;
  EXPECT_EQ(rx.recv_many(out, 4), 1u);
  EXPECT_EQ(rx.recv_many(out, 4), 0u);
  EXPECT_EQ(out, std::vector<int>{1});
}

TYPED_TEST(Recv, RecvManyWaitsForFirstValue) {
  auto [tx, rx] = TypeParam::template make<int>();
  std::jthread producer([&] {
    std::this_thread::sleep_for(10ms);
    EXPECT_TRUE(tx.send(9));
  });
  std::vector<int> out;
  EXPECT_EQ(rx.recv_many(out, 8), 1u);
  EXPECT_EQ(out, std::vector<int>{9});
}

TYPED_TEST(Recv, RecvTimeoutTimesOutAndConsumesNothing) {
  auto [tx, rx] = TypeParam::template make<int>();
  Elapsed elapsed;
  EXPECT_EQ(rx.recv_timeout(20ms).error(), Status::timeout);
  EXPECT_GE(elapsed(), 20ms);
  ASSERT_TRUE(tx.send(3));
  EXPECT_EQ(rx.recv_timeout(0ms), 3);
  EXPECT_EQ(rx.recv_timeout(1ms).error(), Status::timeout);
  ASSERT_TRUE(tx.send(4));
  EXPECT_EQ(rx.recv(), 4);
}

TYPED_TEST(Recv, RecvTimeoutGetsValueSentBeforeDeadline) {
  auto [tx, rx] = TypeParam::template make<int>();
  std::jthread producer([&] {
    std::this_thread::sleep_for(10ms);
    EXPECT_TRUE(tx.send(11));
  });
  EXPECT_EQ(rx.recv_timeout(10s), 11);
}

TYPED_TEST(Recv, RecvTimeoutReportsClosedWhenDrained) {
  auto [tx, rx] = TypeParam::template make<int>();
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.recv_timeout(10s).error(), Status::closed);
}

TYPED_TEST(Recv, BlockedReceiverWokenBySendFromAnotherThread) {
  auto [tx, rx] = TypeParam::template make<int>();
  ObservedParker parker;
  std::jthread consumer([&] {
    InstallParker use(parker);
    EXPECT_EQ(rx.recv(), 77);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  ASSERT_TRUE(tx.send(77));
}

TYPED_TEST(Recv, BlockedReceiverWokenByLastSenderDrop) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto tx2 = tx;
  ObservedParker parker;
  std::jthread consumer([&] {
    InstallParker use(parker);
    EXPECT_EQ(rx.recv(), std::nullopt);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  { auto gone = std::move(tx); }
  std::this_thread::sleep_for(5ms);  // one sender still there: the receiver keeps waiting
  { auto gone = std::move(tx2); }
}

TYPED_TEST(Recv, LenAndIsEmptyFollowQueue) {
  auto [tx, rx] = TypeParam::template make<int>();
  EXPECT_TRUE(rx.is_empty());
  EXPECT_EQ(rx.len(), 0u);
  const std::size_t batch = batch_size<TypeParam>(40);
  for (std::size_t i = 0; i < batch; ++i) {
    ASSERT_TRUE(tx.send(0));
    EXPECT_EQ(rx.len(), i + 1);
    EXPECT_FALSE(rx.is_empty());
  }
  for (std::size_t i = batch; i > 0; --i) {
    (void)rx.recv();
    EXPECT_EQ(rx.len(), i - 1);
  }
  EXPECT_TRUE(rx.is_empty());
}

// prefetch() is a hint: from another thread, between sends and receives, and on a receiver that
// has been moved from, it changes no value, order or count.
TYPED_TEST(Recv, PrefetchChangesNothing) {
  auto [tx, rx] = TypeParam::template make<int>();
  const int batch = static_cast<int>(batch_size<TypeParam>(40));
  for (int i = 0; i < batch; ++i) {
    ASSERT_TRUE(tx.send(i));
    std::thread([&rx] { rx.prefetch(); }).join();
  }
  EXPECT_EQ(rx.len(), static_cast<std::size_t>(batch));
  for (int i = 0; i < batch; ++i) {
    rx.prefetch();
    EXPECT_EQ(rx.recv(), i);
  }
  auto moved = std::move(rx);
  rx.prefetch();  // NOLINT(bugprone-use-after-move): a moved-from receiver ignores it
  EXPECT_TRUE(moved.is_empty());
}

TYPED_TEST(Recv, ReceiverMovedToAnotherThreadKeepsWorking) {
  auto [tx, rx] = TypeParam::template make<int>();
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(rx.recv(), 1);
  std::jthread other([r = std::move(rx)]() mutable {
    EXPECT_EQ(r.recv(), 2);
    EXPECT_EQ(r.recv(), std::nullopt);
  });
  ASSERT_TRUE(tx.send(2));
  { auto gone = std::move(tx); }
}

}  // namespace
}  // namespace courier::mailbox::test
