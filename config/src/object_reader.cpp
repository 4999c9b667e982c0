// object_reader.cpp: typed members, and the words of their problems.
#include "object_reader.hpp"

#include "courier/config/json_pointer.hpp"
#include "courier/config/units.hpp"
#include "wording.hpp"

namespace courier::config::detail {

using nlohmann::json;

ObjectReader::ObjectReader(Checker& checker, const json* value, std::string pointer)
    : checker_(checker), pointer_(std::move(pointer)) {
  if (value == nullptr) return;
  if (!value->is_object()) {
    checker_.error(pointer_, "expected an object, found " + describe(*value));
    return;
  }
  object_ = value;
}

ObjectReader::ObjectReader(Checker& checker, const json* value, std::string pointer,
                           std::initializer_list<std::string_view> allowed)
    : ObjectReader(checker, value, std::move(pointer)) {
  if (object_ == nullptr) return;
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& [key, member] : object_->items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || name == key;
    if (known) continue;
    checker_.key_error(pointer_of(key), "expected a key among " + quote_list(names) + ", found " +
                                            quote(key) + checker_.did_you_mean(key, names));
  }
}

std::string ObjectReader::pointer_of(std::string_view key) const {
  return pointer_append(pointer_, key);
}

const json* ObjectReader::find(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  const auto found = object_->find(key);
  return found == object_->end() ? nullptr : &*found;
}

// present() gives member `key`, reporting it missing when it is required.
const json* ObjectReader::present(std::string_view key, std::string_view expected, Need need) {
  const json* member = find(key);
  if (member == nullptr && need == Need::required && object_ != nullptr) {
    checker_.error(pointer_of(key), "expected " + std::string(expected) + ", found nothing");
  }
  return member;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, std::int64_t min,
                                                  std::int64_t max, Need need) {
  const std::string expected =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  const json* member = present(key, expected, need);
  if (member == nullptr) return std::nullopt;
  // Unsigned values past int64 are out of range too; floats (even 2.0) are not integers.
  if (member->is_number_integer() &&
      !(member->is_number_unsigned() &&
        member->get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
    const auto number = member->get<std::int64_t>();
    if (number >= min && number <= max) return number;
  }
  checker_.error(pointer_of(key), "expected " + expected + ", found " + describe(*member));
  return std::nullopt;
}

std::optional<std::string> ObjectReader::string(std::string_view key, std::string_view what,
                                                Need need) {
  const json* member = present(key, what, need);
  if (member == nullptr) return std::nullopt;
  if (member->is_string()) return member->get<std::string>();
  checker_.error(pointer_of(key), "expected " + std::string(what) + ", found " + describe(*member));
  return std::nullopt;
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  const json* member = find(key);
  if (member == nullptr) return std::nullopt;
  if (member->is_boolean()) return member->get<bool>();
  checker_.error(pointer_of(key), "expected true or false, found " + describe(*member));
  return std::nullopt;
}

std::optional<std::uint64_t> ObjectReader::size(std::string_view key, std::uint64_t min,
                                                std::uint64_t max) {
  const json* member = find(key);
  if (member == nullptr) return std::nullopt;
  if (member->is_string()) {
    const std::optional<std::uint64_t> bytes = parse_size(member->get_ref<const std::string&>());
    if (bytes && *bytes >= min && *bytes <= max) return bytes;
  }
  checker_.error(pointer_of(key), "expected a size from " + format_size(min) + " to " +
                                      format_size(max) +
                                      " written with a unit (B, KiB, MiB, GiB) such as \"64KiB\", "
                                      "found " +
                                      describe(*member));
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> ObjectReader::duration(std::string_view key,
                                                                std::chrono::milliseconds min,
                                                                std::chrono::milliseconds max) {
  const json* member = find(key);
  if (member == nullptr) return std::nullopt;
  if (member->is_string()) {
    const auto d = parse_duration(member->get_ref<const std::string&>());
    if (d && *d >= min && *d <= max) return d;
  }
  checker_.error(pointer_of(key), "expected a duration from " + format_duration(min) + " to " +
                                      format_duration(max) +
                                      " written with a unit (ms, s, m, h) such as \"250ms\", "
                                      "found " +
                                      describe(*member));
  return std::nullopt;
}

std::optional<std::size_t> ObjectReader::choice_index(std::string_view key,
                                                      const std::vector<std::string>& names) {
  const json* member = find(key);
  if (member == nullptr) return std::nullopt;
  if (member->is_string()) {
    const auto& text = member->get_ref<const std::string&>();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == text) return i;
    }
    checker_.error(pointer_of(key), "expected one of " + quote_list(names) + ", found " +
                                        quote(text) + checker_.did_you_mean(text, names));
    return std::nullopt;
  }
  checker_.error(pointer_of(key),
                 "expected one of " + quote_list(names) + ", found " + describe(*member));
  return std::nullopt;
}

}  // namespace courier::config::detail
