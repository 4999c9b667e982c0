// validate.hpp: the whole validation of a topology text, which load_topology() and the fuzzer
// (config/fuzz) both call.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "courier/config/catalog.hpp"
#include "courier/config/diagnostics.hpp"
#include "courier/config/topology.hpp"

namespace courier::config::detail {

// Validation is a topology, or every problem that prevents one.
struct Validation {
  std::optional<Topology> topology;  // set exactly when diagnostics has no errors
  Diagnostics diagnostics;
};

// validate_topology() parses `text` (named `file` in reports), applies the `overrides`
// ("/json/pointer=value") and checks everything against `catalog`. It never throws on bad input.
Validation validate_topology(std::string_view text, std::string_view file,
                             const TypeCatalog& catalog, std::span<const std::string> overrides);

}  // namespace courier::config::detail
