// type_checks.cpp: a type's own checks, made safe to call on any file.
#include "type_checks.hpp"

#include <exception>

namespace courier::config::detail {

void report_type_check(Checker& checker, const ParamCheck& check, const nlohmann::json& value,
                       const std::string& pointer) {
  std::vector<ParamError> errors;
  try {
    errors = check(value);
  } catch (const std::exception& e) {
    // A check is a user's from_json; whatever it throws is a problem with the value.
    checker.error(pointer, e.what());
    return;
  }
  for (ParamError& error : errors) checker.error(pointer + error.pointer, std::move(error.message));
}

}  // namespace courier::config::detail
