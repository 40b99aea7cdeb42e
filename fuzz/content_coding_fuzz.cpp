// libFuzzer target for the parsers of the request headers that choose a response's content coding: Accept-Encoding
// (http::PreferredCoding) and If-None-Match (http::MatchIfNoneMatch), both read from whatever a client sends.
// Neither reads out of bounds, both decide alike for the same input, gzip is never chosen for a header that names
// neither gzip nor "*", and a tag is never matched by a field that does not hold it.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target content_coding_fuzz -j2
//   mkdir -p build/fuzz/content_coding && build/fuzz/content_coding_fuzz -max_total_time=300 build/fuzz/content_coding

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/compression.hpp"

namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view field(reinterpret_cast<const char*>(data), size);

  const http::ContentCoding coding = http::PreferredCoding(field);
  if (http::PreferredCoding(field) != coding) std::abort();
  const std::string lower = Lower(field);
  if (coding == http::ContentCoding::kGzip && lower.find("gzip") == std::string::npos &&
      lower.find('*') == std::string::npos) {
    std::abort();
  }

  const std::string_view tag = "\"3f2a9c\"";
  const http::EntityTagMatch match = http::MatchIfNoneMatch(field, tag);
  if (match == http::EntityTagMatch::kIdentity && field.find("\"3f2a9c\"") == std::string_view::npos) std::abort();
  if (match == http::EntityTagMatch::kGzip && field.find("\"3f2a9c-gzip\"") == std::string_view::npos) std::abort();
  if (match == http::EntityTagMatch::kAny && field.find('*') == std::string_view::npos) std::abort();
  return 0;
}
