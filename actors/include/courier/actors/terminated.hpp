// terminated.hpp: the notice a watcher gets when an actor it watches has stopped.
#pragma once

#include <cstdint>
#include <string>

#include "courier/actors/dead_letters.hpp"

namespace courier {

// Why an actor stopped.
enum class StopReason : std::uint8_t {
  requested,     // stop() on its ref or its context, or its parent stopping
  inputs_ended,  // its input was ended and every strong sender had gone, mailbox drained
  failed,        // its supervisor stopped it after a failure (or at the restart limit)
  shutdown,      // the actor system shut down
};

// stop_reason_name() spells a reason.
const char* stop_reason_name(StopReason reason) noexcept;

// Terminated tells a watcher (Context::watch) that an actor has stopped for good: its on_stop
// has run and its mailbox has been drained to dead letters. It arrives on the control lane, so a
// full mailbox never delays or drops it. The actor sends its notices after it is marked stopped
// (ActorRef::is_alive() turns false) and before it leaves ActorSystem::live_actors().
struct Terminated {
  ActorId id;
  std::string name;
  StopReason reason;
};

}  // namespace courier
