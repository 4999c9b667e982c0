// registry.cpp: the registered actor types, and the catalog the validator reads.
#include "courier/config/registry.hpp"

#include <stdexcept>

namespace courier {

void Registry::insert(detail::TypeEntry entry) {
  if (entry.name.empty()) throw std::invalid_argument("courier: an actor type needs a name");
  if (find(entry.name) != nullptr) {
    throw std::invalid_argument("courier: actor type \"" + entry.name + "\" is already registered");
  }
  types_.push_back(std::move(entry));
}

const detail::TypeEntry* Registry::find(std::string_view type_name) const {
  for (const detail::TypeEntry& e : types_) {
    if (e.name == type_name) return &e;
  }
  return nullptr;
}

std::string Registry::message_name(const std::type_info& type) const {
  const auto it = names_.find(std::type_index(type));
  return it != names_.end() ? it->second : demangle(type);
}

config::TypeCatalog Registry::catalog() const {
  config::TypeCatalog catalog;
  for (const detail::TypeEntry& e : types_) {
    config::TypeInfo info;
    info.name = e.name;
    info.message_type = message_name(*e.message);
    for (const auto& port : e.ports) info.ports.push_back({port.name, message_name(*port.type)});
    info.check_params = e.check_params;
    info.check_message = e.check_message;
    info.params = e.params;
    info.params_doc = e.params ? config::describe_params(*e.params) : e.params_doc;
    info.keyed = e.keyed;
    catalog.add(std::move(info));
  }
  return catalog;
}

}  // namespace courier
