#include "courier/mailbox/coop.hpp"

#include "courier/mailbox/waker.hpp"

namespace courier::coop {
namespace {

thread_local std::uint32_t slice_budget = 0;  // 0: unlimited (a plain thread)
thread_local std::uint32_t left = 0;

}  // namespace

void consume() {
  if (slice_budget == 0 || --left != 0) return;
  left = slice_budget;
  Parker::current().yield_now();
}

void end_slice() noexcept {
  if (slice_budget != 0) left = 1;
}

void start_slice(std::uint32_t budget) noexcept {
  slice_budget = budget;
  left = budget;
}

}  // namespace courier::coop
