// courier::scheduler alone: exit 0 only if a fiber summed what another fiber sent it.
#include <courier/scheduler.hpp>
#include <cstdio>

int main() {
  courier::Runtime runtime({.workers = 2});
  auto [tx, rx] = courier::mailbox::bounded<int>(16);
  auto consumer = runtime.spawn([rx = std::move(rx)]() mutable {
    long sum = 0;
    while (auto value = rx.recv()) sum += *value;
    return sum;
  });
  runtime.spawn([tx = std::move(tx)] {
    for (int i = 1; i <= 1000; ++i) (void)tx.send(i);
  });
  const long sum = consumer.join();
  std::printf("sum %ld\n", sum);
  return sum == 500500 ? 0 : 1;
}
