// cli_quantities_test.cpp: counts and durations as the `courier` command writes them.
#include "../../config/src/cli_quantities.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

namespace courier::config::detail {
namespace {

using CountCase = std::tuple<std::uint64_t, const char*, const char*>;

class Counted : public ::testing::TestWithParam<CountCase> {};

TEST_P(Counted, UsesTheSingularForOneAlone) {
  const auto& [count, noun, expected] = GetParam();
  EXPECT_EQ(counted(count, noun), expected);
}

INSTANTIATE_TEST_SUITE_P(Nouns, Counted,
                         ::testing::Values(CountCase{0, "actor", "0 actors"},
                                           CountCase{1, "actor", "1 actor"},
                                           CountCase{2, "actor", "2 actors"},
                                           CountCase{1, "dead letter", "1 dead letter"},
                                           CountCase{11, "dead letter", "11 dead letters"},
                                           CountCase{1, "connection", "1 connection"}));

using DurationCase = std::tuple<long long, const char*>;

class DurationText : public ::testing::TestWithParam<DurationCase> {};

TEST_P(DurationText, PicksTheUnitAndPrecisionByMagnitude) {
  const auto& [ms, expected] = GetParam();
  EXPECT_EQ(duration_text(std::chrono::milliseconds(ms)), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Magnitudes, DurationText,
    ::testing::Values(DurationCase{0, "0 ms"}, DurationCase{12, "12 ms"},
                      DurationCase{999, "999 ms"}, DurationCase{1'000, "1.00 s"},
                      DurationCase{2'843, "2.84 s"}, DurationCase{9'999, "9.99 s"},
                      DurationCase{10'000, "10.0 s"}, DurationCase{12'345, "12.3 s"},
                      DurationCase{59'999, "59.9 s"}, DurationCase{60'000, "1 min 0 s"},
                      DurationCase{185'500, "3 min 5 s"}, DurationCase{-5, "0 ms"}));

}  // namespace
}  // namespace courier::config::detail
