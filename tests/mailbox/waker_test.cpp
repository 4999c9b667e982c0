// waker_test.cpp: waiting without a thread: poll_recv() arms a Waker that the channel wakes once
// when a value or the end arrives, and cancel_poll() withdraws it. Also the ThreadParker itself:
// wake-before-park tokens, park_until deadlines, cancellation, and Parker::current().
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "courier/expected.hpp"
#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class PollRecv : public ::testing::Test {};
TYPED_TEST_SUITE(PollRecv, AllKinds, KindNames);

TYPED_TEST(PollRecv, ArmedWakerWokenExactlyOnceBySends) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker waker;
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::empty);
  EXPECT_EQ(waker.wakes(), 0);
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(waker.wakes(), 1);
  if (TypeParam::kCapacity > 1) {
    ASSERT_TRUE(tx.send(2));
    EXPECT_EQ(waker.wakes(), 1);  // one registration, one wake
  }
  EXPECT_EQ(rx.poll_recv(waker), 1);
  if (TypeParam::kCapacity > 1) {
    EXPECT_EQ(rx.poll_recv(waker), 2);
  }
  EXPECT_EQ(waker.wakes(), 1);
}

TYPED_TEST(PollRecv, PollWithValueReadyDoesNotArm) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker waker;
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(rx.poll_recv(waker), 1);
  ASSERT_TRUE(tx.send(2));
  EXPECT_EQ(waker.wakes(), 0);
  EXPECT_EQ(rx.try_recv(), 2);
}

TYPED_TEST(PollRecv, ArmedWakerWokenByLastSenderDrop) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto tx2 = tx;
  CountingWaker waker;
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::empty);
  { auto gone = std::move(tx); }
  EXPECT_EQ(waker.wakes(), 0);  // another strong sender remains
  { auto gone = std::move(tx2); }
  EXPECT_EQ(waker.wakes(), 1);
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::closed);
}

TYPED_TEST(PollRecv, WeakSenderDropDoesNotWake) {
  auto [tx, rx] = TypeParam::template make<int>();
  auto weak = std::make_optional(tx.downgrade());
  CountingWaker waker;
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::empty);
  weak.reset();
  EXPECT_EQ(waker.wakes(), 0);
  rx.cancel_poll();
}

TYPED_TEST(PollRecv, CancelPollStopsTheWake) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker waker;
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::empty);
  rx.cancel_poll();
  ASSERT_TRUE(tx.send(1));
  { auto gone = std::move(tx); }
  EXPECT_EQ(waker.wakes(), 0);
  EXPECT_EQ(rx.try_recv(), 1);
}

TYPED_TEST(PollRecv, RearmingReplacesTheWaker) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker first, second;
  EXPECT_EQ(rx.poll_recv(first).error(), Status::empty);
  EXPECT_EQ(rx.poll_recv(second).error(), Status::empty);
  ASSERT_TRUE(tx.send(1));
  EXPECT_EQ(first.wakes(), 0);
  EXPECT_EQ(second.wakes(), 1);
}

TYPED_TEST(PollRecv, WakerWokenFromAnotherThread) {
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker waker;
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::empty);
  std::jthread producer([&] { EXPECT_TRUE(tx.send(9)); });
  ASSERT_TRUE(waker.wait_for_wakes(1));
  producer.join();
  EXPECT_EQ(rx.poll_recv(waker), 9);
  EXPECT_EQ(waker.wakes(), 1);
}

TYPED_TEST(PollRecv, PollLoopDrivenOnlyByWakesReceivesEverything) {
  // An "actor" that never blocks: it polls, and when told empty it waits for the wake it armed.
  auto [tx, rx] = TypeParam::template make<int>();
  constexpr int kCount = 2000;
  std::jthread producer([tx = std::move(tx)] {
    for (int i = 0; i < kCount; ++i) EXPECT_TRUE(tx.send(i));
  });
  int expected = 0;
  while (true) {
    CountingWaker waker;  // a fresh registration each time round
    auto r = rx.poll_recv(waker);
    if (r) {
      ASSERT_EQ(*r, expected++);
      continue;
    }
    if (r.error() == Status::closed) break;
    ASSERT_EQ(r.error(), Status::empty);
    ASSERT_TRUE(waker.wait_for_wakes(1)) << "lost wake-up at value " << expected;
    rx.cancel_poll();  // before the waker dies: waits out a wake() still in progress
  }
  EXPECT_EQ(expected, kCount);
}

// StallingWaker tells that it was woken, then holds the sender inside wake() for a while.
class StallingWaker final : public Waker {
 public:
  void wake() noexcept override {
    woken_.store(true, std::memory_order_release);
    std::this_thread::sleep_for(20ms);
  }
  void wait_woken() const {
    while (!woken_.load(std::memory_order_acquire)) std::this_thread::yield();
  }

