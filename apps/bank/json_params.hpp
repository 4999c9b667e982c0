// json_params.hpp: reading the optional members of the bank types' params.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>

namespace courier::apps::bank {

// read_if_present() reads `j[key]` into `value` when `j` has it, leaving the default otherwise.
template <class T>
void read_if_present(const nlohmann::json& j, const char* key, T& value) {
  if (j.contains(key)) j.at(key).get_to(value);
}

// read_duration_if_present() reads a duration string ("250ms", "5s") at `j[key]` when present;
// std::invalid_argument when it is not one.
void read_duration_if_present(const nlohmann::json& j, const char* key,
                              std::chrono::milliseconds& value);

}  // namespace courier::apps::bank
