// ping_pong.hpp: A1 of the anchors' WORKLOADS.md as a topology (ping-pong.json): two actors pass
// one ball back and forth, `round_trips` times.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "result_line.hpp"

namespace courier::apps::bench {

// Ball carries the number of the round trip it belongs to.
struct Ball {
  std::uint64_t round_trip = 0;
};

// Ping serves the first ball when it starts, checks that each one comes back in order, serves
// the next, and after the last prints the result line and stops itself (it is the topology's
// source; pong's input ends with it). Stopped before the last (Ctrl-C), it fails the run.
// Thread-safety: an actor; its handlers run one at a time.
class Ping final : public Actor<Ball> {
 public:
  struct Params {
    std::uint64_t round_trips = 1'000'000;
    static constexpr auto fields =
        config::fields(config::param("round_trips", &Params::round_trips).within(1, 1'000'000'000));
  };
  static constexpr auto out = port<Ball>("out");
  static constexpr auto ports = courier::ports(out);

  Ping(const Params& params, const Outputs& outputs)
      : round_trips_(params.round_trips), out_(outputs[out]) {}
  void on_start(Context& ctx) override;
  void on_message(Ball ball, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  std::uint64_t round_trips_;
  Output<Ball> out_;
  std::uint64_t returned_ = 0;
  Clock::time_point start_{};
};

// Pong sends every ball straight back on "back". Thread-safety: an actor.
class Pong final : public Actor<Ball> {
 public:
  static constexpr auto back = port<Ball>("back");
  static constexpr auto ports = courier::ports(back);

  explicit Pong(const Outputs& outputs) : back_(outputs[back]) {}
  void on_message(Ball ball, Context& ctx) override;

 private:
  Output<Ball> back_;
};

// register_ping_pong() adds bench_ping and bench_pong, and names Ball.
void register_ping_pong(Registry& registry);

}  // namespace courier::apps::bench
