// read_runtime.cpp: the "runtime" and "defaults" sections, and mailboxes.
#include "courier/config/limits.hpp"
#include "object_reader.hpp"
#include "sections.hpp"
#include "wording.hpp"

namespace courier::config::detail {

RuntimePlan read_runtime(Checker& checker, const nlohmann::json* runtime) {
  ObjectReader reader(checker, runtime, "/runtime",
                      {"workers", "stack_size", "budget", "shutdown_timeout"});
  RuntimePlan plan;
  if (auto workers = reader.integer("workers", kMinWorkers, kMaxWorkers)) {
    plan.workers = static_cast<std::size_t>(*workers);
  }
  if (auto stack = reader.size("stack_size", kMinStackSize, kMaxStackSize)) {
    plan.stack_size = static_cast<std::size_t>(*stack);
  }
  if (auto budget = reader.integer("budget", 1, kMaxBudget)) {
    plan.budget = static_cast<std::uint32_t>(*budget);
  }
  if (auto timeout =
          reader.duration("shutdown_timeout", std::chrono::milliseconds(0), kMaxShutdownTimeout)) {
    plan.shutdown_timeout = *timeout;
  }
  return plan;
}

MailboxPlan read_mailbox(Checker& checker, const nlohmann::json* mailbox,
                         const std::string& pointer, const MailboxPlan& base) {
  ObjectReader reader(checker, mailbox, pointer, {"kind", "capacity", "overflow", "reserve"});
  const MailboxKind kind =
      reader.choice("kind", {MailboxKind::bounded, MailboxKind::unbounded}).value_or(base.kind);
  std::size_t reserve = base.reserve;
  if (auto n = reader.integer("reserve", 0, kMaxReservedSlots)) {
    reserve = static_cast<std::size_t>(*n);
  }
  if (kind == MailboxKind::unbounded) {
    // An unbounded mailbox is never full: a capacity or an overflow policy would be ignored,
    // which a reader of the file could not guess.
    for (const char* key : {"capacity", "overflow"}) {
      if (const nlohmann::json* member = reader.find(key)) {
        checker.error(reader.pointer_of(key), std::string("expected no ") + key +
                                                  " on an unbounded mailbox, found " +
                                                  describe(*member));
      }
    }
    return MailboxPlan{MailboxKind::unbounded, 0, Overflow::wait, reserve};
  }
  const MailboxPlan bounded_base = base.kind == MailboxKind::bounded ? base : MailboxPlan{};
  MailboxPlan plan = bounded_base;
  if (auto capacity = reader.integer("capacity", 1, kMaxMailboxSlots)) {
    plan.capacity = static_cast<std::size_t>(*capacity);
  }
  plan.overflow = reader.choice("overflow", {Overflow::wait, Overflow::fail, Overflow::drop_newest})
                      .value_or(bounded_base.overflow);
  plan.reserve = reserve;
  return plan;
}

MailboxPlan read_defaults(Checker& checker, const nlohmann::json* defaults) {
  ObjectReader reader(checker, defaults, "/defaults", {"mailbox"});
  return read_mailbox(checker, reader.find("mailbox"), "/defaults/mailbox", MailboxPlan{});
}

}  // namespace courier::config::detail
