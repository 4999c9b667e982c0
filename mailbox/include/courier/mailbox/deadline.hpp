// deadline.hpp: turning "wait this long" into a deadline that cannot overflow.
#pragma once

#include <chrono>

#include "courier/mailbox/waker.hpp"

namespace courier {

// forever is the timeout of a wait with no time limit: every call that takes a duration accepts
// it, and waits with no timer at all (its deadline is Deadline::max()).
inline constexpr Clock::duration forever = Clock::duration::max();

// deadline_after(from, d) is `from` + `d`, saturated: a duration too long to add (forever, or any
// duration of any unit that would pass the clock's end) gives Deadline::max(), which every wait and
// timer reads as "no deadline"; a duration of zero or less gives `from`. Plain from + d would
// overflow and wrap into the past, so "wait for ever" would time out at once.
// Thread-safety: a pure function.
template <class Rep, class Period>
[[nodiscard]] Deadline deadline_after(Deadline from,
                                      std::chrono::duration<Rep, Period> d) noexcept {
  if (d <= d.zero()) return from;
  // Compared in long double, which holds either side without overflow whatever their units.
  using Wide = std::chrono::duration<long double>;
  const Clock::duration left = Deadline::max() - from;
  if (Wide(d) >= Wide(left)) return Deadline::max();
  return from + std::chrono::duration_cast<Clock::duration>(d);
}

// deadline_after(timeout) is now + `timeout`, saturated as above (zero or less: now, passed).
template <class Rep, class Period>
[[nodiscard]] Deadline deadline_after(std::chrono::duration<Rep, Period> timeout) noexcept {
  return deadline_after(Clock::now(), timeout);
}

}  // namespace courier
