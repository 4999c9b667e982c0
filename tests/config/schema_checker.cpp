// schema_checker.cpp: the keywords of topology.schema.json, applied recursively.
#include "schema_checker.hpp"

// GCC 12 warns of uninitialized std::function members inside <regex> when optimising with
// sanitizers (GCC bug 105562, a false positive); warnings are errors here. clang has no such
// warning and rejects the unknown name.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#include <set>

#include "courier/config/json_pointer.hpp"

namespace courier::config::testing {

namespace {

using nlohmann::json;

// SchemaChecker walks a value and its schema together, collecting violations. Thread-safety:
// not thread-safe.
class SchemaChecker {
 public:
  explicit SchemaChecker(const json& root) : root_(root) {}

  void check(const json& schema, const json& value, const std::string& at);
  std::vector<std::string> take() { return std::move(problems_); }

 private:
  bool conforms(const json& schema, const json& value) {
    SchemaChecker inner(root_);
    inner.check(schema, value, "");
    return inner.problems_.empty();
  }
  void fail(const std::string& at, const std::string& what) {
    problems_.push_back(at + ": " + what);
  }
  void check_object(const json& schema, const json& value, const std::string& at);
  static bool has_type(const json& value, const std::string& type);

  const json& root_;
  std::vector<std::string> problems_;
};

bool SchemaChecker::has_type(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") return value.is_number_integer();
  return false;
}

void SchemaChecker::check_object(const json& schema, const json& value, const std::string& at) {
  const json empty = json::object();
  const json& properties = schema.contains("properties") ? schema["properties"] : empty;
  for (const auto& [key, member] : value.items()) {
    const std::string member_at = pointer_append(at, key);
    if (schema.contains("propertyNames")) check(schema["propertyNames"], key, member_at);
    if (properties.contains(key)) {
      check(properties[key], member, member_at);
    } else if (schema.contains("additionalProperties")) {
      const json& extra = schema["additionalProperties"];
      if (extra.is_boolean() && !extra.get<bool>()) {
        fail(member_at, "additional property");
      } else if (extra.is_object()) {
        check(extra, member, member_at);
      }
    }
  }
  if (schema.contains("required")) {
    for (const json& key : schema["required"]) {
      if (!value.contains(key.get<std::string>())) fail(at, "missing " + key.dump());
    }
  }
  if (schema.contains("minProperties") &&
      value.size() < schema["minProperties"].get<std::size_t>()) {
    fail(at, "too few properties");
  }
  if (schema.contains("maxProperties") &&
      value.size() > schema["maxProperties"].get<std::size_t>()) {
    fail(at, "too many properties");
  }
}

void SchemaChecker::check(const json& schema, const json& value, const std::string& at) {
  static const std::set<std::string> kKnown{"$schema",
                                            "title",
                                            "description",
                                            "type",
                                            "properties",
                                            "required",
                                            "additionalProperties",
                                            "propertyNames",
                                            "minProperties",
                                            "maxProperties",
                                            "enum",
                                            "minimum",
                                            "maximum",
                                            "pattern",
                                            "items",
                                            "anyOf",
                                            "oneOf",
                                            "$ref",
                                            "$defs"};
  for (const auto& [keyword, argument] : schema.items()) {
    if (!kKnown.contains(keyword)) fail(at, "unsupported keyword " + keyword);
  }
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    check(root_.at(json::json_pointer(ref.substr(1))), value, at);  // "#/$defs/x" → "/$defs/x"
  }
  if (schema.contains("type") && !has_type(value, schema["type"])) {
    fail(at, "not of type " + schema["type"].get<std::string>());
    return;
  }
  if (schema.contains("enum")) {
    bool listed = false;
    for (const json& option : schema["enum"]) listed = listed || option == value;
    if (!listed) fail(at, value.dump() + " not in " + schema["enum"].dump());
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value < schema["minimum"]) fail(at, "below minimum");
    if (schema.contains("maximum") && value > schema["maximum"]) fail(at, "above maximum");
  }
  if (value.is_string() && schema.contains("pattern") &&
      !std::regex_search(value.get<std::string>(), std::regex(schema["pattern"].get<std::string>(),
                                                              std::regex::ECMAScript))) {
    fail(at, value.dump() + " does not match " + schema["pattern"].get<std::string>());
  }
  if (value.is_object()) check_object(schema, value, at);
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i)
      check(schema["items"], value[i], pointer_append(at, i));
  }
  if (schema.contains("anyOf")) {
    bool any = false;
    for (const json& option : schema["anyOf"]) any = any || conforms(option, value);
    if (!any) fail(at, "matches none of anyOf");
  }
  if (schema.contains("oneOf")) {
    int matches = 0;
    for (const json& option : schema["oneOf"]) matches += conforms(option, value) ? 1 : 0;
    if (matches != 1) fail(at, "matches " + std::to_string(matches) + " of oneOf");
  }
}

}  // namespace

std::vector<std::string> check_against_schema(const json& schema, const json& value) {
  SchemaChecker checker(schema);
  checker.check(schema, value, "");
  return checker.take();
}

}  // namespace courier::config::testing
