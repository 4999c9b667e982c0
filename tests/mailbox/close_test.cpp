// close_test.cpp: closing a channel: Receiver::close() and receiver drop stop new sends (the value
// comes back), while values already queued and capacity already granted still arrive; then recv
// ends. Also Sender::closed(), which waits for the close.
#include <gtest/gtest.h>

#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class Close : public ::testing::Test {};
TYPED_TEST_SUITE(Close, AllKinds, KindNames);

TYPED_TEST(Close, QueuedValuesStillDeliveredThenRecvEnds) {
  auto [tx, rx] = TypeParam::template make<int>();
  const int batch = static_cast<int>(batch_size<TypeParam>(40));
  for (int i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(i));
  rx.close();
  EXPECT_TRUE(rx.is_closed());
  EXPECT_TRUE(tx.is_closed());
  for (int i = 0; i < batch; ++i) EXPECT_EQ(rx.recv(), i);
  EXPECT_EQ(rx.recv(), std::nullopt);
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

TYPED_TEST(Close, SendAfterCloseHandsValueBack) {
  auto [tx, rx] = TypeParam::template make<std::string>();
  rx.close();
  auto r = tx.send("returned");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::closed);
  EXPECT_EQ(r.error().value, "returned");
  EXPECT_EQ(rx.recv(), std::nullopt);
}

// Sends refused after the close are not counted: the queued values are still all there, and
// the receiver ends after them instead of waiting for values that will never come.
TYPED_TEST(Close, RefusedSendsLeaveTheQueueAsItWas) {
  auto [tx, rx] = TypeParam::template make<int>();
  const std::size_t queued = batch_size<TypeParam>(3);
  for (std::size_t i = 0; i < queued; ++i) ASSERT_TRUE(tx.send(static_cast<int>(i)));
  rx.close();
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(tx.send(10 + i));
  rx.close();  // a second close (an actor's stop closes a mailbox its owner may have closed)
  ASSERT_FALSE(tx.send(20));
  EXPECT_EQ(rx.len(), queued);
  EXPECT_EQ(rx.try_recv(), 0);
  for (std::size_t i = 1; i < queued; ++i) EXPECT_EQ(rx.recv(), static_cast<int>(i));
  EXPECT_EQ(rx.len(), 0u);
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TYPED_TEST(Close, SendAfterReceiverDropHandsValueBack) {
  auto [tx, rx] = TypeParam::template make<std::unique_ptr<int>>();
  { auto gone = std::move(rx); }
  auto value = std::make_unique<int>(5);
  int* const address = value.get();
  auto r = tx.send(std::move(value));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::closed);
  EXPECT_EQ(r.error().value.get(), address);  // the very same object
}

TYPED_TEST(Close, CloseIsIdempotent) {
  auto [tx, rx] = TypeParam::template make<int>();
  ASSERT_TRUE(tx.send(1));
  rx.close();
  rx.close();
  EXPECT_EQ(rx.recv(), 1);
  rx.close();
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TYPED_TEST(Close, SendersDroppingAfterCloseChangeNothing) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto tx2 = tx;
  ASSERT_TRUE(tx.send(1));
  rx.close();
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), std::nullopt);
  EXPECT_EQ(tx2.send(2).error().status, Status::closed);
}

