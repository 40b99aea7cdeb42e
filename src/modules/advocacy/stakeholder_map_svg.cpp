// A stakeholder map as an SVG image: influence up, interest across, each stakeholder a numbered dot in the colour of
// its stance, in the four quadrants planners use (keep satisfied, manage closely, monitor, keep informed). The table
// beside it carries the same numbers, so the image is never the only way to read it.
#include <fmt/format.h>

#include "modules/advocacy/advocacy_routes.hpp"
#include "web/svg_common.hpp"

namespace advocacy {

std::string StakeholderMapSvg(const web::Reader& reader, const std::vector<MapDot>& dots, std::string_view issue) {
  using web::svg_detail::FormatCoordinate;
  constexpr int kSide = 320;
  constexpr int kMargin = 40;
  constexpr double kCell = (kSide - 2 * kMargin) / 5.0;
  std::string svg = web::svg_detail::OpenSvg(
      "stakeholder-map", "stakeholder-map", kSide, kSide,
      reader.Say("Stakeholder map: {issue}", {{"issue", std::string(issue)}}),
      reader.Translate("Influence rises upwards, interest to the right; the table below lists the same stakeholders."));
  const double middle = kMargin + 2.5 * kCell;
  svg += fmt::format(R"(<rect x="{0}" y="{0}" width="{1}" height="{1}" fill="#fff" stroke="#6b7280"/>)", kMargin,
                     kSide - 2 * kMargin);
  svg += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#9ca3af"/>)", kMargin,
                     FormatCoordinate(middle), kSide - kMargin);
  svg += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#9ca3af"/>)", FormatCoordinate(middle),
                     kMargin, kSide - kMargin);
  const auto label = [&](double x, double y, std::string_view text) {
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="#4b5563">{}</text>)", FormatCoordinate(x),
                       FormatCoordinate(y), web::EscapeXmlText(reader.Translate(text)));
  };
  label(kMargin + 1.25 * kCell, kMargin + 14, "Keep satisfied");
  label(kMargin + 3.75 * kCell, kMargin + 14, "Manage closely");
  label(kMargin + 1.25 * kCell, kSide - kMargin - 6, "Monitor");
  label(kMargin + 3.75 * kCell, kSide - kMargin - 6, "Keep informed");
  label(kSide / 2.0, kSide - 10, "Interest →");
  svg += fmt::format(
      R"svg(<text x="14" y="{0}" text-anchor="middle" transform="rotate(-90 14 {0})" fill="#4b5563">{1}</text>)svg",
      kSide / 2, web::EscapeXmlText(reader.Translate("Influence →")));
  for (const MapDot& dot : dots) {
    // Dots of one cell are set apart a little, so that two stakeholders scored alike both show.
    const double x = kMargin + (dot.interest - 0.5) * kCell + (dot.offset % 3 - 1) * 9.0;
    const double y = kSide - kMargin - (dot.influence - 0.5) * kCell + (dot.offset / 3 % 3 - 1) * 9.0;
    const std::string_view colour = dot.stance == "ally" ? "#15803d" : dot.stance == "opponent" ? "#b91c1c" : "#6b7280";
    svg += fmt::format(R"(<g><title>{}</title><circle cx="{}" cy="{}" r="9" fill="{}"/>)", web::EscapeXmlText(dot.name),
                       FormatCoordinate(x), FormatCoordinate(y), colour);
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="#fff" font-size="10">{}</text></g>)",
                       FormatCoordinate(x), FormatCoordinate(y + 3.5), dot.number);
  }
  svg += "</svg>";
  return svg;
}

}  // namespace advocacy
