// big.hpp: A6 of the anchors' WORKLOADS.md as a topology (big.json): `count` replicas of
// bench_big_node each make `exchanges_per_actor` ping->pong exchanges with uniformly random peers,
// one outstanding at a time. As in the ring, a replica learns its index from the driver's start
// message, and every message carries the index of the replica it goes to (its key_hash key).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <variant>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "result_line.hpp"

namespace courier::apps::bench {

// BigStart gives replica `to` its index and how many exchanges to make.
struct BigStart {
  std::uint32_t to = 0;
  std::uint64_t exchanges = 0;
};
// BigPing asks replica `to` for a pong to replica `from`.
struct BigPing {
  std::uint32_t to = 0;
  std::uint32_t from = 0;
};
// BigPong answers a ping of replica `to`.
struct BigPong {
  std::uint32_t to = 0;
};
// BigStop tells replica `to` to stop, once every replica has made its exchanges.
struct BigStop {
  std::uint32_t to = 0;
};
using BigMessage = std::variant<BigStart, BigPing, BigPong, BigStop>;
// courier_key() is the replica a message goes to (key_hash routing takes it modulo count).
std::size_t courier_key(const BigMessage& m) noexcept;

// BigFinished tells the driver that a replica made all its exchanges.
struct BigFinished {
  std::uint64_t round_trips = 0;
};

// BigNode, told its index, pings a random peer ("peers", a weak edge to its own type) and pings
// the next one when the pong comes back, until it has made its exchanges; then it tells the
// driver. It answers pings all along, and stops when told. Its peers are drawn with the same
// xorshift, seeded by its index, as courier-bench's A6. Thread-safety: an actor; its handlers
// run one at a time.
class BigNode final : public Actor<BigMessage> {
 public:
  static constexpr auto peers = port<BigMessage>("peers");
  static constexpr auto driver = port<BigFinished>("driver");
  static constexpr auto ports = courier::ports(peers, driver);

  explicit BigNode(const Outputs& outputs) : peers_(outputs[peers]), driver_(outputs[driver]) {}
  void on_message(BigMessage m, Context& ctx) override;

 private:
  void ping_next_peer();

  Output<BigMessage> peers_;
  Output<BigFinished> driver_;
  std::uint32_t index_ = 0;
  std::uint64_t exchanges_ = 0;
  std::uint64_t done_ = 0;
  std::uint64_t rng_ = 0;
};

// BigDriver starts the clock when it starts and gives every replica of "nodes" its index; once
// all have finished it checks the round trips, prints the result line and stops them all. It
// stops when they have (its input ends with them); stopped before all finished (Ctrl-C), it
// fails the run. Thread-safety: an actor.
class BigDriver final : public Actor<BigFinished> {
 public:
  struct Params {
    std::uint64_t exchanges_per_actor = 2'000;
    static constexpr auto fields =
        config::fields(config::param("exchanges_per_actor", &Params::exchanges_per_actor)
                           .within(1, 1'000'000'000));
  };
  static constexpr auto nodes = port<BigMessage>("nodes");
  static constexpr auto ports = courier::ports(nodes);

  BigDriver(const Params& params, const Outputs& outputs)
      : exchanges_(params.exchanges_per_actor), nodes_(outputs[nodes]) {}
  void on_start(Context& ctx) override;
  void on_message(BigFinished finished, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  std::uint64_t exchanges_;
  Output<BigMessage> nodes_;
  std::uint64_t finished_ = 0;
  std::uint64_t round_trips_ = 0;
  Clock::time_point start_{};
};

// register_big() adds bench_big_node and bench_big_driver, and names their messages.
void register_big(Registry& registry);

}  // namespace courier::apps::bench
