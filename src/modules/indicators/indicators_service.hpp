#pragma once
// The indicators' use cases: the library, targets, values entered by hand, in a grid or from a file, approval and
// closed periods, and what the pages read. Every permission check and every refusal's reason is here.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "formats/table.hpp"
#include "kernel/audit_log.hpp"
#include "modules/indicators/dhis2_exchange.hpp"
#include "modules/indicators/indicators.hpp"
#include "modules/indicators/indicators_store.hpp"
#include "modules/indicators/periods.hpp"

namespace places {
class PlacesService;
}
namespace policies {
class PoliciesService;
}

namespace indicators {

// A value as a form, a grid cell, the API or a file row gives it: text as typed, checked by Enter.
struct Entry {
  std::string indicator;  // code
  std::string place;
  std::string period;
  std::string breakdown = "total";
  std::string source_kind = "official";
  std::string value;
  std::string base;
  std::string confidence = "high";
  std::string source_title;
  std::string evidence_url;
  std::string note;
  // The version of the series' value the form showed (0: none), refused as a conflict when the stored one moved on
  // since; nullopt where nothing was shown (a file, the API, another module's figure).
  std::optional<std::int64_t> based_on = std::nullopt;
};

// The fields of Entry as forms and problems name them.
inline constexpr std::string_view kEntryFields[] = {"indicator",    "place",        "period", "breakdown",
                                                    "source_kind",  "value",        "base",   "confidence",
                                                    "source_title", "evidence_url", "note"};

// A computed figure with the counts it comes from, so a page can show the formula beside it.
struct Computed {
  std::optional<double> value;
  std::int64_t numerator = 0;    // activities completed, or euro cents spent
  std::int64_t denominator = 0;  // activities that run in the period, or euro cents planned
  std::string why_none;          // msgid when there is no value
};

// What an import did, or would do on a dry run: nothing is stored when there is any problem.
struct ValuesImport {
  bool dry_run = false;
  std::size_t rows = 0;
  std::size_t stored = 0;
  std::size_t flagged = 0;  // stored but flagged for review
  std::vector<ExchangeProblem> problems;
};

// A target with what its rule comes to now.
struct TargetView {
  Target target;
  std::optional<double> baseline;  // given with the target, or the observations' value for the baseline period
  TargetValue value;
};

// Oblasts × indicators over a range of years: each cell's official value (or, without one, the first other source's)
// for each year of the range.
struct NationalPanel {
  std::vector<Indicator> indicators;  // those with a value in the range, in the library's order
  std::vector<std::string> oblasts;   // codes, in the places' order
  std::vector<std::string> years;     // "2017" … "2026"
  // (oblast, indicator id) → the cell's value per year (nullopt: none), and whether it is suppressed for the reader
  struct Cell {
    std::vector<std::optional<double>> values;
    std::vector<bool> suppressed;
    bool demo = false;
  };
  std::map<std::pair<std::string, std::int64_t>, Cell> cells;
};

class IndicatorsService {
 public:
  IndicatorsService(IndicatorsStore& store, places::PlacesService& places, policies::PoliciesService& policies,
                    kernel::AuditLog& audit, const core::Clock& clock, int suppress_below)
      : store_(store),
        places_(places),
        policies_(policies),
        audit_(audit),
        clock_(clock),
        suppress_below_(suppress_below) {}

  // The indicator library, its targets and the FRA survey figures from data/indicators; true when loaded now.
  core::Result<bool> LoadReferenceData(const std::filesystem::path& directory,
                                       const std::function<void(const std::string&)>& log);
  // The demo values of the demo plan's municipality; true when loaded now.
  bool LoadDemoValues(const std::filesystem::path& file, const std::function<void(const std::string&)>& log);

  std::vector<Indicator> Indicators() { return store_.ListIndicators(); }
  core::Result<Indicator> Find(std::string_view code);
  std::optional<Indicator> Find(std::int64_t id) { return store_.FindIndicator(id); }
  core::Result<Indicator> Create(const core::Actor& actor, Indicator indicator);
  core::Result<Indicator> Change(const core::Actor& actor, Indicator indicator);
  static bool MayEditLibrary(const core::Actor& actor);
  // Adds the indicators of a table with the columns of data/indicators/indicators.csv, leaving those whose code is
  // there already; the number added, or the first row's problem (all or nothing).
  core::Result<std::size_t> AddIndicators(const core::Actor& actor, const formats::Table& table);

  std::vector<TargetView> Targets(const Indicator& indicator);
  // Every target of one place, of any indicator: what a place's panel shows.
  std::vector<TargetView> TargetsOfPlace(const std::string& place);
  // A target as a form gives it (numbers as typed): a coordinator of the place sets it, replacing the place's target
  // for the same period and breakdown when that is still at `version`, the one the form showed (0: there was none);
  // otherwise a conflict.
  struct TargetEntry {
    std::string place, period, breakdown = "total", rule = "value", value, factor, reference, baseline_period, note;
    std::int64_t version = 0;
  };
  core::Result<Target> SetTarget(const core::Actor& actor, const Indicator& indicator, const TargetEntry& entry);
  // The objectives and measures an indicator measures, as its page lists them.
  struct LinkedItem {
    std::int64_t id = 0;
    std::string uid, code, title, title_en, document_title, document_title_en;
  };
  std::vector<LinkedItem> LinkedItems(const Indicator& indicator);
  std::vector<Indicator> IndicatorsOfItem(std::int64_t item_id);
  std::vector<IndicatorsStore::Unmeasured> UnmeasuredObjectives(std::string_view scope) {
    return store_.UnmeasuredObjectives(scope);
  }
  // Where an item's plan is: "EU", "BG", an oblast's or a municipality's code ("" for no such item).
  std::string PlaceOfItem(std::int64_t item_id);
  core::Result<bool> Link(const core::Actor& actor, const std::string& code, const std::string& item_uid);
  core::Result<bool> Unlink(const core::Actor& actor, const std::string& code, std::int64_t item_id);

