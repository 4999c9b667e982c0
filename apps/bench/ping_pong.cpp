// ping_pong.cpp: A1, ping-pong.
#include "ping_pong.hpp"

namespace courier::apps::bench {

void Ping::on_start(Context& ctx) {
  (void)ctx;
  start_ = Clock::now();
  (void)out_.send(Ball{0});
}

void Ping::on_message(Ball ball, Context& ctx) {
  if (ball.round_trip != returned_) fail_workload("A1", "a ball came back out of order");
  if (++returned_ == round_trips_) {
    const double wall = seconds_since(start_);
    print_result("A1", static_cast<double>(returned_) / wall, "roundtrips/s", wall);
    ctx.stop();
    return;
  }
  (void)out_.send(Ball{returned_});
}

void Ping::on_stop(Context& ctx) {
  (void)ctx;
  if (returned_ != round_trips_) fail_workload("A1", "stopped before the last round trip");
}

void Pong::on_message(Ball ball, Context& ctx) {
  (void)ctx;
  (void)back_.send(ball);
}

void register_ping_pong(Registry& registry) {
  registry.name<Ball>("Ball");
  registry.add<Ping>("bench_ping").add<Pong>("bench_pong");
}

}  // namespace courier::apps::bench
