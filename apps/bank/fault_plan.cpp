// fault_plan.cpp: the seeded fault decisions.
#include "bank/fault_plan.hpp"

namespace courier::apps::bank {

std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::optional<FaultPoint> FaultPlan::strike(std::uint64_t op,
                                            std::uint32_t attempt) const noexcept {
  if (probability_ <= 0.0) return std::nullopt;
  const std::uint64_t draw = mix(seed_ ^ mix(op ^ mix(attempt)));
  // The top 53 bits as a uniform number in [0, 1).
  const double uniform = static_cast<double>(draw >> 11) * 0x1.0p-53;
  if (uniform >= probability_) return std::nullopt;
  return static_cast<FaultPoint>(mix(draw) % 3);
}

}  // namespace courier::apps::bank