  // Enters one value: every problem of the input at once (kInvalidInput with problems), then whether the actor may
  // (kForbidden, naming the place), then whether the cell is open (kConflict, naming who closed the period or approved
  // the value, and when). A value far from the place's own series is stored and flagged.
  // An entry with `based_on` is a conflict, after those, when the series' value is no longer at that version.
  core::Result<Observation> Enter(const core::Actor& actor, const Entry& entry);
  // The current value of the series the actor writes with `entry` (its indicator, place, period, breakdown and
  // source), or nothing when there is none or the entry names no cell: the version a form shows.
  std::optional<Observation> CurrentFor(const core::Actor& actor, const Entry& entry);
  core::Result<Observation> Approve(const core::Actor& actor, std::int64_t observation_id);
  core::Result<Observation> Reopen(const core::Actor& actor, std::int64_t observation_id);
  core::Result<Closure> ClosePeriod(const core::Actor& actor, const std::string& place, const std::string& period);
  core::Result<bool> ReopenPeriod(const core::Actor& actor, const std::string& place, const std::string& period);
  std::vector<Closure> Closures() { return store_.Closures(); }

  // Who may do what where, for pages to offer only what the reader may do.
  static bool MayEnterOfficial(const core::Actor& actor, const std::string& place);
  static bool MayEnterCivic(const core::Actor& actor);
  static bool MayApprove(const core::Actor& actor, const std::string& place);
  // The municipalities and oblasts whose official values the actor enters, by code (empty for the installation).
  static std::vector<std::string> PlacesOf(const core::Actor& actor);
  // Why the actor cannot enter a value for the cell's series now, or nothing when they can.
  std::optional<core::Error> LockOf(const core::Actor& actor, const Indicator& indicator, const std::string& place,
                                    const Period& period, const std::string& breakdown, const std::string& source_kind);

  std::vector<Observation> Current(const ObservationFilter& filter) { return store_.CurrentObservations(filter); }
  std::optional<Observation> FindObservation(std::int64_t id) { return store_.FindObservation(id); }
  std::vector<Observation> History(const Observation& observation);
  NationalPanel National(const core::Actor& actor, int from_year, int to_year);
  // Every computation (kComputations) of a municipality and period, by its name, from one reading of its plans.
  std::map<std::string, Computed, std::less<>> ComputeAll(const std::string& municipality, const Period& period);
  Computed Compute(const Indicator& indicator, const std::string& municipality, const Period& period);

  // Whether a value may be shown to the actor as it is: counts of people below the threshold, and shares of fewer
  // people, are suppressed for anyone without a role for the place.
  bool Suppressed(const core::Actor& actor, const Indicator& indicator, const Observation& observation) const;
  int suppress_below() const { return suppress_below_; }
  std::int64_t Now() const { return clock_.Now(); }

  ValuesImport ImportDataValues(const core::Actor& actor, const formats::Table& table, bool dry_run);
  // The current values the filter selects, as a dataValues file; suppressed values are left out for the actor.
  std::vector<DataValue> ExportDataValues(const core::Actor& actor, const ObservationFilter& filter);

  std::vector<std::string> OblastCodes();
  std::vector<std::string> MunicipalityCodes();
  // The name of a place in Bulgarian and English ("Лом", "Lom"), or nullopt for an unknown code.
  std::optional<std::pair<std::string, std::string>> PlaceName(const std::string& place);

 private:
  using IndicatorsByCode = std::map<std::string, Indicator, std::less<>>;
  struct Checked {
    const Indicator* indicator = nullptr;  // in the IndicatorsByCode given to Check
    Period period;
    Observation observation;
  };
  // Checks an entry's fields against the indicators given, without touching the database's locks: problems, or the
  // observation to store.
  core::Result<Checked> Check(const core::Actor& actor, const Entry& entry, const IndicatorsByCode& indicators);
  // The series of the actor's values of a source kind: "official", or "civic:o12" for a CSO editor of organisation 12.
  static std::string SeriesOf(const core::Actor& actor, std::string_view source_kind,
                              std::optional<std::int64_t>* organisation = nullptr);
  // Why the actor cannot write a series of a place in a period, from what is known of it: the closed periods and the
  // series' current value (nullopt for none).
  std::optional<core::Error> LockOf(const core::Actor& actor, const std::string& place, const Period& period,
                                    std::string_view source_kind, const std::vector<Closure>& closures,
                                    const std::optional<CurrentState>& current);
  std::optional<core::Error> LockOf(db::Connection& connection, const core::Actor& actor, const Indicator& indicator,
                                    const std::string& place, const Period& period, const std::string& series,
                                    const std::string& breakdown, const std::string& source_kind);
  void Audit(const core::Actor& actor, std::string_view action, const std::string& subject);
  // A target with its baseline (given, or read from the baseline period's values) and what its rule comes to.
  TargetView ViewOf(Target target);

  IndicatorsStore& store_;
  places::PlacesService& places_;
  policies::PoliciesService& policies_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  int suppress_below_;
  // Places' names by code, read once from the places (reference data that changes only with a seed) and again when a
  // code is missing, so that naming a place in a refusal needs no query inside a transaction.
  std::mutex names_mutex_;
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> place_names_;
  std::int64_t names_read_at_ = 0;
};

}  // namespace indicators
