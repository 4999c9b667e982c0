// schema_checker.hpp: a small JSON Schema (draft 2020-12) validator for the config tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace courier::config::testing {

// check_against_schema() gives one "pointer: problem" line per violation of `schema` by `value`
// (none when it conforms). It implements the keywords topology.schema.json uses — type,
// properties, required, additionalProperties, propertyNames, minProperties, maxProperties,
// enum, minimum, maximum, pattern (ECMAScript, unanchored), items, anyOf, oneOf, and $ref to
// "#/$defs/..." — ignores annotations ($schema, title, description), and reports any other
// keyword as unsupported rather than silently accepting it.
std::vector<std::string> check_against_schema(const nlohmann::json& schema,
                                              const nlohmann::json& value);

}  // namespace courier::config::testing