TYPED_TEST(Close, ClosedWaitsForReceiverClose) {
  auto [tx, rx] = TypeParam::template make<int>();
  ObservedParker parker;
  std::atomic<bool> returned{false};
  std::jthread waiter([&] {
    InstallParker use(parker);
    tx.closed();
    returned = true;
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  EXPECT_FALSE(returned);
  rx.close();
  waiter.join();
  EXPECT_TRUE(returned);
  tx.closed();  // already closed: returns at once
}

TYPED_TEST(Close, ClosedWaitsForReceiverDrop) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto tx2 = tx;
  ObservedParker p1, p2;
  // Two senders wait; both are released by the drop.
  std::jthread w1([&] {
    InstallParker use(p1);
    tx.closed();
    EXPECT_TRUE(tx.is_closed());
  });
  std::jthread w2([&] {
    InstallParker use(p2);
    tx2.closed();
  });
  ASSERT_TRUE(wait_until([&] { return p1.parks() > 0 && p2.parks() > 0; }));
  std::jthread dropper([r = std::move(rx)]() mutable { auto gone = std::move(r); });
}

template <class Kind>
class CloseBounded : public ::testing::Test {};
TYPED_TEST_SUITE(CloseBounded, BoundedKinds, KindNames);

TYPED_TEST(CloseBounded, GrantedPermitsDeliverAfterClose) {
  auto [tx, rx] = TypeParam::template make<int>();
  const std::size_t cap = TypeParam::kCapacity;
  auto permits = tx.reserve_many(cap);
  ASSERT_TRUE(permits);
  rx.close();
  EXPECT_EQ(tx.try_reserve().error(), Status::closed);
  // The receiver waits for the granted capacity: not closed yet, just empty.
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  std::jthread filler([&] {
    for (std::size_t i = 0; i < cap; ++i) {
      std::this_thread::sleep_for(100us);
      permits->send(static_cast<int>(i));
    }
  });
  for (std::size_t i = 0; i < cap; ++i) EXPECT_EQ(rx.recv(), static_cast<int>(i));
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TYPED_TEST(CloseBounded, ReceiverWaitingOnClosedChannelEndsWhenLastPermitDropped) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  rx.close();
  ObservedParker parker;
  std::jthread consumer([&] {
    InstallParker use(parker);
    EXPECT_EQ(rx.recv(), std::nullopt);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  { auto drop = std::move(*permit); }
}

TYPED_TEST(CloseBounded, CloseFailsBlockedSendersHandingValuesBack) {
  auto [tx, rx] = TypeParam::template make<std::string>();
  const std::size_t cap = TypeParam::kCapacity;
  for (std::size_t i = 0; i < cap; ++i) ASSERT_TRUE(tx.try_send("queued"));
  ObservedParker p1, p2;
  std::jthread s1([&] {
    InstallParker use(p1);
    auto r = tx.send("first");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().status, Status::closed);
    EXPECT_EQ(r.error().value, "first");
  });
  std::jthread s2([&] {
    InstallParker use(p2);
    auto r = tx.reserve();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Status::closed);
  });
  ASSERT_TRUE(wait_until([&] { return p1.parks() > 0 && p2.parks() > 0; }));
  rx.close();
  s1.join();
  s2.join();
  for (std::size_t i = 0; i < cap; ++i) EXPECT_EQ(rx.recv(), "queued");
  EXPECT_EQ(rx.recv(), std::nullopt);
}

// A partly served reserve_many needs a capacity of at least 2.
template <class Kind>
class CloseBoundedMulti : public ::testing::Test {};
using MultiSlotKinds = ::testing::Types<BoundedKind<2>, BoundedKind<32>, BoundedKind<1024>>;
TYPED_TEST_SUITE(CloseBoundedMulti, MultiSlotKinds, KindNames);

TYPED_TEST(CloseBoundedMulti, CloseReturnsCapacityOfPartlyServedReserveMany) {
  {
    auto [tx, rx] = TypeParam::template make<int>();
    const std::size_t cap = TypeParam::kCapacity;
    for (std::size_t i = 0; i < cap; ++i) ASSERT_TRUE(tx.try_send(static_cast<int>(i)));
    ObservedParker parker;
    std::jthread reserver([&] {
      InstallParker use(parker);
      EXPECT_EQ(tx.reserve_many(cap).error(), Status::closed);
    });
    ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
    EXPECT_EQ(rx.recv(), 0);  // this slot goes to the waiting reserve_many, which needs more
    EXPECT_EQ(tx.capacity(), 0u);
    rx.close();
    reserver.join();
    EXPECT_EQ(tx.capacity(), 1u);  // the partial grant came back
    for (std::size_t i = 1; i < cap; ++i) EXPECT_EQ(rx.recv(), static_cast<int>(i));
    EXPECT_EQ(rx.recv(), std::nullopt);
    EXPECT_EQ(tx.capacity(), cap);
  }
}

}  // namespace
}  // namespace courier::mailbox::test
