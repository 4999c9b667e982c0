// deadline_test.cpp: a wait "for ever" waits: deadline_after() saturates at Deadline::max()
// whatever the duration's unit, so recv_timeout and send_timeout with a huge timeout (forever,
// Clock::duration::max(), hours::max(), ...) wait for the value instead of timing out at once, and
// a timeout of zero or less is a deadline already passed.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <thread>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

// HugeTimeout is one way of writing "no time limit", with its own unit.
struct HugeTimeout {
  const char* name;
  std::function<Deadline()> deadline;  // deadline_after() of it
  std::function<courier::Expected<int, Status>(Receiver<int>&)> recv;
  std::function<bool(const Sender<int>&, int)> send;  // send_timeout() succeeded
};

template <class D>
HugeTimeout huge(const char* name, D d) {
  return {name, [d] { return deadline_after(d); },
          [d](Receiver<int>& rx) { return rx.recv_timeout(d); },
          [d](const Sender<int>& tx, int v) { return tx.send_timeout(v, d).has_value(); }};
}

class HugeTimeoutTest : public ::testing::TestWithParam<HugeTimeout> {};

INSTANTIATE_TEST_SUITE_P(
    Units, HugeTimeoutTest,
    ::testing::Values(huge("forever", forever), huge("ClockMax", Clock::duration::max()),
                      huge("HoursMax", std::chrono::hours::max()),
                      huge("SecondsMax", std::chrono::seconds::max()),
                      huge("DoubleSecondsMax", std::chrono::duration<double>::max()),
                      huge("ThousandYears", std::chrono::years(1000))),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST_P(HugeTimeoutTest, SaturatesAtTheEndOfTime) {
  EXPECT_EQ(GetParam().deadline(), Deadline::max());
}

TEST_P(HugeTimeoutTest, RecvWaitsForTheValue) {
  auto [tx, rx] = bounded<int>(1);
  std::jthread late([tx = std::move(tx)] {
    std::this_thread::sleep_for(30ms);
    (void)tx.send(7);
  });
  auto r = GetParam().recv(rx);
  ASSERT_TRUE(r) << "gave up with " << to_string(r.error());
  EXPECT_EQ(*r, 7);
}

TEST_P(HugeTimeoutTest, SendWaitsForRoom) {
  auto [tx, rx] = bounded<int>(1);
  ASSERT_TRUE(tx.send(1));
  std::jthread late([&rx] {
    std::this_thread::sleep_for(30ms);
    (void)rx.recv();
  });
  EXPECT_TRUE(GetParam().send(tx, 2)) << "the send gave up";
  late.join();
  EXPECT_EQ(rx.recv(), 2);
}

TEST(DeadlineAfter, AnOrdinaryTimeoutIsNowPlusIt) {
  const Deadline before = Clock::now();
  const Deadline d = deadline_after(1s);
  EXPECT_GE(d, before + 1s);
  EXPECT_LE(d, Clock::now() + 1s);
}

TEST(DeadlineAfter, ZeroOrLessHasPassedWithoutOverflow) {
  for (const Deadline d :
       {deadline_after(0s), deadline_after(-5s), deadline_after(std::chrono::hours::min()),
        deadline_after(Clock::duration::min())}) {
    EXPECT_LE(d, Clock::now());
    EXPECT_GT(d, Clock::now() - 1h) << "wrapped around";
  }
  auto [tx, rx] = bounded<int>(1);
  EXPECT_EQ(rx.recv_timeout(Clock::duration::min()).error(), Status::timeout);
}

}  // namespace
}  // namespace courier::mailbox::test
