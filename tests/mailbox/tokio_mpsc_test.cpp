// tokio_mpsc_test.cpp: the behaviours checked by Tokio's tests/sync_mpsc.rs (tokio 1.24.2), ported
// to Courier's blocking/poll API and rewritten in our own words. A pending future in Tokio becomes
// a thread blocked in the call here; "dropping a pending future" becomes cancelling the thread's
// wait through its ThreadParker.
//
// Ported (Tokio name -> test here):
//   send_recv_with_buffer              -> PermitAndTrySendThenDropSenderEndsStream
//   reserve_disarm                     -> ReservedSlotsFreeOnlyOnReceiveOrPermitDrop
//   async_send_recv_with_buffer        -> ValuesFromAnotherThreadThenEnd (bounded)
//   start_send_past_cap                -> CancelledReserveLetsNextWaiterTakeTheSlot
//   buffer_gteq_one                    -> ZeroCapacityIsRejected
//   send_recv_unbounded                -> UnboundedSendRecvThenDropSenderEnds
//   async_send_recv_unbounded          -> ValuesFromAnotherThreadThenEnd (unbounded)
//   no_t_bounds_buffer / _unbounded    -> TypeWithoutCopyOrEqualityWorks (both kinds)
//   send_recv_buffer_limited           -> WaitingReserveGetsSlotFreedByReceive
//   recv_close_gets_none_idle          -> CloseWhenIdleEndsRecvAndFailsSend
//   recv_close_gets_none_reserved      -> CloseFailsWaitingReserveButHeldPermitDelivers
//   tx_close_gets_none                 -> SenderDroppedAtOnceGivesNone
//   try_send_fail                      -> TrySendFullThenRecvFreesSlot
//   try_send_fail_with_try_recv        -> TrySendFullWithTryRecvThenClosed
//   try_reserve_fails                  -> TryReserveFullAndDroppedPermitFreesSlot
//   drop_permit_releases_permit        -> DroppedPermitWakesWaitingReserve
//   dropping_rx_closes_channel         -> DroppingReceiverFailsReserveAndDropsQueued
//   dropping_rx_closes_channel_for_try -> DroppingReceiverFailsTrySendAndTryReserve
//   unconsumed_messages_are_dropped    -> UnconsumedValuesDestroyedWithChannel
//   blocking_recv                      -> RecvBlocksOnPlainThreadUntilSend
//   blocking_send                      -> SendBlocksOnPlainThreadUntilRecv
//   ready_close_cancel_bounded         -> ClosedRecvWaitsForHeldPermitDrop
//   permit_available_not_acquired_close-> PermitDroppedAfterCloseWithWaiterEndsRecv
//   try_recv_bounded                   -> TryRecvBoundedInterleaved
//   try_recv_unbounded                 -> TryRecvUnboundedCounts
//   try_recv_close_while_empty_bounded / _unbounded -> TryRecvEmptyThenClosed (both kinds)
//   recv_timeout (a send_timeout test) -> SendTimeoutTimesOutThenClosed
//   test_tx_capacity                   -> CapacityDropsWithReserveAndSend
// Skipped:
//   send_recv_stream_with_buffer, send_recv_stream_unbounded: they test the tokio_stream Stream
//     adapter (ReceiverStream); Courier has no stream adapter. Their channel behaviour is the same
//     as async_send_recv_*, which is ported.
//   blocking_recv_async, blocking_send_async: they check that the blocking_* calls panic inside
//     an async runtime. Courier has no runtime context; blocking is the normal mode of a thread.
//   recv_timeout_panic: checks a panic when send_timeout runs without a Tokio timer driver;
//     Courier's timeouts need no driver.
//   The Debug-trait checks (is_debug) in no_t_bounds_*: Rust trait bounds with no C++ analogue.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

