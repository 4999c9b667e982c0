// big.cpp: A6, big.
#include "big.hpp"

#include <string>

namespace courier::apps::bench {

std::size_t courier_key(const BigMessage& m) noexcept {
  return std::visit([](const auto& v) { return static_cast<std::size_t>(v.to); }, m);
}

void BigNode::on_message(BigMessage m, Context& ctx) {
  if (const auto* ping = std::get_if<BigPing>(&m)) {
    (void)peers_.send(BigPong{ping->from});
  } else if (std::holds_alternative<BigPong>(m)) {
    if (++done_ == exchanges_) {
      (void)driver_.send(BigFinished{done_});
    } else {
      ping_next_peer();
    }
  } else if (const auto* start = std::get_if<BigStart>(&m)) {
    index_ = start->to;
    exchanges_ = start->exchanges;
    rng_ = 0x9E3779B97F4A7C15ull * (index_ + 1);
    ping_next_peer();
  } else {
    ctx.stop();
  }
}

void BigNode::ping_next_peer() {
  rng_ ^= rng_ << 13;
  rng_ ^= rng_ >> 7;
  rng_ ^= rng_ << 17;
  const auto peer = static_cast<std::uint32_t>(rng_ % peers_.replicas());
  (void)peers_.send(BigPing{peer, index_});
}

void BigDriver::on_start(Context& ctx) {
  (void)ctx;
  start_ = Clock::now();
  const std::uint64_t replicas = nodes_.replicas();
  for (std::uint64_t i = 0; i < replicas; ++i) {
    (void)nodes_.send(BigStart{static_cast<std::uint32_t>(i), exchanges_});
  }
}

void BigDriver::on_message(BigFinished finished, Context& ctx) {
  (void)ctx;
  round_trips_ += finished.round_trips;
  const std::uint64_t replicas = nodes_.replicas();
  if (++finished_ != replicas) return;
  const double wall = seconds_since(start_);
  if (round_trips_ != replicas * exchanges_) {
    std::string why = "the replicas made ";
    why += std::to_string(round_trips_);
    why += " round trips, not ";
    why += std::to_string(replicas * exchanges_);
    fail_workload("A6", why);
  }
  print_result("A6", static_cast<double>(round_trips_) / wall, "roundtrips/s", wall);
  for (std::uint64_t i = 0; i < replicas; ++i) {
    (void)nodes_.send(BigStop{static_cast<std::uint32_t>(i)});
  }
}

void BigDriver::on_stop(Context& ctx) {
  (void)ctx;
  if (finished_ != nodes_.replicas()) {
    fail_workload("A6", "stopped before every replica made its exchanges");
  }
}

void register_big(Registry& registry) {
  registry.name<BigMessage>("BigMessage").name<BigFinished>("BigFinished");
  registry.add<BigNode>("bench_big_node").add<BigDriver>("bench_big_driver");
}

}  // namespace courier::apps::bench
