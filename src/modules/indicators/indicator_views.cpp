#include "modules/indicators/indicator_views.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>
#include <vector>

namespace indicators {

std::string ShowValue(const web::Reader& reader, const Indicator& indicator, double value) {
  const bool whole = indicator.unit == "people" || indicator.unit == "count";
  const std::string number = reader.Decimal(value, whole ? 0 : 1);
  if (indicator.unit == "percent") return number + "%";
  if (indicator.unit == "points") return number + "\u00A0" + reader.Translate("pp");
  if (indicator.unit == "years") return number + "\u00A0" + reader.Translate("years");
  return number;
}

std::string RuleText(const web::Reader& reader, const Indicator& indicator, const TargetRule& rule) {
  const auto value = [&](const std::optional<double>& number) {
    return number ? ShowValue(reader, indicator, *number) : std::string("—");
  };
  const double factor = rule.factor.value_or(1);
  if (rule.rule == "at_least") return reader.Say("At least {value}", {{"value", value(rule.value)}});
  if (rule.rule == "at_most") return reader.Say("At most {value}", {{"value", value(rule.value)}});
  if (rule.rule == "change") {
    if (std::abs(factor - 0.5) < 1e-6) return reader.Translate("Halve it from the baseline");
    if (std::abs(factor - 2) < 1e-6) return reader.Translate("Double it from the baseline");
    if (std::abs(factor - 2.0 / 3) < 1e-3) return reader.Translate("Cut it by a third from the baseline");
    return reader.Say("The baseline × {factor}", {{"factor", reader.Decimal(factor, 3)}});
  }
  if (rule.rule == "gap") {
    const std::string reference = rule.reference ? value(rule.reference) : reader.Translate("value not given");
    if (std::abs(factor - 0.5) < 1e-6) {
      return reader.Say("Halve the gap to the general population ({reference})", {{"reference", reference}});
    }
    if (std::abs(factor - 2.0 / 3) < 1e-3) {
      return reader.Say("Cut the gap to the general population ({reference}) by a third", {{"reference", reference}});
    }
    return reader.Say("The gap to the general population ({reference}) × {factor}",
                      {{"reference", reference}, {"factor", reader.Decimal(factor, 3)}});
  }
  return reader.Say("Reach {value}", {{"value", value(rule.value)}});
}

std::string ReviewText(const web::Reader& reader, std::string_view review_reason) {
  if (review_reason.empty()) return "";
  std::vector<std::string> parts;
  std::stringstream stream{std::string(review_reason)};
  for (std::string part; std::getline(stream, part, ';');) parts.push_back(part);
  if (parts.size() == 4 && parts[0] == "outlier") {
    const double score = std::strtod(parts[1].c_str(), nullptr);
    const double median = std::strtod(parts[2].c_str(), nullptr);
    return reader.Say(
        "Far from this place's earlier values (median {median} over {count} periods; modified z-score {score}, "
        "above 3.5): check it before approving it.",
        {{"median", reader.Decimal(median, 2)},
         {"count", parts[3]},
         {"score", std::isfinite(score) ? reader.Decimal(score, 1) : "∞"}});
  }
  return reader.Translate("Flagged for review.");
}

std::string SourceText(const web::Reader& reader, const Observation& observation) {
  const std::string kind = reader.Translate(SourceKindTitle(observation.source_kind));
  if (observation.source_kind == "survey" && !observation.source_title.empty()) {
    return kind + ": " + observation.source_title;
  }
  if (observation.source_kind == "civic" && !observation.entered_by_name.empty()) {
    return kind + ": " + observation.entered_by_name;
  }
  return kind;
}

const std::string& PlaceNames::Of(const std::string& place) {
  auto found = names_.find(place);
  if (found == names_.end()) {
    const auto name = service_.PlaceName(place);
    found = names_.emplace(place, name ? reader_.Localised(name->first, name->second) : place).first;
  }
  return found->second;
}

nlohmann::json ValueCell(const web::Reader& reader, IndicatorsService& service, const core::Actor& actor,
                         const Indicator& indicator, const Observation& observation) {
  if (service.Suppressed(actor, indicator, observation)) {
    return {{"value", reader.Translate("suppressed")},
            {"suppressed", true},
            {"why", reader.Say("Fewer than {threshold} people: suppressed so that no one can be recognised.",
                               {{"threshold", std::to_string(service.suppress_below())}})}};
  }
  return {{"value", ShowValue(reader, indicator, observation.value)}, {"suppressed", false}, {"why", ""}};
}

}  // namespace indicators
