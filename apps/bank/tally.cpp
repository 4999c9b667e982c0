// tally.cpp: counting outcomes and writing the report.
#include "bank/tally.hpp"

namespace courier::apps::bank {

namespace {

void append_number(std::string& s, std::int64_t n) {
  s += std::to_string(n);
}
void append_count(std::string& s, std::uint64_t n) {
  s += std::to_string(n);
}

}  // namespace

void Tally::record(const Outcome& outcome) {
  if (outcome.id == 0 || outcome.id > requests_.size() || answered_[outcome.id - 1]) {
    ++unexpected_;
    return;
  }
  answered_[outcome.id - 1] = true;
  ++answered_count_;
  retries_ += outcome.retries;
  failures_ += outcome.failures;
  if (outcome.status != OutcomeStatus::ok) {
    ++errors_[static_cast<std::size_t>(outcome.status)];
    return;
  }
  const Request& request = requests_[outcome.id - 1];
  ++replies_[static_cast<std::size_t>(request.kind)];
  if (request.kind == RequestKind::deposit) deposited_ += request.amount;
  if (request.kind == RequestKind::withdraw) withdrawn_ += request.amount;
}

std::string Tally::report(const Conclusion& c) const {
  std::string s = "bank: ";
  append_count(s, requests_.size());
  s += " requests over ";
  append_count(s, c.before.balances.size());
  s += " accounts (";
  append_count(s, c.shards);
  s += " shards, ";
  append_count(s, c.tellers);
  s += " tellers, window ";
  append_count(s, c.window);
  s += ")\nreplies:";
  std::uint64_t replies = 0;
  for (std::size_t k = 0; k < kRequestKinds; ++k) {
    s += k == 0 ? " " : ", ";
    s += name_of(static_cast<RequestKind>(k));
    s += ' ';
    append_count(s, replies_[k]);
    replies += replies_[k];
  }
  s += " (";
  append_count(s, replies);
  s += " in all)\nerrors:";
  std::uint64_t errors = 0;
  for (std::size_t k = 1; k < kOutcomeStatuses; ++k) {
    s += k == 1 ? " " : ", ";
    s += name_of(static_cast<OutcomeStatus>(k));
    s += ' ';
    append_count(s, errors_[k]);
    errors += errors_[k];
  }
  s += " (";
  append_count(s, errors);
  s += " in all)\nunanswered: ";
  append_count(s, unanswered());
  s += ", unexpected: ";
  append_count(s, unexpected_);
  s += "\nretries: ";
  append_count(s, retries_);
  s += " (";
  append_count(s, failures_);
  s += " after a handler failed), restarts seen: ";
  append_count(s, c.restarts);
  s += "\nsum of balances: before ";
  append_number(s, c.before.sum);
  s += ", after ";
  append_number(s, c.after.sum);
  s += ", expected ";
  append_number(s, c.before.sum + net_deposits());
  s += " (deposits +";
  append_number(s, deposited_);
  s += ", withdrawals -";
  append_number(s, withdrawn_);
  s += ")\n";
  if (c.show_balances) {
    s += "balances after:";
    for (const std::int64_t b : c.after.balances) {
      s += ' ';
      append_number(s, b);
    }
    s += '\n';
  }
  s += "money conserved: ";
  s += conserved(c) ? "yes" : "no";
  s += '\n';
  return s;
}

}  // namespace courier::apps::bank
