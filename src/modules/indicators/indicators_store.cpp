#include "modules/indicators/indicators_store.hpp"

#include <tuple>

#include "db/bulk_insert.hpp"

namespace indicators {
namespace {

constexpr std::string_view kIndicatorColumns =
    "id, code, name_bg, name_en, unit, direction, kind, source, method, dimensions, computation, version";

std::vector<std::string> SplitDimensions(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string JoinDimensions(const std::vector<std::string>& dimensions) {
  std::string text;
  for (const std::string& each : dimensions) text += (text.empty() ? "" : ";") + each;
  return text;
}

Indicator IndicatorOf(const db::Row& row) {
  Indicator indicator;
  indicator.id = row.Int(0);
  indicator.code = row.Text(1);
  indicator.name_bg = row.Text(2);
  indicator.name_en = row.Text(3);
  indicator.unit = row.Text(4);
  indicator.direction = row.Text(5);
  indicator.kind = row.Text(6);
  indicator.source = row.Text(7);
  indicator.method = row.Text(8);
  indicator.dimensions = SplitDimensions(row.Text(9));
  indicator.computation = row.Text(10);
  indicator.version = row.Int(11);
  return indicator;
}

// The observation's columns with the names of who entered and who approved it.
constexpr std::string_view kObservationSelect =
    "SELECT o.id, o.indicator_id, o.place, o.period, o.breakdown, o.source_kind, o.series, o.value, o.base, "
    "o.confidence, o.source_title, o.evidence_url, o.note, o.organisation_id, o.status, o.review_reason, o.version, "
    "o.current, o.entered_by, COALESCE(org.name, entered.display_name, ''), o.entered_at, o.approved_by, "
    "COALESCE(approver.display_name, ''), COALESCE(o.approved_at, 0), o.demo "
    "FROM observations o "
    "LEFT JOIN organisations org ON org.id = o.organisation_id "
    "LEFT JOIN users entered ON entered.id = o.entered_by "
    "LEFT JOIN users approver ON approver.id = o.approved_by ";

Observation ObservationOf(const db::Row& row) {
  Observation observation;
  observation.id = row.Int(0);
  observation.indicator_id = row.Int(1);
  observation.place = row.Text(2);
  observation.period = row.Text(3);
  observation.breakdown = row.Text(4);
  observation.source_kind = row.Text(5);
  observation.series = row.Text(6);
  observation.value = row.Double(7);
  observation.base = row.OptionalInt(8);
  observation.confidence = row.Text(9);
  observation.source_title = row.Text(10);
  observation.evidence_url = row.Text(11);
  observation.note = row.Text(12);
  observation.organisation_id = row.OptionalInt(13);
  observation.status = row.Text(14);
  observation.review_reason = row.Text(15);
  observation.version = row.Int(16);
  observation.current = row.Int(17) != 0;
  observation.entered_by = row.OptionalInt(18);
  observation.entered_by_name = row.Text(19);
  observation.entered_at = row.Int(20);
  observation.approved_by = row.OptionalInt(21);
  observation.approved_by_name = row.Text(22);
  observation.approved_at = row.Int(23);
  observation.demo = row.Int(24) != 0;
  return observation;
}

db::Value Optional(const std::optional<std::int64_t>& value) { return value ? db::Value(*value) : db::Value(nullptr); }
db::Value Optional(const std::optional<double>& value) { return value ? db::Value(*value) : db::Value(nullptr); }

std::optional<double> OptionalDouble(const db::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Double(column);
}

// "$3, $4, $5" for `count` parameters after the first `after`.
std::string Placeholders(std::size_t after, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += (i == 0 ? "$" : ", $") + std::to_string(after + i + 1);
  return text;
}

constexpr std::string_view kTargetColumns =
    "id, indicator_id, place, period, breakdown, rule, value, factor, reference_value, baseline_period, baseline, "
    "note, verified, version";

Target TargetOf(const db::Row& row) {
  Target target;
  target.id = row.Int(0);
  target.indicator_id = row.Int(1);
  target.place = row.Text(2);
  target.period = row.Text(3);
  target.breakdown = row.Text(4);
  target.rule.rule = row.Text(5);
  target.rule.value = OptionalDouble(row, 6);
  target.rule.factor = OptionalDouble(row, 7);
  target.rule.reference = OptionalDouble(row, 8);
  target.baseline_period = row.Text(9);
  target.baseline = OptionalDouble(row, 10);
  target.note = row.Text(11);
  target.verified = row.Int(12) != 0;
  target.version = row.Int(13);
  return target;
}

constexpr std::string_view kInsertObservation =
    "INSERT INTO observations (indicator_id, place, period, period_start, breakdown, source_kind, series, value, "
    "base, confidence, source_title, evidence_url, note, organisation_id, status, review_reason, version, current, "
    "entered_by, entered_at, approved_by, approved_at, demo)";

db::Params ObservationParams(const Observation& observation, const std::string& period_start) {
  return {observation.indicator_id,
          observation.place,
          observation.period,
          period_start,
          observation.breakdown,
          observation.source_kind,
          observation.series,
          observation.value,
          Optional(observation.base),
          observation.confidence,
          observation.source_title,
          observation.evidence_url,
          observation.note,
          Optional(observation.organisation_id),
          observation.status,
          observation.review_reason,
          observation.version,
          std::int64_t{1},
          Optional(observation.entered_by),
          observation.entered_at,
          Optional(observation.approved_by),
          observation.approved_at != 0 ? db::Value(observation.approved_at) : db::Value(nullptr),
          std::int64_t{observation.demo ? 1 : 0}};
}

constexpr std::string_view kRetireCurrent =
    "UPDATE observations SET current = 0 WHERE current = 1 AND indicator_id = $1 AND place = $2 AND period = $3 "
    "AND breakdown = $4 AND series = $5";
// The same, only while the current value is still the version read before: of two values entered at once from one
// version, the second finds nothing to replace.
constexpr std::string_view kRetireVersion =
    "UPDATE observations SET current = 0 WHERE current = 1 AND indicator_id = $1 AND place = $2 AND period = $3 "
    "AND breakdown = $4 AND series = $5 AND version = $6";

Closure ClosureOf(const db::Row& row) {
  return {row.Text(0), row.Text(1), row.OptionalInt(2), row.Text(3), row.Int(4)};
}

}  // namespace

std::vector<Indicator> IndicatorsStore::ListIndicators() {
  auto connection = database_.Acquire();
  std::vector<Indicator> list;
  for (const db::Row& row :
       connection->Query(std::string("SELECT ") + std::string(kIndicatorColumns) + " FROM indicators ORDER BY id")) {
    list.push_back(IndicatorOf(row));
  }
  return list;
}

std::optional<Indicator> IndicatorsStore::FindIndicator(std::string_view code) {
  auto connection = database_.Acquire();
  const auto row =
      connection->QueryOne(std::string("SELECT ") + std::string(kIndicatorColumns) + " FROM indicators WHERE code = $1",
                           {std::string(code)});
  if (!row) return std::nullopt;
  return IndicatorOf(*row);
}

std::optional<Indicator> IndicatorsStore::FindIndicator(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(
      std::string("SELECT ") + std::string(kIndicatorColumns) + " FROM indicators WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return IndicatorOf(*row);
}

std::int64_t IndicatorsStore::InsertIndicator(db::Connection& connection, const Indicator& indicator, bool reference,
                                              std::optional<std::int64_t> user, std::int64_t now) {
  return connection
      .QueryOne(
          "INSERT INTO indicators (code, name_bg, name_en, unit, direction, kind, source, method, dimensions, "
          "computation, reference, version, created_at, created_by, updated_at, updated_by) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13, $12, $13) RETURNING id",
          {indicator.code, indicator.name_bg, indicator.name_en, indicator.unit, indicator.direction, indicator.kind,
           indicator.source, indicator.method, JoinDimensions(indicator.dimensions), indicator.computation,
           std::int64_t{reference ? 1 : 0}, now, Optional(user)})
      ->Int(0);
}

bool IndicatorsStore::UpdateIndicator(db::Connection& connection, const Indicator& indicator,
                                      std::optional<std::int64_t> user, std::int64_t now) {
  return connection.Execute(
             "UPDATE indicators SET name_bg = $2, name_en = $3, unit = $4, direction = $5, kind = $6, source = $7, "
             "method = $8, dimensions = $9, computation = $10, version = version + 1, updated_at = $11, "
             "updated_by = $12 WHERE id = $1 AND version = $13",
             {indicator.id, indicator.name_bg, indicator.name_en, indicator.unit, indicator.direction, indicator.kind,
              indicator.source, indicator.method, JoinDimensions(indicator.dimensions), indicator.computation, now,
              Optional(user), indicator.version}) == 1;
}

bool IndicatorsStore::HasReferenceIndicators() {
  auto connection = database_.Acquire();
  return connection->QueryOne("SELECT 1 FROM indicators WHERE reference = 1 LIMIT 1").has_value();
}

std::vector<std::int64_t> IndicatorsStore::LinkedItems(std::int64_t indicator_id) {
  auto connection = database_.Acquire();
  std::vector<std::int64_t> ids;
  for (const db::Row& row : connection->Query(
           "SELECT item_id FROM indicator_links WHERE indicator_id = $1 ORDER BY item_id", {indicator_id})) {
    ids.push_back(row.Int(0));
  }
  return ids;
}

std::vector<std::int64_t> IndicatorsStore::IndicatorsOfItem(std::int64_t item_id) {
  auto connection = database_.Acquire();
  std::vector<std::int64_t> ids;
  for (const db::Row& row : connection->Query(
           "SELECT indicator_id FROM indicator_links WHERE item_id = $1 ORDER BY indicator_id", {item_id})) {
    ids.push_back(row.Int(0));
  }
  return ids;
}

void IndicatorsStore::Link(db::Connection& connection, std::int64_t indicator_id, std::int64_t item_id) {
  connection.Execute(
      "INSERT INTO indicator_links (indicator_id, item_id) VALUES ($1, $2) ON CONFLICT (indicator_id, item_id) DO "
      "NOTHING",
      {indicator_id, item_id});
}

void IndicatorsStore::Unlink(db::Connection& connection, std::int64_t indicator_id, std::int64_t item_id) {
  connection.Execute("DELETE FROM indicator_links WHERE indicator_id = $1 AND item_id = $2", {indicator_id, item_id});
}

std::vector<IndicatorsStore::Unmeasured> IndicatorsStore::UnmeasuredObjectives(std::string_view scope) {
  std::string where;
  db::Params params;
  if (scope.starts_with("oblast:")) {
    where = "d.oblast_code = $1";
    params.emplace_back(std::string(scope.substr(7)));
  } else if (scope.starts_with("municipality:")) {
    where = "d.municipality_code = $1";
    params.emplace_back(std::string(scope.substr(13)));
  } else {
    where = "d.level IN ('eu', 'national')";
  }
  auto connection = database_.Acquire();
  std::vector<Unmeasured> list;
  for (const db::Row& row : connection->Query(
           "SELECT i.id, i.code, i.title, i.title_en, d.title, d.title_en, d.demo FROM policy_items i "
           "JOIN policy_documents d ON d.id = i.document_id WHERE i.kind = 'objective' AND i.withdrawn_at IS NULL "
           "AND " +
               where +
               " AND NOT EXISTS (SELECT 1 FROM indicator_links l WHERE l.item_id = i.id) "
               "ORDER BY d.id, i.position, i.id",
           params)) {
    list.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Int(6) != 0});
  }
  return list;
}

std::vector<Target> IndicatorsStore::Targets(std::int64_t indicator_id) {
  auto connection = database_.Acquire();
  std::vector<Target> targets;
  for (const db::Row& row : connection->Query(std::string("SELECT ") + std::string(kTargetColumns) +
                                                  " FROM indicator_targets WHERE indicator_id = $1 "
                                                  "ORDER BY place, period, breakdown",
                                              {indicator_id})) {
    targets.push_back(TargetOf(row));
  }
  return targets;
}

std::vector<Target> IndicatorsStore::TargetsOfPlace(const std::string& place) {
  auto connection = database_.Acquire();
  std::vector<Target> targets;
  for (const db::Row& row : connection->Query(std::string("SELECT ") + std::string(kTargetColumns) +
                                                  " FROM indicator_targets WHERE place = $1 "
                                                  "ORDER BY indicator_id, period, breakdown",
                                              {place})) {
    targets.push_back(TargetOf(row));
  }
  return targets;
}

namespace {

db::Params TargetParams(const Target& target, std::optional<std::int64_t> user, std::int64_t now) {
  return {target.indicator_id,
          target.place,
          target.period,
          target.breakdown,
          target.rule.rule,
          Optional(target.rule.value),
          Optional(target.rule.factor),
          Optional(target.rule.reference),
          target.baseline_period,
          Optional(target.baseline),
          target.note,
          std::int64_t{target.verified ? 1 : 0},
          now,
          Optional(user)};
}

constexpr std::string_view kInsertTarget =
    "INSERT INTO indicator_targets (indicator_id, place, period, breakdown, rule, value, factor, reference_value, "
    "baseline_period, baseline, note, verified, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
    "ON CONFLICT (indicator_id, place, period, breakdown) ";
constexpr std::string_view kUpdateTarget =
    "UPDATE indicator_targets SET rule = $5, value = $6, factor = $7, reference_value = $8, baseline_period = $9, "
    "baseline = $10, note = $11, verified = $12, version = version + 1 "
    "WHERE indicator_id = $1 AND place = $2 AND period = $3 AND breakdown = $4 AND version = $13";

}  // namespace

void IndicatorsStore::UpsertTarget(db::Connection& connection, const Target& target, std::optional<std::int64_t> user,
                                   std::int64_t now) {
  connection.Execute(std::string(kInsertTarget) +
                         "DO UPDATE SET rule = excluded.rule, value = excluded.value, factor = excluded.factor, "
                         "reference_value = excluded.reference_value, baseline_period = excluded.baseline_period, "
                         "baseline = excluded.baseline, note = excluded.note, verified = excluded.verified, "
                         "version = indicator_targets.version + 1",
                     TargetParams(target, user, now));
}

bool IndicatorsStore::WriteTarget(db::Connection& connection, const Target& target, std::int64_t version,
                                  std::optional<std::int64_t> user, std::int64_t now) {
  // A form that showed no target adds one only if none was set meanwhile.
  if (version == 0) {
    return connection.Execute(std::string(kInsertTarget) + "DO NOTHING", TargetParams(target, user, now)) == 1;
  }
  db::Params params = TargetParams(target, user, now);
  params.erase(params.end() - 2, params.end());  // the creation's time and author stay the first setting's
  params.emplace_back(version);
  return connection.Execute(kUpdateTarget, params) == 1;
}

std::vector<Observation> IndicatorsStore::CurrentObservations(const ObservationFilter& filter) {
  std::string sql(kObservationSelect);
  sql += "WHERE o.current = 1";
  db::Params params;
  const auto any_of = [&](std::string_view column, const auto& values) {
    if (values.empty()) return;
    sql += " AND ";
    sql += column;
    sql += " IN (" + Placeholders(params.size(), values.size()) + ")";
    for (const auto& value : values) params.emplace_back(value);
  };
  any_of("o.indicator_id", filter.indicator_ids);
  any_of("o.place", filter.places);
  any_of("o.period", filter.periods);
  if (!filter.breakdown.empty()) {
    params.emplace_back(filter.breakdown);
    sql += " AND o.breakdown = $" + std::to_string(params.size());
  }
  if (!filter.include_demo) sql += " AND o.demo = 0";
  sql += " ORDER BY o.indicator_id, o.place, o.period_start, o.period, o.breakdown, o.series";
  auto connection = database_.Acquire();
  std::vector<Observation> list;
  for (const db::Row& row : connection->Query(sql, params)) list.push_back(ObservationOf(row));
  return list;
}

std::vector<Observation> IndicatorsStore::PanelValues(const std::vector<std::string>& places,
                                                      const std::vector<std::string>& periods) {
  std::vector<Observation> list;
  if (places.empty() || periods.empty()) return list;
  db::Params params;
  for (const std::string& place : places) params.emplace_back(place);
  for (const std::string& period : periods) params.emplace_back(period);
  auto connection = database_.Acquire();
  for (const db::Row& row : connection->Query(
           "SELECT indicator_id, place, period, series, source_kind, value, base, demo FROM observations "
           "WHERE current = 1 AND breakdown = 'total' AND place IN (" +
               Placeholders(0, places.size()) + ") AND period IN (" + Placeholders(places.size(), periods.size()) + ")",
           params)) {
    Observation observation;
    observation.indicator_id = row.Int(0);
    observation.place = row.Text(1);
    observation.period = row.Text(2);
    observation.series = row.Text(3);
    observation.source_kind = row.Text(4);
    observation.value = row.Double(5);
    observation.base = row.OptionalInt(6);
    observation.demo = row.Int(7) != 0;
    list.push_back(std::move(observation));
  }
  return list;
}

std::optional<Observation> IndicatorsStore::FindObservation(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(std::string(kObservationSelect) + "WHERE o.id = $1", {id});
  if (!row) return std::nullopt;
  return ObservationOf(*row);
}

std::optional<Observation> IndicatorsStore::CurrentOf(db::Connection& connection, const SeriesKey& key) {
  const auto row = connection.QueryOne(std::string(kObservationSelect) +
                                           "WHERE o.current = 1 AND o.indicator_id = $1 AND o.place = $2 AND "
                                           "o.period = $3 AND o.breakdown = $4 AND o.series = $5",
                                       {key.indicator_id, key.place, key.period, key.breakdown, key.series});
  if (!row) return std::nullopt;
  return ObservationOf(*row);
}

std::vector<Observation> IndicatorsStore::History(const SeriesKey& key) {
  auto connection = database_.Acquire();
  std::vector<Observation> list;
  for (const db::Row& row : connection->Query(std::string(kObservationSelect) +
                                                  "WHERE o.indicator_id = $1 AND o.place = $2 AND o.period = $3 AND "
                                                  "o.breakdown = $4 AND o.series = $5 ORDER BY o.version DESC",
                                              {key.indicator_id, key.place, key.period, key.breakdown, key.series})) {
    list.push_back(ObservationOf(row));
  }
  return list;
}

std::vector<double> IndicatorsStore::EarlierValues(db::Connection& connection, const SeriesKey& key,
                                                   const std::string& before) {
  std::vector<double> values;
  for (const db::Row& row : connection.Query(
           "SELECT value FROM observations WHERE current = 1 AND indicator_id = $1 AND place = $2 AND breakdown = $3 "
           "AND series = $4 AND period_start < $5 ORDER BY period_start",
           {key.indicator_id, key.place, key.breakdown, key.series, before})) {
    values.push_back(row.Double(0));
  }
  return values;
}

std::optional<std::int64_t> IndicatorsStore::InsertObservation(db::Connection& connection,
                                                               const Observation& observation,
                                                               const std::string& period_start) {
  const bool first = observation.version == 1;
  if (!first &&
      connection.Execute(kRetireVersion, {observation.indicator_id, observation.place, observation.period,
                                          observation.breakdown, observation.series, observation.version - 1}) == 0) {
    return std::nullopt;
  }
  // A first version that someone else entered at the same moment is there already: nothing is inserted. (A later one
  // cannot be, once the version before it is retired here; were it, the error would roll the retirement back.)
  const auto row = connection.QueryOne(std::string(kInsertObservation) + " VALUES (" + Placeholders(0, 23) + ")" +
                                           (first ? " ON CONFLICT DO NOTHING" : "") + " RETURNING id",
                                       ObservationParams(observation, period_start));
  if (!row) return std::nullopt;
  return row->Int(0);
}

void IndicatorsStore::InsertObservations(db::Connection& connection, const std::vector<Observation>& observations,
                                         const std::vector<std::string>& period_starts) {
  std::vector<db::Params> rows;
  rows.reserve(observations.size());
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const Observation& observation = observations[i];
    if (observation.version > 1) {
      connection.Execute(kRetireCurrent, {observation.indicator_id, observation.place, observation.period,
                                          observation.breakdown, observation.series});
    }
    rows.push_back(ObservationParams(observation, period_starts[i]));
  }
  // 23 parameters a row: 40 rows a statement stays under SQLite's limit of 999 on old builds.
  db::InsertRows(connection, kInsertObservation, rows, 40);
}

