#pragma once
// Markdown as people write it (CommonMark with GitHub's tables, strikethrough and bare links) turned into HTML that is
// safe to put in a page: raw HTML is dropped and only links to web addresses, mail and this site are kept. The
// library (cmark-gfm 0.29) lacks later fixes against quadratic-time input, so a text is bounded before it is parsed and
// rendered once, when it is stored or loaded, never on every view.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace web {

inline constexpr std::size_t kMaxMarkdownBytes = 200'000;

// The HTML of `markdown`; kInvalidInput for text that is not UTF-8 or is longer than kMaxMarkdownBytes.
core::Result<std::string> MarkdownToHtml(std::string_view markdown);

}  // namespace web
