// signal.hpp: what travels on an actor's control lane, beside (never behind) its mailbox.
#pragma once

#include <cstddef>
#include <exception>
#include <memory>
#include <variant>

#include "courier/actors/terminated.hpp"

namespace courier::detail {

class CellBase;

namespace signal {
struct Stop {
  StopReason reason;
};
struct Restart {
  std::exception_ptr cause;
};
struct EndInput {};  // drop the actor's own hold on its input (see ActorRef::end_input)
struct AdoptChild {
  std::shared_ptr<CellBase> child;
};
// A child names itself by pointer and by its slot in the parent's list: the parent compares the
// pointer without following it, since the child may be gone by the time the signal is handled.
// A failed child may also end before its parent reads the failure, and the parent may reclaim
// its slot and give it to a new child at the same address: the id tells them apart.
struct ChildFailed {
  CellBase* child;
  std::size_t slot;
  ActorId id;
  std::exception_ptr cause;
};
struct ChildTerminated {
  CellBase* child;
  std::size_t slot;
};
}  // namespace signal

// Signal is one control message. Stop and Restart also cancel a handler's wait, so that an actor
// suspended in an ask or a send can always be stopped.
using Signal = std::variant<signal::Stop, signal::Restart, signal::EndInput, signal::AdoptChild,
                            signal::ChildFailed, signal::ChildTerminated, Terminated>;

}  // namespace courier::detail
