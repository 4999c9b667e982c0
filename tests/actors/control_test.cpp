// control_test.cpp: the control lane: a flooded actor whose handler is blocked can still be
// stopped; a handler suspended in a wait (ask, recv, sleep, send to a full mailbox) is cancelled
// by a stop or a restart: it throws Cancelled, unwinds, and leaves no fiber behind.
#include <thread>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

// Blocker holds its first message in a wait on the gate, and notes whether a stop cancelled it.
class Blocker final : public Actor<Ping> {
 public:
  Blocker(Gate* gate, std::atomic<int>* handled, std::atomic<bool>* cancelled)
      : gate_(gate), handled_(handled), cancelled_(cancelled) {}
  void on_message(Ping, Context&) override {
    handled_->fetch_add(1);
    try {
      gate_->wait();
    } catch (const Cancelled&) {
      cancelled_->store(true);
      throw;
    }
  }

 private:
  Instance instance_;
  Gate* gate_;
  std::atomic<int>* handled_;
  std::atomic<bool>* cancelled_;
};

using ControlTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(ControlTest);

TEST_P(ControlTest, AFloodedActorWithABlockedHandlerCanBeStopped) {
  constexpr std::size_t kCapacity = 4;
  Gate gate;
  std::atomic<int> handled{0};
  std::atomic<bool> cancelled{false};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Blocker>(
      SpawnOptions{.name = "flooded", .mailbox = Mailbox::bounded(kCapacity)}, &gate, &handled,
      &cancelled);
  ASSERT_TRUE(ref.send(Ping{0}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));
  for (std::size_t i = 0; i < kCapacity; ++i) ASSERT_TRUE(ref.send(Ping{1}));
  std::atomic<int> refused{-1};
  std::jthread blocked_sender([&] {
    auto r = ref.send(Ping{2});  // waits for room that never comes
    refused = r ? 0 : r.error().value.n;
  });
  ref.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  blocked_sender.join();
  EXPECT_EQ(refused.load(), 2) << "the waiting sender gets its message back";
  EXPECT_TRUE(cancelled.load()) << "the stop cancels the handler's wait";
  EXPECT_EQ(handled.load(), 1) << "the stop overtakes every queued message";
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::stopped), kCapacity);
}

// The waits a handler can be suspended in.
enum class Wait { ask, recv, sleep, send };

const char* wait_name(Wait w) {
  switch (w) {
    case Wait::ask:
      return "ask";
    case Wait::recv:
      return "recv";
    case Wait::sleep:
      return "sleep";
    case Wait::send:
      return "send";
  }
  return "?";
}

// Silent takes its first message (an ask it never answers) and waits for ever, so its bounded(1)
// mailbox is full after one more.
class Silent final : public Actor<Ping> {
 public:
  void on_message(Ping, Context& ctx) override {
    held_ = ctx.defer_reply<int>();
    never_.wait();
  }

 private:
  Instance instance_;
  ReplyPromise<int> held_;
  Event never_;
};

struct Suspension {
  std::atomic<int> waiting{0};      // handlers now inside the wait
  std::atomic<int> cancelled{0};    // waits that threw Cancelled
  std::atomic<int> locals{0};       // a local object of the handler: must be unwound
  std::atomic<int> stops{0};        // on_stop calls
  std::atomic<int> restarts{0};     // on_restart calls
  std::atomic<int> generations{0};  // instances made
};

// Waiter suspends in the wait `kind` names on its first message.
class Waiter final : public Actor<Ping> {
 public:
  Waiter(Wait kind, ActorRef<Ping> silent, Suspension* s)
      : kind_(kind), silent_(std::move(silent)), s_(s) {
    s_->generations.fetch_add(1);
  }
  void on_message(Ping, Context&) override {
    Tracked local(s_->locals);
    auto [tx, rx] = mailbox::bounded<int>(1);
    s_->waiting.fetch_add(1);
    try {
      switch (kind_) {
        case Wait::ask:
          (void)silent_.ask<int>(Ping{}, 1h);
          break;
        case Wait::recv:
          (void)rx.recv();
          break;
        case Wait::sleep:
          sleep_for(1h);
          break;
        case Wait::send:
          while (silent_.send(Ping{})) {
          }
          break;
      }
    } catch (const Cancelled&) {
      s_->cancelled.fetch_add(1);
      throw;
    }
    ADD_FAILURE() << "the wait ended without being cancelled";
  }
  void on_stop(Context&) override { s_->stops.fetch_add(1); }
  void on_restart(Context&, const std::exception_ptr&) override { s_->restarts.fetch_add(1); }

