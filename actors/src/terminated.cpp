#include "courier/actors/terminated.hpp"

namespace courier {

const char* stop_reason_name(StopReason reason) noexcept {
  switch (reason) {
    case StopReason::requested:
      return "requested";
    case StopReason::inputs_ended:
      return "inputs_ended";
    case StopReason::failed:
      return "failed";
    case StopReason::shutdown:
      return "shutdown";
  }
  return "unknown";
}

}  // namespace courier
