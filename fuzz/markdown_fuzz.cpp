// libFuzzer target for web::MarkdownToHtml, which renders what an authority writes as a consultation's motives and
// impact assessment and the shipped guides: bounded input never crashes cmark-gfm, and no output carries raw markup
// that would run in a page (a script element, an event handler attribute, a javascript: address).
//
//   cmake --preset fuzz && cmake --build build/fuzz --target markdown_fuzz -j2
//   mkdir -p build/fuzz/markdown && build/fuzz/markdown_fuzz -max_total_time=300 build/fuzz/markdown
//   fuzz/corpus/markdown
//
// fuzz-flags: -max_len=20000

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "web/markdown.hpp"

namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto html = web::MarkdownToHtml(text);
  if (!html) return 0;
  const std::string lower = Lower(*html);
  // Safe mode writes "<!-- raw HTML omitted -->" for raw markup; text is escaped, so "<script" cannot appear.
  if (lower.find("<script") != std::string::npos || lower.find("<iframe") != std::string::npos) std::abort();
  if (lower.find("href=\"javascript:") != std::string::npos || lower.find("src=\"javascript:") != std::string::npos) {
    std::abort();
  }
  return 0;
}
