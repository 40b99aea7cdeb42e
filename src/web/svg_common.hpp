#pragma once
// What the SVG charts and maps share: XML escaping and the opening <svg> element with its accessible name.

#include <string>
#include <string_view>

namespace web {

// XML text and attribute escaping (& < > " '), which also replaces invalid UTF-8 by U+FFFD and drops characters
// XML 1.0 forbids (control characters), so any user-entered text yields well-formed SVG.
std::string EscapeXmlText(std::string_view utf8);

// Helpers of the SVG renderers (svg_chart.cpp, svg_map.cpp); not for other callers.
namespace svg_detail {

// Set on every <svg>; the renderers lay out labels with it.
inline constexpr int kFontSize = 12;

// `requested` reduced to characters valid in an XML id (ASCII letters, digits, '-', '_'), starting with a letter;
// `fallback` when nothing is left.
std::string SafeIdPrefix(std::string_view requested, std::string_view fallback);

// A coordinate rounded to one decimal, without a trailing ".0": 12.25 → "12.3", -3 → "-3". Locale-independent.
std::string FormatCoordinate(double value);

// `<svg …>` with viewBox, width="100%", role="img", and the <title>/<desc> that name and describe it.
std::string OpenSvg(std::string_view id_prefix, std::string_view css_class, int width, int height,
                    std::string_view title, std::string_view description);

}  // namespace svg_detail

}  // namespace web
