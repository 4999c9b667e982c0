// actor_fixture.hpp: what the actor tests share: a marl-style fixture that runs each test on actor
// systems of 1, 2, 4 and 8 workers and, at TearDown, shuts the system down and fails on an actor
// still alive, an actor instance not destroyed, a fiber not ended, or an operator-new allocation
// still outstanding; a gate a handler can wait on; and small helpers.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "courier/actors.hpp"
#include "scheduler/runtime_fixture.hpp"

namespace courier::test {

// Every wait of a test is bounded by this: a bug fails the test instead of hanging it.
inline constexpr auto kDeadline = 10s;

// live_instances() counts actor instances alive now (those holding an Instance member): at the
// end of a test it must be back to zero, whatever the actors went through.
inline std::atomic<int>& live_instances() noexcept {
  static std::atomic<int> live{0};
  return live;
}

// Instance is a member that test actors hold so that their instances are counted.
struct Instance : Tracked {
  Instance() noexcept : Tracked(live_instances()) {}
};

// Gate is a one-shot latch a handler waits on (its fiber suspends, so the worker runs other
// actors, and a stop cancels the wait) while the test holds the actor busy.
struct Gate {
  Event entered;  // set by the handler once it waits
  Event opened;   // set by the test to let it go on
  void wait() {
    entered.set();
    opened.wait();
  }
};

// Exclusive detects two runs of one actor's handlers at once: each run holds a Scope.
struct Exclusive {
  std::atomic<bool> inside{false};
  std::atomic<int> overlaps{0};
  struct Scope {
    explicit Scope(Exclusive& e) noexcept : e_(e) {
      if (e_.inside.exchange(true, std::memory_order_acq_rel)) e_.overlaps.fetch_add(1);
    }
    ~Scope() { e_.inside.store(false, std::memory_order_release); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Exclusive& e_;
  };
};

// The message types the tests send most.
struct Ping {
  int n = 0;
};

// Echo answers every ask at once with the number it was asked (so a test can see that a worker is
// free while something else waits, or ask it as fast as it can).
class Echo final : public Actor<Ping> {
 public:
  void on_message(Ping p, Context& ctx) override { ctx.reply(p.n); }

 private:
  Instance instance_;
};

// warm_up_actors() runs once per process, before the first baseline: whatever the actor layer or
// the C++ runtime caches for good on first use (the late-reply name, the unwinder, the demangler,
// gtest's lazily built state) is then in place, so any later growth is a leak.
void warm_up_actors();

// ActorTest gives each test (instantiate with COURIER_INSTANTIATE_WORKERS(Suite)) an ActorSystem
// with GetParam() workers (made on first use, or by start() with other options) and checks at
// TearDown that shutting it down left nothing behind.
class ActorTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  void SetUp() override {
    warm_up();
    warm_up_actors();
    instances_before_ = live_instances().load();
    baseline_ = live_allocations();
  }

  void TearDown() override {
    if (system_) {
      const bool in_time = finish();
      if (expect_clean_shutdown_) {
        EXPECT_TRUE(in_time) << "shutdown timed out";
      }
      EXPECT_EQ(system_->live_actors(), 0u) << "actors still alive after shutdown";
      EXPECT_EQ(system_->runtime().live_fibers(), 0u) << "fibers still alive after shutdown";
      system_.reset();
    }
    EXPECT_EQ(live_instances().load(), instances_before_)
        << "actor instances not destroyed once the system is gone";
    // A failure or a skip records a message, which allocates and stays: nothing to compare then.
    if (allocation_counting() && !HasFailure() && !IsSkipped()) {
      EXPECT_EQ(live_allocations(), baseline_)
          << "operator new allocations outstanding after the actor system was destroyed";
    }
  }

  // start() makes the test's system from `options`, with the test's worker count.
  ActorSystem& start(SystemOptions options) {
    options.workers = workers();
    system_.emplace(options);
    return *system_;
  }

  ActorSystem& system() {
    if (!system_) start({});
    return *system_;
  }

  // ShutdownAtExit shuts the system down when it goes out of scope. A test declares one after
  // the locals its actors point to, so that no actor (a hook, a destructor, a late message)
  // touches them after the test body has returned, even when an assertion returns early.
  class [[nodiscard]] ShutdownAtExit {
   public:
    explicit ShutdownAtExit(ActorTest& test) noexcept : test_(test) {}
    ShutdownAtExit(const ShutdownAtExit&) = delete;
    ShutdownAtExit& operator=(const ShutdownAtExit&) = delete;
    ~ShutdownAtExit() { test_.finish(); }

   private:
    ActorTest& test_;
  };
  ShutdownAtExit shutdown_at_exit() { return ShutdownAtExit(*this); }

  // finish() shuts the system down once; true if it stopped every actor in time.
  bool finish() {
    if (!in_time_) in_time_ = system().shutdown(kDeadline);
    return *in_time_;
  }

  // shutdown_may_time_out() says the test makes shutdown time out on purpose.
  void shutdown_may_time_out() noexcept { expect_clean_shutdown_ = false; }

  std::size_t workers() const { return GetParam(); }

 private:
  std::optional<ActorSystem> system_;
  std::int64_t baseline_ = 0;
  int instances_before_ = 0;
  bool expect_clean_shutdown_ = true;
  std::optional<bool> in_time_;  // the result of the one shutdown
};

// contains() is true when `part` occurs in `text` (for error messages).
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// expect_closed() checks that a send failed as to a stopped actor and handed Ping{n} back.
inline void expect_closed(const SendResult<Ping>& r, int n) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, mailbox::Status::closed);
  EXPECT_EQ(r.error().value.n, n) << "the message comes back";
}

}  // namespace courier::test
