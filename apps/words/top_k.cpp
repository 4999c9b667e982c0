// top_k.cpp: ranking, printing and dumping the counts.
#include "top_k.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "peak_rss.hpp"

namespace courier::apps::words {

namespace {

// Ranked is one word of some shard, for sorting.
struct Ranked {
  std::string_view word;
  std::uint64_t count;
};

bool ranks_before(const Ranked& a, const Ranked& b) noexcept {
  return a.count != b.count ? a.count > b.count : a.word < b.word;
}

}  // namespace

void TopK::on_start(Context& ctx) {
  (void)ctx;
  started_ = Clock::now();
}

void TopK::on_message(ShardTable table, Context& ctx) {
  (void)ctx;
  bytes_ += table.bytes;
  total_ += table.total;
  distinct_ += table.words.size();
  shards_.push_back(std::move(table.words));
}

void TopK::on_stop(Context& ctx) {
  (void)ctx;
  const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  std::vector<Ranked> all;
  all.reserve(distinct_);
  for (const WordList& shard : shards_) {
    for (const WordEntry& e : shard.entries()) all.push_back({shard.word(e), e.count});
  }
  const auto k = std::min(all.size(), static_cast<std::size_t>(params_.k));
  // The dump needs every word in order; the top alone needs only the first k.
  if (params_.dump.empty()) {
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(),
                      ranks_before);
  } else {
    std::sort(all.begin(), all.end(), ranks_before);
  }

  std::printf("rank        count  word\n");
  for (std::size_t i = 0; i < k; ++i) {
    std::printf("%4zu  %11llu  %.*s\n", i + 1, static_cast<unsigned long long>(all[i].count),
                static_cast<int>(all[i].word.size()), all[i].word.data());
  }
  const double mb_per_s = seconds > 0 ? static_cast<double>(bytes_) / 1e6 / seconds : 0.0;
  std::printf(
      "totals: %llu bytes, %llu words, %llu distinct, %.3f s, %.1f MB/s, peak RSS %.1f MiB\n",
      static_cast<unsigned long long>(bytes_), static_cast<unsigned long long>(total_),
      static_cast<unsigned long long>(distinct_), seconds, mb_per_s,
      static_cast<double>(peak_rss_bytes()) / (1024.0 * 1024.0));
  std::fflush(stdout);

  if (!params_.dump.empty()) {
    std::ofstream dump(params_.dump, std::ios::binary | std::ios::trunc);
    for (const Ranked& r : all) dump << r.word << '\t' << r.count << '\n';
    dump.flush();
    if (!dump) throw std::runtime_error("top_k: cannot write the dump to \"" + params_.dump + "\"");
  }
}

}  // namespace courier::apps::words
