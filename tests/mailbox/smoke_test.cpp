#include <gtest/gtest.h>

#include <thread>

#include "courier/mailbox.hpp"

namespace courier::mailbox {
namespace {

TEST(Smoke, BoundedRoundTrip) {
  auto [tx, rx] = bounded<int>(4);
  ASSERT_TRUE(tx.send(1));
  ASSERT_TRUE(tx.try_send(2));
  EXPECT_EQ(rx.recv(), 1);
  EXPECT_EQ(rx.try_recv().value(), 2);
  EXPECT_EQ(rx.try_recv().error(), Status::empty);
}

TEST(Smoke, ThreadsManyMessages) {
  auto [tx, rx] = bounded<std::uint64_t>(16);
  constexpr std::uint64_t n = 200000;
  std::thread p([tx = std::move(tx)] {
    for (std::uint64_t i = 0; i < n; ++i) ASSERT_TRUE(tx.send(i));
  });
  std::uint64_t sum = 0, count = 0;
  while (auto v = rx.recv()) {
    sum += *v;
    ++count;
  }
  p.join();
  EXPECT_EQ(count, n);
  EXPECT_EQ(sum, n * (n - 1) / 2);
}

}  // namespace
}  // namespace courier::mailbox
