// params.hpp: declaring an actor type's params once, next to its params struct.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "courier/config/catalog.hpp"
#include "courier/config/units.hpp"

namespace courier::config {

// A params struct declares its members in a static `fields`, from which the loader checks files
// (unknown, missing and wrongly typed members, each at its own pointer), the launcher reads the
// struct, and `courier types` and the schema describe it:
//   struct Params {
//     std::string path;
//     std::int64_t chunk_bytes = 262144;
//     static constexpr auto fields = config::fields(
//         config::param("path", &Params::path, "the file to read").required(),
//         config::param("chunk_bytes", &Params::chunk_bytes, "bytes per read").within(1, 1 << 30));
//   };
// An optional member's default is the struct's own initializer. The JSON type follows the C++
// type: bool, an integer type, a floating-point type, std::string, std::chrono::milliseconds
// (written "250ms", "2s"). Checks the declaration cannot express (a file that must exist, a
// probability below 1) go in an optional `std::vector<config::ParamError> check() const`, whose
// problems are reported at their own pointers ("/path") once the members read correctly.

// param_kind_of<T>() is the JSON type of a member of C++ type T.
template <class T>
consteval ParamKind param_kind_of() {
  if constexpr (std::same_as<T, bool>) {
    return ParamKind::boolean;
  } else if constexpr (std::integral<T>) {
    return ParamKind::integer;
  } else if constexpr (std::floating_point<T>) {
    return ParamKind::number;
  } else if constexpr (std::same_as<T, std::string>) {
    return ParamKind::string;
  } else {
    static_assert(std::same_as<T, std::chrono::milliseconds>,
                  "a param is a bool, an integer, a floating-point number, a std::string or a "
                  "std::chrono::milliseconds");
    return ParamKind::duration;
  }
}

// Param declares member `member` of params struct P, named `name` in files. A constexpr value:
// build it with param() and refine it with required() or within().
template <class P, class T>
struct Param {
  std::string_view name;
  T P::*member;
  std::string_view doc;
  bool is_required = false;
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;

  // required(): a file must give this member; it then has no default.
  [[nodiscard]] constexpr Param required() const {
    Param p = *this;
    p.is_required = true;
    return p;
  }

  // within() accepts only integers from `low` to `high`, both included.
  [[nodiscard]] constexpr Param within(std::int64_t low, std::int64_t high) const
      requires(param_kind_of<T>() == ParamKind::integer) {
    Param p = *this;
    p.minimum = low;
    p.maximum = high;
    return p;
  }

