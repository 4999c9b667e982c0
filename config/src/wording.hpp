// wording.hpp: how problems name the values they found and the names they expected.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace courier::config::detail {

// quote() writes `text` as a JSON string literal, shortened past kMaxShownText bytes.
std::string quote(std::string_view text);

// describe() names a found value: strings quoted, numbers and literals as written, "an object",
// "an array".
std::string describe(const nlohmann::json& value);

// abridge() gives `text` whole when it has at most `max` bytes, else its start and its end
// joined by "...", in about `max` bytes and never cutting a UTF-8 character.
std::string abridge(std::string_view text, std::size_t max);

// kMaxShownText bounds a name or a string shown in a problem; kMaxShownPointer a JSON pointer.
inline constexpr std::size_t kMaxShownText = 60;
inline constexpr std::size_t kMaxShownPointer = 80;

// describe_cycle() writes "a -> b -> a" for a cycle of `length` names, `name(i)` the i-th (the
// first repeated last); past 12 names it leaves out the middle, and each name is abridged.
std::string describe_cycle(std::size_t length,
                           const std::function<std::string_view(std::size_t)>& name);

// quote_list() writes `"a", "b", "c"`; past 12 names it writes the first 12 and "…".
std::string quote_list(const std::vector<std::string>& names);

}  // namespace courier::config::detail
