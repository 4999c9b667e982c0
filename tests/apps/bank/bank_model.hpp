// bank_model.hpp: what the bank must print when requests are served one at a time, computed
// without actors, from the same seeded request stream.
#pragma once

#include <cstdint>
#include <string>

namespace courier::apps::bank::testing {

// ModelRun says what to model: the client's and the accounts' params of the run.
struct ModelRun {
  std::uint64_t requests = 0;
  std::uint64_t seed = 1;
  std::int64_t max_amount = 200;
  std::int64_t accounts = 0;
  std::int64_t initial_balance = 0;
};

// ModelReport is the model's expected report lines (without the retries line, which depends on
// the faults, and the first line).
struct ModelReport {
  std::string replies;   // "replies: deposit …"
  std::string errors;    // "errors: insufficient_funds …"
  std::string sums;      // "sum of balances: …"
  std::string balances;  // "balances after: …"
};

// model_bank() serves the requests in order, as a single sequential bank would.
ModelReport model_bank(const ModelRun& run);

}  // namespace courier::apps::bank::testing
