// word_counts.cpp: the table's growth, bulk adds and hand-over.
#include "word_counts.hpp"

#include <algorithm>
#include <utility>

namespace courier::apps::words {

namespace {
constexpr std::size_t kInitialSlots = 1024;
}  // namespace

WordCounts::WordCounts() : slots_(kInitialSlots), mask_(kInitialSlots - 1) {}

WordList WordCounts::take() {
  WordList out = std::move(list_);
  list_ = WordList();
  slots_.assign(kInitialSlots, Slot{});
  mask_ = kInitialSlots - 1;
  return out;
}

void WordCounts::clear() {
  if (list_.empty()) return;
  std::fill(slots_.begin(), slots_.end(), Slot{});
  list_.clear();
}

void WordCounts::grow() {
  std::vector<Slot> bigger(slots_.size() * 2);
  const std::size_t mask = bigger.size() - 1;
  const auto& entries = list_.entries();
  for (std::size_t k = 0; k < entries.size(); ++k) {
    std::size_t i = entries[k].hash & mask;
    while (bigger[i].index != 0) i = (i + 1) & mask;
    bigger[i] =
        Slot{static_cast<std::uint32_t>(entries[k].hash >> 32), static_cast<std::uint32_t>(k + 1)};
  }
  slots_ = std::move(bigger);
  mask_ = mask;
}

}  // namespace courier::apps::words
