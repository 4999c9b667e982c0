// units.cpp: size and duration strings.
#include "courier/config/units.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

namespace courier::config {

namespace {

// Unit is a suffix and how many base units it stands for.
struct Unit {
  std::string_view suffix;
  std::uint64_t scale;
};

// Largest first, so formatting picks the largest unit that divides exactly.
constexpr std::array<Unit, 4> kSizeUnits{
    {{"GiB", 1ULL << 30}, {"MiB", 1ULL << 20}, {"KiB", 1ULL << 10}, {"B", 1}}};
constexpr std::array<Unit, 4> kDurationUnits{
    {{"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}}};

// parse_scaled() reads digits then exactly one of `units`, and gives digits × scale.
template <std::size_t N>
std::optional<std::uint64_t> parse_scaled(std::string_view text, const std::array<Unit, N>& units) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
  if (ec != std::errc{} || end != text.data() + digits) return std::nullopt;
  const std::string_view suffix = text.substr(digits);
  for (const Unit& unit : units) {
    if (suffix != unit.suffix) continue;
    if (number > std::numeric_limits<std::uint64_t>::max() / unit.scale) return std::nullopt;
    return number * unit.scale;
  }
  return std::nullopt;
}

template <std::size_t N>
std::string format_scaled(std::uint64_t value, const std::array<Unit, N>& units) {
  for (const Unit& unit : units) {
    if (value != 0 && value % unit.scale == 0) {
      std::string text = std::to_string(value / unit.scale);
      text += unit.suffix;
      return text;
    }
  }
  std::string zero = "0";
  zero += units.back().suffix;
  return zero;
}

}  // namespace

std::optional<std::uint64_t> parse_size(std::string_view text) {
  return parse_scaled(text, kSizeUnits);
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  const std::optional<std::uint64_t> ms = parse_scaled(text, kDurationUnits);
  using Rep = std::chrono::milliseconds::rep;
  if (!ms || *ms > static_cast<std::uint64_t>(std::numeric_limits<Rep>::max())) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<Rep>(*ms));
}

std::string format_size(std::uint64_t bytes) {
  return format_scaled(bytes, kSizeUnits);
}

std::string format_duration(std::chrono::milliseconds d) {
  return format_scaled(static_cast<std::uint64_t>(d.count()), kDurationUnits);
}

}  // namespace courier::config
