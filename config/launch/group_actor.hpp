// group_actor.hpp: the actor that stands for one supervision group of a topology.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "courier/actors/actor.hpp"
#include "courier/actors/context.hpp"
#include "courier/config/registry.hpp"
#include "courier/scheduler/event.hpp"

namespace courier::config::detail {

// GroupState is what a group actor keeps across its own restarts (its constructor argument is
// copied into each instance). The launcher fills `watches` before it opens `gate`.
struct GroupState {
  std::shared_ptr<Event> gate;                         // opened once the whole topology is wired
  std::vector<std::function<void(Context&)>> watches;  // one per member and nested group
  std::size_t remaining = 0;                           // members not yet terminated
};

// GroupActor supervises the members of one group (its children, spawned under it with
// ActorSystem::spawn_under) with the group's policy, and has no messages of its own. Its
// on_start waits for the launcher's gate, so that its members (adopted right after on_start)
// start only once every edge of the topology is wired. It watches its members and stops when the
// last has terminated. A restart (its own members escalated and its parent restarted it) stops
// its members, as with any actor's children; it then stops too.
// Thread-safety: an actor; the launcher touches the state only before the gate opens.
class GroupActor final : public Actor<courier::detail::GroupMessage> {
 public:
  explicit GroupActor(std::shared_ptr<GroupState> state) noexcept : state_(std::move(state)) {}

  void on_start(Context& ctx) override;
  void on_restart(Context& ctx, const std::exception_ptr& cause) override;
  void on_terminated(const Terminated& notice, Context& ctx) override;
  void on_message(courier::detail::GroupMessage message, Context& ctx) override;

 private:
  std::shared_ptr<GroupState> state_;
};

}  // namespace courier::config::detail
