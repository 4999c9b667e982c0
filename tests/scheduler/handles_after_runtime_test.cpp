// handles_after_runtime_test.cpp: the handles a runtime gives out outlive it safely (run under
// AddressSanitizer to see it): a JoinHandle joins or drops after the runtime is gone, and the
// channel handles of a fiber that was waiting when it shut down send, receive and drop without
// touching the fiber. Waits "for ever" (courier::forever, or any huge duration) sleep until they
// are cancelled instead of ending at once.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <type_traits>

#include "courier/mailbox.hpp"
#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

static_assert(!std::is_copy_constructible_v<JoinHandle<int>>,
              "a result can be taken once: a copied handle would join a moved-from value");
static_assert(std::is_nothrow_move_constructible_v<JoinHandle<int>>);

TEST(HandlesAfterRuntime, AJoinHandleJoinsAfterTheRuntimeIsGone) {
  std::optional<Runtime> rt(std::in_place, RuntimeOptions{.workers = 2});
  auto value = rt->spawn([] { return 42; });
  auto thrown = rt->spawn([]() -> int { throw std::runtime_error("boom"); });
  auto dropped = rt->spawn([] { return 1; });
  rt.reset();
  EXPECT_TRUE(value.is_finished());
  EXPECT_EQ(value.join(), 42);
  EXPECT_THROW(thrown.join(), std::runtime_error);
  EXPECT_THROW(value.join(), std::logic_error) << "joined twice";
  auto moved = std::move(dropped);
  EXPECT_FALSE(dropped.is_finished());  // NOLINT(bugprone-use-after-move): that is the test
  EXPECT_THROW(dropped.join(), std::logic_error);
}

TEST(HandlesAfterRuntime, ChannelHandlesOfACancelledWaitOutliveTheRuntime) {
  auto [tx, rx] = mailbox::bounded<int>(1);
  auto [full_tx, full_rx] = mailbox::bounded<int>(1);
  ASSERT_TRUE(full_tx.send(0));
  std::optional<Runtime> rt(std::in_place, RuntimeOptions{.workers = 2});
  // One fiber waits to receive, one to send into a full channel; the shutdown cancels both.
  auto receiver = rt->spawn([&rx] { return rx.recv(); });
  auto sender = rt->spawn([&full_tx] { return full_tx.send(1).has_value(); });
  sleep_for(20ms);  // let both park
  rt.reset();
  EXPECT_THROW(receiver.join(), Cancelled);
  EXPECT_THROW(sender.join(), Cancelled);
  // The waiters are gone from the channels: these must not wake a freed fiber.
  EXPECT_TRUE(tx.send(5));
  EXPECT_EQ(rx.try_recv(), 5);
  EXPECT_EQ(full_rx.try_recv(), 0);
  EXPECT_TRUE(full_tx.try_send(2));
}

// A wait for ever, written in several units.
using ForeverSleep = void (*)();
class SleepForever : public ::testing::TestWithParam<ForeverSleep> {};
INSTANTIATE_TEST_SUITE_P(
    Units, SleepForever,
    ::testing::Values([] { sleep_for(forever); }, [] { sleep_for(Clock::duration::max()); },
                      [] { sleep_for(std::chrono::hours::max()); },
                      [] { sleep_for(std::chrono::duration<double>::max()); }));

TEST_P(SleepForever, SleepsUntilCancelled) {
  std::optional<Runtime> rt(std::in_place, RuntimeOptions{.workers = 1});
  auto sleeper = rt->spawn(GetParam());
  sleep_for(50ms);
  EXPECT_FALSE(sleeper.is_finished()) << "a sleep for ever ended at once";
  rt.reset();  // the shutdown cancels the sleep
  EXPECT_THROW(sleeper.join(), Cancelled);
}

}  // namespace
}  // namespace courier::test
