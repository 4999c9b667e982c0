// owner_test.cpp: a receiver with an owner for good (Receiver::own(), as an actor's): the channel
// keeps the owner's RunState, wakes the owner only when news finds it idle, and never reaches a
// busy or dead owner.
#include <gtest/gtest.h>

#include <utility>

#include "courier/expected.hpp"
#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class OwnedRecv : public ::testing::Test {};
TYPED_TEST_SUITE(OwnedRecv, AllKinds, KindNames);

// go_idle() is an owner's end of a run: it tries to go idle after a look that found nothing.
template <class Receiver>
bool go_idle(Receiver& rx) {
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  return rx.run_state().try_idle();
}

TYPED_TEST(OwnedRecv, AnIdleOwnerIsWokenOnceAndABusyOneIsOnlyNotified) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker owner;
  rx.own(owner);
  ASSERT_TRUE(go_idle(rx));  // a new owner starts scheduled: its first run finds nothing
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(owner.wakes(), 1);  // idle -> scheduled: the owner must be queued
  EXPECT_EQ(rx.try_recv(), 1);
  if (TypeParam::kCapacity > 1) {
    ASSERT_TRUE(tx.send(2));
    EXPECT_EQ(owner.wakes(), 1);  // scheduled: marked notified, not woken again
    EXPECT_EQ(rx.try_recv(), 2);
    EXPECT_FALSE(go_idle(rx));  // notified since the run began: look once more
  }
  EXPECT_TRUE(go_idle(rx));
  ASSERT_TRUE(tx.send(3));
  EXPECT_EQ(owner.wakes(), 2);
  EXPECT_EQ(rx.try_recv(), 3);
}

TYPED_TEST(OwnedRecv, TheLastSenderDropWakesAnIdleOwner) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker owner;
  rx.own(owner);
  ASSERT_TRUE(go_idle(rx));
  auto weak = tx.downgrade();
  { auto drop = std::move(tx); }
  EXPECT_EQ(owner.wakes(), 1);
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

TYPED_TEST(OwnedRecv, ADeadOwnerIsNeverWoken) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker owner;
  rx.own(owner);
  ASSERT_TRUE(go_idle(rx));
  rx.run_state().end();
  ASSERT_TRUE(tx.send(1));
  { auto drop = std::move(tx); }
  EXPECT_EQ(owner.wakes(), 0);
}

TYPED_TEST(OwnedRecv, TheReceiversDropWithdrawsTheOwner) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker owner;
  rx.own(owner);
  RunState& state = rx.run_state();
  ASSERT_TRUE(go_idle(rx));
  auto moved = std::move(rx);
  EXPECT_EQ(&moved.run_state(), &state);  // the channel's, whoever holds the receiver
  { auto drop = std::move(moved); }
  { auto drop = std::move(tx); }  // the last sender's drop finds nobody to wake
  EXPECT_EQ(owner.wakes(), 0);
}

TEST(OwnedRecvBounded, AnIdleOwnerIsWokenWhenTheLastPermitReturnsAfterClose) {
  auto [tx, rx] = bounded<int>(2);
  CountingWaker owner;
  rx.own(owner);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  rx.close();
  ASSERT_TRUE(go_idle(rx));
  { auto drop = std::move(*permit); }
  EXPECT_EQ(owner.wakes(), 1);
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

}  // namespace
}  // namespace courier::mailbox::test
