// register_bank.hpp: the bank app's actor types, as the `courier` command offers them.
#pragma once

#include "courier/config/registry.hpp"

namespace courier::apps::bank {

// register_bank() adds bank_client, teller, account_shard and journal, and names their messages.
void register_bank(Registry& registry);

}  // namespace courier::apps::bank
