#include <chrono>
#include <string>

#include "courier/actors/actor_ref.hpp"

namespace courier::detail {
namespace {

std::string describe(const CellBase& actor) {
  return "actor '" + actor.name() + "' (#" + std::to_string(actor.id()) + ")";
}

std::string format(Clock::duration d) {
  using namespace std::chrono;
  if (d >= milliseconds(10)) return std::to_string(duration_cast<milliseconds>(d).count()) + " ms";
  return std::to_string(duration_cast<microseconds>(d).count()) + " us";
}

}  // namespace

AskError empty_ref_ask_error(const std::type_info& message) {
  return {AskError::Kind::dead_target,
          "ask to an empty ActorRef with " + demangle(message) + " failed: it names no actor"};
}

AskError ask_error(AskError::Kind kind, const CellBase& target, const std::type_info& message,
                   Clock::duration waited, std::string detail) {
  std::string text = "ask to " + describe(target) + " with " + demangle(message);
  switch (kind) {
    case AskError::Kind::timeout:
      text += " timed out after " + format(waited);
      // A cycle: the target is itself waiting on an ask to the actor that asks it.
      if (auto* asker = dynamic_cast<CellBase*>(Task::current());
          asker != nullptr && (!detail.empty() || target.asking() == asker->id())) {
        text += "; " + describe(target) + " is itself waiting on an ask to " + describe(*asker) +
                ": asks in a cycle can only time out (answer one side with a plain send)";
      }
      break;
    case AskError::Kind::dead_target:
      text += " failed: " + (detail.empty() ? describe(target) + " has stopped" : detail);
      break;
    case AskError::Kind::mailbox_full:
      text += " failed: its mailbox is full";
      break;
    case AskError::Kind::wrong_reply_type:
      text += " failed: " + detail;
      break;
    case AskError::Kind::handler_failed:
    case AskError::Kind::no_reply:
      text += " failed after " + format(waited) + ": " + detail;
      break;
  }
  return {kind, std::move(text)};
}

}  // namespace courier::detail
