// launch_mailbox_test.cpp: what a file says of an actor's mailbox is what the launched actor gets.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "alloc_counter.hpp"
#include "courier/config/cli.hpp"
#include "courier/config/registry.hpp"
#include "launch_support.hpp"

namespace courier::config::testing {
namespace {

struct Nudge {};

// live_at_start holds the allocations live when the last AllocationProbe started.
std::atomic<std::int64_t> live_at_start{0};

// AllocationProbe records the live allocations when it starts, then stops: by then its mailbox,
// and whatever room the file reserved in it, has been made.
class AllocationProbe final : public Actor<Nudge> {
 public:
  void on_start(Context& ctx) override {
    live_at_start.store(test::live_allocations(), std::memory_order_relaxed);
    ctx.stop();
  }
  void on_message(Nudge, Context&) override {}
};

const Registry& probe_registry() {
  static const Registry registry = [] {
    Registry r;
    r.name<Nudge>("Nudge");
    r.add<AllocationProbe>("allocation_probe");
    return r;
  }();
  return registry;
}

// live_at_start_with() launches one probe whose mailbox is `mailbox` (JSON) and gives the
// allocations live when it started.
std::int64_t live_at_start_with(const std::string& mailbox) {
  const Launched r = launch_text(R"({
    "version": 1,
    "runtime": { "workers": 1 },
    "actors": { "probe": { "type": "allocation_probe", "mailbox": )" +
                                     mailbox + R"( } }
  })",
                                 probe_registry());
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  return live_at_start.load(std::memory_order_relaxed);
}

// MailboxKind is one kind of mailbox as a file writes it.
struct MailboxKind {
  const char* name;
  const char* json;  // the members of "mailbox" that choose the kind
};

class LaunchMailbox : public ::testing::TestWithParam<MailboxKind> {};

TEST_P(LaunchMailbox, AReserveInTheFileMakesTheRoomAtSpawn) {
  if (!test::allocation_counting()) GTEST_SKIP() << "operator new is not counted here";
  // 1,024 blocks of 32 slots: far more than a launch's other allocations can vary.
  constexpr std::int64_t kBlocks = 1024;
  const std::string reserve = std::to_string(kBlocks * 32);
  const std::string kind = GetParam().json;
  const std::int64_t without = live_at_start_with("{ " + kind + " }");
  const std::int64_t with = live_at_start_with("{ " + kind + R"(, "reserve": )" + reserve + " }");
  EXPECT_GE(with - without, kBlocks)
      << "live at start: " << without << " without, " << with << " with the reserve";
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, LaunchMailbox,
    ::testing::Values(MailboxKind{"Unbounded", R"("kind": "unbounded")"},
                      MailboxKind{"Bounded", R"("kind": "bounded", "capacity": 8)"}),
    [](const ::testing::TestParamInfo<MailboxKind>& p) { return p.param.name; });

}  // namespace
}  // namespace courier::config::testing
