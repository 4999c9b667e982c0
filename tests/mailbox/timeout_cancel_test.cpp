// timeout_cancel_test.cpp: waits that end early. A timed-out send hands its value back; a
// timed-out recv consumes nothing. A wait cancelled through the thread's ThreadParker (installed
// with Parker::set_current) throws Cancelled, consumes no message and keeps no capacity.
#include <gtest/gtest.h>

#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

TEST(Timeout, SendTimeoutOnFullChannelHandsValueBack) {
  auto [tx, rx] = bounded<std::unique_ptr<int>>(1);
  ASSERT_TRUE(tx.send(std::make_unique<int>(1)));
  auto value = std::make_unique<int>(2);
  int* const address = value.get();
  Elapsed elapsed;
  auto r = tx.send_timeout(std::move(value), 20ms);
  EXPECT_GE(elapsed(), 20ms);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::timeout);
  EXPECT_EQ(r.error().value.get(), address);
  EXPECT_EQ(tx.capacity(), 0u);
  EXPECT_EQ(rx.len(), 1u);
  EXPECT_EQ(*rx.recv().value(), 1);
  EXPECT_EQ(rx.try_recv().error(), Status::empty);  // the timed-out value never got in
  EXPECT_EQ(tx.capacity(), 1u);
}

TEST(Timeout, TimedOutSenderLeavesTheQueue) {
  // After a waiter times out, newcomers use the fast path again: nothing is stuck in line.
  auto [tx, rx] = bounded<int>(1);
  ASSERT_TRUE(tx.try_send(1));
  EXPECT_EQ(tx.send_timeout(2, 5ms).error().status, Status::timeout);
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_TRUE(tx.try_send(3));
  EXPECT_EQ(rx.recv(), 3);
}

TEST(Timeout, SendTimeoutSucceedsWhenSpaceFreesInTime) {
  auto [tx, rx] = bounded<int>(1);
  ASSERT_TRUE(tx.try_send(1));
  std::jthread consumer([&] {
    std::this_thread::sleep_for(10ms);
    EXPECT_EQ(rx.recv(), 1);
    EXPECT_EQ(rx.recv(), 2);
  });
  EXPECT_TRUE(tx.send_timeout(2, 10s));
}

TEST(Timeout, SendTimeoutOnClosedReportsClosed) {
  auto [tx, rx] = bounded<int>(1);
  ASSERT_TRUE(tx.try_send(1));
  rx.close();
  auto r = tx.send_timeout(2, 10s);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::closed);
  EXPECT_EQ(r.error().value, 2);
}

TEST(Timeout, RecvTimeoutConsumesNothing) {
  auto [tx, rx] = unbounded<int>();
  EXPECT_EQ(rx.recv_timeout(10ms).error(), Status::timeout);
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(rx.recv(), 1);
}

// ---- cancellation
// --------------------------------------------------------------------------------

TEST(Cancel, CancelledSendOnFullChannelThrowsAndKeepsNothing) {
  auto [tx, rx] = bounded<int>(2);
  ASSERT_TRUE(tx.try_send(1));
  ASSERT_TRUE(tx.try_send(2));
  ThreadParker parker;
  std::atomic<bool> threw{false};
  std::jthread sender([&] {
    InstallParker use(parker);
    try {
      (void)tx.send(3);
    } catch (const Cancelled&) {
      threw = true;
    }
  });
  std::this_thread::sleep_for(5ms);
  parker.cancel();
  sender.join();
  EXPECT_TRUE(threw);
  EXPECT_EQ(tx.capacity(), 0u);
  EXPECT_EQ(rx.len(), 2u);
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), 2);
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  EXPECT_EQ(tx.capacity(), 2u);
}

TEST(Cancel, CancelledReserveKeepsNoCapacity) {
  auto [tx, rx] = bounded<int>(1);
  auto held = tx.reserve();
  ASSERT_TRUE(held);
  ThreadParker parker;
  std::jthread reserver([&] {
    InstallParker use(parker);
    EXPECT_THROW((void)tx.reserve(), Cancelled);
  });
  std::this_thread::sleep_for(5ms);
  parker.cancel();
  reserver.join();
  EXPECT_EQ(tx.capacity(), 0u);
  { auto drop = std::move(*held); }
  EXPECT_EQ(tx.capacity(), 1u);
  EXPECT_TRUE(tx.try_send(1));  // nobody is left in line
}

