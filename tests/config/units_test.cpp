// units_test.cpp: size and duration strings.
#include "courier/config/units.hpp"

#include <gtest/gtest.h>

namespace courier::config {
namespace {

using std::chrono::milliseconds;

TEST(Units, ReadsSizesWithBinaryUnits) {
  EXPECT_EQ(parse_size("64KiB"), 64u * 1024);
  EXPECT_EQ(parse_size("8MiB"), 8u << 20);
  EXPECT_EQ(parse_size("1GiB"), 1u << 30);
  EXPECT_EQ(parse_size("100B"), 100u);
}

TEST(Units, RefusesMalformedSizes) {
  for (const char* bad : {"64", "64kb", "64 KiB", "KiB", "-1KiB", "1.5MiB", "", "64KiBs",
                          "99999999999999999999B", "17179869184GiB"}) {
    EXPECT_FALSE(parse_size(bad)) << bad;
  }
}

TEST(Units, ReadsDurations) {
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_duration("5s"), milliseconds(5000));
  EXPECT_EQ(parse_duration("2m"), milliseconds(120000));
  EXPECT_EQ(parse_duration("1h"), milliseconds(3600000));
  EXPECT_EQ(parse_duration("0ms"), milliseconds(0));
}

TEST(Units, RefusesMalformedDurations) {
  for (const char* bad : {"5", "5 s", "s", "1.5s", "5sec", "-1s", "", "9999999999999999999h"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(Units, FormatsWithTheLargestExactUnit) {
  EXPECT_EQ(format_size(16 * 1024), "16KiB");
  EXPECT_EQ(format_size(8u << 20), "8MiB");
  EXPECT_EQ(format_size(1000), "1000B");
  EXPECT_EQ(format_duration(milliseconds(5000)), "5s");
  EXPECT_EQ(format_duration(milliseconds(1500)), "1500ms");
  EXPECT_EQ(format_duration(milliseconds(0)), "0ms");
}

}  // namespace
}  // namespace courier::config