 private:
  Instance instance_;
  Wait kind_;
  ActorRef<Ping> silent_;
  Suspension* s_;
};

TEST_P(ControlTest, AStopCancelsASuspendedHandlerWhichUnwinds) {
  for (Wait kind : {Wait::ask, Wait::recv, Wait::sleep, Wait::send}) {
    SCOPED_TRACE(wait_name(kind));
    Suspension s;
    auto silent =
        system().spawn<Silent>(SpawnOptions{.name = "silent", .mailbox = Mailbox::bounded(1)});
    auto waiter = system().spawn<Waiter>(kind, silent, &s);
    ASSERT_TRUE(waiter.send(Ping{}));
    ASSERT_TRUE(eventually([&] { return s.waiting.load() == 1; }, kDeadline));
    // The handler is in its wait once its fiber is parked: a live (detached) fiber.
    ASSERT_TRUE(eventually([&] { return system().runtime().live_fibers() >= 1; }, kDeadline));
    waiter.stop();
    ASSERT_TRUE(eventually([&] { return !waiter.is_alive(); }, kDeadline));
    EXPECT_EQ(s.cancelled.load(), 1);
    EXPECT_EQ(s.locals.load(), 0) << "the handler's locals were not destroyed";
    EXPECT_EQ(s.stops.load(), 1);
    EXPECT_EQ(system().restarts(), 0u) << "a cancelled wait is not a failure";
    silent.stop();  // it waits too, with a fiber of its own
    ASSERT_TRUE(system().wait_all_stopped(kDeadline));
    EXPECT_TRUE(eventually([&] { return system().runtime().live_fibers() == 0; }, kDeadline))
        << "a handler's fiber did not end";
  }
}

// Parent supervises its children all-for-one; told n, it tells child n to fail.
class Failing final : public Actor<Ping> {
 public:
  void on_message(Ping, Context&) override { throw std::runtime_error("sibling failed"); }

 private:
  Instance instance_;
};

class Parent final : public Actor<Ping> {
 public:
  Parent(Wait kind, Suspension* s) : kind_(kind), s_(s) {}
  void on_start(Context& ctx) override {
    auto silent = ctx.spawn<Silent>(SpawnOptions{.name = "silent", .mailbox = Mailbox::bounded(1)});
    waiter_ = ctx.spawn<Waiter>(kind_, silent, s_);
    failing_ = ctx.spawn<Failing>();
  }
  void on_message(Ping p, Context&) override {
    if (p.n == 0) {
      ASSERT_TRUE(waiter_.send(Ping{}));
    } else {
      ASSERT_TRUE(failing_.send(Ping{}));
    }
  }

 private:
  Instance instance_;
  Wait kind_;
  Suspension* s_;
  ActorRef<Ping> waiter_;
  ActorRef<Ping> failing_;
};

TEST_P(ControlTest, ARestartCancelsASuspendedHandlerWhichUnwinds) {
  for (Wait kind : {Wait::ask, Wait::recv, Wait::sleep, Wait::send}) {
    SCOPED_TRACE(wait_name(kind));
    Suspension s;
    const auto restarts = system().restarts();
    auto parent = system().spawn<Parent>(
        SpawnOptions{.name = "parent",
                     .supervision = {.strategy = Supervision::Strategy::all_for_one}},
        kind, &s);
    ASSERT_TRUE(parent.send(Ping{0}));
    ASSERT_TRUE(eventually([&] { return s.waiting.load() == 1; }, kDeadline));
    ASSERT_TRUE(parent.send(Ping{1}));
    ASSERT_TRUE(eventually([&] { return s.restarts.load() == 1; }, kDeadline));
    EXPECT_EQ(s.cancelled.load(), 1);
    EXPECT_EQ(s.locals.load(), 0) << "the handler's locals were not destroyed";
    EXPECT_EQ(s.stops.load(), 1) << "on_stop runs on the old instance";
    EXPECT_EQ(s.generations.load(), 2);
    EXPECT_TRUE(eventually([&] { return system().restarts() == restarts + 3; }, kDeadline))
        << "all three children restart";
    parent.stop();
    ASSERT_TRUE(system().wait_all_stopped(kDeadline));
    EXPECT_TRUE(eventually([&] { return system().runtime().live_fibers() == 0; }, kDeadline))
        << "a handler's fiber did not end";
  }
}

}  // namespace
}  // namespace courier::test
