#include "web/svg_common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace web {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// XML 1.0, production [2] Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
bool IsXmlChar(std::uint32_t code_point) {
  return code_point == 0x9 || code_point == 0xA || code_point == 0xD || (code_point >= 0x20 && code_point <= 0xD7FF) ||
         (code_point >= 0xE000 && code_point <= 0xFFFD) || (code_point >= 0x10000 && code_point <= 0x10FFFF);
}

// Length of the well-formed UTF-8 sequence at text[i] and its code point, or 0 when it is not well-formed
// (overlong forms, surrogates and values above U+10FFFF included).
std::size_t DecodeUtf8(std::string_view text, std::size_t i, std::uint32_t& code_point) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  std::uint32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, minimum = 0x80, code_point = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, minimum = 0x800, code_point = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, minimum = 0x10000, code_point = lead & 0x07u;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto continuation = static_cast<unsigned char>(text[i + k]);
    if ((continuation & 0xC0u) != 0x80u) return 0;
    code_point = (code_point << 6) | (continuation & 0x3Fu);
  }
  if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::string EscapeXmlText(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::uint32_t code_point = 0;
    const std::size_t length = DecodeUtf8(utf8, i, code_point);
    if (length == 0) {
      out += kReplacementCharacter;
      ++i;
      continue;
    }
    switch (code_point) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (IsXmlChar(code_point)) out.append(utf8.substr(i, length));
        break;
    }
    i += length;
  }
  return out;
}

namespace svg_detail {

std::string SafeIdPrefix(std::string_view requested, std::string_view fallback) {
  std::string prefix;
  for (char c : requested) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (prefix.empty() && !letter) continue;  // an XML id starts with a letter
    if (letter || digit || c == '-' || c == '_') prefix += c;
  }
  return prefix.empty() ? std::string(fallback) : prefix;
}

std::string FormatCoordinate(double value) {
  constexpr double kLimit = 1e12;  // far beyond any viewBox; keeps the conversion to an integer defined
  if (!std::isfinite(value)) value = 0.0;
  const auto tenths = static_cast<std::int64_t>(std::llround(std::clamp(value, -kLimit, kLimit) * 10.0));
  const std::int64_t magnitude = tenths < 0 ? -tenths : tenths;
  std::string text = tenths < 0 ? "-" : "";
  text += std::to_string(magnitude / 10);
  if (magnitude % 10 != 0) {
    text += '.';
    text += static_cast<char>('0' + magnitude % 10);
  }
  return text;
}

std::string OpenSvg(std::string_view id_prefix, std::string_view css_class, int width, int height,
                    std::string_view title, std::string_view description) {
  const std::string id(id_prefix);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + EscapeXmlText(css_class) +
                    "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" width=\"100%\" role=\"img\" aria-labelledby=\"" + id + "-title\"";
  if (!description.empty()) svg += " aria-describedby=\"" + id + "-desc\"";
  svg += " font-size=\"" + std::to_string(svg_detail::kFontSize) + "\">";
  svg += "<title id=\"" + id + "-title\">" + EscapeXmlText(title) + "</title>";
  if (!description.empty()) svg += "<desc id=\"" + id + "-desc\">" + EscapeXmlText(description) + "</desc>";
  return svg;
}

}  // namespace svg_detail

}  // namespace web
