#pragma once
// Indicators, their targets and observations as types and vocabularies (no I/O). An indicator says what is measured
// and how; a target what a place should reach by a period; an observation what a source says a place reached in a
// period. Observations of one cell (indicator × place × period × breakdown) from several sources stand side by side,
// each source a series of its own; a correction is a new version of its series, the old one kept.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/indicators/progress.hpp"

namespace indicators {

// What a value counts: a share of people (0–100), a difference in percentage points, a count of people (small ones
// are suppressed on public pages), a count of things (posts, meetings), years, a score 0–100, any other number.
inline constexpr std::string_view kUnits[] = {"percent", "points", "people", "count", "years", "score", "number"};
inline constexpr std::string_view kDirections[] = {"up", "down"};  // which way is better
inline constexpr std::string_view kKinds[] = {"headline", "secondary", "process", "output"};
// Where a value comes from. Official statistics and an authority's report wait for a coordinator's approval; civic
// monitoring and surveys stand as their source gave them.
inline constexpr std::string_view kSourceKinds[] = {"official", "authority", "civic", "survey"};
inline constexpr std::string_view kConfidences[] = {"high", "medium", "low"};
// Indicators computed from Khetane's own records, never typed: from the plans of the cascade.
inline constexpr std::string_view kComputations[] = {"activities_completed", "budget_executed"};

// The dimensions a value may be broken down by, and their categories; "total" is no breakdown. Never the ethnicity
// of an identified person: values are about the target group as a whole.
inline constexpr std::string_view kDimensions[] = {"sex", "age"};
struct Breakdown {
  std::string_view code;       // "female": in files (DHIS2's category option combination) and the API
  std::string_view dimension;  // "sex"; "" for the total
  std::string_view title;      // msgid
};
inline constexpr Breakdown kBreakdowns[] = {
    {"total", "", "Total"},
    {"female", "sex", "Women and girls"},
    {"male", "sex", "Men and boys"},
    {"age_0_17", "age", "Aged 0–17"},
    {"age_18_24", "age", "Aged 18–24"},
    {"age_25_54", "age", "Aged 25–54"},
    {"age_55_64", "age", "Aged 55–64"},
    {"age_65_plus", "age", "Aged 65 and over"},
};
const Breakdown* FindBreakdown(std::string_view code);

bool IsOneOf(std::string_view value, const auto& list) {
  for (const auto& each : list) {
    if (each == value) return true;
  }
  return false;
}

std::string_view UnitTitle(std::string_view unit);  // msgids: "Share (%)"
std::string_view KindTitle(std::string_view kind);
std::string_view SourceKindTitle(std::string_view source_kind);
std::string_view ConfidenceTitle(std::string_view confidence);
std::string_view StatusTitle(std::string_view status);
std::string_view ComputationFormula(std::string_view computation);  // msgid: how the figure is computed

struct Indicator {
  std::int64_t id = 0;
  std::string code;  // "fra_discrimination": lower-case letters, digits and '_'; DHIS2's data element
  std::string name_bg;
  std::string name_en;
  std::string unit = "percent";
  std::string direction = "up";
  std::string kind = "headline";
  std::string source;                   // who publishes it: "FRA Roma survey"
  std::string method;                   // how it is measured
  std::vector<std::string> dimensions;  // the breakdowns allowed: "sex", "age"
  std::string computation;              // one of kComputations, or "" for a typed indicator
  std::int64_t version = 1;
  bool operator==(const Indicator&) const = default;
};
inline constexpr std::size_t kMaxIndicatorCode = 64;
// The problems of an indicator as typed (names trimmed), by field: code, name_bg, name_en, unit, direction, kind,
// dimensions, computation.
std::vector<core::FieldProblem> IndicatorProblems(const Indicator& indicator);
bool AllowsBreakdown(const Indicator& indicator, std::string_view breakdown);

// A place an observation or a target is about: "EU", a country ("BG"), an oblast ("MON"), a municipality ("MON24").
enum class PlaceLevel { kEu, kCountry, kOblast, kMunicipality };
std::optional<PlaceLevel> PlaceLevelOf(std::string_view place);

// Whether an observation waits for approval ("submitted"), was approved, or needs none ("recorded": civic and survey
// values).
inline constexpr std::string_view kStatuses[] = {"submitted", "approved", "recorded"};
bool NeedsApproval(std::string_view source_kind);

struct Observation {
  std::int64_t id = 0;
  std::int64_t indicator_id = 0;
  std::string place;
  std::string period;  // canonical (periods.hpp)
  std::string breakdown = "total";
  std::string source_kind = "official";
  // Which series of the cell the value belongs to: "official", "authority", "survey", or "civic:o12" (an
  // organisation) / "civic:u34" (a person): one current value per series and cell.
  std::string series;
  double value = 0;
  std::optional<std::int64_t> base;  // how many people a share is of, when known: a small base suppresses the share
  std::string confidence = "high";
  std::string source_title;  // "FRA Roma survey 2021"
  std::string evidence_url;
  std::string note;
  std::optional<std::int64_t> organisation_id;  // a civic value given on behalf of an organisation
  std::string status = "submitted";
  std::string review_reason;  // why it was flagged for review; "" when it was not
  std::int64_t version = 1;
  bool current = true;
  std::optional<std::int64_t> entered_by;
  std::string entered_by_name;  // read with the row: the person's name, or the organisation's
  std::int64_t entered_at = 0;  // Unix time
  std::optional<std::int64_t> approved_by;
  std::string approved_by_name;
  std::int64_t approved_at = 0;
  bool demo = false;
};

struct Target {
  std::int64_t id = 0;
  std::int64_t indicator_id = 0;
  std::string place;
  std::string period;  // by when: "2030"
  std::string breakdown = "total";
  TargetRule rule;
  std::string baseline_period;     // the period whose value the rule starts from; "" for an absolute target
  std::optional<double> baseline;  // the baseline given with the target; otherwise read from the observations
  std::string note;                // where the target comes from
  bool verified = true;
  std::int64_t version = 1;  // moved on by each change, so that a form opened before one is refused
};

// A period closed for a place by a coordinator: no value for the place (or a municipality in a closed oblast) within
// it can be entered or changed.
struct Closure {
  std::string place;
  std::string period;
  std::optional<std::int64_t> closed_by;
  std::string closed_by_name;
  std::int64_t closed_at = 0;
};

}  // namespace indicators
