// spawned_cell.hpp: the cell of an actor of one class, with what rebuilds it on a restart.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include "courier/actors/actor_cell.hpp"
#include "courier/actors/type_name.hpp"

namespace courier::detail {

// SpawnedCell<A, Saved...> is the cell of an actor of class A. It keeps copies of A's constructor
// arguments in the cell itself, and a restart builds the new instance from them. A std::function
// holding them would allocate for any capture that is not trivially copyable or not small, such
// as the ActorRef that most actors are given: one more allocation on every spawn (A4), and tens
// of bytes more for every idle actor (A4m). With move-only arguments nothing is kept (Saved is
// empty and saved_ disengaged): a restart then fails with an error that says why, and the
// supervisor escalates.
// Thread-safety: as ActorCell; the saved arguments are touched only by the actor's own task.
template <class A, class... Saved>
class SpawnedCell final : public ActorCell<typename A::Message> {
 public:
  SpawnedCell(SystemCore& system, CellBase* parent, SpawnOptions&& options,
              std::unique_ptr<ActorBase> first, std::optional<std::tuple<Saved...>> saved)
      : ActorCell<typename A::Message>(system, parent, std::move(options), std::move(first)),
        saved_(std::move(saved)) {}

 private:
  std::unique_ptr<ActorBase> make_instance() override {
    if (!saved_) {
      throw std::logic_error("courier: cannot restart " + demangle(typeid(A)) +
                             ": it was spawned with move-only constructor arguments");
    }
    return std::apply([](const Saved&... args) { return std::make_unique<A>(args...); }, *saved_);
  }
  // The saved arguments may hold StrongRefs (a pipeline's edges): a stopped actor must let go of
  // them, or the actors downstream never see their input end.
  void release_factory() noexcept override { saved_.reset(); }

  std::optional<std::tuple<Saved...>> saved_;
};

// make_cell() builds an actor A and its cell under `parent`. The first instance is built here,
// on the caller's thread, before the cell: a constructor that throws fails the spawn itself. The
// options pass by reference down to CellBase, which takes what it keeps: moved by value through
// each of the four constructors, they cost A4 about 7%.
template <class A, class... Args>
std::shared_ptr<ActorCell<typename A::Message>> make_cell(SystemCore& system, CellBase* parent,
                                                          SpawnOptions&& options, Args&&... args) {
  using M = typename A::Message;
  static_assert(std::is_base_of_v<Actor<M>, A>, "an actor derives from courier::Actor<M>");
  // One allocation for the cell and its count. A parent's weak_ptr then keeps an ended child's
  // cell allocated (not its instance or mailbox) until the parent reclaims the slot, which it
  // does before its list of children doubles: at most as many ended cells as live children.
  if constexpr ((std::is_copy_constructible_v<std::decay_t<Args>> && ...)) {
    std::tuple<std::decay_t<Args>...> saved(std::forward<Args>(args)...);
    auto first = std::apply(
        [](const std::decay_t<Args>&... copies) { return std::make_unique<A>(copies...); }, saved);
    return std::make_shared<SpawnedCell<A, std::decay_t<Args>...>>(
        system, parent, std::move(options), std::move(first), std::move(saved));
  } else {
    return std::make_shared<SpawnedCell<A>>(system, parent, std::move(options),
                                            std::make_unique<A>(std::forward<Args>(args)...),
                                            std::nullopt);
  }
}

}  // namespace courier::detail
