// test_support.hpp: helpers shared by the mailbox tests: channel kinds for typed tests, a value
// type that records its destruction, test wakers and parkers, and thread helpers.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "courier/mailbox.hpp"

namespace courier::mailbox::test {

using namespace std::chrono_literals;

// ---- sanitizer-aware scaling
// ---------------------------------------------------------------------
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kUnderTsan = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kUnderTsan = true;
#else
inline constexpr bool kUnderTsan = false;
#endif
#else
inline constexpr bool kUnderTsan = false;
#endif

// scaled() halves stress iteration counts under ThreadSanitizer, which is 5-20x slower.
constexpr std::size_t scaled(std::size_t n) noexcept {
  return kUnderTsan ? (n + 1) / 2 : n;
}

// ---- channel kinds for typed tests
// --------------------------------------------------------------- A kind makes a channel of some
// flavour; typed tests run once per kind.
template <std::size_t N>
struct BoundedKind {
  static constexpr bool kBounded = true;
  static constexpr std::size_t kCapacity = N;
  template <class T>
  static auto make() {
    return bounded<T>(N);
  }
  static std::string name() { return "Bounded" + std::to_string(N); }
};

struct UnboundedKind {
  static constexpr bool kBounded = false;
  static constexpr std::size_t kCapacity = std::numeric_limits<std::size_t>::max();
  template <class T>
  static auto make() {
    return unbounded<T>();
  }
  static std::string name() { return "Unbounded"; }
};

using AllKinds = ::testing::Types<BoundedKind<1>, BoundedKind<2>, BoundedKind<32>,
                                  BoundedKind<1024>, UnboundedKind>;
using BoundedKinds =
    ::testing::Types<BoundedKind<1>, BoundedKind<2>, BoundedKind<32>, BoundedKind<1024>>;
using BoundedAndUnbounded = ::testing::Types<BoundedKind<16>, UnboundedKind>;

struct KindNames {
  template <class K>
  static std::string GetName(int) {
    return K::name();
  }
};

// capacity_name() names the instances of a TEST_P over capacities.
inline std::string capacity_name(const ::testing::TestParamInfo<std::size_t>& param) {
  return "Cap" + std::to_string(param.param);
}

// batch_size() is how many values a test may queue at once on a channel of this kind without
// blocking: the capacity, at most `limit`.
template <class Kind>
constexpr std::size_t batch_size(std::size_t limit) noexcept {
  return Kind::kCapacity < limit ? Kind::kCapacity : limit;
}

// ---- a value type that records its destruction
// --------------------------------------------------- A Tracker counts, per id, how many times a
// live Tracked with that id was destroyed (moved-from shells do not count), so a test can check
// that every value was destroyed exactly once.
class Tracker {
 public:
  explicit Tracker(std::size_t ids) : drops_(ids) {}

  std::size_t size() const noexcept { return drops_.size(); }
  int drops(std::size_t id) const noexcept { return drops_[id].load(std::memory_order_acquire); }
  long live() const noexcept { return live_.load(std::memory_order_acquire); }
  long created() const noexcept { return created_.load(std::memory_order_acquire); }

  // all_dropped_once() is true when every id was made and destroyed exactly once.
  bool all_dropped_once() const noexcept {
    for (std::size_t i = 0; i < drops_.size(); ++i) {
      if (drops(i) != 1) return false;
    }
    return live() == 0;
  }
  // dropped() counts the ids destroyed at least once.
  std::size_t dropped() const noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < drops_.size(); ++i) n += drops(i) > 0;
    return n;
  }

 private:
  friend class Tracked;
  std::vector<std::atomic<int>> drops_;
  std::atomic<long> live_{0};
  std::atomic<long> created_{0};
};

// Tracked is a move-only value with an id that reports its destruction to a Tracker.
class Tracked {
 public:
  Tracked(Tracker& tracker, std::size_t id) noexcept : tracker_(&tracker), id_(id) {
    tracker.live_.fetch_add(1, std::memory_order_relaxed);
    tracker.created_.fetch_add(1, std::memory_order_relaxed);
  }
  Tracked(Tracked&& other) noexcept
      : tracker_(std::exchange(other.tracker_, nullptr)), id_(other.id_) {}
  Tracked& operator=(Tracked&& other) noexcept {
    if (this != &other) {
      drop();
      tracker_ = std::exchange(other.tracker_, nullptr);
      id_ = other.id_;
    }
    return *this;
  }
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  ~Tracked() { drop(); }

  std::size_t id() const noexcept { return id_; }
  bool valid() const noexcept { return tracker_ != nullptr; }

 private:
  void drop() noexcept {
    if (tracker_ != nullptr) {
      tracker_->drops_[id_].fetch_add(1, std::memory_order_acq_rel);
      tracker_->live_.fetch_sub(1, std::memory_order_acq_rel);
      tracker_ = nullptr;
    }
  }
  Tracker* tracker_;
  std::size_t id_;
};

// ---- wakers and parkers
// -------------------------------------------------------------------------- CountingWaker counts
// its wake() calls; wait_for_wakes() blocks until there were enough.
class CountingWaker final : public Waker {
 public:
  void wake() noexcept override {
    wakes_.fetch_add(1, std::memory_order_acq_rel);  // the last touch of *this
  }
  int wakes() const noexcept { return wakes_.load(std::memory_order_acquire); }
  // wait_for_wakes() waits (up to `timeout`) until at least n wakes happened.
  bool wait_for_wakes(int n, std::chrono::milliseconds timeout = 10s) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (wakes() < n) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(100us);
    }
    return true;
  }

 private:
  std::atomic<int> wakes_{0};
};

// ObservedParker is a ThreadParker that counts how often its thread parked, so a test knows when
// a thread is blocked inside a channel operation (a channel queues its waiter before parking).
class ObservedParker final : public Parker {
 public:
  bool park_until(Deadline deadline) override {
    parks_.fetch_add(1, std::memory_order_acq_rel);
    return inner_.park_until(deadline);
  }
  void wake() noexcept override { inner_.wake(); }
  void cancel() noexcept { inner_.cancel(); }
  int parks() const noexcept { return parks_.load(std::memory_order_acquire); }

 private:
  ThreadParker inner_;
  std::atomic<int> parks_{0};
};

// InstallParker makes `parker` the calling thread's current parker for its lifetime.
class InstallParker {
 public:
  explicit InstallParker(Parker& parker) noexcept { Parker::set_current(&parker); }
  InstallParker(const InstallParker&) = delete;
  InstallParker& operator=(const InstallParker&) = delete;
  ~InstallParker() { Parker::set_current(nullptr); }
};

// ---- threads
// -------------------------------------------------------------------------------------
// run_threads() runs body(i) for i in [0, n) on n threads and joins them all.
template <class F>
void run_threads(std::size_t n, F&& body) {
  std::vector<std::jthread> threads;
  threads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) threads.emplace_back([&body, i] { body(i); });
}

// wait_until() polls `pred` with short sleeps until it holds or `timeout` passes.
template <class Pred>
bool wait_until(Pred&& pred, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() >= deadline) return pred();
    std::this_thread::sleep_for(200us);
  }
  return true;
}

// Elapsed measures wall time since construction.
class Elapsed {
 public:
  std::chrono::milliseconds operator()() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start_);
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace courier::mailbox::test
