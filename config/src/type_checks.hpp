// type_checks.hpp: running an actor type's own check of its params or of a message.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checker.hpp"
#include "courier/config/catalog.hpp"

namespace courier::config::detail {

// report_type_check() runs `check` on `value`, found at `pointer`, and reports each problem it
// gives at its own pointer below `pointer`; an exception is reported at `pointer` itself.
void report_type_check(Checker& checker, const ParamCheck& check, const nlohmann::json& value,
                       const std::string& pointer);

}  // namespace courier::config::detail
