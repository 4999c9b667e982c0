// top_k.hpp: the pipeline's sink: the most frequent words and the totals.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "courier/actors/actor_ref.hpp"
#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "messages.hpp"

namespace courier::apps::words {

// TopK gathers the counters' tables (the shards hold disjoint words, so nothing is merged twice)
// and, when its input has ended, prints the `k` most frequent words (ties by byte order) and the
// totals: bytes, words, distinct words, seconds since it started, MB/s (10^6 bytes per second)
// and the process's peak RSS (VmHWM). With `dump` set it also writes every word and its count,
// "word<TAB>count" per line, most frequent first, to that file.
// Thread-safety: an actor; its methods run one at a time.
class TopK final : public Actor<ShardTable> {
 public:
  struct Params {
    std::int64_t k = 10;
    std::string dump;
    static constexpr auto fields = config::fields(
        config::param("k", &Params::k, "words printed").at_least(0),
        config::param("dump", &Params::dump,
                      "a file to write every \"word<TAB>count\" to, most frequent first"));
  };

  explicit TopK(const Params& params) : params_(params) {}
  void on_start(Context& ctx) override;
  void on_message(ShardTable table, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  Params params_;
  Clock::time_point started_{};
  std::vector<WordList> shards_;
  std::uint64_t bytes_ = 0;
  std::uint64_t total_ = 0;
  std::uint64_t distinct_ = 0;
};

}  // namespace courier::apps::words
