// peak_rss.cpp: VmHWM read from /proc.
#include "peak_rss.hpp"

#include <fstream>
#include <string>

namespace courier::apps::words {

std::uint64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;  // in kB
  }
  return 0;
}

}  // namespace courier::apps::words
