// lifetime_test.cpp: what happens to values: every value is destroyed exactly once whichever way
// it leaves (received, handed back, dropped with the channel, given to the sink); move-only and
// over-aligned types work; a dropped receiver hands queued values to the sink set by set_sink(),
// and values that arrive later through outstanding permits reach the sink when the channel is
// freed.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class Lifetime : public ::testing::Test {};
TYPED_TEST_SUITE(Lifetime, AllKinds, KindNames);

TYPED_TEST(Lifetime, EveryValueDestroyedExactlyOnce) {
  constexpr std::size_t kValues = 300;
  Tracker tracker(kValues);
  {
    auto [tx, rx] = TypeParam::template make<Tracked>();
    const std::size_t batch = batch_size<TypeParam>(50);
    std::size_t id = 0;
    // Received values, some in bulk and some one by one...
    while (id < 200) {
      for (std::size_t i = 0; i < batch && id < 200; ++i)
        ASSERT_TRUE(tx.send(Tracked(tracker, id++)));
      std::vector<Tracked> out;
      rx.recv_many(out, 7);
      while (rx.try_recv()) {
      }
    }
    EXPECT_EQ(tracker.dropped(), 200u);
    // ...values left in the channel when every handle goes...
    for (std::size_t i = 0; i < batch && id < 250; ++i)
      ASSERT_TRUE(tx.send(Tracked(tracker, id++)));
    // ...and values handed back by failed sends.
    rx.close();
    while (id < kValues) {
      auto r = tx.send(Tracked(tracker, id++));
      ASSERT_FALSE(r);
      EXPECT_TRUE(r.error().value.valid());
    }
  }
  EXPECT_TRUE(tracker.all_dropped_once());
  EXPECT_EQ(tracker.created(), static_cast<long>(kValues));
}

TYPED_TEST(Lifetime, MoveOnlyValuesRoundTrip) {
  auto [tx, rx] = TypeParam::template make<std::unique_ptr<std::string>>();
  const std::size_t batch = batch_size<TypeParam>(64);
  for (std::size_t i = 0; i < batch; ++i) {
    ASSERT_TRUE(tx.send(std::make_unique<std::string>(std::to_string(i))));
  }
  for (std::size_t i = 0; i < batch; ++i) EXPECT_EQ(*rx.recv().value(), std::to_string(i));
}

TYPED_TEST(Lifetime, ReceiverDropHandsQueuedValuesToSinkInOrder) {
  Tracker tracker(64);
  std::vector<std::size_t> sunk;
  auto [tx, rx] = TypeParam::template make<Tracked>();
  rx.set_sink([&sunk](Tracked t) { sunk.push_back(t.id()); });
  const std::size_t batch = batch_size<TypeParam>(64);
  for (std::size_t i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(Tracked(tracker, i)));
  (void)rx.recv();  // the first one is received normally
  { auto gone = std::move(rx); }
  std::vector<std::size_t> expected;
  for (std::size_t i = 1; i < batch; ++i) expected.push_back(i);
  EXPECT_EQ(sunk, expected);
  EXPECT_EQ(tracker.dropped(), batch);
  EXPECT_EQ(tracker.live(), 0);
}

TYPED_TEST(Lifetime, ReceiverDropWithoutSinkDestroysQueuedValues) {
  Tracker tracker(16);
  auto [tx, rx] = TypeParam::template make<Tracked>();
  const std::size_t batch = batch_size<TypeParam>(16);
  for (std::size_t i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(Tracked(tracker, i)));
  { auto gone = std::move(rx); }
  EXPECT_EQ(tracker.dropped(), batch);  // destroyed at the drop, not when the senders go
  EXPECT_EQ(tracker.live(), 0);
}

TYPED_TEST(Lifetime, ValuesLeftWhenAllHandlesGoAreDestroyed) {
  Tracker tracker(16);
  {
    auto [tx, rx] = TypeParam::template make<Tracked>();
    const std::size_t batch = batch_size<TypeParam>(16);
    for (std::size_t i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(Tracked(tracker, i)));
    { auto gone = std::move(tx); }
    EXPECT_EQ(tracker.live(), static_cast<long>(batch));  // still queued for the receiver
  }
  EXPECT_EQ(tracker.live(), 0);
}

