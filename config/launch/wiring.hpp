// wiring.hpp: a topology's groups and actors, spawned and wired in an actor system.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "courier/config/registry.hpp"
#include "courier/config/topology.hpp"
#include "group_actor.hpp"
#include "run_summary.hpp"

namespace courier::config::detail {

// Wiring builds a topology in `system`: one GroupActor per supervision group, then every actor's
// replicas under their group, each handed Outputs whose routes are bound once every actor exists.
// Nothing runs until start() opens the gate the group actors wait on. It counts the dead letters
// of each actor (a DeadLetters subscriber) until it is destroyed.
// Thread-safety: one thread (the launcher's); the dead-letter counter is safe from any thread.
// Destroy it before its system.
class Wiring {
 public:
  // Throws if an actor cannot be built: an unregistered type, params its from_json refuses,
  // key_hash routing without a key, or a constructor that throws.
  Wiring(ActorSystem& system, const Topology& topology, const Registry& registry);
  ~Wiring();
  Wiring(const Wiring&) = delete;
  Wiring& operator=(const Wiring&) = delete;

  // start() opens the gate (the actors start), sends the injected messages and ends the input of
  // every actor with an incoming strong edge. It gives the names of the actors an injected
  // message could not be delivered to.
  std::vector<std::string> start();

  // stop_sources() stops the actors with no incoming strong edge; the rest then drain and end.
  void stop_sources();

  // Load is a snapshot for the progress line.
  struct Load {
    std::uint64_t handled = 0;
    std::uint32_t deepest = 0;
    std::string deepest_actor;
  };
  Load load() const;

  // still_running() gives the names of the actors with a replica that has not terminated, in the
  // file's order.
  std::vector<std::string> still_running() const;

  // summarize() gives each actor's figures, in the file's order.
  std::vector<ActorSummary> summarize() const;

 private:
  struct Placed {
    const ActorPlan* plan;
    const courier::detail::TypeEntry* type;
    std::vector<std::shared_ptr<courier::detail::CellBase>> replicas;
    bool source = true;  // no incoming strong edge
  };
  struct GroupNode {
    ActorRef<courier::detail::GroupMessage> ref;
    std::shared_ptr<GroupState> state;
  };

  void spawn_groups(const Topology& topology);
  void spawn_actors(const Topology& topology, const Registry& registry);
  void count_dead_letter(ActorId to) noexcept;

  ActorSystem& system_;
  const Topology& topology_;
  std::shared_ptr<Event> gate_ = std::make_shared<Event>();
  std::map<std::string, GroupNode, std::less<>> groups_;
  std::vector<Placed> actors_;                      // the file's order
  std::unordered_map<ActorId, std::size_t> index_;  // replica id → its entry of actors_
  std::unique_ptr<std::atomic<std::uint64_t>[]> dead_letters_;
  std::size_t subscription_ = 0;
};

}  // namespace courier::config::detail