TEST(TokioMpsc, PermitAndTrySendThenDropSenderEndsStream) {
  auto [tx, rx] = bounded<int>(16);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  std::move(*permit).send(1);
  ASSERT_TRUE(tx.try_send(2));
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), 2);
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, ReservedSlotsFreeOnlyOnReceiveOrPermitDrop) {
  auto [tx, rx] = bounded<int>(2);
  auto tx1 = tx, tx2 = tx, tx3 = tx, tx4 = tx;
  auto permit1 = tx1.reserve();
  auto permit2 = tx2.reserve();
  ASSERT_TRUE(permit1);
  ASSERT_TRUE(permit2);

  // Two more reservations wait, in this order.
  ObservedParker p3, p4;
  std::atomic<bool> got3{false}, got4{false}, drop3{false};
  std::jthread r3([&] {
    InstallParker use(p3);
    auto p = tx3.reserve();
    EXPECT_TRUE(p);
    got3 = true;
    while (!drop3) std::this_thread::yield();  // hold the permit, as Tokio's pending task does
  });
  // Let r3 go however this test ends (an early ASSERT return included), so the join cannot hang.
  struct Release {
    std::atomic<bool>& flag;
    ~Release() { flag = true; }
  } release3{drop3};
  ASSERT_TRUE(wait_until([&] { return p3.parks() > 0; }));
  std::jthread r4([&] {
    InstallParker use(p4);
    auto p = tx4.reserve();
    EXPECT_TRUE(p);
    got4 = true;
  });
  ASSERT_TRUE(wait_until([&] { return p4.parks() > 0; }));

  // Using a permit does not free its slot: the value occupies it until received.
  std::move(*permit1).send(1);
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(got3);
  EXPECT_EQ(tx.capacity(), 0u);

  // Receiving frees the slot, and it goes to the first waiter only.
  EXPECT_EQ(rx.recv(), 1);
  ASSERT_TRUE(wait_until([&] { return got3.load(); }));
  std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(got4);

  // Dropping an unused permit frees a slot too.
  { auto drop = std::move(*permit2); }
  r4.join();
  EXPECT_TRUE(got4);
  drop3 = true;
  r3.join();

  // Both waiters dropped their permits on return, so the capacity is back.
  EXPECT_EQ(tx1.capacity(), 2u);
}

template <class Kind>
class TokioMpscKinds : public ::testing::Test {};
TYPED_TEST_SUITE(TokioMpscKinds, BoundedAndUnbounded, KindNames);

TYPED_TEST(TokioMpscKinds, ValuesFromAnotherThreadThenEnd) {
  auto [tx, rx] = TypeParam::template make<int>();
  std::jthread producer([tx = std::move(tx)] {
    EXPECT_TRUE(tx.send(1));
    EXPECT_TRUE(tx.send(2));
  });
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), 2);
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TYPED_TEST(TokioMpscKinds, TypeWithoutCopyOrEqualityWorks) {
  struct NoImpls {
    explicit NoImpls(int) {}
    NoImpls(NoImpls&&) noexcept = default;
    NoImpls(const NoImpls&) = delete;
  };
  auto [tx, rx] = TypeParam::template make<NoImpls>();
  auto copy = tx;  // the sender is copyable although the value type is not
  EXPECT_TRUE(copy.send(NoImpls(1)));
  EXPECT_TRUE(rx.recv().has_value());
}

TYPED_TEST(TokioMpscKinds, TryRecvEmptyThenClosed) {
  auto [tx, rx] = TypeParam::template make<int>();
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

TEST(TokioMpsc, CancelledReserveLetsNextWaiterTakeTheSlot) {
  auto [tx1, rx] = bounded<int>(1);
  auto tx2 = tx1;
  ASSERT_TRUE(tx1.try_send(0));

  // The first waiter queues first, then the second behind it.
  ObservedParker parker1, parker2;
  std::jthread r1([&] {
    InstallParker use(parker1);
    EXPECT_THROW((void)tx1.reserve(), Cancelled);
  });
  ASSERT_TRUE(wait_until([&] { return parker1.parks() > 0; }));
  std::atomic<bool> got2{false};
  std::jthread r2([&] {
    InstallParker use(parker2);
    auto p = tx2.reserve();
    EXPECT_TRUE(p);
    got2 = true;
  });
  ASSERT_TRUE(wait_until([&] { return parker2.parks() > 0; }));

  parker1.cancel();  // "drop(r1)": the first waiter gives up
  r1.join();

  EXPECT_TRUE(rx.recv().has_value());
  r2.join();
  EXPECT_TRUE(got2);

  { auto a = std::move(tx1), b = std::move(tx2); }
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, ZeroCapacityIsRejected) {
  EXPECT_THROW((void)bounded<int>(0), std::invalid_argument);
}

TEST(TokioMpsc, UnboundedSendRecvThenDropSenderEnds) {
  auto [tx, rx] = unbounded<int>();
  ASSERT_TRUE(tx.send(1));
  ASSERT_TRUE(tx.send(2));
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.recv(), 2);
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, WaitingReserveGetsSlotFreedByReceive) {
  auto [tx, rx] = bounded<int>(1);
  auto p1 = tx.reserve();
  ASSERT_TRUE(p1);
  std::move(*p1).send(1);

  ObservedParker parker;
  std::atomic<bool> may_send{false};
  std::jthread waiter([&] {
    InstallParker use(parker);
    auto p2 = tx.reserve();
    ASSERT_TRUE(p2);
    while (!may_send) std::this_thread::yield();
    std::move(*p2).send(2);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  EXPECT_EQ(rx.recv(), 1);
  // The freed slot went to the waiter, so a try_send finds the channel full.
  auto refused = tx.try_send(1337);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, Status::full);
  may_send = true;
  EXPECT_EQ(rx.recv(), 2);
}

TEST(TokioMpsc, CloseWhenIdleEndsRecvAndFailsSend) {
  auto [tx, rx] = bounded<int>(10);
  rx.close();
  EXPECT_EQ(rx.recv(), std::nullopt);
  auto r = tx.send(1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, Status::closed);
}

TEST(TokioMpsc, CloseFailsWaitingReserveButHeldPermitDelivers) {
  auto [tx1, rx] = bounded<int>(1);
  auto tx2 = tx1;
  auto permit1 = tx1.reserve();
  ASSERT_TRUE(permit1);

  ObservedParker parker;
  std::jthread waiter([&] {
    InstallParker use(parker);
    auto p = tx2.reserve();
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error(), Status::closed);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  rx.close();
  waiter.join();

  // The receiver waits for the held permit, which still delivers after the close.
  std::jthread sender([&] {
    std::this_thread::sleep_for(10ms);
    std::move(*permit1).send(123);
  });
  EXPECT_EQ(rx.recv(), 123);
  sender.join();
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, SenderDroppedAtOnceGivesNone) {
  auto rx = bounded<int>(10).second;
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, TrySendFullThenRecvFreesSlot) {
  auto [tx, rx] = bounded<std::string>(1);
  ASSERT_TRUE(tx.try_send("hello"));
  auto refused = tx.try_send("fail");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, Status::full);
  EXPECT_EQ(refused.error().value, "fail");
  EXPECT_EQ(rx.recv(), "hello");
  ASSERT_TRUE(tx.try_send("goodbye"));
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.recv(), "goodbye");
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, TrySendFullWithTryRecvThenClosed) {
  auto [tx, rx] = bounded<std::string>(1);
  ASSERT_TRUE(tx.try_send("hello"));
  auto refused = tx.try_send("fail");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, Status::full);
  EXPECT_EQ(rx.try_recv(), "hello");
  ASSERT_TRUE(tx.try_send("goodbye"));
  { auto gone = std::move(tx); }
  EXPECT_EQ(rx.try_recv(), "goodbye");
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