 private:
  std::atomic<bool> woken_{false};
};

// A send wakes the receiver between claiming its slot and writing its value (see Chan::push), so
// a receiver can run while the value is not there yet: it must wait for the value, not report
// an empty channel and go back to sleep with nobody left to wake it.
TYPED_TEST(PollRecv, AReceiverWokenBeforeTheValueIsWrittenWaitsForIt) {
  auto [tx, rx] = TypeParam::template make<int>();
  StallingWaker waker;
  ASSERT_EQ(rx.poll_recv(waker).error(), Status::empty);
  courier::Expected<int, Status> got = courier::Unexpected(Status::empty);
  std::thread receiver([&] {
    waker.wait_woken();  // the receiver passes to this thread, which runs while wake() stalls
    got = rx.try_recv();
  });
  ASSERT_TRUE(tx.send(7));
  receiver.join();
  EXPECT_EQ(got, 7);
}

TEST(PollRecvBounded, ArmedWakerWokenWhenLastPermitReturnsAfterClose) {
  auto [tx, rx] = bounded<int>(2);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  rx.close();
  CountingWaker waker;
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::empty);
  { auto drop = std::move(*permit); }
  EXPECT_EQ(waker.wakes(), 1);
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::closed);
}

TEST(PollRecvBounded, ArmedWakerWokenByPermitSend) {
  auto [tx, rx] = bounded<int>(2);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  CountingWaker waker;
  EXPECT_EQ(rx.poll_recv(waker).error(), Status::empty);
  std::move(*permit).send(4);
  EXPECT_EQ(waker.wakes(), 1);
  EXPECT_EQ(rx.poll_recv(waker), 4);
}

// ---- ThreadParker
// --------------------------------------------------------------------------------

TEST(ThreadParkerTest, WakeBeforeParkLeavesToken) {
  ThreadParker parker;
  parker.wake();
  Elapsed elapsed;
  EXPECT_TRUE(parker.park_until(Clock::now() + 10s));
  EXPECT_LT(elapsed(), 5s);
  // The token was consumed: the next park waits out its deadline.
  EXPECT_FALSE(parker.park_until(Clock::now() + 5ms));
}

TEST(ThreadParkerTest, WakesCollapseIntoOneToken) {
  ThreadParker parker;
  parker.wake();
  parker.wake();
  parker.wake();
  EXPECT_TRUE(parker.park_until(Clock::now() + 10s));
  EXPECT_FALSE(parker.park_until(Clock::now() + 2ms));
}

TEST(ThreadParkerTest, ParkUntilTimesOut) {
  ThreadParker parker;
  const auto deadline = Clock::now() + 20ms;
  EXPECT_FALSE(parker.park_until(deadline));
  EXPECT_GE(Clock::now(), deadline);
  EXPECT_FALSE(parker.park_until(Clock::now() - 1s));  // a past deadline returns at once
}

TEST(ThreadParkerTest, WakeFromAnotherThreadEndsPark) {
  ThreadParker parker;
  std::atomic<bool> parked_done{false};
  std::jthread waiter([&] {
    parker.park();
    parked_done = true;
  });
  std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(parked_done);
  parker.wake();
  waiter.join();
  EXPECT_TRUE(parked_done);
}

TEST(ThreadParkerTest, CancelMakesParkThrowOnce) {
  ThreadParker parker;
  std::atomic<bool> threw{false};
  std::jthread waiter([&] {
    try {
      parker.park();
    } catch (const Cancelled& e) {
      threw = true;
      EXPECT_STRNE(e.what(), "");
    }
    // Only once: the next park is an ordinary one.
    EXPECT_FALSE(parker.park_until(Clock::now() + 5ms));
  });
  std::this_thread::sleep_for(5ms);
  parker.cancel();
  waiter.join();
  EXPECT_TRUE(threw);
}

TEST(ThreadParkerTest, CancelBeforeParkThrowsOnNextPark) {
  ThreadParker parker;
  parker.cancel();
  EXPECT_THROW(parker.park_until(Clock::now() + 10s), Cancelled);
  EXPECT_FALSE(parker.park_until(Clock::now() + 2ms));
}

TEST(ThreadParkerTest, CurrentIsPerThreadAndSetCurrentOverrides) {
  Parker& mine = Parker::current();
  EXPECT_EQ(&mine, &Parker::current());
  Parker* other = nullptr;
  std::jthread([&] { other = &Parker::current(); }).join();
  EXPECT_NE(other, &mine);

  ThreadParker custom;
  {
    InstallParker use(custom);
    EXPECT_EQ(&Parker::current(), &custom);
  }
  EXPECT_EQ(&Parker::current(), &mine);
}

}  // namespace
}  // namespace courier::mailbox::test
