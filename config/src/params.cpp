// params.cpp: checking, describing and giving the schema of declared params.
#include "courier/config/params.hpp"

#include <algorithm>

#include "courier/config/json_pointer.hpp"
#include "wording.hpp"

namespace courier::config {

namespace {

using detail::describe;
using detail::quote;
using nlohmann::json;

constexpr std::int64_t kLowest = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kHighest = std::numeric_limits<std::int64_t>::max();

// expected_kind() words what a member of `param`'s type must be, as in "expected an integer".
std::string expected_kind(const ParamInfo& param) {
  switch (param.kind) {
    case ParamKind::boolean:
      return "true or false";
    case ParamKind::integer: {
      const std::int64_t low = param.minimum.value_or(kLowest);
      const std::int64_t high = param.maximum.value_or(kHighest);
      if (low != kLowest && high != kHighest) {
        return "an integer from " + std::to_string(low) + " to " + std::to_string(high);
      }
      if (low != kLowest) return "an integer from " + std::to_string(low) + " up";
      if (high != kHighest) return "an integer up to " + std::to_string(high);
      return "an integer";
    }
    case ParamKind::number:
      return "a number";
    case ParamKind::string:
      return "a string";
    case ParamKind::duration:
      return "a duration such as \"250ms\" or \"2s\"";
  }
  return "a value";
}

// short_kind() names the type as `courier types` lists it.
std::string_view short_kind(ParamKind kind) {
  switch (kind) {
    case ParamKind::boolean:
      return "bool";
    case ParamKind::integer:
      return "int";
    case ParamKind::number:
      return "number";
    case ParamKind::string:
      return "string";
    case ParamKind::duration:
      return "duration";
  }
  return "value";
}

bool in_range(const ParamInfo& param, const json& value) {
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t{kHighest}) {
    return false;
  }
  const std::int64_t n = value.get<std::int64_t>();
  return n >= param.minimum.value_or(kLowest) && n <= param.maximum.value_or(kHighest);
}

// fits() tells whether `value` is of `param`'s type and within its range.
bool fits(const ParamInfo& param, const json& value) {
  switch (param.kind) {
    case ParamKind::boolean:
      return value.is_boolean();
    case ParamKind::integer:
      return value.is_number_integer() && in_range(param, value);
    case ParamKind::number:
      return value.is_number();
    case ParamKind::string:
      return value.is_string();
    case ParamKind::duration:
      return value.is_string() && parse_duration(value.get<std::string>()).has_value();
  }
  return false;
}

// range_text() writes an integer's range as `courier types` shows it ("1..1000", ">= 0"), or ""
// when it is the whole of int64.
std::string range_text(const ParamInfo& param) {
  const std::int64_t low = param.minimum.value_or(kLowest);
  const std::int64_t high = param.maximum.value_or(kHighest);
  if (low != kLowest && high != kHighest) return std::to_string(low) + ".." + std::to_string(high);
  if (low != kLowest) return ">= " + std::to_string(low);
  if (high != kHighest) return "<= " + std::to_string(high);
  return "";
}

}  // namespace

std::vector<ParamError> check_declared_params(const std::vector<ParamInfo>& params,
                                              const json& value, const Suggest& suggest) {
  std::vector<ParamError> problems;
  std::vector<std::string> names;
  names.reserve(params.size());
  for (const ParamInfo& param : params) names.push_back(param.name);
  for (const auto& [key, member] : value.items()) {
    const auto declared = std::ranges::find(params, key, &ParamInfo::name);
    if (declared == params.end()) {
      const std::string expected = names.empty()
                                       ? "no params, found "
                                       : "a key among " + detail::quote_list(names) + ", found ";
      problems.push_back(
          {pointer_append("", key),
           "expected " + expected + quote(key) + (suggest ? suggest(key, names) : ""), true});
    } else if (!fits(*declared, member)) {
      problems.push_back({pointer_append("", key),
                          "expected " + expected_kind(*declared) + ", found " + describe(member)});
    }
  }
  for (const ParamInfo& param : params) {
    if (param.required && !value.contains(param.name)) {
      problems.push_back(
          {pointer_append("", param.name), "expected the required member " + quote(param.name) +
                                               " (" + expected_kind(param) + "), found nothing"});
    }
  }
  return problems;
}

std::string describe_params(const std::vector<ParamInfo>& params) {
  if (params.empty()) return "none";
  std::string text;
  for (const ParamInfo& param : params) {
    if (!text.empty()) text += ", ";
    text += param.name;
    text += ": ";
    text += short_kind(param.kind);
    if (!param.required) text += " = " + param.default_value.dump();
    std::vector<std::string> notes;
    if (param.required) notes.emplace_back("required");
    if (param.kind == ParamKind::integer && !range_text(param).empty()) {
      notes.push_back(range_text(param));
    }
    if (!param.doc.empty()) notes.push_back(param.doc);
    for (std::size_t i = 0; i < notes.size(); ++i) text += (i == 0 ? " (" : "; ") + notes[i];
    if (!notes.empty()) text += ")";
  }
  return text;
}

json params_schema(const std::vector<ParamInfo>& params) {
  json properties = json::object();
  json required = json::array();
  for (const ParamInfo& param : params) {
    json member = json::object();
    switch (param.kind) {
      case ParamKind::boolean:
        member["type"] = "boolean";
        break;
      case ParamKind::integer:
        member["type"] = "integer";
        if (param.minimum) member["minimum"] = *param.minimum;
        if (param.maximum) member["maximum"] = *param.maximum;
        break;
      case ParamKind::number:
        member["type"] = "number";
        break;
      case ParamKind::string:
        member["type"] = "string";
        break;
      case ParamKind::duration:
        member["type"] = "string";
        member["pattern"] = "^[0-9]+(ms|s|m|h)$";
        break;
    }
    if (!param.doc.empty()) member["description"] = param.doc;
    if (param.required) {
      required.push_back(param.name);
    } else {
      member["default"] = param.default_value;
    }
    properties[param.name] = std::move(member);
  }
  json schema = {{"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

json topology_schema(json base, const TypeCatalog& catalog) {
  json cases = json::array();
  for (const TypeInfo& type : catalog.all()) {
    json params;
    if (!type.check_params) {
      params = {{"type", "object"}, {"maxProperties", 0}};
    } else if (type.params) {
      params = params_schema(*type.params);
    } else {
      continue;  // read by the type's own from_json: nothing to say about its members
    }
    cases.push_back({{"if", {{"properties", {{"type", {{"const", type.name}}}}}}},
                     {"then", {{"properties", {{"params", std::move(params)}}}}}});
  }
  if (!cases.empty()) base["$defs"]["actor"]["allOf"] = std::move(cases);
  return base;
}

}  // namespace courier::config
