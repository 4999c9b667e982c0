// root_cell.hpp: the root guardian, parent of every top-level actor.
#pragma once

#include "courier/actors/cell.hpp"

namespace courier::detail {

// RootCell supervises the top-level actors with the system's root policy. It has no mailbox and
// no instance: it only handles signals (adopting, supervising and stopping its children).
class RootCell final : public CellBase {
 public:
  RootCell(SystemCore& system, Supervision supervision)
      : CellBase(system, nullptr, {.name = "root", .supervision = supervision}) {
    keep_state_in(run_state_);
    phase_ = Phase::active;
    make_idle();
  }

  const std::type_info& message_type() const noexcept override { return typeid(void); }

 private:
  Batch handle_messages(std::uint32_t) override { return Batch::idle; }
  void close_mailbox() noexcept override {}
  void end_input() noexcept override {}
  void drain_mailbox() noexcept override {}
  std::unique_ptr<ActorBase> make_instance() override { return nullptr; }

  mailbox::RunState run_state_;  // the scheduling state (see keep_state_in())
};

}  // namespace courier::detail
