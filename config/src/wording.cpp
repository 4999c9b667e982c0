// wording.cpp: naming values in messages.
#include "wording.hpp"

namespace courier::config::detail {

std::string quote(std::string_view text) {
  constexpr std::size_t kMaxShown = 60;
  const bool shortened = text.size() > kMaxShown;
  std::string shown(text.substr(0, kMaxShown));
  // dump() escapes quotes and control characters; replace keeps a cut UTF-8 character from
  // throwing.
  std::string out =
      nlohmann::json(shown).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (shortened) out.insert(out.size() - 1, "...");
  return out;
}

std::string describe(const nlohmann::json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_string()) return quote(value.get_ref<const std::string&>());
  return value.dump();
}

std::string quote_list(const std::vector<std::string>& names) {
  constexpr std::size_t kMaxListed = 12;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kMaxListed; ++i) {
    if (i > 0) out += ", ";
    out += quote(names[i]);
  }
  if (names.size() > kMaxListed) out += ", ...";
  return out;
}

}  // namespace courier::config::detail
