// permit_test.cpp: reserved capacity on bounded channels: Permit, Permits (reserve_many) and
// OwnedPermit. A permit's send cannot fail; an unused permit gives its capacity back.
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

class PermitCapacity : public ::testing::TestWithParam<std::size_t> {};
INSTANTIATE_TEST_SUITE_P(Capacities, PermitCapacity, ::testing::Values(1, 2, 32, 1024),
                         capacity_name);

TEST_P(PermitCapacity, ReserveTakesCapacityAndSendDelivers) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  EXPECT_EQ(tx.capacity(), cap - 1);
  EXPECT_TRUE(rx.is_empty());  // a reservation is not a value
  std::move(*permit).send(7);
  EXPECT_EQ(tx.capacity(), cap - 1);  // now the value holds the slot
  EXPECT_EQ(rx.recv(), 7);
  EXPECT_EQ(tx.capacity(), cap);
}

TEST_P(PermitCapacity, DroppedPermitGivesCapacityBack) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  {
    auto permit = tx.try_reserve();
    ASSERT_TRUE(permit);
    EXPECT_EQ(tx.capacity(), cap - 1);
  }
  EXPECT_EQ(tx.capacity(), cap);
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

TEST_P(PermitCapacity, TryReserveFullWhenAllReserved) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  std::vector<Permit<int, BoundedSemaphore>> held;
  for (std::size_t i = 0; i < cap; ++i) {
    auto p = tx.try_reserve();
    ASSERT_TRUE(p);
    held.push_back(std::move(*p));
  }
  EXPECT_EQ(tx.try_reserve().error(), Status::full);
  EXPECT_EQ(tx.try_send(1).error().status, Status::full);
  EXPECT_EQ(tx.capacity(), 0u);
  held.pop_back();
  EXPECT_EQ(tx.capacity(), 1u);
  EXPECT_TRUE(tx.try_reserve());
}

TEST_P(PermitCapacity, ReserveManyAndTryReserveMany) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  {
    auto all = tx.try_reserve_many(cap);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), cap);
    EXPECT_EQ(tx.capacity(), 0u);
    EXPECT_EQ(tx.try_reserve_many(1).error(), Status::full);
    all->send(1);
    EXPECT_EQ(all->size(), cap - 1);
  }
  // The unused part came back; the sent value still holds one slot.
  EXPECT_EQ(tx.capacity(), cap - 1);
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(tx.capacity(), cap);

  auto many = tx.reserve_many(cap);
  ASSERT_TRUE(many);
  for (std::size_t i = 0; i < cap; ++i) many->send(static_cast<int>(i));
  EXPECT_EQ(many->size(), 0u);
  for (std::size_t i = 0; i < cap; ++i) EXPECT_EQ(rx.recv(), static_cast<int>(i));
}

TEST_P(PermitCapacity, ReserveManyBeyondMaxCapacityThrowsLengthError) {
  const std::size_t cap = GetParam();
  auto [tx, rx] = bounded<int>(cap);
  EXPECT_THROW((void)tx.reserve_many(cap + 1), std::length_error);
  EXPECT_THROW((void)tx.try_reserve_many(cap + 1), std::length_error);
  EXPECT_EQ(tx.capacity(), cap);
}

TEST(Permit, ReserveManyZeroIsEmptyAndFree) {
  auto [tx, rx] = bounded<int>(3);
  auto none = tx.reserve_many(0);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->size(), 0u);
  EXPECT_EQ(tx.capacity(), 3u);
  auto none2 = tx.try_reserve_many(0);
  ASSERT_TRUE(none2);
  EXPECT_EQ(none2->size(), 0u);
}

// As Tokio's reserve_many_zero and try_reserve_many_zero: reserving nothing still says closed once
// the receiver has closed the channel (or is gone).
TEST(Permit, ReserveManyZeroFailsOnClosedChannel) {
  for (const bool drop_receiver : {false, true}) {
    auto [tx, rx] = bounded<int>(3);
    if (drop_receiver) {
      auto drop = std::move(rx);
    } else {
      rx.close();
    }
    EXPECT_EQ(tx.reserve_many(0).error(), Status::closed);
    EXPECT_EQ(tx.try_reserve_many(0).error(), Status::closed);
  }
}

TEST(Permit, TryReserveManyFullWhenTooFewFree) {
  auto [tx, rx] = bounded<int>(4);
  ASSERT_TRUE(tx.try_send(0));
  ASSERT_TRUE(tx.try_send(0));
  EXPECT_EQ(tx.try_reserve_many(3).error(), Status::full);
  EXPECT_EQ(tx.capacity(), 2u);  // a failed try takes nothing
  EXPECT_TRUE(tx.try_reserve_many(2));
}

