// object_reader.hpp: reading the typed members of one object of a topology file.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker.hpp"
#include "courier/config/topology.hpp"

namespace courier::config::detail {

// Need says whether a member must be present.
enum class Need { optional, required };

// ObjectReader reads the members of one object of the file. On construction it reports a value
// that is not an object and every member whose name is not allowed (with the nearest allowed
// name); each read reports a member of the wrong type or out of range, or a required member that
// is missing, and gives back only valid values. Thread-safety: not thread-safe.
class ObjectReader {
 public:
  // ObjectReader() reads `value`, found at `pointer`; a null `value` (an absent section) is
  // reported by nobody and reads as empty.
  ObjectReader(Checker& checker, const nlohmann::json* value, std::string pointer,
               std::initializer_list<std::string_view> allowed);

  // ObjectReader() reads an object whose member names are free (names of actors, of groups).
  ObjectReader(Checker& checker, const nlohmann::json* value, std::string pointer);

  // is_object() says whether the value is present and an object.
  bool is_object() const { return object_ != nullptr; }

  // pointer_of() gives the JSON pointer of member `key`.
  std::string pointer_of(std::string_view key) const;

  // find() gives member `key`, or nullptr when it is absent (or this is no object).
  const nlohmann::json* find(std::string_view key) const;

  // integer() reads a whole number from `min` to `max`.
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                      Need need = Need::optional);

  // string() reads a string; `what` says what it names ("an actor type").
  std::optional<std::string> string(std::string_view key, std::string_view what,
                                    Need need = Need::optional);

  // boolean() reads true or false.
  std::optional<bool> boolean(std::string_view key);

  // size() reads a size string from `min` to `max` bytes (a bare number is an error).
  std::optional<std::uint64_t> size(std::string_view key, std::uint64_t min, std::uint64_t max);

  // duration() reads a duration string from `min` to `max` (a bare number is an error).
  std::optional<std::chrono::milliseconds> duration(std::string_view key,
                                                    std::chrono::milliseconds min,
                                                    std::chrono::milliseconds max);

  // choice() reads one of `values`, each written in the file as its to_string().
  template <class Enum>
  std::optional<Enum> choice(std::string_view key, std::initializer_list<Enum> values) {
    std::vector<std::string> names;
    for (Enum value : values) names.emplace_back(to_string(value));
    const std::optional<std::size_t> index = choice_index(key, names);
    if (!index) return std::nullopt;
    return *(values.begin() + *index);
  }

 private:
  std::optional<std::size_t> choice_index(std::string_view key,
                                          const std::vector<std::string>& names);
  const nlohmann::json* present(std::string_view key, std::string_view expected, Need need);

  Checker& checker_;
  const nlohmann::json* object_ = nullptr;
  std::string pointer_;
};

}  // namespace courier::config::detail