TEST(Cancel, CancelledReserveManyReturnsPartialGrant) {
  auto [tx, rx] = bounded<int>(4);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(tx.try_send(i));
  ObservedParker parker;
  std::jthread reserver([&] {
    InstallParker use(parker);
    EXPECT_THROW((void)tx.reserve_many(3), Cancelled);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  EXPECT_EQ(rx.recv(), 0);
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(tx.capacity(), 0u);  // both slots went to the waiting reserve_many
  parker.cancel();
  reserver.join();
  EXPECT_EQ(tx.capacity(), 2u);  // and came back when it gave up
  EXPECT_TRUE(tx.try_reserve_many(2));
}

// A reserve_many cancelled after a partial grant gives the grant back while the receiver may be
// closing the channel. However the two interleave (the delay between them sweeps a range), the
// receiver, which waits for the channel to go idle, must end: the give-back either comes before
// the close, which then finds the channel idle, or the close takes the grant back itself.
TEST(Cancel, CancelledPartialReserveManyRacingCloseLetsReceiverEnd) {
  const auto stop = Clock::now() + 500ms;
  for (int round = 0; round < 400 && Clock::now() < stop; ++round) {
    auto [tx, rx] = bounded<int>(2);
    ASSERT_TRUE(tx.try_send(0));
    ObservedParker parker;
    std::jthread reserver([&] {
      InstallParker use(parker);
      try {
        EXPECT_EQ(tx.reserve_many(2).error(), Status::closed);
      } catch (const Cancelled&) {
      }
    });
    ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));  // holds 1 slot, wants 2
    parker.cancel();
    const auto close_at = Clock::now() + std::chrono::microseconds(round % 50 * 4);
    while (Clock::now() < close_at) std::this_thread::yield();
    rx.close();
    EXPECT_EQ(rx.recv_timeout(2s), 0);
    ASSERT_EQ(rx.recv_timeout(2s).error(), Status::closed) << "round " << round;
    reserver.join();
    EXPECT_EQ(tx.capacity(), 2u);
  }
}

TEST(Cancel, CancelledWaiterDoesNotHoldUpThoseBehind) {
  auto [tx, rx] = bounded<int>(1);
  ASSERT_TRUE(tx.try_send(0));
  ObservedParker first, second;
  std::jthread s1([&] {
    InstallParker use(first);
    EXPECT_THROW((void)tx.send(1), Cancelled);
  });
  ASSERT_TRUE(wait_until([&] { return first.parks() > 0; }));
  std::jthread s2([&] {
    InstallParker use(second);
    EXPECT_TRUE(tx.send(2));
  });
  ASSERT_TRUE(wait_until([&] { return second.parks() > 0; }));
  first.cancel();
  s1.join();
  EXPECT_EQ(rx.recv(), 0);
  EXPECT_EQ(rx.recv(), 2);
}

TEST(Cancel, CancelledRecvThrowsAndConsumesNothing) {
  auto [tx, rx] = bounded<int>(4);
  ThreadParker parker;
  std::jthread consumer([&] {
    InstallParker use(parker);
    EXPECT_THROW((void)rx.recv(), Cancelled);
  });
  std::this_thread::sleep_for(5ms);
  parker.cancel();
  consumer.join();
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(rx.recv(), 1);
}

TEST(Cancel, CancelledRecvTimeoutAndRecvManyThrow) {
  auto [tx, rx] = unbounded<int>();
  ThreadParker parker;
  std::atomic<int> stage{0};
  std::jthread consumer([&] {
    InstallParker use(parker);
    EXPECT_THROW((void)rx.recv_timeout(10s), Cancelled);
    stage = 1;
    std::vector<int> out;
    EXPECT_THROW((void)rx.recv_many(out, 4), Cancelled);
    EXPECT_TRUE(out.empty());
  });
  parker.cancel();
  ASSERT_TRUE(wait_until([&] { return stage.load() == 1; }));
  parker.cancel();
  consumer.join();
  ASSERT_TRUE(tx.send(5));
  EXPECT_EQ(rx.try_recv(), 5);
}

TEST(Cancel, CancelledClosedWaitThrows) {
  auto [tx, rx] = bounded<int>(1);
  ThreadParker parker;
  std::jthread waiter([&] {
    InstallParker use(parker);
    EXPECT_THROW(tx.closed(), Cancelled);
  });
  std::this_thread::sleep_for(5ms);
  parker.cancel();
  waiter.join();
  EXPECT_FALSE(tx.is_closed());
  rx.close();  // no stale waiter left behind to be woken
  tx.closed();
}

TEST(Cancel, CancelBeforeTheWaitFiresOnTheWait) {
  auto [tx, rx] = bounded<int>(1);
  ASSERT_TRUE(tx.try_send(0));
  ThreadParker parker;
  parker.cancel();  // pending: the next park throws
  std::jthread sender([&] {
    InstallParker use(parker);
    EXPECT_THROW((void)tx.send(1), Cancelled);
    // Cancellation fires once; the next wait is an ordinary one.
    EXPECT_EQ(tx.send_timeout(2, 5ms).error().status, Status::timeout);
  });
  sender.join();
  EXPECT_EQ(rx.recv(), 0);
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

}  // namespace
}  // namespace courier::mailbox::test