TEST(Permit, ReserveManyWaitsForEnoughCapacity) {
  auto [tx, rx] = bounded<int>(3);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(tx.try_send(i));
  ObservedParker parker;
  std::jthread reserver([&] {
    InstallParker use(parker);
    auto p = tx.reserve_many(2);
    ASSERT_TRUE(p);
    p->send(10);
    p->send(11);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  EXPECT_EQ(rx.recv(), 0);
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), 2);
  EXPECT_EQ(rx.recv(), 10);
  EXPECT_EQ(rx.recv(), 11);
}

TEST(Permit, PermitSendsAfterCloseAndAfterReceiverDropNeverFail) {
  auto [tx, rx] = bounded<int>(2);
  auto p1 = tx.reserve();
  ASSERT_TRUE(p1);
  rx.close();
  std::move(*p1).send(1);  // no result to check: a permit's send cannot fail
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(Permit, MovedPermitReleasesOnce) {
  auto [tx, rx] = bounded<int>(2);
  {
    auto p = tx.reserve();
    ASSERT_TRUE(p);
    auto moved = std::move(*p);
    EXPECT_EQ(tx.capacity(), 1u);
    auto p2 = tx.reserve();
    ASSERT_TRUE(p2);
    moved = std::move(*p2);  // move-assign releases the one it held
    EXPECT_EQ(tx.capacity(), 1u);
  }
  EXPECT_EQ(tx.capacity(), 2u);
  {
    auto many = tx.reserve_many(2);
    ASSERT_TRUE(many);
    auto moved = std::move(*many);
    EXPECT_EQ(moved.size(), 2u);
  }
  EXPECT_EQ(tx.capacity(), 2u);
}

TEST(Permit, OwnedPermitOutlivesTheSenderItCameFrom) {
  auto [tx, rx] = bounded<int>(1);
  std::optional<OwnedPermit<int>> permit;
  {
    auto copy = std::move(tx);
    auto p = copy.reserve_owned();
    ASSERT_TRUE(p);
    permit.emplace(std::move(*p));
  }  // every Sender handle is gone, but the owned permit holds one
  EXPECT_EQ(rx.sender_strong_count(), 1u);
  EXPECT_FALSE(rx.is_closed());
  std::jthread elsewhere([p = std::move(*permit)]() mutable {
    Sender<int> back = std::move(p).send(5);
    EXPECT_EQ(back.strong_count(), 1u);
  });
  permit.reset();
  EXPECT_EQ(rx.recv(), 5);
  EXPECT_EQ(rx.recv(), std::nullopt);  // the returned sender was dropped by the thread
}

TEST(Permit, OwnedPermitReleaseAndDropGiveCapacityBack) {
  auto [tx, rx] = bounded<int>(2);
  {
    auto p = tx.try_reserve_owned();
    ASSERT_TRUE(p);
    EXPECT_EQ(tx.capacity(), 1u);
    EXPECT_EQ(tx.strong_count(), 2u);
  }
  EXPECT_EQ(tx.capacity(), 2u);
  EXPECT_EQ(tx.strong_count(), 1u);
  auto p = tx.reserve_owned();
  ASSERT_TRUE(p);
  Sender<int> back = std::move(*p).release();
  EXPECT_EQ(tx.capacity(), 2u);
  EXPECT_TRUE(back.same_channel(tx));
  EXPECT_TRUE(back.try_send(1));
  EXPECT_EQ(rx.recv(), 1);
}

TEST(Permit, TryReserveOwnedFullAndClosed) {
  auto [tx, rx] = bounded<int>(1);
  auto held = tx.try_reserve_owned();
  ASSERT_TRUE(held);
  EXPECT_EQ(tx.try_reserve_owned().error(), Status::full);
  rx.close();
  EXPECT_EQ(tx.try_reserve_owned().error(), Status::closed);
  EXPECT_EQ(tx.reserve_owned().error(), Status::closed);
}

TEST(Permit, UnusedPermitsGiveBackForWaiters) {
  // A permit dropped unused hands its capacity to a sender waiting for it.
  auto [tx, rx] = bounded<int>(1);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  ObservedParker parker;
  std::jthread waiter([&] {
    InstallParker use(parker);
    EXPECT_TRUE(tx.send(3));
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  { auto drop = std::move(*permit); }
  waiter.join();
  EXPECT_EQ(rx.recv(), 3);
}

}  // namespace
}  // namespace courier::mailbox::test
