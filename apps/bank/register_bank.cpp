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
  registry.add<BankClient>("bank_client")
      .add<Teller>("teller")
      .add<AccountShard>("account_shard")
      .add<Journal>("journal");
}

}  // namespace courier::apps::bank
