// wording.cpp: naming values in messages.
#include "wording.hpp"

namespace courier::config::detail {

std::string quote(std::string_view text) {
  const bool shortened = text.size() > kMaxShownText;
  std::string shown(text.substr(0, kMaxShownText));
  // dump() escapes quotes and control characters; replace keeps a cut UTF-8 character from
  // throwing.
  std::string out =
      nlohmann::json(shown).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (shortened) out.insert(out.size() - 1, "...");
  return out;
}

namespace {

// character_start() moves `at` back to the first byte of the UTF-8 character it falls in.
std::size_t character_start(std::string_view text, std::size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

}  // namespace

std::string abridge(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  constexpr std::string_view kEllipsis = "...";
  const std::size_t kept = max > kEllipsis.size() ? max - kEllipsis.size() : 0;
  const std::size_t head = character_start(text, kept / 2);
  const std::size_t tail = character_start(text, text.size() - (kept - kept / 2));
  std::string out(text.substr(0, head));
  out += kEllipsis;
  out += text.substr(tail);
  return out;
}

std::string describe_cycle(std::size_t length,
                           const std::function<std::string_view(std::size_t)>& name) {
  constexpr std::size_t kMaxShown = 12;
  constexpr std::size_t kMaxName = 40;
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    if (length > kMaxShown && i == kMaxShown - 2) {
      out += " -> ...";
      i = length - 1;
    }
    if (!out.empty()) out += " -> ";
    out += abridge(name(i), kMaxName);
  }
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
