// ask_test.cpp: ask from a plain thread and from a handler (which suspends only that actor); its
// errors (timeout, dead target, no reply, handler failed) are distinct and say who, what and how
// long; a late reply is counted, never delivered; deferred replies; asks in a cycle time out.
#include <optional>
#include <variant>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

// What Replier does with Ping{n}.
enum : int { kNoReply = 1, kThrow = 2, kLate = 3, kHold = 4 };

// Replier answers 2n for n >= 10, and otherwise misbehaves as the enum above says.
class Replier final : public Actor<Ping> {
 public:
  explicit Replier(std::atomic<int>* late_reply_result) : late_(late_reply_result) {}
  void on_message(Ping p, Context& ctx) override {
    switch (p.n) {
      case kNoReply:
        return;
      case kThrow:
        throw std::runtime_error("boom");
      case kLate:
        sleep_for(100ms);
        late_->store(ctx.reply(p.n) ? 1 : 0);
        return;
      case kHold:
        held_ = ctx.defer_reply<int>();  // answered never: the ask can only time out
        return;
      default:
        ctx.reply(p.n * 2);
    }
  }

 private:
  Instance instance_;
  std::atomic<int>* late_;
  ReplyPromise<int> held_;
};

using AskTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(AskTest);

TEST_P(AskTest, AThreadGetsTheReply) {
  std::atomic<int> late{-1};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Replier>(SpawnOptions{.name = "replier"}, &late);
  for (int n = 10; n < 110; ++n) {
    auto r = ref.ask<int>(Ping{n}, kDeadline);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, 2 * n);
  }
}

TEST_P(AskTest, TimeoutAndDeadTargetAreDistinctAndSayWhoWhatAndHowLong) {
  std::atomic<int> late{-1};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Replier>(SpawnOptions{.name = "replier"}, &late);
  const auto start = Clock::now();
  auto timed_out = ref.ask<int>(Ping{kHold}, 30ms);
  EXPECT_GE(Clock::now() - start, 30ms);
  ASSERT_FALSE(timed_out);
  EXPECT_EQ(timed_out.error().kind, AskError::Kind::timeout);
  const std::string& t = timed_out.error().message;
  EXPECT_TRUE(contains(t, "actor 'replier' (#" + std::to_string(ref.id()) + ")")) << t;
  EXPECT_TRUE(contains(t, "Ping")) << t;
  EXPECT_TRUE(contains(t, "timed out after")) << t;
  EXPECT_TRUE(contains(t, " ms")) << t;

  ref.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  auto dead = ref.ask<int>(Ping{10}, kDeadline);
  ASSERT_FALSE(dead);
  EXPECT_EQ(dead.error().kind, AskError::Kind::dead_target);
  EXPECT_TRUE(contains(dead.error().message, "'replier'")) << dead.error().message;
  EXPECT_TRUE(contains(dead.error().message, "has stopped")) << dead.error().message;
}

TEST_P(AskTest, NoReplyAndHandlerFailedAreReported) {
  std::atomic<int> late{-1};
  auto& sys = start({.root = {.max_restarts = 10}});
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = sys.spawn<Replier>(SpawnOptions{.name = "replier"}, &late);
  auto none = ref.ask<int>(Ping{kNoReply}, kDeadline);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, AskError::Kind::no_reply);
  EXPECT_TRUE(contains(none.error().message, "without replying")) << none.error().message;
  auto failed = ref.ask<int>(Ping{kThrow}, kDeadline);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, AskError::Kind::handler_failed);
  EXPECT_TRUE(contains(failed.error().message, "boom")) << failed.error().message;
  EXPECT_TRUE(contains(failed.error().message, "'replier'")) << failed.error().message;
  auto after = ref.ask<int>(Ping{10}, kDeadline);
  ASSERT_TRUE(after) << "restarted: " << after.error().message;
  EXPECT_EQ(*after, 20);
}

