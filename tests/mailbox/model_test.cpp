// model_test.cpp: a randomized single-threaded test. Random operations (try_send/send, try_reserve
// and try_reserve_owned with later send or drop, try_recv, recv_timeout(0), recv_many, close,
// clone/drop/downgrade/upgrade of senders) drive a real channel and a plain std::deque reference
// model side by side, and every result and every observable count is compared. Several fixed
// seeds, each on bounded channels of random capacity and on an unbounded channel.
#include <gtest/gtest.h>

#include <array>
#include <deque>
#include <optional>
#include <random>
#include <vector>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

template <class Kind>
class ModelRun {
 public:
  using Chan = decltype(Kind::template make<int>());
  using SenderT = typename Chan::first_type;
  using ReceiverT = typename Chan::second_type;
  using WeakT = decltype(std::declval<SenderT&>().downgrade());
  static constexpr bool kBounded = Kind::kBounded;

  ModelRun(std::uint32_t seed, std::size_t capacity)
      : rng_(seed), capacity_(capacity), chan_(make(capacity)) {
    senders_.push_back(std::move(chan_->first));
  }

  void run(int steps) {
    // Close once, somewhere in the second half of the run or (for some seeds) never.
    const int close_at = steps / 2 + static_cast<int>(pick(static_cast<std::size_t>(steps)));
    for (int step = 0; step < steps; ++step) {
      SCOPED_TRACE(::testing::Message() << "step " << step);
      if (step == close_at) {
        closed_ = true;
        rx().close();
      } else {
        one_step();
      }
      check_observers();
      if (::testing::Test::HasFatalFailure()) return;
    }
    finish();
  }

 public:
  // Statistics, to check that runs reach the interesting states.
  int outcomes(Status s) const { return outcomes_[static_cast<std::size_t>(s)]; }

 private:
  static std::optional<Chan> make(std::size_t capacity) {
    if constexpr (kBounded) {
      return std::optional<Chan>(bounded<int>(capacity));
    } else {
      (void)capacity;
      return std::optional<Chan>(unbounded<int>());
    }
  }

  ReceiverT& rx() { return chan_->second; }

  // The model's view.
  std::size_t strong() const { return senders_.size() + owned_.size(); }
  std::size_t reserved() const { return permits_.size() + owned_.size(); }
  std::size_t free_capacity() const { return capacity_ - queue_.size() - reserved(); }
  // What a receive sees when nothing is queued: the end, or just nothing yet.
  Status when_empty() const {
    return strong() == 0 || (closed_ && reserved() == 0) ? Status::closed : Status::empty;
  }

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  void one_step() {
    const std::size_t op = pick(16);
    switch (op) {
      case 0:
      case 1:
      case 2:
        return op_send();
      case 3:
        return op_try_reserve();
      case 4:
        return op_try_reserve_owned();
      case 5:
        return op_use_permit();
      case 6:
        return op_use_owned();
      case 7:
      case 8:
      case 9:
        return op_try_recv();
      case 10:
        return op_recv_timeout_zero();
      case 11:
        return op_recv_many();
      case 12:
        return op_send();
      case 13:
        return op_clone_or_drop_sender();
      case 14:
        return op_weak();
      default:
        return op_try_recv();
    }
  }

