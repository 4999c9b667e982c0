// json_reader.cpp: a SAX handler that builds the document and records positions.
#include "courier/config/json_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <utility>

#include "courier/config/json_pointer.hpp"
#include "text_cursor.hpp"
#include "wording.hpp"

namespace courier::config {

namespace {

using nlohmann::json;

// CountingIterator reads a text character by character and publishes how far the parser has
// read. nlohmann's parser calls its SAX handler right after each token, so at every callback
// that count is where the token ends (one character later after a number, which the lexer had
// to look past). Thread-safety: used by one parse at a time.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, const char* begin, std::size_t* consumed)
      : at_(at), begin_(begin), consumed_(consumed) {}

  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    *consumed_ = static_cast<std::size_t>(at_ - begin_);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) {
    return a.at_ == b.at_;
  }

 private:
  const char* at_;
  const char* begin_;
  std::size_t* consumed_;
};

// unexpected_token_start() gives where the token that ends at byte `last` of `text` begins, for a
// whole string, number or literal that the parser did not expect there.
std::size_t unexpected_token_start(std::string_view text, std::size_t last) {
  if (last >= text.size()) return last;
  if (text[last] == '"') {
    // The opening quote is the nearest earlier quote not escaped by an odd run of backslashes.
    for (std::size_t i = last; i-- > 0;) {
      if (text[i] != '"') continue;
      std::size_t backslashes = 0;
      while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return last;
  }
  auto in_literal = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '+' || c == '-';
  };
  while (last > 0 && in_literal(text[last - 1])) --last;
  return last;
}

// place_of() narrows a position to a JsonPlaces::Place (texts are far shorter than 4 GiB).
JsonPlaces::Place place_of(TextPosition position) {
  constexpr std::size_t kMax = UINT32_MAX;
  return JsonPlaces::Place{static_cast<std::uint32_t>(std::min(position.line, kMax)),
                           static_cast<std::uint32_t>(std::min(position.column, kMax))};
}

TextPosition position_of(JsonPlaces::Place place) {
  return TextPosition{place.line, place.column};
}

// DocumentBuilder is the SAX handler: it builds the nlohmann::json value and, beside it, the
// tree of where each value and member name starts. Thread-safety: used by one parse at a time.
class DocumentBuilder {
 public:
  DocumentBuilder(std::string_view text, const std::size_t& consumed, JsonDocument& document)
      : text_(text), consumed_(consumed), cursor_(text), document_(document) {}

  bool null() { return add(nullptr); }
  bool boolean(bool value) { return add(value); }
  bool number_integer(json::number_integer_t value) { return add(value); }
  bool number_unsigned(json::number_unsigned_t value) { return add(value); }
  bool number_float(json::number_float_t value, const std::string&) { return add(value); }
  bool string(std::string& value) { return add(std::move(value)); }
  bool binary(json::binary_t&) { return false; }  // JSON text has no binary values
  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& name);
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e);

 private:
  // Frame is an array or object being filled. Its `places` stays put while it is open: only
  // its own container grows.
  struct Frame {
    json* container;
    JsonPlaces* places;
    std::size_t next_index = 0;           // arrays: the next element's index
    std::string member;                   // objects: the name of the member whose value comes next
    JsonPlaces* member_places = nullptr;  // that member's places; null once its value is read
  };

  TextPosition token_start();
  JsonPlaces& next_places();
  json* store(json value);
  bool add(json value);
  bool open(json container);
  bool close();
  std::string pointer(bool with_member) const;

  std::string_view text_;
  const std::size_t& consumed_;
  detail::TextCursor cursor_;
  JsonDocument& document_;
  std::vector<Frame> frames_;
};

// token_start() gives where the token just read begins, and moves the cursor past it.
TextPosition DocumentBuilder::token_start() {
  cursor_.skip_separators();
  const TextPosition start = cursor_.position();
  cursor_.advance_to(consumed_);
  return start;
}