struct Outcome {
  std::optional<courier::Expected<int, AskError>> result;  // read once `done`
  std::atomic<bool> done{false};
};

// Asker asks `to` what it is told to ask, and keeps the outcome; it must handle nothing else.
class Asker final : public Actor<Ping> {
 public:
  Asker(ActorRef<Ping> to, Outcome* out, Clock::duration timeout)
      : to_(std::move(to)), out_(out), timeout_(timeout) {}
  void on_message(Ping p, Context&) override {
    handled_++;
    out_->result = to_.ask<int>(p, timeout_);
    out_->done.store(true, std::memory_order_release);
  }
  ~Asker() override { EXPECT_EQ(handled_, 1) << "a late reply reached the asker's mailbox"; }

 private:
  Instance instance_;
  ActorRef<Ping> to_;
  Outcome* out_;
  Clock::duration timeout_;
  int handled_ = 0;
};

TEST_P(AskTest, ALateReplyIsCountedAndNeverDelivered) {
  std::atomic<int> late{-1};
  Outcome outcome;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto replier = system().spawn<Replier>(&late);
  auto asker = system().spawn<Asker>(replier, &outcome, 20ms);
  ASSERT_TRUE(asker.send(Ping{kLate}));
  ASSERT_TRUE(eventually([&] { return late.load() != -1 && outcome.done.load(); }, kDeadline));
  EXPECT_EQ(late.load(), 0) << "reply() reports that the asker had given up";
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::late_reply), 1u);
  ASSERT_TRUE(outcome.result);
  ASSERT_FALSE(*outcome.result);
  EXPECT_EQ(outcome.result->error().kind, AskError::Kind::timeout);
}

// Slow waits on the gate before it answers.
class Slow final : public Actor<Ping> {
 public:
  explicit Slow(Gate* gate) : gate_(gate) {}
  void on_message(Ping p, Context& ctx) override {
    gate_->wait();
    ctx.reply(p.n + 1);
  }

 private:
  Instance instance_;
  Gate* gate_;
};

TEST_P(AskTest, AnAskInAHandlerSuspendsOnlyThatActor) {
  Gate gate;
  Outcome outcome;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto slow = system().spawn<Slow>(&gate);
  auto asker = system().spawn<Asker>(slow, &outcome, kDeadline);
  ASSERT_TRUE(asker.send(Ping{41}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));
  auto echo = system().spawn<Echo>();
  for (int i = 0; i < 50; ++i) {
    auto r = echo.ask<int>(Ping{i}, kDeadline);
    ASSERT_TRUE(r) << r.error().message;
  }
  EXPECT_FALSE(outcome.done.load());
  gate.opened.set();
  ASSERT_TRUE(eventually([&] { return outcome.done.load(); }, kDeadline));
  ASSERT_TRUE(*outcome.result) << outcome.result->error().message;
  EXPECT_EQ(**outcome.result, 42);
}

// Promiser hands the ask it handles to Fulfiller, which answers it.
class Fulfiller final : public Actor<ReplyPromise<int>> {
 public:
  void on_message(ReplyPromise<int> promise, Context&) override {
    EXPECT_TRUE(promise.valid());
    EXPECT_TRUE(promise.fulfill(7));
    EXPECT_FALSE(promise.valid());
  }

 private:
  Instance instance_;
};

class Promiser final : public Actor<Ping> {
 public:
  explicit Promiser(ActorRef<ReplyPromise<int>> to) : to_(std::move(to)) {}
  void on_message(Ping p, Context& ctx) override {
    auto promise = ctx.defer_reply<int>();
    if (p.n == 0) return;  // dropped unanswered
    ASSERT_TRUE(to_.send(std::move(promise)));
  }

 private:
  Instance instance_;
  ActorRef<ReplyPromise<int>> to_;
};

