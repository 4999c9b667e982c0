// no_time_limit_test.cpp: "no time limit" (courier::forever, Clock::duration::max()) waits as
// long as it takes, in ask, send_timeout and wait_all_stopped, instead of timing out at once.
#include <thread>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

// Slow answers each ask after a while.
class Slow final : public Actor<Ping> {
 public:
  void on_message(Ping p, Context& ctx) override {
    sleep_for(30ms);
    ctx.reply(p.n);
  }

 private:
  Instance instance_;
};

using NoTimeLimitTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(NoTimeLimitTest);

TEST_P(NoTimeLimitTest, AskWaitsForTheReply) {
  const auto stop_first = shutdown_at_exit();
  auto ref = system().spawn<Slow>();
  for (const Clock::duration timeout : {forever, Clock::duration::max() - 1ns}) {
    auto r = ref.ask<int>(Ping{5}, timeout);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, 5);
  }
}

TEST_P(NoTimeLimitTest, SendTimeoutWaitsForRoom) {
  Gate gate;
  const auto stop_first = shutdown_at_exit();
  class Blocked final : public Actor<Ping> {
   public:
    explicit Blocked(Gate* gate) : gate_(gate) {}
    void on_message(Ping p, Context&) override {
      if (p.n == 0) gate_->wait();
    }

   private:
    Gate* gate_;
  };
  auto ref = system().spawn<Blocked>(SpawnOptions{.mailbox = Mailbox::bounded(1)}, &gate);
  ASSERT_TRUE(ref.send(Ping{0}));
  gate.entered.wait();
  ASSERT_TRUE(ref.send(Ping{1}));  // the mailbox is full now
  std::jthread opener([&] {
    sleep_for(30ms);
    gate.opened.set();
  });
  EXPECT_TRUE(ref.send_timeout(Ping{2}, Clock::duration::max())) << "gave up at once";
}

TEST_P(NoTimeLimitTest, WaitAllStoppedWaits) {
  const auto stop_first = shutdown_at_exit();
  auto ref = system().spawn<Slow>();
  std::jthread stopper([ref] {
    sleep_for(30ms);
    ref.stop();
  });
  EXPECT_TRUE(system().wait_all_stopped(Clock::duration::max()));
}

}  // namespace
}  // namespace courier::test
