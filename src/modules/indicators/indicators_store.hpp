#pragma once
// All SQL of the indicators module.

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "db/database.hpp"
#include "modules/indicators/indicators.hpp"

namespace indicators {

// Which observations a read wants: any of the indicators, places and periods given (an empty list: any), the current
// value of each series only, in the order indicator, place, period start, breakdown, series.
struct ObservationFilter {
  std::vector<std::int64_t> indicator_ids;
  std::vector<std::string> places;
  std::vector<std::string> periods;
  std::string breakdown;  // "" any
  bool include_demo = true;
};

// A cell and one of its series: what a new value replaces, and what its history lists.
struct SeriesKey {
  std::int64_t indicator_id = 0;
  std::string place;
  std::string period;
  std::string breakdown;
  std::string series;
  bool operator<(const SeriesKey& other) const {
    return std::tie(indicator_id, place, period, breakdown, series) <
           std::tie(other.indicator_id, other.place, other.period, other.breakdown, other.series);
  }
};

// What an import needs to know of a series' current value: its version, and whether (and by whom) it was approved.
struct CurrentState {
  std::int64_t version = 0;
  std::string status;
  std::string approved_by_name;
  std::int64_t approved_at = 0;
};

class IndicatorsStore {
 public:
  explicit IndicatorsStore(db::Database& database) : database_(database) {}
  db::Database& database() { return database_; }

  std::vector<Indicator> ListIndicators();
  std::optional<Indicator> FindIndicator(std::string_view code);
  std::optional<Indicator> FindIndicator(std::int64_t id);
  std::int64_t InsertIndicator(db::Connection& connection, const Indicator& indicator, bool reference,
                               std::optional<std::int64_t> user, std::int64_t now);
  // Writes the indicator when its stored version is `indicator.version`; false when someone changed it since.
  bool UpdateIndicator(db::Connection& connection, const Indicator& indicator, std::optional<std::int64_t> user,
                       std::int64_t now);
  bool HasReferenceIndicators();

  // Links to the objectives and measures of the cascade.
  std::vector<std::int64_t> LinkedItems(std::int64_t indicator_id);
  std::vector<std::int64_t> IndicatorsOfItem(std::int64_t item_id);
  void Link(db::Connection& connection, std::int64_t indicator_id, std::int64_t item_id);
  void Unlink(db::Connection& connection, std::int64_t indicator_id, std::int64_t item_id);

  // The objectives of the plans in a scope ("country": the EU framework's and the national strategy's; "oblast:MON",
  // "municipality:MON24": the documents of that place) that no indicator measures, in document and plan order.
  struct Unmeasured {
    std::int64_t id = 0;
    std::string code, title, title_en, document_title, document_title_en;
    bool demo = false;
  };
  std::vector<Unmeasured> UnmeasuredObjectives(std::string_view scope);

  std::vector<Target> Targets(std::int64_t indicator_id);
  std::vector<Target> TargetsOfPlace(const std::string& place);
  void UpsertTarget(db::Connection& connection, const Target& target, std::optional<std::int64_t> user,
                    std::int64_t now);
  // Writes a target set through a form: a new one when `version` is 0, else over the stored one while that is still
  // at `version`. False, writing nothing, when the place has a target for the period and breakdown already (for 0)
  // or someone changed it since.
  bool WriteTarget(db::Connection& connection, const Target& target, std::int64_t version,
                   std::optional<std::int64_t> user, std::int64_t now);

  std::vector<Observation> CurrentObservations(const ObservationFilter& filter);
  std::optional<Observation> FindObservation(std::int64_t id);
  // The current totals of places in periods, without names: what a panel of many cells reads.
  std::vector<Observation> PanelValues(const std::vector<std::string>& places, const std::vector<std::string>& periods);
  std::optional<Observation> CurrentOf(db::Connection& connection, const SeriesKey& key);
  // Every version of a cell's series, the newest first.
  std::vector<Observation> History(const SeriesKey& key);
  // The current values of a place's series for the indicator and breakdown in periods that start before `before`,
  // oldest first: what a new value is compared with.
  std::vector<double> EarlierValues(db::Connection& connection, const SeriesKey& key, const std::string& before);
  // Stores `observation` as the current version of its series, the version before it no longer current: its id, or
  // nothing, storing nothing, when that version is no longer the current one (someone entered a value meanwhile).
  std::optional<std::int64_t> InsertObservation(db::Connection& connection, const Observation& observation,
                                                const std::string& period_start);
  // Many at once (an import): rows already given their version; replaces the current rows of the same series.
  void InsertObservations(db::Connection& connection, const std::vector<Observation>& observations,
                          const std::vector<std::string>& period_starts);
  // The current version of every series in a set of indicators, for an import to number the versions it adds.
  std::vector<std::pair<SeriesKey, CurrentState>> CurrentStates(db::Connection& connection,
                                                                const std::vector<std::int64_t>& indicator_ids);
  void SetApproval(db::Connection& connection, std::int64_t id, std::optional<std::int64_t> approved_by,
                   std::int64_t approved_at);
  bool HasDemoObservations();

  // Closures of periods overlapping [start, end] for any of `places`.
  std::vector<Closure> ClosuresOverlapping(db::Connection& connection, const std::vector<std::string>& places,
                                           const std::string& start, const std::string& end);
  std::vector<Closure> Closures();
  std::vector<Closure> Closures(db::Connection& connection);
  void InsertClosure(db::Connection& connection, const Closure& closure, const std::string& start,
                     const std::string& end);
  bool DeleteClosure(db::Connection& connection, const std::string& place, const std::string& period);

 private:
  db::Database& database_;
};

}  // namespace indicators
