// test_catalog.hpp: the actor types the config tests validate against, and file helpers.
#pragma once

#include <string>

#include "courier/config/catalog.hpp"

namespace courier::config::testing {

// test_catalog() registers four types (Line and Word have keys for key_hash routing, Start
// has none):
//   line_reader  declared params {path: string (required), repeat: int >= 1}, accepts Start
//                {start: bool}, port lines → Line
//   tokenizer    declared params {lowercase: bool}, accepts Line {text: string}, port words → Word
//   word_counter params {top: int} read by a from_json, accepts Word (no from_json), no ports
//   relay        no params, accepts Word (no from_json), port out → Word
const TypeCatalog& test_catalog();

// read_text() gives the contents of `path`.
std::string read_text(const std::string& path);

// test_dir() gives the folder of the config tests (with good/ and bad/).
std::string test_dir();

}  // namespace courier::config::testing
