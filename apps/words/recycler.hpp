// recycler.hpp: buffers handed back by the stage that used them, for the stage that fills them.
#pragma once

#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

namespace courier::apps::words {

// Recycler<T> keeps up to `keep` values of T (strings, WordLists) that a later stage has finished
// with, emptied but with their memory, so that the stage making them refills memory that is
// already mapped: without it every chunk and every part is a fresh allocation, which the
// allocator returns to the system and then faults in again, page by page.
// Thread-safety: take() and give_back() may be called from any threads.
template <class T>
class Recycler {
 public:
  explicit Recycler(std::size_t keep) : keep_(keep) {}

  // take() gives an empty T, with the memory of one given back if there is one.
  T take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) return T();
    T value = std::move(free_.back());
    free_.pop_back();
    return value;
  }

  // give_back() empties `value` and keeps it for a later take(), or frees it when `keep` are
  // kept already.
  void give_back(T value) {
    value.clear();
    std::lock_guard lock(mutex_);
    if (free_.size() < keep_) free_.push_back(std::move(value));
  }

 private:
  std::mutex mutex_;
  std::size_t keep_;
  std::vector<T> free_;
};

}  // namespace courier::apps::words