TEST(TokioMpsc, TryReserveFullAndDroppedPermitFreesSlot) {
  auto [tx, rx] = bounded<std::string>(1);
  auto permit = tx.try_reserve();
  ASSERT_TRUE(permit);
  auto second = tx.try_reserve();
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Status::full);
  std::move(*permit).send("foo");
  EXPECT_EQ(rx.recv(), "foo");

  {
    auto dropped = tx.try_reserve();
    ASSERT_TRUE(dropped);
  }
  EXPECT_TRUE(tx.try_reserve());
}

TEST(TokioMpsc, DroppedPermitWakesWaitingReserve) {
  auto [tx1, rx] = bounded<int>(1);
  auto tx2 = tx1;
  std::optional<Permit<int, BoundedSemaphore>> permit;
  {
    auto p = tx1.reserve();
    ASSERT_TRUE(p);
    permit.emplace(std::move(*p));
  }
  ObservedParker parker;
  std::atomic<bool> got{false};
  std::jthread waiter([&] {
    InstallParker use(parker);
    EXPECT_TRUE(tx2.reserve());
    got = true;
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  EXPECT_FALSE(got);
  permit.reset();
  waiter.join();
  EXPECT_TRUE(got);
}

TEST(TokioMpsc, DroppingReceiverFailsReserveAndDropsQueued) {
  auto [tx, rx] = bounded<std::shared_ptr<int>>(100);
  auto msg = std::make_shared<int>(7);
  ASSERT_TRUE(tx.try_send(msg));
  EXPECT_EQ(msg.use_count(), 2);
  { auto gone = std::move(rx); }
  auto r = tx.reserve();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), Status::closed);
  EXPECT_EQ(msg.use_count(), 1);
}

TEST(TokioMpsc, DroppingReceiverFailsTrySendAndTryReserve) {
  auto [tx, rx] = bounded<std::shared_ptr<int>>(100);
  auto msg = std::make_shared<int>(7);
  ASSERT_TRUE(tx.try_send(msg));
  { auto gone = std::move(rx); }
  {
    auto r = tx.try_send(msg);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().status, Status::closed);
  }
  EXPECT_EQ(tx.try_reserve().error(), Status::closed);
  EXPECT_EQ(tx.try_reserve_owned().error(), Status::closed);
  EXPECT_EQ(msg.use_count(), 1);
}

TEST(TokioMpsc, UnconsumedValuesDestroyedWithChannel) {
  auto msg = std::make_shared<int>(7);
  {
    auto [tx, rx] = bounded<std::shared_ptr<int>>(100);
    ASSERT_TRUE(tx.try_send(msg));
    EXPECT_EQ(msg.use_count(), 2);
  }
  EXPECT_EQ(msg.use_count(), 1);
}

