// outputs.cpp: an actor's ports, as the launcher wired them.
#include <stdexcept>

#include "courier/config/ports.hpp"

namespace courier {

void Outputs::declare(std::string name, const std::type_info& type) {
  slots_.push_back({std::move(name), &type, nullptr});
}

void Outputs::connect(std::string_view name, std::shared_ptr<detail::RouteBase> route) {
  for (Slot& slot : slots_) {
    if (slot.name == name) {
      slot.route = std::move(route);
      return;
    }
  }
  throw std::logic_error("courier: no port '" + std::string(name) + "' to connect");
}

const Outputs::Slot& Outputs::find(std::string_view name, const std::type_info& type) const {
  for (const Slot& slot : slots_) {
    if (slot.name != name) continue;
    if (*slot.type != type) {
      throw std::logic_error("courier: port '" + slot.name + "' sends " + demangle(*slot.type) +
                             ", not " + demangle(type));
    }
    return slot;
  }
  throw std::logic_error("courier: the actor type declares no port '" + std::string(name) + "'");
}

}  // namespace courier
