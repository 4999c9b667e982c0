// ping_pong_test.cpp: fibers exchanging messages through bounded mailboxes of capacity 1, so
// that nearly every send and every receive waits: thousands of fibers at once across workers,
// one long-running pair, fibers of two runtimes, and a fiber with a plain thread. Each checks
// that no message is lost, duplicated or reordered.
#include <gtest/gtest.h>

#include <cstdint>
#include <thread>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

class PingPong : public RuntimeTest {};
COURIER_INSTANTIATE_WORKERS(PingPong);

struct PairResult {
  std::int64_t pings_seen = 0;  // counted by the ponger
  std::int64_t ping_sum = 0;
  std::int64_t replies_ok = 0;  // counted by the pinger: each reply was the expected one, in order
};

// ping() sends 0..rounds-1 and expects each reply to be 2*i+1, in order.
template <class Tx, class Rx>
std::int64_t ping(const Tx& tx, Rx& rx, int rounds) {
  std::int64_t ok = 0;
  for (int i = 0; i < rounds; ++i) {
    if (!tx.send(i).has_value()) break;
    auto r = rx.recv();
    if (!r) break;
    if (*r == 2 * i + 1) ++ok;
  }
  return ok;
}

// pong() answers every value v with 2*v+1 until its inbox closes.
template <class Tx, class Rx>
void pong(const Tx& tx, Rx& rx, PairResult& out) {
  while (auto v = rx.recv()) {
    ++out.pings_seen;
    out.ping_sum += *v;
    if (!tx.send(2 * *v + 1).has_value()) break;
  }
}

TEST_P(PingPong, ThousandsOfFibersThroughCapacityOneMailboxes) {
  const int pairs = static_cast<int>(scaled(1000));
  constexpr int kRounds = 200;
  std::vector<PairResult> results(static_cast<std::size_t>(pairs));
  std::vector<JoinHandle<void>> handles;
  handles.reserve(2 * results.size());
  for (auto& result : results) {
    auto [to_ponger, ponger_inbox] = mailbox::bounded<int>(1);
    auto [to_pinger, pinger_inbox] = mailbox::bounded<int>(1);
    handles.push_back(rt().spawn([tx = std::move(to_pinger), rx = std::move(ponger_inbox),
                                  &result]() mutable { pong(tx, rx, result); }));
    handles.push_back(
        rt().spawn([tx = std::move(to_ponger), rx = std::move(pinger_inbox), &result]() mutable {
          result.replies_ok = ping(tx, rx, kRounds);
          // Dropping tx (with the fiber's captures) closes the ponger's inbox.
        }));
  }
  for (auto& h : handles) h.join();
  for (std::size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(results[i].pings_seen, kRounds);
    EXPECT_EQ(results[i].ping_sum, static_cast<std::int64_t>(kRounds) * (kRounds - 1) / 2);
    EXPECT_EQ(results[i].replies_ok, kRounds);
    if (HasFailure()) break;
  }
}

TEST_P(PingPong, OneLongPair) {
  constexpr int rounds = static_cast<int>(scaled(100000));
  PairResult result;
  auto [to_ponger, ponger_inbox] = mailbox::bounded<int>(1);
  auto [to_pinger, pinger_inbox] = mailbox::bounded<int>(1);
  auto ponger = rt().spawn([tx = std::move(to_pinger), rx = std::move(ponger_inbox),
                            &result]() mutable { pong(tx, rx, result); });
  auto pinger = rt().spawn([tx = std::move(to_ponger), rx = std::move(pinger_inbox)]() mutable {
    return ping(tx, rx, rounds);
  });
  EXPECT_EQ(pinger.join(), rounds);
  ponger.join();
  EXPECT_EQ(result.pings_seen, rounds);
  EXPECT_EQ(result.ping_sum, static_cast<std::int64_t>(rounds) * (rounds - 1) / 2);
}

// The ponger is a fiber and the pinger a plain thread: each wakes the other across the boundary.
TEST_P(PingPong, FiberWithPlainThread) {
  constexpr int rounds = static_cast<int>(scaled(5000));
  PairResult result;
  auto [to_ponger, ponger_inbox] = mailbox::bounded<int>(1);
  auto [to_pinger, pinger_inbox] = mailbox::bounded<int>(1);
  auto ponger = rt().spawn([tx = std::move(to_pinger), rx = std::move(ponger_inbox),
                            &result]() mutable { pong(tx, rx, result); });
  std::int64_t ok = 0;
  std::thread pinger([&ok, tx = std::move(to_ponger), rx = std::move(pinger_inbox)]() mutable {
    ok = ping(tx, rx, rounds);
  });
  pinger.join();
  ponger.join();
  EXPECT_EQ(ok, rounds);
  EXPECT_EQ(result.pings_seen, rounds);
}

// The two sides run on different runtimes: every wake comes from a worker of the other runtime.
TEST_P(PingPong, FibersOfTwoRuntimes) {
  const int pairs = static_cast<int>(scaled(50, 5));
  constexpr int rounds = static_cast<int>(scaled(2000));
  Runtime other({.workers = 2});
  std::vector<PairResult> results(static_cast<std::size_t>(pairs));
  std::vector<JoinHandle<void>> pongers;
  std::vector<JoinHandle<std::int64_t>> pingers;
  for (auto& result : results) {
    auto [to_ponger, ponger_inbox] = mailbox::bounded<int>(1);
    auto [to_pinger, pinger_inbox] = mailbox::bounded<int>(1);
    pongers.push_back(other.spawn([tx = std::move(to_pinger), rx = std::move(ponger_inbox),
                                   &result]() mutable { pong(tx, rx, result); }));
    pingers.push_back(
        rt().spawn([tx = std::move(to_ponger), rx = std::move(pinger_inbox)]() mutable {
          return ping(tx, rx, rounds);
        }));
  }
  for (auto& h : pingers) EXPECT_EQ(h.join(), rounds);
  for (auto& h : pongers) h.join();
  for (auto& r : results) EXPECT_EQ(r.pings_seen, rounds);
  other.shutdown();
}

}  // namespace
}  // namespace courier::test
