// messages.cpp: the routing key of account commands and the names of kinds and statuses.
#include "bank/messages.hpp"

namespace courier::apps::bank {

std::size_t courier_key(const AccountCommand& command) noexcept {
  return command.shard;
}

std::string_view name_of(RequestKind kind) noexcept {
  switch (kind) {
    case RequestKind::deposit:
      return "deposit";
    case RequestKind::withdraw:
      return "withdraw";
    case RequestKind::transfer:
      return "transfer";
    case RequestKind::balance:
      return "balance";
  }
  return "?";
}

std::string_view name_of(OutcomeStatus status) noexcept {
  switch (status) {
    case OutcomeStatus::ok:
      return "ok";
    case OutcomeStatus::insufficient_funds:
      return "insufficient_funds";
    case OutcomeStatus::unknown_account:
      return "unknown_account";
    case OutcomeStatus::unavailable:
      return "unavailable";
    case OutcomeStatus::in_doubt:
      return "in_doubt";
  }
  return "?";
}

}  // namespace courier::apps::bank
