// cli_quantities.cpp: counts with their nouns, durations in the unit that fits.
#include "cli_quantities.hpp"

#include <cstdio>

namespace courier::config::detail {

std::string counted(std::uint64_t count, std::string_view singular) {
  std::string text = std::to_string(count);
  text += ' ';
  text += singular;
  if (count != 1) text += 's';
  return text;
}

std::string duration_text(std::chrono::milliseconds elapsed) {
  const long long ms = elapsed.count() < 0 ? 0 : static_cast<long long>(elapsed.count());
  char text[64];
  if (ms < 1'000) {
    std::snprintf(text, sizeof text, "%lld ms", ms);
  } else if (ms < 10'000) {
    std::snprintf(text, sizeof text, "%lld.%02lld s", ms / 1'000, ms % 1'000 / 10);
  } else if (ms < 60'000) {
    std::snprintf(text, sizeof text, "%lld.%lld s", ms / 1'000, ms % 1'000 / 100);
  } else {
    std::snprintf(text, sizeof text, "%lld min %lld s", ms / 60'000, ms % 60'000 / 1'000);
  }
  return text;
}

}  // namespace courier::config::detail