// next_places() gives the places of the value about to be stored.
JsonPlaces& DocumentBuilder::next_places() {
  if (frames_.empty()) return document_.places;
  Frame& frame = frames_.back();
  if (frame.container->is_array()) {
    ++frame.next_index;
    if (!frame.places->inside) frame.places->inside = std::make_unique<JsonPlaces::Inside>();
    return frame.places->inside->elements.emplace_back();
  }
  return *frame.member_places;
}

// store() puts `value` where the next value goes and gives its address in the document.
json* DocumentBuilder::store(json value) {
  if (frames_.empty()) {
    document_.value = std::move(value);
    return &document_.value;
  }
  json& container = *frames_.back().container;
  if (container.is_array()) {
    container.push_back(std::move(value));
    return &container.back();
  }
  json& slot = container[frames_.back().member];
  slot = std::move(value);
  frames_.back().member_places = nullptr;  // the member is complete
  return &slot;
}

bool DocumentBuilder::add(json value) {
  const TextPosition start = token_start();
  next_places().value = place_of(start);
  store(std::move(value));
  return true;
}

bool DocumentBuilder::open(json container) {
  const TextPosition start = token_start();
  if (frames_.size() >= kMaxJsonDepth) {
    document_.syntax_error =
        JsonSyntaxError{pointer(true), start,
                        "expected at most " + std::to_string(kMaxJsonDepth) +
                            " levels of nested arrays and objects, found more"};
    return false;
  }
  JsonPlaces& places = next_places();
  places.value = place_of(start);
  json* stored = store(std::move(container));
  frames_.push_back(Frame{stored, &places, 0, "", nullptr});
  return true;
}

bool DocumentBuilder::close() {
  cursor_.advance_to(consumed_);
  frames_.pop_back();
  return true;
}

bool DocumentBuilder::key(std::string& name) {
  const TextPosition start = token_start();
  Frame& frame = frames_.back();
  if (!frame.places->inside) frame.places->inside = std::make_unique<JsonPlaces::Inside>();
  auto& members = frame.places->inside->members;
  auto [found, fresh] = members.try_emplace(name);
  if (!fresh && frame.container->contains(name)) {
    if (document_.duplicate_keys.size() < kMaxKeptDuplicateKeys) {
      document_.duplicate_keys.push_back(DuplicateKey{
          name, detail::abridge(pointer_append(pointer(false), name), detail::kMaxShownPointer),
          start, position_of(found->second.key)});
    } else {
      ++document_.more_duplicate_keys;
    }
  }
  found->second = JsonPlaces{};  // the last value wins, as in the document
  found->second.key = place_of(start);
  frame.member = std::move(name);
  frame.member_places = &found->second;
  return true;
}

// pointer() gives the JSON pointer of the innermost open container or, `with_member`, of the
// member or element whose value is being read in it.
std::string DocumentBuilder::pointer(bool with_member) const {
  std::string out;
  for (std::size_t i = 0; i < frames_.size(); ++i) {
    const Frame& frame = frames_[i];
    const bool last = i + 1 == frames_.size();
    if (last && !with_member) break;
    if (frame.container->is_array()) {
      // An open child is the element before next_index; the last frame's next value is at it.
      if (!last) {
        out = pointer_append(out, frame.next_index - 1);
      } else {
        out = pointer_append(out, frame.next_index);
      }
    } else if (!last || frame.member_places != nullptr) {
      out = pointer_append(out, frame.member);
    }
  }
  return out;
}