std::vector<std::pair<SeriesKey, CurrentState>> IndicatorsStore::CurrentStates(
    db::Connection& connection, const std::vector<std::int64_t>& indicator_ids) {
  std::vector<std::pair<SeriesKey, CurrentState>> states;
  for (const std::int64_t id : indicator_ids) {
    for (const db::Row& row : connection.Query(
             "SELECT o.place, o.period, o.breakdown, o.series, o.version, o.status, COALESCE(u.display_name, ''), "
             "COALESCE(o.approved_at, 0) FROM observations o LEFT JOIN users u ON u.id = o.approved_by "
             "WHERE o.current = 1 AND o.indicator_id = $1",
             {id})) {
      states.push_back({{id, row.Text(0), row.Text(1), row.Text(2), row.Text(3)},
                        {row.Int(4), row.Text(5), row.Text(6), row.Int(7)}});
    }
  }
  return states;
}

void IndicatorsStore::SetApproval(db::Connection& connection, std::int64_t id, std::optional<std::int64_t> approved_by,
                                  std::int64_t approved_at) {
  if (approved_by) {
    connection.Execute("UPDATE observations SET status = 'approved', approved_by = $2, approved_at = $3 WHERE id = $1",
                       {id, *approved_by, approved_at});
  } else {
    connection.Execute(
        "UPDATE observations SET status = 'submitted', approved_by = NULL, approved_at = NULL WHERE id = $1", {id});
  }
}

