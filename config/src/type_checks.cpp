// type_checks.cpp: a type's own checks, made safe to call on any file.
#include "type_checks.hpp"

#include <exception>

#include "courier/config/params.hpp"

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
  for (ParamError& error : errors) {
    if (error.at_name) {
      checker.key_error(pointer + error.pointer, std::move(error.message));
    } else {
      checker.error(pointer + error.pointer, std::move(error.message));
    }
  }
}

bool report_declared_params(Checker& checker, const std::vector<ParamInfo>& params,
                            const nlohmann::json& value, const std::string& pointer) {
  const Suggest suggest = [&checker](std::string_view word, const std::vector<std::string>& names) {
    return checker.did_you_mean(word, names);
  };
  const ParamCheck check = [&](const nlohmann::json& v) {
    return check_declared_params(params, v, suggest);
  };
  const std::size_t before = checker.error_count();
  report_type_check(checker, check, value, pointer);
  return checker.error_count() == before;
}

}  // namespace courier::config::detail
