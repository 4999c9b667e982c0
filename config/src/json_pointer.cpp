// json_pointer.cpp: JSON pointer strings.
#include "courier/config/json_pointer.hpp"

namespace courier::config {

std::string pointer_append(std::string_view base, std::string_view key) {
  std::string out(base);
  out.reserve(base.size() + key.size() + 1);
  out += '/';
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_append(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

std::string_view pointer_parent(std::string_view pointer) {
  const std::size_t slash = pointer.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : pointer.substr(0, slash);
}

bool pointer_is_within(std::string_view pointer, std::string_view ancestor) {
  if (!pointer.starts_with(ancestor)) return false;
  return pointer.size() == ancestor.size() || pointer[ancestor.size()] == '/';
}

}  // namespace courier::config
