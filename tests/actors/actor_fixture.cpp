// actor_fixture.cpp: the actor tests' one-time warm-up.
#include "actor_fixture.hpp"

#include <stdexcept>

namespace courier::test {
namespace {

// WarmUp replies, throws, sleeps past an ask's timeout and replies late, sets a timer and
// watches: every path whose first use caches something for the rest of the process.
class WarmUp final : public Actor<Ping> {
 public:
  void on_message(Ping p, Context& ctx) override {
    if (p.n == 1) throw std::runtime_error("warm-up");
    if (p.n == 2) sleep_for(20ms);
    if (p.n == 3) ctx.send_after(1ms, ctx.self<Ping>(), Ping{0});
    ctx.reply(p.n);
  }
};

}  // namespace

void warm_up_actors() {
  static const bool done = [] {
    ActorSystem system({.workers = 2, .root = {.max_restarts = 10}});
    auto ref = system.spawn<WarmUp>(SpawnOptions{.name = "warm-up"});
    (void)ref.ask<int>(Ping{0}, kDeadline);
    (void)ref.ask<int>(Ping{1}, kDeadline);
    (void)ref.ask<int>(Ping{2}, 1ms);
    (void)ref.ask<int>(Ping{3}, kDeadline);
    eventually([&] { return system.dead_letters().count(DeadLetterReason::late_reply) == 1; });
    ref.stop();
    system.wait_all_stopped(kDeadline);
    (void)ref.ask<int>(Ping{0}, kDeadline);
    system.shutdown();
    return true;
  }();
  (void)done;
}

}  // namespace courier::test
