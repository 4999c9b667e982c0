// spawn_options.hpp: how to make an actor.
#pragma once

#include <cstdint>
#include <string>

#include "courier/actors/mailbox_kind.hpp"
#include "courier/actors/supervision.hpp"

namespace courier {

// SpawnOptions configures one actor at spawn.
struct SpawnOptions {
  std::string name{};                      // shown in errors, dead letters and summaries
  Mailbox mailbox = Mailbox::unbounded();  // its mailbox
  Supervision supervision{};               // how it supervises the children it spawns
  // budget: messages per batch (0: the system's), or the backlog the batch began with if that is
  // deeper (docs/actors.md, "Running").
  std::uint32_t budget = 0;
};

}  // namespace courier
