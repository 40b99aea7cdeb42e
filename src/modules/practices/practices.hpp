#pragma once
// Good practices of local authorities in any country: the template, its rules, and what a search asks. Pure types and
// checks; the store keeps them (migrations/0029_practices.sql), the service decides who may do what.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace practices {

// How strong the evidence is that a practice works, as the Council of Europe's database of Roma good practices classes
// them: it worked and was evaluated, it worked in more than one place, or it promises to.
enum class EvidenceLevel { kDemonstrated, kReplicated, kPromising };
std::string_view CodeOf(EvidenceLevel level);   // "demonstrated"
std::string_view TitleOf(EvidenceLevel level);  // msgid: "Demonstrated"
std::optional<EvidenceLevel> EvidenceLevelFromCode(std::string_view code);
inline constexpr std::array<EvidenceLevel, 3> kEvidenceLevels = {EvidenceLevel::kDemonstrated,
                                                                 EvidenceLevel::kReplicated, EvidenceLevel::kPromising};

// Who wrote a language version: a person, or a machine translating another version.
enum class Origin { kPerson, kMachine };

// The texts of the template, in the order a reader reads them: field name (also the form's and the API's), heading
// (msgid), what the author is asked (msgid), longest length in characters.
struct TextField {
  std::string_view name;
  std::string_view heading;
  std::string_view hint;
  std::size_t max_characters;
};
inline constexpr std::array<TextField, 8> kTextFields = {{
    {"title", "Title", "What the practice is, in a line.", 200},
    {"context", "Context", "The place and the people it is for.", 5000},
    {"problem", "Problem", "What was wrong before it.", 5000},
    {"actions", "What was done", "Who did what, with whom, and how.", 10000},
    {"results", "Results and evidence", "What changed, measured how, and where the evidence is.", 10000},
    {"success_factors", "What made it work", "What the practice could not have done without.", 5000},
    {"transfer_conditions", "Conditions for transfer", "What another municipality needs to do it too.", 5000},
    {"funding", "Funding", "Who paid for it, and for how long.", 2000},
}};

// One language version of the texts, in the order of kTextFields.
struct PracticeText {
  std::string language;  // "bg", "en", "cs", "nl" … (an ISO 639-1 code)
  Origin origin = Origin::kPerson;
  std::string translator;       // the service that translated it, for a machine's version
  std::string translated_from;  // the language it was translated from
  std::array<std::string, kTextFields.size()> texts;
  std::optional<std::int64_t> written_by;
  std::string written_by_name;
  std::int64_t written_at = 0;
  // The stored text's version; in a save, the version the form showed, 0 when there was none in the language.
  std::int64_t version = 0;

  const std::string& title() const { return texts[0]; }
};

struct Transfer {
  std::int64_t id = 0;
  std::int64_t practice_id = 0;
  std::string municipality_code;
  std::string municipality_name_bg;
  std::string municipality_name_en;
  std::string country_code;
  std::string kind;  // "adopts" or "adapts"
  std::optional<std::int64_t> item_id;
  std::string note;
  bool demo = false;
  std::int64_t recorded_at = 0;
  // The measure it became, as its plan reports it.
  std::string measure;  // "1.2 Education mediators"
  std::string plan;
  std::string measure_status;                    // policy_items.official_status: "in_progress"
  std::optional<std::int64_t> measure_progress;  // 0–100, when reported
  // The stored take-up's version; in a save, the version the form showed, 0 when the municipality had none.
  std::int64_t version = 0;
};

struct Practice {
  std::int64_t id = 0;
  std::string municipality_code;
  std::string municipality_name_bg;
  std::string municipality_name_en;
  std::string country_code;
  std::optional<std::int64_t> population;  // the municipality's latest figure
  std::optional<int> period_start;
  std::optional<int> period_end;
  EvidenceLevel evidence_level = EvidenceLevel::kPromising;
  std::optional<std::int64_t> cost_cents;
  std::string currency = "EUR";
  std::string contacts;
  std::string sources;
  std::string original_language;
  std::vector<std::string> areas;  // codes of the platform's areas: "education"
  std::vector<PracticeText> versions;
  std::vector<Transfer> transfers;
  bool demo = false;
  std::int64_t version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  // The version in `language`, else the original, else the first.
  const PracticeText* VersionIn(std::string_view language) const;
};

// The languages a version may be written in: ISO 639-1 codes of the EU's languages, Romani ("rom"), and the
// languages of the countries around them that the platform's members write.
bool IsPracticeLanguage(std::string_view code);
// The language's own name: "български", "Nederlands"; the code itself for a language without one here.
std::string_view LanguageName(std::string_view code);
const std::vector<std::string_view>& PracticeLanguages();

// Population bands for the search's filter, by the municipality's latest figure.
enum class PopulationBand { kAny, kUnder10k, k10kTo50k, k50kTo250k, kOver250k };
std::optional<PopulationBand> PopulationBandFromCode(std::string_view code);
std::string_view CodeOf(PopulationBand band);
// [min, max) of a band; max 0 for no upper bound.
std::pair<std::int64_t, std::int64_t> BoundsOf(PopulationBand band);

struct SearchQuery {
  std::string text;  // as typed; full-text in every language
  std::string area;  // a platform area's code, or ""
  std::string country;
  std::optional<EvidenceLevel> evidence_level;
  PopulationBand population = PopulationBand::kAny;
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

// What a form brings for a new practice or its edit: the facts, and the texts of the author's language.
struct PracticeFields {
  std::string municipality_code;
  std::string period_start;
  std::string period_end;
  std::string evidence_level;
  std::string cost;  // as typed: "12 500,50" or "12500.50"
  std::string currency;
  std::string contacts;
  std::string sources;
  std::vector<std::string> areas;
  PracticeText text;
};

// The problems of a text version by field: a title is required, every text within its length, UTF-8 without NUL.
std::vector<core::FieldProblem> TextProblems(const PracticeText& text);

}  // namespace practices
