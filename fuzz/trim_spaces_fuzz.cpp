// libFuzzer target for core::TrimSpaces, which decodes UTF-8 from both ends of whatever a form, a file or the API
// sends: it never reads out of bounds, returns a part of its input, and trimming twice changes nothing.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target trim_spaces_fuzz -j2
//   mkdir -p build/fuzz/trim && build/fuzz/trim_spaces_fuzz -max_total_time=300 build/fuzz/trim

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string trimmed = core::TrimSpaces(text);
  if (text.find(trimmed) == std::string_view::npos) std::abort();  // a part of the input, never new bytes
  if (core::TrimSpaces(trimmed) != trimmed) std::abort();
  return 0;
}
