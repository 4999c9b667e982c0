// thread_ring.cpp: A2, thread ring.
#include "thread_ring.hpp"

#include <string>

namespace courier::apps::bench {

std::size_t courier_key(const RingMessage& m) noexcept {
  return static_cast<std::size_t>(std::visit([](const auto& v) { return v.at; }, m));
}

void RingNode::on_message(RingMessage m, Context& ctx) {
  if (const auto* token = std::get_if<RingToken>(&m)) {
    if (token->hops_left == 0) {
      (void)driver_.send(TokenHome{token->at});
      return;
    }
    ++forwarded_;
    (void)next_.send(RingToken{token->hops_left - 1, token->at + 1});
    return;
  }
  ctx.stop();
}

void RingNode::on_stop(Context& ctx) {
  (void)ctx;
  (void)driver_.send(Forwarded{forwarded_});
}

void RingDriver::on_start(Context& ctx) {
  (void)ctx;
  start_ = Clock::now();
  (void)ring_.send(RingToken{hops_, 0});
}

void RingDriver::on_message(RingReport m, Context& ctx) {
  (void)ctx;
  if (const auto* home = std::get_if<TokenHome>(&m)) {
    token_home(*home);
  } else {
    forwarded_ += std::get<Forwarded>(m).hops;
  }
}

void RingDriver::token_home(TokenHome home) {
  wall_ = seconds_since(start_);
  home_ = true;
  const std::uint64_t replicas = ring_.replicas();
  // The token's key counts its hops from replica 0, so it must come home as `hops`.
  if (home.at != hops_) fail_workload("A2", "the token came home after the wrong number of hops");
  for (std::uint64_t i = 0; i < replicas; ++i) (void)ring_.send(RingStop{i});
}

void RingDriver::on_stop(Context& ctx) {
  (void)ctx;
  if (!home_) fail_workload("A2", "the ring stopped before the token came home");
  if (forwarded_ != hops_) {
    std::string why = "the replicas forwarded ";
    why += std::to_string(forwarded_);
    why += " hops in all, not ";
    why += std::to_string(hops_);
    fail_workload("A2", why);
  }
  print_result("A2", static_cast<double>(hops_) / wall_, "hops/s", wall_);
}

void register_thread_ring(Registry& registry) {
  registry.name<RingMessage>("RingMessage").name<RingReport>("RingReport");
  registry.add<RingNode>("bench_ring_node").add<RingDriver>("bench_ring_driver");
}

}  // namespace courier::apps::bench
