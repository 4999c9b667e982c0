// courier_main.cpp: the `courier` command with every shipped actor type: the examples of
// config/examples/ and the apps'.
#include "bank/register_bank.hpp"
#include "bench/register_bench.hpp"
#include "count_types.hpp"
#include "courier/config/launch.hpp"
#include "words/register_words.hpp"

int main(int argc, char** argv) {
  courier::Registry registry;
  courier::examples::register_examples(registry);
  courier::apps::bank::register_bank(registry);
  courier::apps::bench::register_bench(registry);
  courier::apps::words::register_words(registry);
  return courier::main(argc, argv, registry);
}
