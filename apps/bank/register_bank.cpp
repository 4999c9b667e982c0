// register_bank.cpp: the bank app's types and message names.
#include "bank/register_bank.hpp"

#include "bank/account_shard.hpp"
#include "bank/bank_client.hpp"
#include "bank/journal.hpp"
#include "bank/teller.hpp"

namespace courier::apps::bank {

void register_bank(Registry& registry) {
  registry.name<Request>("BankRequest")
      .name<ClientMessage>("BankClientMessage")
      .name<AccountCommand>("AccountCommand")
      .name<JournalCommand>("JournalCommand");
  registry
      .add<BankClient>("bank_client",
                       "requests: int = 1000, seed: int = 1, window: int = 16 (requests in "
                       "flight), max_amount: int = 200, stall_timeout: duration = \"10s\", "
                       "show_balances: bool = false")
      .add<Teller>("teller", "ask_timeout: duration = \"200ms\", max_attempts: int = 8")
      .add<AccountShard>("account_shard",
                         "accounts: int = 64, initial_balance: int = 1000, fault_probability: "
                         "number = 0 (chance a handler throws), seed: int = 1, "
                         "journal_timeout: duration = \"1s\"")
      .add<Journal>("journal");
}

}  // namespace courier::apps::bank
