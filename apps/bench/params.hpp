// params.hpp: reading the sizes of a bench topology from its actors' params.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string_view>

namespace courier::apps::bench {

// read_size() sets `value` from the member `key` of `params` when it is there. Throws
// std::invalid_argument (which the validator reports at the params) unless it is a whole number
// from 1 to `max`.
void read_size(const nlohmann::json& params, std::string_view key, std::uint64_t& value,
               std::uint64_t max);

// refuse_unknown() throws std::invalid_argument when `params` is not an object or has a member
// not in `known`: a misspelt size would otherwise silently run the default, which is slow.
void refuse_unknown(const nlohmann::json& params, std::initializer_list<std::string_view> known);

}  // namespace courier::apps::bench
