// progress_line.hpp: the line `courier run` refreshes on a terminal while a topology runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace courier::config::detail {

// ProgressLine rewrites one line ("\r…") with the messages handled so far, the rate since the
// last refresh and the deepest mailbox; clear() blanks it before other output. A disabled line
// writes nothing. Thread-safety: one thread.
class ProgressLine {
 public:
  ProgressLine(std::ostream& out, bool enabled);

  bool enabled() const noexcept { return enabled_; }
  // update() shows the totals of now.
  void update(std::uint64_t handled, std::uint32_t deepest, const std::string& deepest_actor);
  // clear() erases the line, if one was written.
  void clear();

 private:
  std::ostream& out_;
  bool enabled_;
  bool shown_ = false;
  std::uint64_t last_handled_ = 0;
  std::chrono::steady_clock::time_point last_time_;
};

}  // namespace courier::config::detail
