// dead_letters_test.cpp: exact dead-letter counts by reason (stopped, dropped, handler_failed,
// late_reply); subscribers see each letter with its actor, type and message; messages left
// queued at a stop become dead letters; every failed send is counted by its status, and a
// successful one not at all.
#include <functional>
#include <mutex>
#include <variant>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Other {
  int n;
};
using Either = std::variant<Ping, Other>;

// Holding waits on the gate in its first message, fails on a Ping of 13, and answers a Ping of
// 20 after sleeping past its asker's timeout.
class Holding final : public Actor<Either> {
 public:
  explicit Holding(Gate* gate) : gate_(gate) {}
  void on_message(Either m, Context& ctx) override {
    if (first_) {
      first_ = false;
      gate_->wait();
    }
    if (auto* p = std::get_if<Ping>(&m)) {
      if (p->n == 13) throw std::runtime_error("thirteen");
      if (p->n == 20) {
        sleep_for(50ms);
        ctx.reply(p->n);
      }
    }
  }

 private:
  Instance instance_;
  Gate* gate_;
  bool first_ = true;
};

struct Letter {
  ActorId to;
  std::string to_name;
  DeadLetterReason reason;
  int n;            // the message's number, -1 without a message
  bool other_type;  // the variant held Other
};

// TimerSetter sets a timer of 1 ms to `to` when asked.
class TimerSetter final : public Actor<Ping> {
 public:
  explicit TimerSetter(ActorRef<Ping> to) : to_(std::move(to)) {}
  void on_message(Ping, Context& ctx) override {
    ctx.send_after(1ms, to_, Ping{1});
    ctx.reply(0);
  }

 private:
  Instance instance_;
  ActorRef<Ping> to_;
};

using DeadLettersTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(DeadLettersTest);

TEST_P(DeadLettersTest, CountsAreExactByReasonAndSubscribersSeeEachLetter) {
  auto& sys = start({.root = {.max_restarts = 100}});
  std::mutex mutex;
  std::vector<Letter> letters;
  const auto id = sys.dead_letters().subscribe([&](const DeadLetter& d) {
    Letter l{d.to, d.to_name, d.reason, -1, d.type == typeid(Other)};
    if (d.message != nullptr && d.type == typeid(Ping))
      l.n = static_cast<const Ping*>(d.message)->n;
    if (d.message != nullptr && d.type == typeid(Other))
      l.n = static_cast<const Other*>(d.message)->n;
    std::lock_guard lock(mutex);
    letters.push_back(std::move(l));
  });
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = sys.spawn<Holding>(
      SpawnOptions{.name = "holding", .mailbox = Mailbox::bounded(3, Overflow::drop_newest)},
      &gate);
  ASSERT_TRUE(ref.send(Ping{0}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));
  ASSERT_TRUE(ref.send(Ping{13}));  // fails its handler
  ASSERT_TRUE(ref.send(Other{1}));
  ASSERT_TRUE(ref.send(Ping{2}));
  ASSERT_TRUE(ref.send(Ping{3}));   // dropped
  ASSERT_TRUE(ref.send(Other{4}));  // dropped
  gate.opened.set();
  // Once the failure is counted, at most two messages are queued: the ask finds room.
  ASSERT_TRUE(eventually(
      [&] { return sys.dead_letters().count(DeadLetterReason::handler_failed) == 1; }, kDeadline));
  auto late = ref.ask<int>(Ping{20}, 10ms);
  ASSERT_FALSE(late);
  ASSERT_TRUE(eventually(
      [&] { return sys.dead_letters().count(DeadLetterReason::late_reply) == 1; }, kDeadline));
  ref.stop();
  ASSERT_TRUE(sys.wait_all_stopped(kDeadline));
  auto& dl = sys.dead_letters();
  EXPECT_EQ(dl.count(DeadLetterReason::dropped), 2u);
  EXPECT_EQ(dl.count(DeadLetterReason::handler_failed), 1u);
  EXPECT_EQ(dl.count(DeadLetterReason::late_reply), 1u);
  EXPECT_EQ(dl.count(DeadLetterReason::stopped), 0u);
  EXPECT_EQ(dl.count(), 4u);
  sys.dead_letters().unsubscribe(id);
  std::lock_guard lock(mutex);
  ASSERT_EQ(letters.size(), 4u);
  int dropped = 0;
  for (const Letter& l : letters) {
    switch (l.reason) {
      case DeadLetterReason::dropped:
        EXPECT_EQ(l.to, ref.id());
        EXPECT_EQ(l.to_name, "holding");
        EXPECT_EQ(l.n, l.other_type ? 4 : 3);
        ++dropped;
        break;
      case DeadLetterReason::handler_failed:
        EXPECT_EQ(l.to_name, "holding");
        EXPECT_EQ(l.n, -1) << "the handler consumed the message";
        break;
      case DeadLetterReason::late_reply:
        EXPECT_EQ(l.to, 0u) << "a late reply is addressed to no actor";
        break;
      default:
        ADD_FAILURE() << reason_name(l.reason);
    }
  }
  EXPECT_EQ(dropped, 2);
}

