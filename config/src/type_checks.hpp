// type_checks.hpp: running an actor type's own check of its params or of a message.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checker.hpp"
#include "courier/config/catalog.hpp"

namespace courier::config::detail {

// report_type_check() runs `check` on `value`, found at `pointer`, and reports each problem it
// gives at its own pointer below `pointer`; an exception is reported at `pointer` itself.
void report_type_check(Checker& checker, const ParamCheck& check, const nlohmann::json& value,
                       const std::string& pointer);

// report_declared_params() reports every member of the params object `value`, found at
// `pointer`, that its type does not declare (with a suggestion), lacks though required, or has
// of the wrong type, each at the member's own pointer; false when there was any.
[[nodiscard]] bool report_declared_params(Checker& checker, const std::vector<ParamInfo>& params,
                                          const nlohmann::json& value, const std::string& pointer);

}  // namespace courier::config::detail
