// cli_quantities.hpp: how the `courier` command writes counts and durations for people.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace courier::config::detail {

// counted() writes a count with its noun, singular for one: counted(1, "actor") is "1 actor",
// counted(3, "dead letter") is "3 dead letters". `singular` must take a plain "s" plural.
[[nodiscard]] std::string counted(std::uint64_t count, std::string_view singular);

// duration_text() writes an elapsed time at the precision a person reads it with: "12 ms" under
// a second, "2.84 s" under ten seconds, "12.3 s" under a minute, then "3 min 5 s". Digits past
// the precision are dropped, not rounded, so a time never reads as the next unit.
[[nodiscard]] std::string duration_text(std::chrono::milliseconds elapsed);

}  // namespace courier::config::detail
