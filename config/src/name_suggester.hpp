// name_suggester.hpp: "did you mean" for misspelt keys, types, instances and groups.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace courier::config::detail {

// edit_distance() counts the insertions, deletions, substitutions and swaps of two adjacent
// characters that turn `a` into `b` (optimal string alignment distance).
std::size_t edit_distance(std::string_view a, std::string_view b);

// NameSuggester finds the valid name nearest a misspelt word. Its total work over one validation
// is bounded, so that a hostile file with many misspellings and many names stays fast.
// Thread-safety: not thread-safe.
class NameSuggester {
 public:
  // nearest() gives the candidate within a typo's distance of `word` (at most a third of its
  // length, at least 1), the first of the nearest on ties; "" when none is near enough or the
  // work budget is spent.
  std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

 private:
  std::size_t budget_ = 50'000'000;  // distance-table cells left to fill
};

}  // namespace courier::config::detail
