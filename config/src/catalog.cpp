// catalog.cpp: the registered actor types.
#include "courier/config/catalog.hpp"

#include <stdexcept>

namespace courier::config {

void TypeCatalog::add(TypeInfo type) {
  if (type.name.empty()) throw std::invalid_argument("courier::config: a type needs a name");
  if (find(type.name) != nullptr) {
    throw std::invalid_argument("courier::config: type \"" + type.name +
                                "\" is already registered");
  }
  types_.push_back(std::move(type));
}

const TypeInfo* TypeCatalog::find(std::string_view name) const {
  for (const TypeInfo& type : types_) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

std::vector<std::string> TypeCatalog::names() const {
  std::vector<std::string> out;
  out.reserve(types_.size());
  for (const TypeInfo& type : types_) out.push_back(type.name);
  return out;
}

const PortInfo* find_port(const TypeInfo& type, std::string_view name) {
  for (const PortInfo& port : type.ports) {
    if (port.name == name) return &port;
  }
  return nullptr;
}

}  // namespace courier::config
