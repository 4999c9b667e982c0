// wording.hpp: how problems name the values they found and the names they expected.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace courier::config::detail {

// quote() writes `text` as a JSON string literal, shortened past 60 characters.
std::string quote(std::string_view text);

// describe() names a found value: strings quoted, numbers and literals as written, "an object",
// "an array".
std::string describe(const nlohmann::json& value);

// quote_list() writes `"a", "b", "c"`; past 12 names it writes the first 12 and "…".
std::string quote_list(const std::vector<std::string>& names);

}  // namespace courier::config::detail
