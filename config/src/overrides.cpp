// overrides.cpp: --set arguments.
#include "courier/config/overrides.hpp"

#include "courier/config/json_reader.hpp"
#include "wording.hpp"

namespace courier::config {

namespace {

using nlohmann::json;

// is_index() says whether `token` is an array index as JSON pointers write them.
bool is_index(std::string_view token) {
  if (token.empty() || token.size() > 9) return false;  // past 9 digits no array is that long
  if (token.size() > 1 && token[0] == '0') return false;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<Override> parse_override(std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) return std::nullopt;
  std::string pointer(assignment.substr(0, equals));
  if (pointer.empty()) return std::nullopt;
  try {
    (void)json::json_pointer(pointer);  // validates the syntax
  } catch (const json::exception&) {
    return std::nullopt;
  }
  const std::string_view text = assignment.substr(equals + 1);
  JsonDocument parsed = read_json(text);
  json value = parsed.syntax_error ? json(std::string(text)) : std::move(parsed.value);
  return Override{std::move(pointer), std::move(value)};
}

std::string apply_override(json& document, const Override& override) {
  const json::json_pointer pointer(override.pointer);
  const json::json_pointer parent_pointer = pointer.parent_pointer();
  const std::string& last = pointer.back();
  if (!document.contains(parent_pointer)) {
    return "expected an existing object or array at " + detail::quote(parent_pointer.to_string()) +
           " to set " + detail::quote(last) + " in, found nothing";
  }
  json& parent = document[parent_pointer];
  if (parent.is_object()) {
    parent[last] = override.value;
    return "";
  }
  if (parent.is_array()) {
    if (last == "-" || (is_index(last) && std::stoul(last) == parent.size())) {
      parent.push_back(override.value);
      return "";
    }
    if (is_index(last) && std::stoul(last) < parent.size()) {
      parent[std::stoul(last)] = override.value;
      return "";
    }
    return "expected an index from 0 to " + std::to_string(parent.size()) +
           " or \"-\" in the array at " + detail::quote(parent_pointer.to_string()) + ", found " +
           detail::quote(last);
  }
  return "expected an object or array at " + detail::quote(parent_pointer.to_string()) +
         " to set " + detail::quote(last) + " in, found " + detail::describe(parent);
}

}  // namespace courier::config
