// progress_line.cpp: the terminal progress line.
#include "progress_line.hpp"

#include <cstdio>

#include "../src/cli_quantities.hpp"

namespace courier::config::detail {

ProgressLine::ProgressLine(std::ostream& out, bool enabled)
    : out_(out), enabled_(enabled), last_time_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::uint64_t handled, std::uint32_t deepest,
                          const std::string& deepest_actor) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - last_time_).count();
  const double rate = seconds > 0 ? static_cast<double>(handled - last_handled_) / seconds : 0;
  last_time_ = now;
  last_handled_ = handled;
  char line[160];
  std::snprintf(line, sizeof line, "\r\x1b[Kcourier: %s handled, %.0f/s, deepest mailbox %u",
                counted(handled, "message").c_str(), rate, deepest);
  out_ << line;
  if (deepest != 0) out_ << " (" << deepest_actor << ")";
  out_.flush();
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  out_ << "\r\x1b[K";
  out_.flush();
  shown_ = false;
}

}  // namespace courier::config::detail
