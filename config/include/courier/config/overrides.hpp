// overrides.hpp: `--set /json/pointer=value`, changing a topology before it is validated.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace courier::config {

// Override is one `--set POINTER=VALUE` argument, parsed.
struct Override {
  std::string pointer;  // where to set, e.g. "/runtime/workers"
  nlohmann::json value;
};

// parse_override() splits `assignment` at its first '='. The pointer must be a non-empty JSON
// pointer; the value is read as JSON when it is JSON ("4", "true", "{\"kind\": \"unbounded\"}")
// and taken as a string otherwise ("64KiB"). nullopt when there is no '=' or no valid pointer.
std::optional<Override> parse_override(std::string_view assignment);

// apply_override() sets `override.value` at `override.pointer` in `document`: it replaces an
// existing value, adds a member to an existing object, or adds an element at the end of an
// existing array ("-" or the index one past the end). It gives "" on success, otherwise what is
// wrong ("expected …, found …"); it never creates the missing objects on the way.
std::string apply_override(nlohmann::json& document, const Override& override);

}  // namespace courier::config