TEST_P(AskTest, ADeferredReplyIsAnsweredByAnotherActor) {
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto fulfiller = system().spawn<Fulfiller>();
  auto promiser = system().spawn<Promiser>(fulfiller);
  auto r = promiser.ask<int>(Ping{1}, kDeadline);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, 7);
  auto dropped = promiser.ask<int>(Ping{0}, kDeadline);
  ASSERT_FALSE(dropped);
  EXPECT_EQ(dropped.error().kind, AskError::Kind::no_reply);
  EXPECT_TRUE(contains(dropped.error().message, "ReplyPromise was dropped"))
      << dropped.error().message;
}

// Peer asks its peer (twice: a handler that retries) when told Go, once both peers are handling
// their Go (else one could answer the other's Query first), and answers a Query at once. The
// timeouts of the two asks are its own: see AsksInACycleBothTimeOutAndNameTheCycle.
struct Go {};
struct Query {};
using PeerMessage = std::variant<Go, Query>;

class Peer final : public Actor<PeerMessage> {
 public:
  struct Timeouts {
    Clock::duration first, retry;
  };
  Peer(std::optional<ActorRef<PeerMessage>>* peer, std::optional<AskError>* first_error,
       std::atomic<int>* going, std::atomic<int>* done, Timeouts timeouts)
      : peer_(peer), first_error_(first_error), going_(going), done_(done), timeouts_(timeouts) {}
  void on_message(PeerMessage m, Context& ctx) override {
    if (std::holds_alternative<Query>(m)) {
      ctx.reply(1);
      return;
    }
    going_->fetch_add(1);
    while (going_->load() < 2) sleep_for(1ms);
    auto first = (*peer_)->ask<int>(Query{}, timeouts_.first);
    if (!first) *first_error_ = first.error();
    (void)(*peer_)->ask<int>(Query{}, timeouts_.retry);
    done_->fetch_add(1, std::memory_order_release);
  }

 private:
  Instance instance_;
  std::optional<ActorRef<PeerMessage>>* peer_;
  std::optional<AskError>* first_error_;
  std::atomic<int>* going_;
  std::atomic<int>* done_;
  Timeouts timeouts_;
};

TEST_P(AskTest, AsksInACycleBothTimeOutAndNameTheCycle) {
  // A timed-out ask names the cycle if its target is asking the asker at that moment. With equal
  // timeouts both first asks end together, and one side could look in the instant between the
  // other's first ask and its retry (a CI failure under ThreadSanitizer). Staggered, each first
  // ask ends while the other side is well inside an ask: a's at T (b's first runs to 2T), b's at
  // 2T (a's retry runs from T to 5T).
  constexpr auto kTimeout = 100ms;
  std::optional<ActorRef<PeerMessage>> a_peer, b_peer;
  std::optional<AskError> a_error, b_error;
  std::atomic<int> going{0};
  std::atomic<int> done{0};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto a = system().spawn<Peer>(SpawnOptions{.name = "a"}, &a_peer, &a_error, &going, &done,
                                Peer::Timeouts{.first = kTimeout, .retry = 4 * kTimeout});
  auto b = system().spawn<Peer>(SpawnOptions{.name = "b"}, &b_peer, &b_error, &going, &done,
                                Peer::Timeouts{.first = 2 * kTimeout, .retry = 4 * kTimeout});
  a_peer = b;
  b_peer = a;
  ASSERT_TRUE(a.send(Go{}));
  ASSERT_TRUE(b.send(Go{}));
  ASSERT_TRUE(eventually([&] { return done.load(std::memory_order_acquire) == 2; }, kDeadline));
  for (auto* error : {&a_error, &b_error}) {
    ASSERT_TRUE(*error) << "the first ask of " << (error == &a_error ? "a" : "b") << " succeeded";
    EXPECT_EQ((*error)->kind, AskError::Kind::timeout);
    EXPECT_TRUE(contains((*error)->message, "is itself waiting on an ask to")) << (*error)->message;
  }
}

}  // namespace
}  // namespace courier::test
