// supervision.hpp: what a parent does when one of its children fails.
#pragma once

#include <chrono>
#include <cstdint>

namespace courier {

// Supervision is a parent's policy for its children, as in Erlang/OTP: a child whose handler
// throws is restarted (a new instance on the same mailbox, so queued messages are kept), alone
// (one_for_one) or with all its siblings (all_for_one). More than `max_restarts` restarts within
// `within` hit the limit: the parent then fails itself (escalate, to its own parent) or stops the
// children concerned (stop).
struct Supervision {
  enum class Strategy : std::uint8_t { one_for_one, all_for_one };
  enum class OnLimit : std::uint8_t { escalate, stop };

  Strategy strategy = Strategy::one_for_one;
  std::uint32_t max_restarts = 3;
  std::chrono::steady_clock::duration within = std::chrono::seconds(5);
  OnLimit on_limit = OnLimit::escalate;

  bool operator==(const Supervision&) const = default;
};

}  // namespace courier
