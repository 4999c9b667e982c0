// coop.hpp: cooperative scheduling budget, so one busy receiver cannot starve its worker.
#pragma once

#include <cstdint>

namespace courier::coop {

// consume() spends one unit of the calling fiber's budget. Blocking channel operations call it
// each time they succeed; when the budget of the current time slice runs out, the fiber yields
// to the other ready fibers of its worker (Parker::yield_now()) and starts a new slice. A plain
// thread's budget is unlimited, so there it costs a branch. As in Tokio's coop module, a receiver
// that always finds a message would otherwise never give its worker back.
// Out of line on purpose: a fiber may resume on another thread, and the budget is the thread's.
void consume();

// end_slice() makes the calling fiber's next consume() yield, whatever budget it has left. A
// sender calls it when it had to grow an unbounded channel with the receiver a block or more
// behind: it is outrunning the receiver, which, if it shares this worker, only runs when the
// sender yields. So
// a backlog costs its senders their slices, as a long mailbox costs an Erlang sender reductions.
// Out of line, as consume().
void end_slice() noexcept;

// start_slice() gives the calling thread a fresh slice of `budget` operations; 0 means
// unlimited. The scheduler calls it each time it resumes a fiber.
void start_slice(std::uint32_t budget) noexcept;

}  // namespace courier::coop
