// bank_model.cpp: a plain sequential bank.
#include "bank_model.hpp"

#include <sstream>
#include <vector>

#include "bank/request_stream.hpp"

namespace courier::apps::bank::testing {

ModelReport model_bank(const ModelRun& run) {
  std::vector<std::int64_t> balance(static_cast<std::size_t>(run.accounts), run.initial_balance);
  std::int64_t deposits = 0, withdrawals = 0;
  std::int64_t deposit_ok = 0, withdraw_ok = 0, transfer_ok = 0, balance_ok = 0;
  std::int64_t insufficient = 0, unknown = 0;
  RequestStream stream(run.seed, run.accounts, run.max_amount);
  for (std::uint64_t i = 0; i < run.requests; ++i) {
    const Request r = stream.next();
    std::int64_t& from = balance[static_cast<std::size_t>(r.account)];
    switch (r.kind) {
      case RequestKind::deposit:
        from += r.amount;
        deposits += r.amount;
        ++deposit_ok;
        break;
      case RequestKind::withdraw:
        if (from < r.amount) {
          ++insufficient;
          break;
        }
        from -= r.amount;
        withdrawals += r.amount;
        ++withdraw_ok;
        break;
      case RequestKind::transfer:
        if (from < r.amount) {
          ++insufficient;
        } else if (r.to >= run.accounts) {
          ++unknown;  // withdrawn, refused by the target, given back
        } else {
          from -= r.amount;
          balance[static_cast<std::size_t>(r.to)] += r.amount;
          ++transfer_ok;
        }
        break;
      case RequestKind::balance:
        ++balance_ok;
        break;
    }
  }
  ModelReport m;
  std::ostringstream text;
  text << "replies: deposit " << deposit_ok << ", withdraw " << withdraw_ok << ", transfer "
       << transfer_ok << ", balance " << balance_ok << " ("
       << deposit_ok + withdraw_ok + transfer_ok + balance_ok << " in all)";
  m.replies = text.str();
  text.str("");
  text << "errors: insufficient_funds " << insufficient << ", unknown_account " << unknown
       << ", unavailable 0, in_doubt 0 (" << insufficient + unknown << " in all)";
  m.errors = text.str();
  text.str("");
  const std::int64_t before = run.accounts * run.initial_balance;
  std::int64_t after = 0;
  text << "balances after:";
  for (const std::int64_t b : balance) {
    after += b;
    text << ' ' << b;
  }
  m.balances = text.str();
  text.str("");
  text << "sum of balances: before " << before << ", after " << after << ", expected "
       << before + deposits - withdrawals << " (deposits +" << deposits << ", withdrawals -"
       << withdrawals << ")";
  m.sums = text.str();
  return m;
}

}  // namespace courier::apps::bank::testing
