#include "web/svg_common.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

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
namespace {

constexpr int kMinSide = 60;  // below this a chart cannot hold its own labels
constexpr int kMaxSide = 4000;
constexpr int kEmptyChartHeight = 40;

}  // namespace

int ClampSide(int value, int fallback) {
  if (value <= 0) return fallback;
  return std::clamp(value, kMinSide, kMaxSide);
}

std::size_t CountCodePoints(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u; }));
}

std::string PlainNumber(double value) {
  if (!std::isfinite(value)) return "";
  std::array<char, 400> buffer{};  // fixed notation of DBL_MAX needs 309 digits
  const auto [end, error] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (error != std::errc()) return "";
  std::string text(buffer.data(), end);
  return text == "-0" ? "0" : text;
}

std::string FormatValue(const std::function<std::string(double)>& format_value, double value) {
  return format_value ? format_value(value) : PlainNumber(value);
}

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

std::string RenderEmptyChart(std::string_view id_prefix, int width, std::string_view title,
                             std::string_view description, std::string_view empty_text) {
  std::string svg = OpenSvg(id_prefix, "chart chart-empty", width, kEmptyChartHeight, title, description);
  svg += "<text x=\"" + FormatCoordinate(width / 2.0) + "\" y=\"24\" text-anchor=\"middle\" " +
         "fill=\"currentColor\">" + EscapeXmlText(empty_text) + "</text>";
  svg += "</svg>";
  return svg;
}

double PlotArea::YOf(double value) const {
  return bottom - (value - axis_low) / (axis_high - axis_low) * (bottom - top);
}

double PlotArea::XCentre(std::size_t index) const { return left + (static_cast<double>(index) + 0.5) * band; }

PlotArea LayOutPlot(const std::vector<std::string>& x_labels, const std::vector<double>& ticks,
                    const std::vector<std::string>& tick_labels, double top, int width, int height) {
  std::size_t longest_tick = 0;
  for (const auto& label : tick_labels) longest_tick = std::max(longest_tick, CountCodePoints(label));
  std::size_t longest_label = 1;
  for (const auto& label : x_labels) longest_label = std::max(longest_label, CountCodePoints(label));

  PlotArea plot{};
  plot.axis_low = ticks.front();
  plot.axis_high = ticks.back();
  plot.left = std::min(width / 3.0, static_cast<double>(longest_tick) * kCharWidth + 10.0);
  plot.top = top;
  plot.bottom = height - (kFontSize + 12.0);
  plot.right = width - 10.0;
  const double count = static_cast<double>(x_labels.size());
  const double label_width = static_cast<double>(longest_label) * kCharWidth + 8.0;
  plot.band = (plot.right - plot.left) / count;
  if (label_width > plot.band) {
    // Labels are thinned; the last one shown is centred on the last band and may stick out past it.
    const double overhang = std::clamp((label_width - plot.band) / 2.0 + 2.0, 10.0, width / 4.0);
    plot.right = std::max(plot.left + 1.0, width - overhang);
    plot.band = (plot.right - plot.left) / count;
  }
  plot.label_every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(label_width / plot.band)));
  return plot;
}

std::string RenderPlotAxes(const PlotArea& plot, const std::vector<double>& ticks,
                           const std::vector<std::string>& tick_labels, const std::vector<std::string>& x_labels) {
  std::string svg = "<g class=\"chart-grid\" stroke=\"currentColor\" stroke-opacity=\"0.2\" stroke-width=\"1\">";
  for (double tick : ticks) {
    if (tick == 0.0) continue;  // the zero line draws zero
    const std::string y = FormatCoordinate(plot.YOf(tick));
    svg += "<line x1=\"" + FormatCoordinate(plot.left) + "\" x2=\"" + FormatCoordinate(plot.right) + "\" y1=\"" + y +
           "\" y2=\"" + y + "\"/>";
  }
  svg += "</g>";

  svg += "<g class=\"chart-ticks\" fill=\"currentColor\" text-anchor=\"end\">";
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    svg += "<text x=\"" + FormatCoordinate(plot.left - 6.0) + "\" y=\"" + FormatCoordinate(plot.YOf(ticks[i]) + 4.0) +
           "\">" + EscapeXmlText(tick_labels[i]) + "</text>";
  }
  svg += "</g>";

  svg += "<g class=\"chart-labels\" fill=\"currentColor\" text-anchor=\"middle\">";
  const std::size_t last = x_labels.size() - 1;
  for (std::size_t i = 0; i < x_labels.size(); ++i) {
    // Counted back from the last label, which is usually the latest year and the one a reader looks for.
    if ((last - i) % plot.label_every != 0) continue;
    svg += "<text x=\"" + FormatCoordinate(plot.XCentre(i)) + "\" y=\"" + FormatCoordinate(plot.bottom + 16.0) + "\">" +
           EscapeXmlText(x_labels[i]) + "</text>";
  }
  svg += "</g>";
  return svg;
}

std::string RenderZeroLine(const PlotArea& plot) {
  const std::string y = FormatCoordinate(plot.YOf(0.0));
  return "<line class=\"chart-axis\" x1=\"" + FormatCoordinate(plot.left) + "\" x2=\"" + FormatCoordinate(plot.right) +
         "\" y1=\"" + y + "\" y2=\"" + y + "\" stroke=\"currentColor\" stroke-width=\"1\"/>";
}

}  // namespace svg_detail

}  // namespace web
