// idle.hpp: which workers sleep, and waking one when work appears.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

#include "courier/mailbox/fence.hpp"
#include "courier/mailbox/thread_parker.hpp"

namespace courier::detail {

// Idle tracks sleeping and searching workers, in the manner of Tokio's scheduler: whoever makes
// work available calls notify_one(), which wakes one sleeper unless some worker is already
// searching (a searcher will find the work, and when it does it wakes the next one if needed).
// This keeps wake-ups, which cost a futex call each, to those that add parallelism.
// Lost wake-ups are excluded by a Dekker handshake: a worker announces itself as a sleeper, then
// re-checks the queues; a producer publishes its work, then reads the announcements; both sides
// put a seq_cst fence between the two steps.
// Thread-safety: every method is safe from any thread.
class Idle {
 public:
  explicit Idle(std::size_t workers) { sleepers_.reserve(workers); }

  // notify_one() wakes one sleeping worker if work was just published and nobody searches.
  void notify_one() noexcept {
    seq_cst_fence();
    if (searching_.load(std::memory_order_relaxed) != 0) return;
    if (sleeping_.load(std::memory_order_relaxed) == 0) return;
    ThreadParker* p = nullptr;
    {
      std::lock_guard lock(mutex_);
      if (sleepers_.empty()) return;
      p = sleepers_.back().parker;
      sleepers_.pop_back();
      sleeping_.fetch_sub(1, std::memory_order_relaxed);
      searching_.fetch_add(1, std::memory_order_relaxed);  // it wakes up searching
    }
    p->wake();
  }

  // notify_all() wakes every sleeper (shutdown).
  void notify_all() noexcept {
    std::vector<Sleeper> all;
    {
      std::lock_guard lock(mutex_);
      all.swap(sleepers_);
      sleeping_.store(0, std::memory_order_relaxed);
      // Each woken worker counts itself as searching, as after notify_one().
      searching_.fetch_add(static_cast<std::uint32_t>(all.size()), std::memory_order_relaxed);
    }
    for (auto& s : all) s.parker->wake();
  }

  // sleep() announces worker `id` as a sleeper; the caller re-checks for work, then parks.
  void sleep(std::size_t id, ThreadParker& parker) {
    {
      std::lock_guard lock(mutex_);
      sleepers_.push_back({id, &parker});
      sleeping_.fetch_add(1, std::memory_order_relaxed);
    }
    seq_cst_fence();
  }

  // wake_up() is a worker leaving sleep. It returns true if another thread woke it (that thread
  // then counted it as searching), false if it left by itself (timeout, or work seen on the
  // re-check), in which case it is taken off the list here.
  bool wake_up(std::size_t id) noexcept {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(sleepers_.begin(), sleepers_.end(),
                           [id](const Sleeper& s) { return s.id == id; });
    if (it == sleepers_.end()) return true;
    sleepers_.erase(it);
    sleeping_.fetch_sub(1, std::memory_order_relaxed);
    return false;
  }

  // sleeping() is how many workers sleep now (a snapshot).
  std::size_t sleeping() const noexcept { return sleeping_.load(std::memory_order_relaxed); }

  void start_search() noexcept { searching_.fetch_add(1, std::memory_order_seq_cst); }
  // end_search() returns true if the caller was the last searcher.
  bool end_search() noexcept { return searching_.fetch_sub(1, std::memory_order_seq_cst) == 1; }

 private:
  struct Sleeper {
    std::size_t id;
    ThreadParker* parker;
  };
  std::atomic<std::uint32_t> searching_{0};
  std::atomic<std::uint32_t> sleeping_{0};
  std::mutex mutex_;
  std::vector<Sleeper> sleepers_;
};

}  // namespace courier::detail
