// units.hpp: the size and duration strings of topology files ("64KiB", "250ms").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courier::config {

// parse_size() reads a whole number followed by B, KiB, MiB or GiB, with nothing in between
// ("64KiB"); nullopt when the text is anything else or the size does not fit in 64 bits.
std::optional<std::uint64_t> parse_size(std::string_view text);

// parse_duration() reads a whole number followed by ms, s, m (minutes) or h ("250ms", "5s");
// nullopt when the text is anything else or the duration overflows.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// format_size() writes `bytes` with the largest unit that divides it ("64KiB", "1000B").
std::string format_size(std::uint64_t bytes);

// format_duration() writes `d` with the largest unit that divides it ("5s", "250ms", "1h").
std::string format_duration(std::chrono::milliseconds d);

}  // namespace courier::config