  void op_send() {
    if (senders_.empty()) return;
    const int value = next_value_++;
    auto& tx = senders_[pick(senders_.size())];
    if constexpr (kBounded) {
      auto r = tx.try_send(value);
      const Status expect = closed_                ? Status::closed
                            : free_capacity() == 0 ? Status::full
                                                   : Status::success;
      ++outcomes_[static_cast<std::size_t>(expect)];
      if (expect == Status::success) {
        ASSERT_TRUE(r);
        queue_.push_back(value);
      } else {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().status, expect);
        EXPECT_EQ(r.error().value, value);
      }
    } else {
      auto r = tx.send(value);
      if (!closed_) {
        ASSERT_TRUE(r);
        queue_.push_back(value);
      } else {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().status, Status::closed);
        EXPECT_EQ(r.error().value, value);
      }
    }
  }

  void op_try_reserve() {
    if constexpr (kBounded) {
      if (senders_.empty()) return;
      auto r = senders_[pick(senders_.size())].try_reserve();
      const Status expect = closed_                ? Status::closed
                            : free_capacity() == 0 ? Status::full
                                                   : Status::success;
      if (expect == Status::success) {
        ASSERT_TRUE(r);
        permits_.push_back(std::move(*r));
      } else {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), expect);
      }
    }
  }

  void op_try_reserve_owned() {
    if constexpr (kBounded) {
      if (senders_.empty()) return;
      auto r = senders_[pick(senders_.size())].try_reserve_owned();
      const Status expect = closed_                ? Status::closed
                            : free_capacity() == 0 ? Status::full
                                                   : Status::success;
      if (expect == Status::success) {
        ASSERT_TRUE(r);
        owned_.push_back(std::move(*r));
      } else {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), expect);
      }
    }
  }

  // A plain permit is sent or dropped (sent even after close: it cannot fail).
  void op_use_permit() {
    if constexpr (kBounded) {
      if (permits_.empty()) return;
      const std::size_t i = pick(permits_.size());
      auto permit = std::move(permits_[i]);
      permits_.erase(permits_.begin() + static_cast<std::ptrdiff_t>(i));
      if (pick(2) == 0) {
        const int value = next_value_++;
        std::move(permit).send(value);
        queue_.push_back(value);
      }
    }
  }

  // An owned permit is sent (keeping the returned sender), released, or dropped.
  void op_use_owned() {
    if constexpr (kBounded) {
      if (owned_.empty()) return;
      const std::size_t i = pick(owned_.size());
      auto permit = std::move(owned_[i]);
      owned_.erase(owned_.begin() + static_cast<std::ptrdiff_t>(i));
      switch (pick(3)) {
        case 0: {
          const int value = next_value_++;
          senders_.push_back(std::move(permit).send(value));
          queue_.push_back(value);
          break;
        }
        case 1:
          senders_.push_back(std::move(permit).release());
          break;
        default:
          break;  // dropped: capacity and its sender go
      }
    }
  }

  void op_try_recv() {
    auto r = rx().try_recv();
    ++outcomes_[static_cast<std::size_t>(queue_.empty() ? when_empty() : Status::success)];
    if (!queue_.empty()) {
      ASSERT_TRUE(r);
      EXPECT_EQ(*r, queue_.front());
      queue_.pop_front();
    } else {
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error(), when_empty());
    }
  }

  void op_recv_timeout_zero() {
    auto r = rx().recv_timeout(std::chrono::nanoseconds(0));
    if (!queue_.empty()) {
      ASSERT_TRUE(r);
      EXPECT_EQ(*r, queue_.front());
      queue_.pop_front();
    } else {
      ASSERT_FALSE(r);
      const Status s = when_empty();
      EXPECT_EQ(r.error(), s == Status::empty ? Status::timeout : s);
    }
  }

  void op_recv_many() {
    // recv_many waits when nothing is there; call it only when it will not block.
    if (queue_.empty() && when_empty() == Status::empty) return;
    const std::size_t limit = pick(6);
    std::vector<int> out;
    const std::size_t n = rx().recv_many(out, limit);
    const std::size_t expect = std::min(limit, queue_.size());
    ASSERT_EQ(n, expect);
    ASSERT_EQ(out.size(), expect);
    for (int v : out) {
      EXPECT_EQ(v, queue_.front());
      queue_.pop_front();
    }
  }

  void op_clone_or_drop_sender() {
    if (senders_.empty() || pick(2) == 0) {
      if (!senders_.empty()) senders_.push_back(senders_[pick(senders_.size())]);
      return;
    }
    if (strong() == 1 && pick(50) != 0) return;  // the last strong handle goes only rarely
    // A plain permit must not outlive every sender: settle them before the last one goes.
    if (senders_.size() == 1) {
      while (!permits_.empty()) op_use_permit();
    }
    senders_.erase(senders_.begin() + static_cast<std::ptrdiff_t>(pick(senders_.size())));
  }

  void op_weak() {
    if (!senders_.empty() && (weak_.empty() || pick(2) == 0)) {
      weak_.push_back(senders_[pick(senders_.size())].downgrade());
      return;
    }
    if (weak_.empty()) return;
    const std::size_t i = pick(weak_.size());
    if (pick(3) == 0) {
      weak_.erase(weak_.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
    auto up = weak_[i].upgrade();
    ASSERT_EQ(up.has_value(), strong() > 0);
    if (up) senders_.push_back(std::move(*up));
  }

  void check_observers() {
    EXPECT_EQ(rx().len(), queue_.size());
    EXPECT_EQ(rx().is_empty(), queue_.empty());
    EXPECT_EQ(rx().sender_strong_count(), strong());
    EXPECT_EQ(rx().sender_weak_count(), weak_.size());
    EXPECT_EQ(rx().is_closed(), closed_ || strong() == 0);
    if constexpr (kBounded) {
      EXPECT_EQ(rx().capacity(), free_capacity());
      EXPECT_EQ(rx().max_capacity(), capacity_);
    }
    if (!senders_.empty()) {
      const auto& tx = senders_.front();
      EXPECT_EQ(tx.is_closed(), closed_);
      EXPECT_EQ(tx.strong_count(), strong());
      EXPECT_EQ(tx.weak_count(), weak_.size());
    }
  }

  // The end: drop the receiver with a sink, then use the permits still out, then free the
  // channel. The sink must see exactly the model's queue, then the late values, in order.
  void finish() {
    std::vector<int> sunk;
    rx().set_sink([&sunk](int v) { sunk.push_back(v); });
    { auto gone = std::move(chan_->second); }
    std::vector<int> expected(queue_.begin(), queue_.end());
    EXPECT_EQ(sunk, expected);
    if constexpr (kBounded) {
      for (auto& p : permits_) {
        const int value = next_value_++;
        std::move(p).send(value);
        expected.push_back(value);
      }
      permits_.clear();
      for (auto& p : owned_) {
        const int value = next_value_++;
        (void)std::move(p).send(value);
        expected.push_back(value);
      }
      owned_.clear();
    }
    for (auto& tx : senders_) EXPECT_EQ(tx.send(-1).error().status, Status::closed);
    senders_.clear();
    weak_.clear();
    chan_.reset();
    EXPECT_EQ(sunk, expected);
  }

  using PermitT = Permit<int, BoundedSemaphore>;

  std::mt19937 rng_;
  std::size_t capacity_;
  std::optional<Chan> chan_;
  std::vector<SenderT> senders_;
  std::vector<WeakT> weak_;
  std::vector<PermitT> permits_;
  std::vector<OwnedPermit<int>> owned_;
  std::deque<int> queue_;
  bool closed_ = false;
  int next_value_ = 0;
  std::array<int, 5> outcomes_{};  // how often each status was expected, over sends and receives
};

constexpr std::uint32_t kSeeds[] = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233};
constexpr int kSteps = 3000;

