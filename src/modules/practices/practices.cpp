#include "modules/practices/practices.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace practices {
namespace {

struct LanguageEntry {
  std::string_view code;
  std::string_view name;
};
// The EU's languages, Romani, and the neighbours' that members write in; each in its own name.
constexpr std::array<LanguageEntry, 30> kLanguages = {{
    {"bg", "български"}, {"cs", "čeština"},      {"da", "dansk"},   {"de", "Deutsch"},    {"el", "ελληνικά"},
    {"en", "English"},   {"es", "español"},      {"et", "eesti"},   {"fi", "suomi"},      {"fr", "français"},
    {"ga", "Gaeilge"},   {"hr", "hrvatski"},     {"hu", "magyar"},  {"it", "italiano"},   {"lt", "lietuvių"},
    {"lv", "latviešu"},  {"mk", "македонски"},   {"mt", "Malti"},   {"nl", "Nederlands"}, {"pl", "polski"},
    {"pt", "português"}, {"rom", "romani čhib"}, {"ro", "română"},  {"sk", "slovenčina"}, {"sl", "slovenščina"},
    {"sq", "shqip"},     {"sr", "српски"},       {"sv", "svenska"}, {"tr", "Türkçe"},     {"uk", "українська"},
}};

constexpr std::array<std::pair<EvidenceLevel, std::pair<std::string_view, std::string_view>>, 3> kLevels = {{
    {EvidenceLevel::kDemonstrated, {"demonstrated", "Demonstrated"}},
    {EvidenceLevel::kReplicated, {"replicated", "Replicated"}},
    {EvidenceLevel::kPromising, {"promising", "Promising"}},
}};

constexpr std::array<std::pair<PopulationBand, std::string_view>, 5> kBands = {{
    {PopulationBand::kAny, ""},
    {PopulationBand::kUnder10k, "under_10k"},
    {PopulationBand::k10kTo50k, "10k_50k"},
    {PopulationBand::k50kTo250k, "50k_250k"},
    {PopulationBand::kOver250k, "over_250k"},
}};

}  // namespace

std::string_view CodeOf(EvidenceLevel level) {
  for (const auto& [each, names] : kLevels) {
    if (each == level) return names.first;
  }
  return "";
}

std::string_view TitleOf(EvidenceLevel level) {
  for (const auto& [each, names] : kLevels) {
    if (each == level) return names.second;
  }
  return "";
}

std::optional<EvidenceLevel> EvidenceLevelFromCode(std::string_view code) {
  for (const auto& [each, names] : kLevels) {
    if (names.first == code) return each;
  }
  return std::nullopt;
}

const PracticeText* Practice::VersionIn(std::string_view language) const {
  for (const PracticeText& text : versions) {
    if (text.language == language) return &text;
  }
  for (const PracticeText& text : versions) {
    if (text.language == original_language) return &text;
  }
  return versions.empty() ? nullptr : &versions.front();
}

bool IsPracticeLanguage(std::string_view code) {
  return std::any_of(kLanguages.begin(), kLanguages.end(),
                     [&](const LanguageEntry& each) { return each.code == code; });
}

std::string_view LanguageName(std::string_view code) {
  for (const LanguageEntry& each : kLanguages) {
    if (each.code == code) return each.name;
  }
  return code;
}

const std::vector<std::string_view>& PracticeLanguages() {
  static const std::vector<std::string_view> kCodes = [] {
    std::vector<std::string_view> codes;
    for (const LanguageEntry& each : kLanguages) codes.push_back(each.code);
    return codes;
  }();
  return kCodes;
}

std::optional<PopulationBand> PopulationBandFromCode(std::string_view code) {
  for (const auto& [band, name] : kBands) {
    if (name == code) return band;
  }
  return std::nullopt;
}

std::string_view CodeOf(PopulationBand band) {
  for (const auto& [each, name] : kBands) {
    if (each == band) return name;
  }
  return "";
}

std::pair<std::int64_t, std::int64_t> BoundsOf(PopulationBand band) {
  switch (band) {
    case PopulationBand::kAny:
      return {0, 0};
    case PopulationBand::kUnder10k:
      return {0, 10'000};
    case PopulationBand::k10kTo50k:
      return {10'000, 50'000};
    case PopulationBand::k50kTo250k:
      return {50'000, 250'000};
    case PopulationBand::kOver250k:
      return {250'000, 0};
  }
  return {0, 0};
}

std::vector<core::FieldProblem> TextProblems(const PracticeText& text) {
  std::vector<core::FieldProblem> problems;
  for (std::size_t i = 0; i < kTextFields.size(); ++i) {
    core::CheckText(problems, kTextFields[i].name, text.texts[i], kTextFields[i].max_characters,
                    /*required=*/i == 0);
  }
  if (!IsPracticeLanguage(text.language))
    problems.push_back({"language", "Choose a language from the list.", text.language});
  return problems;
}

}  // namespace practices
