// overflow_test.cpp: a full bounded mailbox: try_send reports full distinctly; send follows the
// overflow policy (wait, fail, drop_newest, which counts a dead letter); a plain thread or an
// actor waiting on a full mailbox holds up only itself.
#include <thread>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

constexpr std::size_t kCapacity = 4;

// Blocker waits on the gate in its handler of message 0, so its mailbox fills up behind it.
class Blocker final : public Actor<Ping> {
 public:
  Blocker(Gate* gate, std::atomic<int>* handled) : gate_(gate), handled_(handled) {}
  void on_message(Ping p, Context& ctx) override {
    if (p.n == 0) gate_->wait();
    handled_->fetch_add(1);
    ctx.reply(p.n);
  }

 private:
  Instance instance_;
  Gate* gate_;
  std::atomic<int>* handled_;
};

class OverflowTest : public ActorTest {
 protected:
  // full() spawns a Blocker with `policy`, holds it in its first message and fills its mailbox.
  ActorRef<Ping> full(Overflow policy) { return full(policy, gate, handled); }
  ActorRef<Ping> full(Overflow policy, Gate& held_at, std::atomic<int>& counted_in) {
    auto ref = system().spawn<Blocker>(
        SpawnOptions{.name = "blocked", .mailbox = Mailbox::bounded(kCapacity, policy)}, &held_at,
        &counted_in);
    EXPECT_TRUE(ref.send(Ping{0}));
    EXPECT_TRUE(held_at.entered.wait_until(Clock::now() + kDeadline));
    for (std::size_t i = 1; i <= kCapacity; ++i) EXPECT_TRUE(ref.try_send(Ping{int(i)}));
    return ref;
  }

  Gate gate;
  std::atomic<int> handled{0};
};
COURIER_INSTANTIATE_WORKERS(OverflowTest);

TEST_P(OverflowTest, TrySendReportsFullDistinctlyWithTheMessageBack) {
  for (Overflow policy : {Overflow::wait, Overflow::fail}) {
    SCOPED_TRACE(policy == Overflow::wait ? "wait" : "fail");
    Gate held;
    std::atomic<int> count{0};
    auto ref = full(policy, held, count);
    auto r = ref.try_send(Ping{99});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().status, mailbox::Status::full);
    EXPECT_EQ(r.error().value.n, 99);
    held.opened.set();
    ASSERT_TRUE(eventually([&] { return count.load() == int(kCapacity) + 1; }, kDeadline));
    ASSERT_TRUE(ref.try_send(Ping{100})) << "room again once the actor caught up";
    ref.stop();
    ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  }
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::dropped), 0u);
}

TEST_P(OverflowTest, FailHandsTheMessageBack) {
  auto ref = full(Overflow::fail);
  auto r = ref.send(Ping{99});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, mailbox::Status::full);
  EXPECT_EQ(r.error().value.n, 99);
  auto asked = ref.ask<int>(Ping{98}, kDeadline);
  ASSERT_FALSE(asked);
  EXPECT_EQ(asked.error().kind, AskError::Kind::mailbox_full);
  EXPECT_NE(asked.error().message.find("'blocked'"), std::string::npos) << asked.error().message;
  gate.opened.set();
}

TEST_P(OverflowTest, DropNewestCountsADeadLetterAndReportsSuccess) {
  auto ref = full(Overflow::drop_newest);
  ASSERT_TRUE(ref.send(Ping{97}));
  ASSERT_TRUE(ref.try_send(Ping{98}));
  auto asked = ref.ask<int>(Ping{99}, kDeadline);
  ASSERT_FALSE(asked);
  EXPECT_EQ(asked.error().kind, AskError::Kind::mailbox_full);
  auto& letters = system().dead_letters();
  EXPECT_EQ(letters.count(DeadLetterReason::dropped), 3u);
  gate.opened.set();
  ASSERT_TRUE(eventually([&] { return handled.load() == int(kCapacity) + 1; }, kDeadline));
  ASSERT_TRUE(ref.ask<int>(Ping{5}, kDeadline));
  EXPECT_EQ(handled.load(), int(kCapacity) + 2) << "the dropped messages were never handled";
  EXPECT_EQ(letters.count(), 3u);
}

TEST_P(OverflowTest, WaitBlocksAPlainThreadOnlyUntilThereIsRoom) {
  auto ref = full(Overflow::wait);
  auto timed = ref.send_timeout(Ping{99}, 20ms);
  ASSERT_FALSE(timed);
  EXPECT_EQ(timed.error().status, mailbox::Status::timeout);
  EXPECT_EQ(timed.error().value.n, 99);
  std::atomic<bool> sent{false};
  std::jthread sender([&] {
    EXPECT_TRUE(ref.send(Ping{100}));
    sent = true;
  });
  // Only the sending thread waits: every worker is free to run another actor meanwhile.
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto echo = system().spawn<Echo>();
  for (int i = 0; i < 20; ++i) {
    auto r = echo.ask<int>(Ping{i}, kDeadline);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, i);
  }
  EXPECT_FALSE(sent.load());
  gate.opened.set();
  sender.join();
  EXPECT_TRUE(sent.load());
  ASSERT_TRUE(eventually([&] { return handled.load() == int(kCapacity) + 2; }, kDeadline));
}

// Flooder sends `count` messages to `to` when told; with a full `wait` mailbox it suspends.
class Flooder final : public Actor<Ping> {
 public:
  Flooder(ActorRef<Ping> to, std::atomic<int>* sent) : to_(std::move(to)), sent_(sent) {}
  void on_message(Ping p, Context&) override {
    for (int i = 0; i < p.n; ++i) {
      ASSERT_TRUE(to_.send(Ping{1000 + i}));
      sent_->fetch_add(1);
    }
  }

 private:
  Instance instance_;
  ActorRef<Ping> to_;
  std::atomic<int>* sent_;
};

TEST_P(OverflowTest, AnActorWaitingOnAFullMailboxSuspendsOnlyItself) {
  auto ref = full(Overflow::wait);
  std::atomic<int> sent{0};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto flooder = system().spawn<Flooder>(ref, &sent);
  ASSERT_TRUE(flooder.send(Ping{10}));
  auto echo = system().spawn<Echo>();
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(echo.ask<int>(Ping{i}, kDeadline));
  EXPECT_EQ(sent.load(), 0) << "the flooder should be waiting for room";
  gate.opened.set();
  ASSERT_TRUE(eventually([&] { return sent.load() == 10; }, kDeadline));
  ASSERT_TRUE(eventually([&] { return handled.load() == int(kCapacity) + 11; }, kDeadline));
}

}  // namespace
}  // namespace courier::test