bool DocumentBuilder::parse_error(std::size_t byte, const std::string&,
                                  const nlohmann::detail::exception& e) {
  // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C:
  // <what>"; its line and column count bytes, so keep <what> and place it ourselves.
  std::string_view what = e.what();
  if (const std::size_t colon = what.find(": "); colon != std::string_view::npos) {
    what.remove_prefix(colon + 2);
  }
  constexpr std::size_t kMaxMessage = 200;  // "last read" can quote a whole hostile token
  std::string message = "invalid JSON: " + std::string(what.substr(0, kMaxMessage));
  if (what.size() > kMaxMessage) message += "...";

  // Inside a member whose value has not been read yet, or else in the container itself.
  const bool in_member = !frames_.empty() && !frames_.back().container->is_array() &&
                         frames_.back().member_places != nullptr;
  std::string pointer = this->pointer(in_member);
  // `byte` counts from 1 and is the last character read: the offending character of a token
  // the lexer refused, or the end of a whole token the parser did not expect, which is better
  // shown where it starts.
  std::size_t offset = byte == 0 ? 0 : byte - 1;
  if (what.find("unexpected") != std::string_view::npos &&
      what.find(" literal") != std::string_view::npos) {
    offset = unexpected_token_start(text_, offset);
  }
  document_.syntax_error =
      JsonSyntaxError{std::move(pointer), position_at(text_, offset), std::move(message)};
  return false;
}

}  // namespace

TextPosition position_at(std::string_view text, std::size_t offset) {
  detail::TextCursor cursor(text);
  cursor.advance_to(offset);
  return cursor.position();
}

JsonDocument read_json(std::string_view text) {
  JsonDocument document;
  std::size_t consumed = 0;
  DocumentBuilder builder(text, consumed, document);
  const char* begin = text.data();
  const char* end = begin + text.size();
  json::sax_parse(CountingIterator(begin, begin, &consumed),
                  CountingIterator(end, begin, &consumed), &builder);
  // nlohmann's lexer takes a NUL byte for the end of the input, so a text that parsed can still
  // go on past one: the first NUL outside a string is where its trailing content starts.
  if (const std::size_t nul = text.find('\0'); !document.syntax_error && nul != text.npos) {
    document.syntax_error = JsonSyntaxError{
        "", position_at(text, nul),
        "invalid JSON: expected the end of the text after the JSON value, found a NUL byte"};
  }
  if (document.syntax_error) document.value = nullptr;
  return document;
}

namespace {

// unescape() turns a reference token of a JSON pointer back into the name it stands for.
std::string unescape(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[++i] == '0' ? '~' : '/';
    } else {
      out += token[i];
    }
  }
  return out;
}

// child() gives the places of the member or element named by `token` inside `places`, or null.
const JsonPlaces* child(const JsonPlaces& places, std::string_view token) {
  if (!places.inside) return nullptr;
  const auto& members = places.inside->members;
  if (const auto found = members.find(unescape(token)); found != members.end()) {
    return &found->second;
  }
  const auto& elements = places.inside->elements;
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (error != std::errc{} || end != token.data() + token.size() || token.empty()) return nullptr;
  return index < elements.size() ? &elements[index] : nullptr;
}

// Walk is how far a pointer leads into a document's places.
struct Walk {
  const JsonPlaces* deepest;  // the last value the pointer reaches
  bool whole;                 // whether it reaches the value the pointer names
};

Walk walk(const JsonPlaces& root, std::string_view pointer) {
  const JsonPlaces* at = &root;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);  // the '/'
    const std::size_t slash = pointer.find('/');
    const JsonPlaces* next = child(*at, pointer.substr(0, slash));
    if (next == nullptr) return Walk{at, false};
    at = next;
    pointer = slash == std::string_view::npos ? std::string_view{} : pointer.substr(slash);
  }
  return Walk{at, true};
}

}  // namespace

TextPosition JsonDocument::value_position(std::string_view pointer) const {
  return position_of(walk(places, pointer).deepest->value);
}

TextPosition JsonDocument::key_position(std::string_view pointer) const {
  const Walk parent = walk(places, pointer_parent(pointer));
  if (parent.whole && parent.deepest->inside && !pointer.empty()) {
    const auto& members = parent.deepest->inside->members;
    const std::string name = unescape(pointer.substr(pointer_parent(pointer).size() + 1));
    if (const auto found = members.find(name); found != members.end()) {
      return position_of(found->second.key);
    }
  }
  return value_position(pointer);
}

}  // namespace courier::config
