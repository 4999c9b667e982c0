// read_inject.cpp: the "inject" section, the messages that start a topology.
#include "object_reader.hpp"
#include "sections.hpp"
#include "type_checks.hpp"
#include "wording.hpp"

namespace courier::config::detail {

std::vector<InjectPlan> read_inject(Checker& checker, const nlohmann::json* inject,
                                    const ActorTable& actors) {
  std::vector<InjectPlan> plans;
  if (inject == nullptr) return plans;
  if (!inject->is_array()) {
    checker.error("/inject", "expected an array of messages, found " + describe(*inject));
    return plans;
  }
  for (std::size_t i = 0; i < inject->size(); ++i) {
    ObjectReader reader(checker, &(*inject)[i], "/inject/" + std::to_string(i), {"to", "message"});
    if (!reader.is_object()) continue;
    const auto to = reader.string("to", "the name of an actor", Need::required);
    const nlohmann::json* message = reader.find("message");
    if (message == nullptr) {
      checker.error(reader.pointer_of("message"), "expected a message, found nothing");
    }
    if (!to) continue;
    const ActorEntry* target = actors.find(*to);
    if (target == nullptr) {
      checker.error(reader.pointer_of("to"), "expected an actor of /actors, found " + quote(*to) +
                                                 checker.did_you_mean(*to, actors.names()));
      continue;
    }
    if (target->type == nullptr || message == nullptr) continue;
    if (!target->type->check_message) {
      checker.error(reader.pointer_of("to"),
                    "expected an actor whose message type can be read from JSON, found " +
                        quote(*to) + ", a " + target->type->name + " accepting " +
                        target->type->message_type + ", which has no from_json");
      continue;
    }
    report_type_check(checker, target->type->check_message, *message, reader.pointer_of("message"));
    plans.push_back(InjectPlan{*to, *message});
  }
  return plans;
}

}  // namespace courier::config::detail
