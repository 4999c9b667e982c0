// launch_word_types.hpp: runnable stand-ins for the types of test_catalog(), so that the files of
// tests/config/good/ can be launched, not only validated.
#pragma once

#include "courier/config/registry.hpp"

namespace courier::config::testing {

// word_registry() registers, with the names, messages, ports and keys of test_catalog():
//   line_reader  sends its `path` as one line, `repeat` times, from on_start, then stops itself
//                (it reads no file; an injected Start finds it stopped or is ignored)
//   tokenizer    splits each line at every character that is not a letter or a digit,
//                lowercasing unless `lowercase` is false, and sends each word
//   word_counter counts words; when it stops, prints "NAME: N words, D distinct" on stdout
//   relay        passes each word on
// Thread-safety: built once; then read-only.
const Registry& word_registry();

}  // namespace courier::config::testing
