// group_actor.cpp: a supervision group's actor.
#include "group_actor.hpp"

namespace courier::config::detail {

void GroupActor::on_start(Context& ctx) {
  state_->gate->wait();
  state_->remaining = state_->watches.size();
  for (auto& watch : std::exchange(state_->watches, {})) watch(ctx);
  if (state_->remaining == 0) ctx.stop();
}

void GroupActor::on_restart(Context& ctx, const std::exception_ptr& cause) {
  // The members stay watched (their notices come to this cell) and go with the old instance.
  (void)ctx;
  (void)cause;
}

void GroupActor::on_terminated(const Terminated& notice, Context& ctx) {
  (void)notice;
  if (--state_->remaining == 0) ctx.stop();
}

void GroupActor::on_message(courier::detail::GroupMessage message, Context& ctx) {
  (void)message;
  (void)ctx;
}

}  // namespace courier::config::detail