TEST_P(DeadLettersTest, MessagesQueuedAtAStopAreDeadLettersInOrder) {
  constexpr int kQueued = 50;
  std::mutex mutex;
  std::vector<int> stopped;
  const auto id = system().dead_letters().subscribe([&](const DeadLetter& d) {
    ASSERT_EQ(d.reason, DeadLetterReason::stopped);
    ASSERT_EQ(d.type, typeid(Ping));
    std::lock_guard lock(mutex);
    stopped.push_back(static_cast<const Ping*>(d.message)->n);
  });
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Holding>(SpawnOptions{.name = "queued"}, &gate);
  ASSERT_TRUE(ref.send(Ping{0}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));
  for (int n = 1; n <= kQueued; ++n) ASSERT_TRUE(ref.send(Ping{n}));
  ref.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::stopped),
            static_cast<std::uint64_t>(kQueued));
  EXPECT_EQ(system().dead_letters().count(), static_cast<std::uint64_t>(kQueued));
  system().dead_letters().unsubscribe(id);
  std::lock_guard lock(mutex);
  ASSERT_EQ(stopped.size(), static_cast<std::size_t>(kQueued));
  for (int n = 1; n <= kQueued; ++n) EXPECT_EQ(stopped[static_cast<std::size_t>(n - 1)], n);
  auto after = ref.send(Ping{99});
  ASSERT_FALSE(after);
  EXPECT_EQ(system().dead_letters().count(), static_cast<std::uint64_t>(kQueued))
      << "a send refused with the message handed back is no dead letter";
}

TEST_P(DeadLettersTest, AnUnsubscribedSubscriberSeesNothing) {
  std::atomic<int> seen{0};
  const auto id = system().dead_letters().subscribe([&](const DeadLetter&) { seen.fetch_add(1); });
  system().dead_letters().unsubscribe(id);
  Gate gate;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Holding>(&gate);
  ASSERT_TRUE(ref.send(Ping{0}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));
  ASSERT_TRUE(ref.send(Ping{1}));
  ref.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::stopped), 1u);
  EXPECT_EQ(seen.load(), 0);
}

// How each kind of failed send is made: the mailbox of a Holding actor held busy (filled, for a
// bounded one), then one send that fails with `status`.
struct FailedSend {
  const char* what;
  Mailbox mailbox;
  mailbox::Status status;
  std::function<SendResult<Either>(const ActorRef<Either>&)> send;
};

TEST_P(DeadLettersTest, EveryFailedSendIsCountedByItsStatus) {
  const std::vector<FailedSend> cases{
      {"to a stopped actor", Mailbox::unbounded(), mailbox::Status::closed,
       [](const ActorRef<Either>& to) { return to.send(Ping{1}); }},
      {"try_send to a full mailbox", Mailbox::bounded(1), mailbox::Status::full,
       [](const ActorRef<Either>& to) { return to.try_send(Ping{1}); }},
      {"send to a full mailbox that fails", Mailbox::bounded(1, Overflow::fail),
       mailbox::Status::full, [](const ActorRef<Either>& to) { return to.send(Ping{1}); }},
      {"send_timeout to a full mailbox", Mailbox::bounded(1), mailbox::Status::timeout,
       [](const ActorRef<Either>& to) { return to.send_timeout(Ping{1}, 1ms); }},
  };
  for (const FailedSend& c : cases) {
    SCOPED_TRACE(c.what);
    Gate gate;
    std::optional<ActorSystem> own(std::in_place, SystemOptions{.workers = workers()});
    DeadLetters& letters = own->dead_letters();
    auto to = own->spawn<Holding>({.mailbox = c.mailbox}, &gate);
    EXPECT_TRUE(to.send(Ping{0}));  // held in the handler
    gate.entered.wait();
    EXPECT_TRUE(to.send(Ping{0}));  // fills a bounded mailbox
    if (c.status == mailbox::Status::closed) {
      to.stop();
      ASSERT_TRUE(eventually([&] { return !to.is_alive(); }, kDeadline));
    }
    EXPECT_EQ(letters.failed_sends(), 0u) << "successful sends are not counted";
    const auto r = c.send(to);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().status, c.status);
    EXPECT_EQ(letters.failed_sends(c.status), 1u);
    EXPECT_EQ(letters.failed_sends(), 1u);
    gate.opened.set();
    EXPECT_TRUE(own->shutdown());
  }
}

TEST_P(DeadLettersTest, ATimerMessageToAStoppedActorIsAFailedSend) {
  const auto stop_first = shutdown_at_exit();
  auto gone = system().spawn<Echo>();
  gone.stop();
  ASSERT_TRUE(eventually([&] { return !gone.is_alive(); }, kDeadline));
  auto setter = system().spawn<TimerSetter>(gone);
  ASSERT_TRUE(setter.ask<int>(Ping{0}, kDeadline));
  EXPECT_TRUE(
      eventually([&] { return system().dead_letters().failed_sends(mailbox::Status::closed) == 1; },
                 kDeadline));
}

}  // namespace
}  // namespace courier::test
