// deadline.hpp: turning "wait this long" into a deadline that cannot overflow.
#pragma once

#include <chrono>

#include "courier/mailbox/waker.hpp"

namespace courier {

// forever is the timeout of a wait with no time limit: every call that takes a duration accepts
// it, and waits with no timer at all (its deadline is Deadline::max()).
inline constexpr Clock::duration forever = Clock::duration::max();

// deadline_after() is now + `timeout`, saturated: a timeout too long to add to now (forever, or
// any duration of any unit that would pass the clock's end) gives Deadline::max(), which every
// wait reads as "no deadline"; a timeout of zero or less gives now (already passed). Plain
// now + timeout would overflow and wrap into the past, so "wait for ever" would time out at once.
// Thread-safety: a pure function of the clock.
template <class Rep, class Period>
[[nodiscard]] Deadline deadline_after(std::chrono::duration<Rep, Period> timeout) noexcept {
  const Deadline now = Clock::now();
  if (timeout <= timeout.zero()) return now;
  // Compared in long double, which holds either side without overflow whatever their units.
  using Wide = std::chrono::duration<long double>;
  const Clock::duration left = Deadline::max() - now;
  if (Wide(timeout) >= Wide(left)) return Deadline::max();
  return now + std::chrono::duration_cast<Clock::duration>(timeout);
}

}  // namespace courier
