#include "modules/indicators/indicators.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace indicators {
namespace {

// The titles (msgids) of a vocabulary's codes, in the vocabulary's order.
std::string_view TitleOf(std::string_view code,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> titles) {
  for (const auto& [each, title] : titles) {
    if (each == code) return title;
  }
  return code;
}

bool IsCodeCharacter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

const Breakdown* FindBreakdown(std::string_view code) {
  for (const Breakdown& each : kBreakdowns) {
    if (each.code == code) return &each;
  }
  return nullptr;
}

std::string_view UnitTitle(std::string_view unit) {
  return TitleOf(unit, {{"percent", "Share (%)"},
                        {"points", "Percentage points"},
                        {"people", "Number of people"},
                        {"count", "Count"},
                        {"years", "Years"},
                        {"score", "Score (0–100)"},
                        {"number", "Other number"}});
}

std::string_view KindTitle(std::string_view kind) {
  return TitleOf(kind,
                 {{"headline", "Headline"}, {"secondary", "Secondary"}, {"process", "Process"}, {"output", "Output"}});
}

std::string_view SourceKindTitle(std::string_view source_kind) {
  return TitleOf(source_kind, {{"official", "Official statistic"},
                               {"authority", "Authority report"},
                               {"civic", "Civic monitoring"},
                               {"survey", "Survey"}});
}

std::string_view ConfidenceTitle(std::string_view confidence) {
  return TitleOf(confidence, {{"high", "High confidence"}, {"medium", "Medium confidence"}, {"low", "Low confidence"}});
}

std::string_view StatusTitle(std::string_view status) {
  return TitleOf(
      status,
      {{"submitted", "Submitted, awaiting approval"}, {"approved", "Approved"}, {"recorded", "As the source gave it"}});
}

std::string_view ComputationFormula(std::string_view computation) {
  return TitleOf(
      computation,
      {{"activities_completed",
        "Activities completed ÷ activities of the municipality's adopted plans that run in the period × 100"},
       {"budget_executed",
        "Money spent ÷ money planned for those activities × 100, over the activities that reported "
        "what they spent"}});
}

std::vector<core::FieldProblem> IndicatorProblems(const Indicator& indicator) {
  std::vector<core::FieldProblem> problems;
  const auto problem = [&](std::string field, std::string message, std::string value) {
    problems.push_back({std::move(field), std::move(message), std::move(value)});
  };
  if (indicator.code.empty()) {
    problem("code", "Give the indicator a code.", "");
  } else if (indicator.code.size() > kMaxIndicatorCode || !std::ranges::all_of(indicator.code, IsCodeCharacter) ||
             !(indicator.code[0] >= 'a' && indicator.code[0] <= 'z')) {
    problem("code", "A code is lower-case Latin letters, digits and _, starting with a letter, at most 64 characters.",
            indicator.code);
  }
  // Paths of the indicators' pages that a code would hide (/indicators/national).
  for (const std::string_view reserved : {"new", "national", "grid", "closures", "import", "values", "places"}) {
    if (indicator.code == reserved)
      problem("code", "This word names a page of the indicators: choose another code.", indicator.code);
  }
  if (indicator.name_bg.empty()) problem("name_bg", "Give the indicator a name in Bulgarian.", "");
  if (indicator.name_en.empty()) problem("name_en", "Give the indicator a name in English.", "");
  if (!IsOneOf(indicator.unit, kUnits)) problem("unit", "Choose a unit from the list.", indicator.unit);
  if (!IsOneOf(indicator.direction, kDirections)) {
    problem("direction", "Choose whether a higher or a lower value is better.", indicator.direction);
  }
  if (!IsOneOf(indicator.kind, kKinds)) problem("kind", "Choose a kind from the list.", indicator.kind);
  for (const std::string& dimension : indicator.dimensions) {
    if (!IsOneOf(dimension, kDimensions)) {
      problem("dimensions", "Values can be broken down by sex and by age group only.", dimension);
    }
  }
  if (!indicator.computation.empty() && !IsOneOf(indicator.computation, kComputations)) {
    problem("computation", "Choose a computation from the list.", indicator.computation);
  }
  return problems;
}

bool AllowsBreakdown(const Indicator& indicator, std::string_view breakdown) {
  const Breakdown* found = FindBreakdown(breakdown);
  if (found == nullptr) return false;
  return found->dimension.empty() ||
         std::ranges::find(indicator.dimensions, found->dimension) != indicator.dimensions.end();
}

std::optional<PlaceLevel> PlaceLevelOf(std::string_view place) {
  const auto upper_letters = [](std::string_view text) {
    return std::ranges::all_of(text, [](char c) { return c >= 'A' && c <= 'Z'; });
  };
  if (place == "EU") return PlaceLevel::kEu;
  if (place.size() == 2 && upper_letters(place)) return PlaceLevel::kCountry;
  if (place.size() == 3 && upper_letters(place)) return PlaceLevel::kOblast;
  if (place.size() == 5 && upper_letters(place.substr(0, 3)) &&
      std::ranges::all_of(place.substr(3), [](char c) { return c >= '0' && c <= '9'; })) {
    return PlaceLevel::kMunicipality;
  }
  return std::nullopt;
}

bool NeedsApproval(std::string_view source_kind) { return source_kind == "official" || source_kind == "authority"; }

}  // namespace indicators