TEST(Model, BoundedChannelMatchesDequeModel) {
  std::array<int, 5> totals{};
  for (std::uint32_t seed : kSeeds) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937 pick_capacity(seed);
    const std::size_t capacity = 1 + pick_capacity() % 40;
    ModelRun<BoundedKind<1>> run(seed, capacity);  // the kind's own capacity is not used here
    run.run(kSteps);
    if (HasFatalFailure()) return;
    for (Status st : {Status::success, Status::full, Status::empty, Status::closed}) {
      totals[static_cast<std::size_t>(st)] += run.outcomes(st);
    }
  }
  // The runs did reach every state, or the comparison above proves little.
  for (Status st : {Status::success, Status::full, Status::empty, Status::closed}) {
    EXPECT_GT(totals[static_cast<std::size_t>(st)], 50) << to_string(st);
  }
}

TEST(Model, UnboundedChannelMatchesDequeModel) {
  std::array<int, 5> totals{};
  for (std::uint32_t seed : kSeeds) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    ModelRun<UnboundedKind> run(seed, std::numeric_limits<std::size_t>::max());
    run.run(kSteps);
    if (HasFatalFailure()) return;
    for (Status st : {Status::success, Status::empty, Status::closed}) {
      totals[static_cast<std::size_t>(st)] += run.outcomes(st);
    }
  }
  for (Status st : {Status::success, Status::empty, Status::closed}) {
    EXPECT_GT(totals[static_cast<std::size_t>(st)], 50) << to_string(st);
  }
}

}  // namespace
}  // namespace courier::mailbox::test
