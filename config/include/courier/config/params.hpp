// params.hpp: reading the optional members of an actor type's params in its from_json.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "courier/config/units.hpp"

namespace courier::config {

// read_if_present() reads `j[key]` into `value` when `j` has it, leaving the default otherwise;
// a wrong JSON type throws nlohmann's type_error, which validation reports at the param's path.
template <class T>
void read_if_present(const nlohmann::json& j, const char* key, T& value) {
  if (j.contains(key)) j.at(key).get_to(value);
}

// read_duration_if_present() reads a duration string ("250ms", "5s") at `j[key]` when present,
// with the topology files' own units; std::invalid_argument when it is not one.
inline void read_duration_if_present(const nlohmann::json& j, const char* key,
                                     std::chrono::milliseconds& value) {
  if (!j.contains(key)) return;
  const auto parsed = parse_duration(j.at(key).get<std::string>());
  if (!parsed) {
    std::string what = key;
    what += " must be a duration such as \"250ms\" or \"2s\"";
    throw std::invalid_argument(what);
  }
  value = *parsed;
}

}  // namespace courier::config
