// request_stream.hpp: the client's seeded sequence of customer requests.
#pragma once

#include <cstdint>

#include "bank/messages.hpp"

namespace courier::apps::bank {

// RequestStream makes request 1, 2, 3, … from a seed: 30% deposits, 25% withdrawals, 35%
// transfers, 10% balance reads, each on an account drawn uniformly from 0 .. accounts-1, with an
// amount from 1 to max_amount. One transfer in 25 goes to an account that does not exist (an id
// from accounts up to 2*accounts-1), which makes the teller compensate. The same seed gives the
// same requests, which is how a test predicts a run.
// Thread-safety: none; one owner.
class RequestStream {
 public:
  RequestStream(std::uint64_t seed, std::int64_t accounts, std::int64_t max_amount) noexcept
      : state_(seed), accounts_(accounts), max_amount_(max_amount) {}

  // next() is the next request, numbered from 1.
  Request next() noexcept;

 private:
  std::uint64_t draw(std::uint64_t bound) noexcept;

  std::uint64_t state_;
  std::int64_t accounts_;
  std::int64_t max_amount_;
  std::uint64_t issued_ = 0;
};

}  // namespace courier::apps::bank
