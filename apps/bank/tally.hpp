// tally.hpp: what the client counts of the outcomes, and the report it prints at the end.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bank/messages.hpp"

namespace courier::apps::bank {

// Audit is the sum of every account's balance at one moment, with the balances by account id.
struct Audit {
  std::vector<std::int64_t> balances;
  std::int64_t sum = 0;
};

// Tally counts the outcomes of one run: replies by request kind, errors by status, the teller's
// retries, and the money that confirmed deposits and withdrawals moved in and out, which is what
// the sum of balances must have changed by. An outcome for an unknown or already answered request
// counts as `unexpected`.
// Thread-safety: none; owned by the client actor.
class Tally {
 public:
  explicit Tally(std::vector<Request> requests)
      : requests_(std::move(requests)), answered_(requests_.size(), false) {}

  // record() counts `outcome`.
  void record(const Outcome& outcome);

  // request() is request `id` (from 1).
  const Request& request(std::uint64_t id) const { return requests_.at(id - 1); }
  std::uint64_t answered() const noexcept { return answered_count_; }
  std::uint64_t unanswered() const noexcept { return requests_.size() - answered_count_; }
  std::uint64_t unexpected() const noexcept { return unexpected_; }
  std::int64_t net_deposits() const noexcept { return deposited_ - withdrawn_; }

  // Conclusion is the end of a run as the client judges it.
  struct Conclusion {
    Audit before;
    Audit after;
    std::uint64_t restarts = 0;
    bool show_balances = false;
    std::size_t shards = 0;
    std::size_t tellers = 0;
    std::size_t window = 0;
  };
  // conserved() is true when after = before + confirmed deposits - confirmed withdrawals.
  bool conserved(const Conclusion& c) const noexcept {
    return c.after.sum == c.before.sum + net_deposits();
  }
  // healthy() is true when money is conserved and every request got exactly one outcome.
  bool healthy(const Conclusion& c) const noexcept {
    return conserved(c) && unanswered() == 0 && unexpected_ == 0;
  }
  // report() is the text the client prints, one fact a line.
  std::string report(const Conclusion& c) const;

 private:
  std::vector<Request> requests_;  // requests_[id - 1]
  std::vector<bool> answered_;
  std::uint64_t answered_count_ = 0;
  std::uint64_t unexpected_ = 0;
  std::array<std::uint64_t, kRequestKinds> replies_{};
  std::array<std::uint64_t, kOutcomeStatuses> errors_{};
  std::uint64_t retries_ = 0;
  std::uint64_t failures_ = 0;
  std::int64_t deposited_ = 0;
  std::int64_t withdrawn_ = 0;
};

}  // namespace courier::apps::bank
