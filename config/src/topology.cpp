// topology.cpp: names of the plan's enumerations, and lookups.
#include "courier/config/topology.hpp"

namespace courier::config {

std::string_view to_string(MailboxKind kind) {
  return kind == MailboxKind::bounded ? "bounded" : "unbounded";
}

std::string_view to_string(Overflow overflow) {
  switch (overflow) {
    case Overflow::wait:
      return "wait";
    case Overflow::fail:
      return "fail";
    case Overflow::drop_newest:
      return "drop_newest";
  }
  return "wait";
}

std::string_view to_string(Routing routing) {
  return routing == Routing::round_robin ? "round_robin" : "key_hash";
}

std::string_view to_string(Strategy strategy) {
  return strategy == Strategy::one_for_one ? "one_for_one" : "all_for_one";
}

std::string_view to_string(OnLimit on_limit) {
  return on_limit == OnLimit::escalate ? "escalate" : "stop";
}

const ActorPlan* Topology::find_actor(std::string_view name) const {
  for (const ActorPlan& actor : actors) {
    if (actor.name == name) return &actor;
  }
  return nullptr;
}

const GroupPlan* Topology::find_group(std::string_view name) const {
  for (const GroupPlan& group : supervision) {
    if (group.name == name) return &group;
  }
  return nullptr;
}

}  // namespace courier::config
