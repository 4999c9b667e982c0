// weak_sender_test.cpp: WeakSender / WeakUnboundedSender never keep a channel open, upgrade only
// while a strong sender exists, and keep the channel's memory alive on their own.
#include <gtest/gtest.h>

#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class WeakSenderTest : public ::testing::Test {};
TYPED_TEST_SUITE(WeakSenderTest, AllKinds, KindNames);

TYPED_TEST(WeakSenderTest, WeakAloneDoesNotKeepChannelOpen) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto weak = tx.downgrade();
  ASSERT_TRUE(tx.send(1));
  { auto gone = std::move(tx); }
  EXPECT_TRUE(rx.is_closed());
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), std::nullopt);
  EXPECT_EQ(rx.sender_strong_count(), 0u);
  EXPECT_EQ(rx.sender_weak_count(), 1u);
  EXPECT_FALSE(weak.upgrade().has_value());
}

TYPED_TEST(WeakSenderTest, BlockedReceiverEndsWhenLastStrongGoesDespiteWeak) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto weak = tx.downgrade();
  ObservedParker parker;
  std::jthread consumer([&] {
    InstallParker use(parker);
    EXPECT_EQ(rx.recv(), std::nullopt);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  { auto gone = std::move(tx); }
  consumer.join();
  EXPECT_FALSE(weak.upgrade().has_value());
}

TYPED_TEST(WeakSenderTest, UpgradedSenderIsStrongAndSends) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto weak = tx.downgrade();
  auto strong = weak.upgrade();
  ASSERT_TRUE(strong.has_value());
  EXPECT_EQ(tx.strong_count(), 2u);
  EXPECT_TRUE(strong->same_channel(tx));
  { auto gone = std::move(tx); }
  // The upgraded handle alone keeps the channel open.
  EXPECT_FALSE(rx.is_closed());
  ASSERT_TRUE(strong->send(5));
  EXPECT_EQ(rx.recv(), 5);
  EXPECT_EQ(weak.upgrade()->strong_count(), 2u);  // temporary upgrade, dropped right away
  strong.reset();
  EXPECT_EQ(rx.recv(), std::nullopt);
  EXPECT_FALSE(weak.upgrade().has_value());
}

TYPED_TEST(WeakSenderTest, UpgradeFailsForeverOnceStrongCountHitZero) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto weak = tx.downgrade();
  auto weak_copy = weak;
  { auto gone = std::move(tx); }
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(weak.upgrade().has_value());
    EXPECT_FALSE(weak_copy.upgrade().has_value());
  }
  EXPECT_EQ(weak.strong_count(), 0u);
  EXPECT_EQ(weak.weak_count(), 2u);
}

TYPED_TEST(WeakSenderTest, WeakOutlivesEverythingElse) {
  // The last handle of a channel may be a weak one; the channel is freed when it goes (the ASan
  // build checks for the leak or a use after free).
  std::optional<decltype(TypeParam::template make<int>().first.downgrade())> weak;
  {
    auto [tx, rx] = TypeParam::template make<int>();
    ASSERT_TRUE(tx.send(1));  // a block exists and holds a value
    weak.emplace(tx.downgrade());
  }
  EXPECT_FALSE(weak->upgrade().has_value());
  EXPECT_EQ(weak->strong_count(), 0u);
  weak.reset();
}

TYPED_TEST(WeakSenderTest, WeakAssignmentAndMove) {
  auto [tx1, rx1] = TypeParam::template make<int>();
  auto [tx2, rx2] = TypeParam::template make<int>();
  auto weak = tx1.downgrade();
  EXPECT_EQ(tx1.weak_count(), 1u);
  weak = tx2.downgrade();
  EXPECT_EQ(tx1.weak_count(), 0u);
  EXPECT_EQ(tx2.weak_count(), 1u);
  auto moved = std::move(weak);
  EXPECT_EQ(tx2.weak_count(), 1u);
  auto up = moved.upgrade();
  ASSERT_TRUE(up.has_value());
  EXPECT_TRUE(up->same_channel(tx2));
}

}  // namespace
}  // namespace courier::mailbox::test