TEST(TokioMpsc, RecvBlocksOnPlainThreadUntilSend) {
  auto [tx, rx] = bounded<std::uint8_t>(1);
  std::jthread consumer([rx = std::move(rx)]() mutable { EXPECT_EQ(rx.recv(), 10); });
  std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(tx.send(10));
}

TEST(TokioMpsc, SendBlocksOnPlainThreadUntilRecv) {
  auto [tx, rx] = bounded<std::uint8_t>(1);
  std::jthread producer([tx = std::move(tx)] {
    EXPECT_TRUE(tx.send(10));
    EXPECT_TRUE(tx.send(11));  // blocks until the first is received
  });
  EXPECT_EQ(rx.recv(), 10);
  EXPECT_EQ(rx.recv(), 11);
}

TEST(TokioMpsc, ClosedRecvWaitsForHeldPermitDrop) {
  auto [tx, rx] = bounded<int>(100);
  auto tx2 = tx;
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  rx.close();
  // Nothing queued but a permit is out: the receiver is not done yet.
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
  std::jthread dropper([&] {
    std::this_thread::sleep_for(10ms);
    auto drop = std::move(*permit);
  });
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, PermitDroppedAfterCloseWithWaiterEndsRecv) {
  auto [tx1, rx] = bounded<int>(1);
  auto tx2 = tx1;
  auto permit1 = tx1.reserve();
  ASSERT_TRUE(permit1);
  ObservedParker parker;
  std::jthread waiter([&] {
    InstallParker use(parker);
    EXPECT_EQ(tx2.reserve().error(), Status::closed);
  });
  ASSERT_TRUE(wait_until([&] { return parker.parks() > 0; }));
  rx.close();
  { auto drop = std::move(*permit1); }
  waiter.join();
  EXPECT_EQ(rx.recv(), std::nullopt);
}

TEST(TokioMpsc, TryRecvBoundedInterleaved) {
  auto [tx, rx] = bounded<std::string>(5);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(tx.try_send("hello"));
  EXPECT_FALSE(tx.try_send("hello"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(rx.try_recv(), "hello");
  EXPECT_EQ(rx.try_recv().error(), Status::empty);

  for (int i = 0; i < 4; ++i) ASSERT_TRUE(tx.try_send("hello"));
  EXPECT_EQ(rx.try_recv(), "hello");
  ASSERT_TRUE(tx.try_send("hello"));
  ASSERT_TRUE(tx.try_send("hello"));
  EXPECT_FALSE(tx.try_send("hello"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(rx.try_recv(), "hello");
  EXPECT_EQ(rx.try_recv().error(), Status::empty);

  for (int i = 0; i < 3; ++i) ASSERT_TRUE(tx.try_send("hello"));
  { auto gone = std::move(tx); }
  for (int i = 0; i < 3; ++i) EXPECT_EQ(rx.try_recv(), "hello");
  EXPECT_EQ(rx.try_recv().error(), Status::closed);
}

TEST(TokioMpsc, TryRecvUnboundedCounts) {
  for (int num = 0; num < 100; ++num) {
    auto [tx, rx] = unbounded<int>();
    for (int i = 0; i < num; ++i) ASSERT_TRUE(tx.send(i));
    for (int i = 0; i < num; ++i) ASSERT_EQ(rx.try_recv(), i);
    EXPECT_EQ(rx.try_recv().error(), Status::empty);
    { auto gone = std::move(tx); }
    EXPECT_EQ(rx.try_recv().error(), Status::closed);
  }
}

TEST(TokioMpsc, SendTimeoutTimesOutThenClosed) {
  auto [tx, rx] = bounded<int>(5);
  for (int v = 10; v <= 50; v += 10) EXPECT_TRUE(tx.send_timeout(v, 1s));
  auto timed_out = tx.send_timeout(60, 20ms);
  ASSERT_FALSE(timed_out);
  EXPECT_EQ(timed_out.error().status, Status::timeout);
  EXPECT_EQ(timed_out.error().value, 60);
  { auto gone = std::move(rx); }
  auto closed = tx.send_timeout(70, 1s);
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().status, Status::closed);
  EXPECT_EQ(closed.error().value, 70);
}

TEST(TokioMpsc, CapacityDropsWithReserveAndSend) {
  auto [tx, rx] = bounded<int>(10);
  EXPECT_EQ(tx.capacity(), 10u);
  EXPECT_EQ(tx.max_capacity(), 10u);
  auto permit = tx.reserve();
  ASSERT_TRUE(permit);
  EXPECT_EQ(tx.capacity(), 9u);
  EXPECT_EQ(tx.max_capacity(), 10u);
  ASSERT_TRUE(tx.send(0));
  EXPECT_EQ(tx.capacity(), 8u);
  EXPECT_EQ(tx.max_capacity(), 10u);
}

}  // namespace
}  // namespace courier::mailbox::test
