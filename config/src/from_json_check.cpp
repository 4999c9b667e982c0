// from_json_check.cpp: wording nlohmann's exceptions like the validator's own problems.
#include "courier/config/from_json_check.hpp"

#include <string_view>

#include "courier/config/json_pointer.hpp"

namespace courier::config {

namespace {

// kind_name() turns nlohmann's type names ("string", "number") into "a string", "a number".
std::string kind_name(std::string_view kind) {
  if (kind == "null") return "null";
  if (kind == "boolean") return "true or false";
  const bool vowel =
      !kind.empty() && std::string_view("aeiou").find(kind[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(kind);
}

}  // namespace

ParamError param_error_from(const nlohmann::json::exception& e) {
  std::string_view what = e.what();
  // "[json.exception.<kind>.<id>] <message>"
  if (const std::size_t end = what.find("] "); end != std::string_view::npos) {
    what.remove_prefix(end + 2);
  }
  constexpr int kKeyNotFound = 403;
  constexpr int kWrongType = 302;
  if (e.id == kKeyNotFound && what.starts_with("key '") && what.ends_with("' not found")) {
    const std::string_view key = what.substr(5, what.size() - 5 - 11);
    return ParamError{pointer_append("", key), "expected this required member, found nothing"};
  }
  constexpr std::string_view kMust = "type must be ";
  constexpr std::string_view kBut = ", but is ";
  if (e.id == kWrongType && what.starts_with(kMust)) {
    if (const std::size_t but = what.find(kBut); but != std::string_view::npos) {
      const std::string_view expected = what.substr(kMust.size(), but - kMust.size());
      const std::string_view found = what.substr(but + kBut.size());
      return ParamError{"", "expected " + kind_name(expected) + ", found " + kind_name(found) +
                                " in one of its members"};
    }
  }
  return ParamError{"", std::string(what)};
}

}  // namespace courier::config
