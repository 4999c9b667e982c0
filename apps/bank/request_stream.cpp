// request_stream.cpp: drawing requests.
#include "bank/request_stream.hpp"

#include "bank/fault_plan.hpp"

namespace courier::apps::bank {

std::uint64_t RequestStream::draw(std::uint64_t bound) noexcept {
  state_ += 0x9e3779b97f4a7c15ULL;
  return mix(state_) % bound;
}

Request RequestStream::next() noexcept {
  Request r;
  r.id = ++issued_;
  const std::uint64_t kind = draw(100);
  r.kind = kind < 30   ? RequestKind::deposit
           : kind < 55 ? RequestKind::withdraw
           : kind < 90 ? RequestKind::transfer
                       : RequestKind::balance;
  const auto accounts = static_cast<std::uint64_t>(accounts_);
  r.account = static_cast<std::int64_t>(draw(accounts));
  r.amount = 1 + static_cast<std::int64_t>(draw(static_cast<std::uint64_t>(max_amount_)));
  if (r.kind == RequestKind::transfer) {
    const bool to_nowhere = draw(25) == 0;
    r.to = static_cast<std::int64_t>(draw(accounts) + (to_nowhere ? accounts : 0));
  }
  return r;
}

}  // namespace courier::apps::bank
