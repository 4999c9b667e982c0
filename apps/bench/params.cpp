// params.cpp: the checks every bench type's params share.
#include "params.hpp"

#include <stdexcept>
#include <string>

namespace courier::apps::bench {

void read_size(const nlohmann::json& params, std::string_view key, std::uint64_t& value,
               std::uint64_t max) {
  const auto it = params.find(key);
  if (it == params.end()) return;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::uint64_t>() > max) {
    std::string message = "expected ";
    message += key;
    message += " to be a whole number from 1 to ";
    message += std::to_string(max);
    message += ", found ";
    message += it->dump();
    throw std::invalid_argument(message);
  }
  value = it->get<std::uint64_t>();
}

void refuse_unknown(const nlohmann::json& params, std::initializer_list<std::string_view> known) {
  if (!params.is_object()) throw std::invalid_argument("expected an object");
  for (const auto& [key, value] : params.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (!found) {
      std::string message = "unknown member \"";
      message += key;
      message += "\", expected";
      const char* separator = " ";
      for (std::string_view k : known) {
        message += separator;
        message += k;
        separator = ", ";
      }
      throw std::invalid_argument(message);
    }
  }
}

}  // namespace courier::apps::bench
