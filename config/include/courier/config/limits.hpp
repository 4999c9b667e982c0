// limits.hpp: the bounds a topology file must stay within, so no file can exhaust the machine.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace courier::config {

inline constexpr std::size_t kMaxFileBytes = std::size_t{16} << 20;  // 16 MiB of JSON
inline constexpr std::int64_t kMinWorkers = 1;
inline constexpr std::int64_t kMaxWorkers = 256;
inline constexpr std::uint64_t kMinStackSize = std::uint64_t{16} << 10;  // 16 KiB
inline constexpr std::uint64_t kMaxStackSize = std::uint64_t{8} << 20;   // 8 MiB
inline constexpr std::int64_t kMaxBudget = 1'000'000;
inline constexpr std::chrono::milliseconds kMaxShutdownTimeout = std::chrono::hours(1);
inline constexpr std::int64_t kMaxCount = 10'000;  // replicas of one actor
// The sum of every actor's count: each replica is a fiber with its own stack.
inline constexpr std::int64_t kMaxActors = 100'000;
// The capacity of one bounded mailbox, and the sum of capacity × count over the file: slots are
// reserved lazily, but a sender may fill them all.
inline constexpr std::int64_t kMaxMailboxSlots = std::int64_t{1} << 28;
// The room reserved in one mailbox, and reserve × count summed over the file: reserved room is
// made at spawn (32 bytes a message or more), so its bound is lower.
inline constexpr std::int64_t kMaxReservedSlots = std::int64_t{1} << 24;
inline constexpr std::int64_t kMaxRestarts = 10'000;
inline constexpr std::chrono::milliseconds kMinWithin{1};
inline constexpr std::chrono::milliseconds kMaxWithin = std::chrono::hours(24);

}  // namespace courier::config
