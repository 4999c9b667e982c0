// courier::mailbox alone, from plain threads: exit 0 only if every value sent arrived, in order.
#include <courier/mailbox.hpp>
#include <cstdio>
#include <thread>

int main() {
  auto [tx, rx] = courier::mailbox::bounded<int>(4);
  std::thread producer([tx = std::move(tx)] {
    for (int i = 1; i <= 100; ++i) {
      if (!tx.send(i)) return;
    }
  });  // the last sender going away ends the stream
  int expected = 1;
  while (std::optional<int> value = rx.recv()) {
    if (*value != expected++) return 1;
  }
  producer.join();
  std::printf("received %d values\n", expected - 1);
  return expected == 101 ? 0 : 1;
}