bool IndicatorsStore::HasDemoObservations() {
  auto connection = database_.Acquire();
  return connection->QueryOne("SELECT 1 FROM observations WHERE demo = 1 LIMIT 1").has_value();
}

std::vector<Closure> IndicatorsStore::ClosuresOverlapping(db::Connection& connection,
                                                          const std::vector<std::string>& places,
                                                          const std::string& start, const std::string& end) {
  std::vector<Closure> closures;
  if (places.empty()) return closures;
  db::Params params{start, end};
  for (const std::string& place : places) params.emplace_back(place);
  for (const db::Row& row : connection.Query(
           "SELECT c.place, c.period, c.closed_by, COALESCE(u.display_name, ''), c.closed_at FROM indicator_closures c "
           "LEFT JOIN users u ON u.id = c.closed_by WHERE c.period_start <= $2 AND c.period_end >= $1 AND c.place IN "
           "(" +
               Placeholders(2, places.size()) + ") ORDER BY c.closed_at",
           params)) {
    closures.push_back(ClosureOf(row));
  }
  return closures;
}

std::vector<Closure> IndicatorsStore::Closures() {
  auto connection = database_.Acquire();
  return Closures(*connection);
}

std::vector<Closure> IndicatorsStore::Closures(db::Connection& connection) {
  std::vector<Closure> closures;
  for (const db::Row& row : connection.Query(
           "SELECT c.place, c.period, c.closed_by, COALESCE(u.display_name, ''), c.closed_at FROM indicator_closures c "
           "LEFT JOIN users u ON u.id = c.closed_by ORDER BY c.period_start DESC, c.place")) {
    closures.push_back(ClosureOf(row));
  }
  return closures;
}

void IndicatorsStore::InsertClosure(db::Connection& connection, const Closure& closure, const std::string& start,
                                    const std::string& end) {
  connection.Execute(
      "INSERT INTO indicator_closures (place, period, period_start, period_end, closed_by, closed_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (place, period) DO NOTHING",
      {closure.place, closure.period, start, end, Optional(closure.closed_by), closure.closed_at});
}

bool IndicatorsStore::DeleteClosure(db::Connection& connection, const std::string& place, const std::string& period) {
  return connection.Execute("DELETE FROM indicator_closures WHERE place = $1 AND period = $2", {place, period}) > 0;
}

}  // namespace indicators
