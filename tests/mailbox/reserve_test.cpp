// reserve_test.cpp: Receiver::reserve() makes a burst's memory up front: the sends it covers
// allocate nothing and arrive in order, it counts from the values already sent, it makes nothing
// for zero, its blocks are freed with the channel, and it may run while senders send.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#include "alloc_counter.hpp"
#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

using courier::test::allocation_counting;
using courier::test::live_allocations;

template <class Kind>
class Reserve : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!allocation_counting()) GTEST_SKIP() << "needs the allocation counter";
  }
};
using ReserveKinds = ::testing::Types<BoundedKind<1024>, UnboundedKind>;
TYPED_TEST_SUITE(Reserve, ReserveKinds, KindNames);

TYPED_TEST(Reserve, TheSendsItCoversAllocateNothing) {
  constexpr int kValues = 1000;  // 32 blocks; not a multiple of a block
  auto [tx, rx] = TypeParam::template make<int>();
  rx.reserve(kValues);
  const std::int64_t before = live_allocations();
  for (int i = 0; i < kValues; ++i) ASSERT_TRUE(tx.send(i));
  EXPECT_EQ(live_allocations(), before);
  for (int i = 0; i < kValues; ++i) ASSERT_EQ(rx.try_recv(), i);
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

TYPED_TEST(Reserve, ItCountsFromTheValuesAlreadySent) {
  constexpr int kQueued = 40, kMore = 100;
  auto [tx, rx] = TypeParam::template make<int>();
  for (int i = 0; i < kQueued; ++i) ASSERT_TRUE(tx.send(i));
  rx.reserve(kMore);
  const std::int64_t before = live_allocations();
  for (int i = kQueued; i < kQueued + kMore; ++i) ASSERT_TRUE(tx.send(i));
  EXPECT_EQ(live_allocations(), before);
  for (int i = 0; i < kQueued + kMore; ++i) ASSERT_EQ(rx.try_recv(), i);
}

TYPED_TEST(Reserve, ZeroMakesNothing) {
  auto [tx, rx] = TypeParam::template make<int>();
  const std::int64_t before = live_allocations();
  rx.reserve(0);
  EXPECT_EQ(live_allocations(), before) << "an unused channel owns no block";
  rx.reserve(1);
  EXPECT_EQ(live_allocations(), before + 1) << "one block holds the first 32 values";
}

TYPED_TEST(Reserve, ItsBlocksAreFreedWithTheChannel) {
  const std::int64_t before = live_allocations();
  {
    auto [tx, rx] = TypeParam::template make<int>();
    rx.reserve(10'000);
    EXPECT_GE(live_allocations(), before + 10'000 / 32);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(tx.send(i));
    for (int i = 0; i < 50; ++i) ASSERT_EQ(rx.try_recv(), i);
  }
  EXPECT_EQ(live_allocations(), before);
}

TEST(ReserveConcurrent, ReservingWhileSendersSendLosesNothing) {
  // reserve() appends blocks as a growing sender does; the two race for the end of the chain.
  constexpr int kSenders = 4;
  constexpr int per_sender = static_cast<int>(scaled(20'000));
  auto [tx, rx] = unbounded<std::uint64_t>();
  std::vector<std::thread> senders;
  for (int s = 0; s < kSenders; ++s) {
    senders.emplace_back([mine = tx, s] {
      for (int i = 0; i < per_sender; ++i) {
        ASSERT_TRUE(mine.send(static_cast<std::uint64_t>(s) << 32 | static_cast<std::uint32_t>(i)));
      }
    });
  }
  for (int r = 0; r < 200; ++r) rx.reserve(static_cast<std::size_t>(r) * 32 + 7);
  for (auto& t : senders) t.join();
  std::vector<int> next(kSenders, 0);
  for (int n = 0; n < kSenders * per_sender; ++n) {
    auto v = rx.try_recv();
    ASSERT_TRUE(v.has_value()) << "value " << n << " missing";
    const auto s = static_cast<std::size_t>(*v >> 32);
    ASSERT_EQ(static_cast<int>(*v & 0xffff'ffffu), next[s]++) << "sender " << s << " out of order";
  }
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

}  // namespace
}  // namespace courier::mailbox::test
