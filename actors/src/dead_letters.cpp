#include "courier/actors/dead_letters.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "courier/actors/type_name.hpp"

namespace courier {

const char* reason_name(DeadLetterReason reason) noexcept {
  switch (reason) {
    case DeadLetterReason::stopped:
      return "stopped";
    case DeadLetterReason::dropped:
      return "dropped";
    case DeadLetterReason::handler_failed:
      return "handler_failed";
    case DeadLetterReason::late_reply:
      return "late_reply";
    case DeadLetterReason::cancelled:
      return "cancelled";
    case DeadLetterReason::count_:
      break;
  }
  return "unknown";
}

void DeadLetters::record(const DeadLetter& letter) {
  counts_[static_cast<std::size_t>(letter.reason)].fetch_add(1, std::memory_order_relaxed);
  if (log_) {
    std::fprintf(stderr, "courier: dead letter (%s): %s to actor '%s' (#%llu)\n",
                 reason_name(letter.reason), demangle(letter.type).c_str(), letter.to_name.c_str(),
                 static_cast<unsigned long long>(letter.to));
  }
  if (!has_subscribers_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(mutex_);
  for (auto& [id, subscriber] : subscribers_) subscriber(letter);
}

std::uint64_t DeadLetters::count() const noexcept {
  std::uint64_t n = 0;
  for (auto& c : counts_) n += c.load(std::memory_order_relaxed);
  return n;
}

std::uint64_t DeadLetters::count(DeadLetterReason reason) const noexcept {
  return counts_[static_cast<std::size_t>(reason)].load(std::memory_order_relaxed);
}

namespace detail {

FailedSendCounts& FailedSendCounts::make() {
  // The list's head: a block is pushed once and never taken out. Relaxed is enough: nobody walks
  // the list, it only keeps the blocks reachable; each push just has to be atomic. The block
  // comes from malloc, not operator new: it is meant to outlive every system, so a test that
  // checks that a destroyed system gave back all it allocated with operator new does not count it.
  static std::atomic<FailedSendCounts*> head{nullptr};
  void* memory = std::malloc(sizeof(FailedSendCounts));
  if (memory == nullptr) throw std::bad_alloc();
  auto* block = ::new (memory) FailedSendCounts;
  block->next_ = head.load(std::memory_order_relaxed);
  while (!head.compare_exchange_weak(block->next_, block, std::memory_order_relaxed)) {
  }
  return *block;
}

}  // namespace detail

std::uint64_t DeadLetters::failed_sends() const noexcept {
  using mailbox::Status;
  std::uint64_t n = 0;
  for (Status s : {Status::full, Status::closed, Status::timeout}) n += failed_.load(s);
  return n;
}

std::uint64_t DeadLetters::failed_sends(mailbox::Status status) const noexcept {
  return failed_.load(status);
}

std::size_t DeadLetters::subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.emplace_back(next_id_, std::move(subscriber));
  has_subscribers_.store(true, std::memory_order_release);
  return next_id_++;
}

void DeadLetters::unsubscribe(std::size_t id) {
  std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [id](const auto& s) { return s.first == id; });
  has_subscribers_.store(!subscribers_.empty(), std::memory_order_release);
}

}  // namespace courier
