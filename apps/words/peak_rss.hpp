// peak_rss.hpp: the process's peak resident memory.
#pragma once

#include <cstdint>

namespace courier::apps::words {

// peak_rss_bytes() is the process's peak resident set size (VmHWM of /proc/self/status), or 0
// where that is not available.
std::uint64_t peak_rss_bytes();

}  // namespace courier::apps::words