TYPED_TEST(Lifetime, OverAlignedValuesStayAligned) {
  struct alignas(64) Wide {
    explicit Wide(int v) noexcept : value(v) {}
    Wide(Wide&& other) noexcept : value(other.value) {
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(this) % 64, 0u);
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&other) % 64, 0u);
    }
    int value;
  };
  auto [tx, rx] = TypeParam::template make<Wide>();
  const int batch = static_cast<int>(batch_size<TypeParam>(40));
  for (int i = 0; i < batch; ++i) ASSERT_TRUE(tx.send(Wide(i)));
  for (int i = 0; i < batch; ++i) EXPECT_EQ(rx.recv()->value, i);
}

TEST(LifetimeBounded, PermitValueAfterReceiverDropGoesToSinkWhenChannelFreed) {
  Tracker tracker(3);
  std::vector<std::size_t> sunk;
  auto [tx, rx] = bounded<Tracked>(4);
  rx.set_sink([&sunk](Tracked t) { sunk.push_back(t.id()); });
  ASSERT_TRUE(tx.send(Tracked(tracker, 0)));
  auto permit = tx.reserve();
  auto owned = tx.reserve_owned();
  ASSERT_TRUE(permit && owned);
  { auto gone = std::move(rx); }
  EXPECT_EQ(sunk, std::vector<std::size_t>{0});

  // The receiver is gone but the capacity was granted: these sends cannot fail, and the values
  // wait in the channel until it is freed.
  std::move(*permit).send(Tracked(tracker, 1));
  Sender<Tracked> from_owned = std::move(*owned).send(Tracked(tracker, 2));
  EXPECT_EQ(sunk.size(), 1u);
  EXPECT_EQ(tracker.live(), 2);
  { auto gone = std::move(from_owned); }
  EXPECT_EQ(sunk.size(), 1u);  // `tx` still holds the channel
  { auto gone = std::move(tx); }
  EXPECT_EQ(sunk, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_TRUE(tracker.all_dropped_once());
}

TEST(LifetimeBounded, PermitValueAfterReceiverDropWithoutSinkIsDestroyed) {
  Tracker tracker(1);
  auto [tx, rx] = bounded<Tracked>(1);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  { auto gone = std::move(rx); }
  std::move(*permit).send(Tracked(tracker, 0));
  EXPECT_EQ(tracker.live(), 1);
  { auto gone = std::move(tx); }
  EXPECT_TRUE(tracker.all_dropped_once());
}

TEST(LifetimeBounded, SinkOutlivedByWeakSenderStillRunsAtFree) {
  // The last handle to go may be a weak sender; the channel then drains into the sink.
  Tracker tracker(1);
  std::vector<std::size_t> sunk;
  auto [tx, rx] = bounded<Tracked>(2);
  rx.set_sink([&sunk](Tracked t) { sunk.push_back(t.id()); });
  WeakSender<Tracked> weak = tx.downgrade();
  {
    auto permit = tx.reserve();
    ASSERT_TRUE(permit);
    { auto gone = std::move(rx); }
    std::move(*permit).send(Tracked(tracker, 0));
  }
  { auto gone = std::move(tx); }
  EXPECT_TRUE(sunk.empty());
  { auto gone = std::move(weak); }
  EXPECT_EQ(sunk, std::vector<std::size_t>{0});
  EXPECT_TRUE(tracker.all_dropped_once());
}

TEST(LifetimeBounded, FailedSendsHandBackTheSameObject) {
  Tracker tracker(3);
  auto [tx, rx] = bounded<Tracked>(1);
  ASSERT_TRUE(tx.try_send(Tracked(tracker, 0)));
  auto full = tx.try_send(Tracked(tracker, 1));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().value.id(), 1u);
  EXPECT_EQ(tracker.drops(1), 0);
  Tracked back = std::move(full.error()).into_value();
  EXPECT_TRUE(back.valid());
  auto timed = tx.send_timeout(Tracked(tracker, 2), 1ms);
  ASSERT_FALSE(timed);
  EXPECT_EQ(timed.error().value.id(), 2u);
  EXPECT_EQ(tracker.drops(2), 0);
}

}  // namespace
}  // namespace courier::mailbox::test
