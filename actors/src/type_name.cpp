#include "courier/actors/type_name.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

namespace courier {

std::string demangle(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  std::string out = status == 0 && name ? name.get() : type.name();
  // The standard string's full name helps nobody.
  constexpr std::string_view kLongString =
      "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >";
  for (auto at = out.find(kLongString); at != std::string::npos; at = out.find(kLongString)) {
    out.replace(at, kLongString.size(), "std::string");
  }
  return out;
}

}  // namespace courier
