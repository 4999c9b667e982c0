// thread_ring.hpp: A2 of the anchors' WORKLOADS.md as a topology (thread-ring.json): a ring of
// `count` replicas of bench_ring_node passes one token `hops` times. A replica does not know its
// own index: the token carries the index of the replica it goes to, which is its key, so key_hash
// routing over the ring's replicas delivers it there (key % replicas).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <variant>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "result_line.hpp"

namespace courier::apps::bench {

// RingToken is the token: the hops it still has to make, and the replica it is sent to.
struct RingToken {
  std::uint64_t hops_left = 0;
  std::uint64_t at = 0;
};
// RingStop tells replica `at` to stop, once the token has made all its hops.
struct RingStop {
  std::uint64_t at = 0;
};
using RingMessage = std::variant<RingToken, RingStop>;
// courier_key() is the replica a ring message goes to (key_hash routing takes it modulo count).
std::size_t courier_key(const RingMessage& m) noexcept;

// TokenHome tells the driver that the token made its last hop, to replica `at`.
struct TokenHome {
  std::uint64_t at = 0;
};
// Forwarded is how many hops one replica forwarded, sent when it stops.
struct Forwarded {
  std::uint64_t hops = 0;
};
using RingReport = std::variant<TokenHome, Forwarded>;

// RingNode forwards the token to the next replica ("next", a weak edge to its own type), counting
// what it forwarded; the replica that gets it with no hops left tells the driver. It stops when
// told, and then reports its count. Thread-safety: an actor; its handlers run one at a time.
class RingNode final : public Actor<RingMessage> {
 public:
  static constexpr auto next = port<RingMessage>("next");
  static constexpr auto driver = port<RingReport>("driver");
  static constexpr auto ports = courier::ports(next, driver);

  explicit RingNode(const Outputs& outputs) : next_(outputs[next]), driver_(outputs[driver]) {}
  void on_message(RingMessage m, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  Output<RingMessage> next_;
  Output<RingReport> driver_;
  std::uint64_t forwarded_ = 0;
};

// RingDriver starts the clock and the token at replica 0 when it starts; when the token is home
// it takes the time, checks where it ended and stops every replica; once all have stopped (its
// input ends with them) it checks that they forwarded `hops` in all and prints the result line.
// Thread-safety: an actor.
class RingDriver final : public Actor<RingReport> {
 public:
  struct Params {
    std::uint64_t hops = 10'000'000;
    static constexpr auto fields =
        config::fields(config::param("hops", &Params::hops).within(1, 1'000'000'000'000));
  };
  static constexpr auto ring = port<RingMessage>("ring");
  static constexpr auto ports = courier::ports(ring);

  RingDriver(const Params& params, const Outputs& outputs)
      : hops_(params.hops), ring_(outputs[ring]) {}
  void on_start(Context& ctx) override;
  void on_message(RingReport m, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  void token_home(TokenHome home);

  std::uint64_t hops_;
  Output<RingMessage> ring_;
  Clock::time_point start_{};
  double wall_ = 0;
  bool home_ = false;
  std::uint64_t forwarded_ = 0;
};

// register_thread_ring() adds bench_ring_node and bench_ring_driver, and names their messages.
void register_thread_ring(Registry& registry);

}  // namespace courier::apps::bench
