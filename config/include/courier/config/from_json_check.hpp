// from_json_check.hpp: a ParamCheck made from a type's nlohmann from_json.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "courier/config/catalog.hpp"

namespace courier::config {

// param_error_from() words an exception of nlohmann's from_json as a ParamError: a missing key
// ("key 'path' not found") is placed at that key, anything else at the value itself, since
// nlohmann does not say which member it was reading.
ParamError param_error_from(const nlohmann::json::exception& e);

// check_with_from_json<T>() is a ParamCheck that reads the value into a T with from_json.
template <class T>
std::vector<ParamError> check_with_from_json(const nlohmann::json& value) {
  try {
    (void)value.get<T>();
    return {};
  } catch (const nlohmann::json::exception& e) {
    return {param_error_from(e)};
  }
}

}  // namespace courier::config
