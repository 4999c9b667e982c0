// json_params.cpp: duration params read with the topology files' own units.
#include "bank/json_params.hpp"

#include <stdexcept>
#include <string>

#include "courier/config/units.hpp"

namespace courier::apps::bank {

void read_duration_if_present(const nlohmann::json& j, const char* key,
                              std::chrono::milliseconds& value) {
  if (!j.contains(key)) return;
  const auto parsed = config::parse_duration(j.at(key).get<std::string>());
  if (!parsed) {
    std::string what = key;
    what += " must be a duration such as \"250ms\" or \"2s\"";
    throw std::invalid_argument(what);
  }
  value = *parsed;
}

}  // namespace courier::apps::bank