  // at_least() accepts only integers from `low` up.
  [[nodiscard]] constexpr Param at_least(std::int64_t low) const
      requires(param_kind_of<T>() == ParamKind::integer) {
    Param p = *this;
    p.minimum = low;
    return p;
  }
};

// param() declares one member; `doc` is one line for `courier types` and the schema.
template <class P, class T>
[[nodiscard]] constexpr Param<P, T> param(std::string_view name, T P::*member,
                                          std::string_view doc = {}) {
  return Param<P, T>{name, member, doc, false, std::nullopt, std::nullopt};
}

// fields() gathers a struct's declared members, in the order `courier types` lists them.
template <class... Members>
[[nodiscard]] constexpr std::tuple<Members...> fields(Members... members) {
  return std::tuple<Members...>{members...};
}

// DeclaredParams: a params struct that declares its members in a static `fields`.
template <class P>
concept DeclaredParams = std::is_default_constructible_v<P> && requires {
  P::fields;
};

// Suggest gives ` [did you mean "x"?]` for the name nearest a misspelt word, or "".
using Suggest =
    std::function<std::string(std::string_view word, const std::vector<std::string>& names)>;

// check_declared_params() reports every member of `value` (an object) that is not declared, is
// missing though required, or is not of its declared type or range, each at its own pointer
// ("/lable"); `suggest` may be null.
[[nodiscard]] std::vector<ParamError> check_declared_params(const std::vector<ParamInfo>& params,
                                                            const nlohmann::json& value,
                                                            const Suggest& suggest);

// describe_params() is the one line `courier types` shows for the declared members:
// `path: string (required; the file), chunk_bytes: int = 262144 (1..1073741824; bytes per read)`.
[[nodiscard]] std::string describe_params(const std::vector<ParamInfo>& params);

// params_schema() is the JSON schema of a params object with the declared members.
[[nodiscard]] nlohmann::json params_schema(const std::vector<ParamInfo>& params);

// topology_schema() is `base` (config/topology.schema.json) with each actor's params described
// by its type: for every type of `catalog` that declares its params, an "if type is T then
// params follows T's params_schema()"; a type that takes no params takes only {}.
[[nodiscard]] nlohmann::json topology_schema(nlohmann::json base, const TypeCatalog& catalog);

namespace detail {

template <class T>
nlohmann::json default_of(const T& value) {
  if constexpr (param_kind_of<T>() == ParamKind::duration) {
    return format_duration(value);
  } else {
    return value;
  }
}

template <class P, class T>
ParamInfo info_of(const Param<P, T>& declared) {
  ParamInfo info;
  info.name = std::string(declared.name);
  info.kind = param_kind_of<T>();
  info.required = declared.is_required;
  if (!declared.is_required) info.default_value = default_of(P{}.*declared.member);
  info.doc = std::string(declared.doc);
  if constexpr (param_kind_of<T>() == ParamKind::integer) {
    using Limits = std::numeric_limits<T>;
    using Wide = std::numeric_limits<std::int64_t>;
    std::int64_t low = std::cmp_less(Limits::min(), Wide::min())
                           ? Wide::min()
                           : static_cast<std::int64_t>(Limits::min());
    std::int64_t high = std::cmp_greater(Limits::max(), Wide::max())
                            ? Wide::max()
                            : static_cast<std::int64_t>(Limits::max());
    if (declared.minimum && *declared.minimum > low) low = *declared.minimum;
    if (declared.maximum && *declared.maximum < high) high = *declared.maximum;
    info.minimum = low;
    info.maximum = high;
  }
  return info;
}

template <class T>
void read_member_if_present(const nlohmann::json& params, const std::string& name, T& out) {
  const auto it = params.find(name);
  if (it == params.end()) return;
  const nlohmann::json& value = *it;
  if constexpr (param_kind_of<T>() == ParamKind::duration) {
    out = *parse_duration(value.get<std::string>());  // checked by check_declared_params
  } else {
    value.get_to(out);
  }
}

}  // namespace detail

// declared_params<P>() describes P's declared members as plain data.
template <DeclaredParams P>
std::vector<ParamInfo> declared_params() {
  return std::apply(
      [](const auto&... member) { return std::vector<ParamInfo>{detail::info_of(member)...}; },
      P::fields);
}

// read_params<P>() reads `value` into a P, its absent optional members keeping their defaults.
// Throws std::invalid_argument naming the first problem when `value` does not match the
// declaration (the loader has reported them all before any actor is built).
template <DeclaredParams P>
P read_params(const nlohmann::json& value) {
  if (!value.is_object()) throw std::invalid_argument("expected an object of params");
  const std::vector<ParamError> problems = check_declared_params(declared_params<P>(), value, {});
  if (!problems.empty()) {
    throw std::invalid_argument(problems.front().pointer + ": " + problems.front().message);
  }
  P p;
  std::apply(
      [&](const auto&... member) {
        (detail::read_member_if_present(value, std::string(member.name), p.*member.member), ...);
      },
      P::fields);
  return p;
}

// check_params_of<P>() is the ParamCheck of a declared P: it reads the value and runs P's own
// check(), if it has one.
template <DeclaredParams P>
std::vector<ParamError> check_params_of(const nlohmann::json& value) {
  const P p = read_params<P>(value);
  if constexpr (requires {
                  { p.check() } -> std::same_as<std::vector<ParamError>>;
                }) {
    return p.check();
  } else {
    return {};
  }
}

}  // namespace courier::config
