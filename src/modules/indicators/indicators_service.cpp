#include "modules/indicators/indicators_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/days.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "modules/accounts/roles.hpp"
#include "modules/indicators/value_checks.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"

namespace indicators {
namespace {

using core::Role;
using core::Scope;
using core::ScopeKind;

// The scope a role must reach to act for a place: the installation for the EU and a country, else the oblast or the
// municipality (a role for an oblast reaches its municipalities).
Scope ScopeOfPlace(const std::string& place) {
  switch (PlaceLevelOf(place).value_or(PlaceLevel::kEu)) {
    case PlaceLevel::kOblast:
      return {ScopeKind::kOblast, place};
    case PlaceLevel::kMunicipality:
      return {ScopeKind::kMunicipality, place};
    default:
      return {ScopeKind::kInstallation, ""};
  }
}

bool Holds(const core::Actor& actor, std::initializer_list<Role> wanted, const Scope& where) {
  for (const auto& assignment : actor.roles) {
    if (std::find(wanted.begin(), wanted.end(), assignment.role) != wanted.end() &&
        accounts::ScopeCovers(assignment.scope, where)) {
      return true;
    }
  }
  return false;
}

// The places whose closures lock a value of `place`: itself, the oblast of a municipality, and the country.
std::vector<std::string> ClosingPlaces(const std::string& place) {
  std::vector<std::string> places{place};
  const auto level = PlaceLevelOf(place);
  if (level == PlaceLevel::kMunicipality) places.push_back(place.substr(0, 3));
  if (level == PlaceLevel::kMunicipality || level == PlaceLevel::kOblast) places.push_back("BG");
  return places;
}

std::string Trimmed(std::string_view text) { return core::TrimSpaces(text); }

bool IsWebAddress(std::string_view text) { return text.starts_with("https://") || text.starts_with("http://"); }

// "outlier;4.21;12.5;6": how a flag is stored, read back by ReviewText.
std::string OutlierReason(const Outlier& outlier) {
  return fmt::format("outlier;{:.2f};{};{}", outlier.score, outlier.median, outlier.values);
}

// A reference-data table read as rows of named values.
using NamedRow = std::map<std::string, std::string, std::less<>>;
core::Result<std::vector<NamedRow>> ReadNamedRows(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return core::Error::NotFound("cannot read " + file.string());
  std::stringstream bytes;
  bytes << in.rdbuf();
  const auto table = formats::ReadTable(bytes.str());
  if (!table) return core::Error::InvalidInput(file.string() + ": " + table.error().message);
  std::vector<NamedRow> rows;
  if (table->rows.empty()) return rows;
  const auto& header = table->rows.front().fields;
  for (std::size_t r = 1; r < table->rows.size(); ++r) {
    NamedRow row;
    for (std::size_t c = 0; c < header.size(); ++c) row[Trimmed(header[c])] = table->rows[r].fields.at(c);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<double> OptionalNumber(const std::string& text) {
  if (Trimmed(text).empty()) return std::nullopt;
  const auto value = ParseValue(text);
  if (!value) return std::nullopt;
  return *value;
}

}  // namespace

bool IndicatorsService::MayEditLibrary(const core::Actor& actor) {
  return Holds(actor, {Role::kAdministrator, Role::kCoordinator}, {ScopeKind::kInstallation, ""});
}

bool IndicatorsService::MayEnterOfficial(const core::Actor& actor, const std::string& place) {
  const Scope where = ScopeOfPlace(place);
  if (Holds(actor, {Role::kAdministrator, Role::kCoordinator}, where)) return true;
  return where.kind == ScopeKind::kMunicipality && Holds(actor, {Role::kMunicipalOfficial}, where);
}

bool IndicatorsService::MayEnterCivic(const core::Actor& actor) {
  if (actor.IsAdministrator()) return true;
  return std::ranges::any_of(actor.roles, [](const core::RoleAssignment& assignment) {
    return assignment.role == Role::kCsoEditor || assignment.role == Role::kCommunityMonitor;
  });
}

bool IndicatorsService::MayApprove(const core::Actor& actor, const std::string& place) {
  return Holds(actor, {Role::kAdministrator, Role::kCoordinator}, ScopeOfPlace(place));
}

std::vector<std::string> IndicatorsService::PlacesOf(const core::Actor& actor) {
  std::vector<std::string> places;
  for (const auto& assignment : actor.roles) {
    const bool enters = assignment.role == Role::kMunicipalOfficial || assignment.role == Role::kCoordinator;
    if (enters && (assignment.scope.kind == ScopeKind::kMunicipality || assignment.scope.kind == ScopeKind::kOblast) &&
        std::ranges::find(places, assignment.scope.code) == places.end()) {
      places.push_back(assignment.scope.code);
    }
  }
  return places;
}

std::optional<std::pair<std::string, std::string>> IndicatorsService::PlaceName(const std::string& place) {
  if (place == "EU") return std::pair<std::string, std::string>{"Европейски съюз", "European Union"};
  if (place == "BG") return std::pair<std::string, std::string>{"България", "Bulgaria"};
  const auto level = PlaceLevelOf(place);
  if (level != PlaceLevel::kOblast && level != PlaceLevel::kMunicipality) return std::nullopt;
  std::lock_guard lock(names_mutex_);
  auto found = place_names_.find(place);
  // A code not there: read the names again, at most every ten seconds (a stream of unknown codes costs no queries).
  if (found == place_names_.end() && clock_.Now() - names_read_at_ >= 10) {
    place_names_.clear();
    for (const places::Oblast& oblast : places_.AllOblasts()) {
      place_names_.emplace(oblast.code, std::pair{oblast.name_bg, oblast.name_en});
    }
    for (const places::Municipality& municipality : places_.AllMunicipalities()) {
      place_names_.emplace(municipality.code, std::pair{municipality.name_bg, municipality.name_en});
    }
    names_read_at_ = clock_.Now();
    found = place_names_.find(place);
  }
  if (found == place_names_.end()) return std::nullopt;
  return found->second;
}

std::vector<std::string> IndicatorsService::OblastCodes() {
  std::vector<std::string> codes;
  for (const places::Oblast& oblast : places_.AllOblasts()) codes.push_back(oblast.code);
  return codes;
}

std::vector<std::string> IndicatorsService::MunicipalityCodes() {
  std::vector<std::string> codes;
  for (const places::Municipality& municipality : places_.AllMunicipalities()) codes.push_back(municipality.code);
  return codes;
}

core::Result<Indicator> IndicatorsService::Find(std::string_view code) {
  auto found = store_.FindIndicator(code);
  if (!found) return core::Error::NotFound("No indicator has this code.");
  return *found;
}

core::Result<Indicator> IndicatorsService::Create(const core::Actor& actor, Indicator indicator) {
  if (!MayEditLibrary(actor)) return core::Error::Forbidden("Only coordinators edit the indicator library.");
  indicator.code = Trimmed(indicator.code);
  indicator.name_bg = Trimmed(indicator.name_bg);
  indicator.name_en = Trimmed(indicator.name_en);
  auto problems = IndicatorProblems(indicator);
  if (problems.empty() && store_.FindIndicator(indicator.code)) {
    problems.push_back({"code", "Another indicator has this code.", indicator.code});
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  const std::int64_t now = clock_.Now();
  indicator.id = store_.database().Transaction([&](db::Connection& connection) {
    return store_.InsertIndicator(connection, indicator, false, actor.user_id, now);
  });
  indicator.version = 1;
  Audit(actor, "indicator_created", indicator.code);
  return indicator;
}

core::Result<Indicator> IndicatorsService::Change(const core::Actor& actor, Indicator indicator) {
  if (!MayEditLibrary(actor)) return core::Error::Forbidden("Only coordinators edit the indicator library.");
  const auto stored = store_.FindIndicator(indicator.id);
  if (!stored) return core::Error::NotFound("No indicator has this code.");
  indicator.code = stored->code;  // the code names its values in files: it stays
  indicator.name_bg = Trimmed(indicator.name_bg);
  indicator.name_en = Trimmed(indicator.name_en);
  auto problems = IndicatorProblems(indicator);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  const bool written = store_.database().Transaction([&](db::Connection& connection) {
    return store_.UpdateIndicator(connection, indicator, actor.user_id, clock_.Now());
  });
  if (!written) {
    return core::Error::Conflict("Someone changed this indicator while you were editing it. Reload it and try again.");
  }
  ++indicator.version;
  Audit(actor, "indicator_changed", indicator.code);
  return indicator;
}

TargetView IndicatorsService::ViewOf(Target target) {
  TargetView view;
  view.baseline = target.baseline;
  if (!view.baseline && !target.baseline_period.empty()) {
    // The baseline period's value in the place: the official one first, then a survey's, then any other.
    const auto values = store_.CurrentObservations(
        {{target.indicator_id}, {target.place}, {target.baseline_period}, target.breakdown, true});
    for (const std::string_view kind : {"official", "survey", "authority", "civic"}) {
      const auto found = std::ranges::find(values, kind, &Observation::source_kind);
      if (found != values.end()) {
        view.baseline = found->value;
        break;
      }
    }
  }
  view.value = ComputeTarget(target.rule, view.baseline);
  view.target = std::move(target);
  return view;
}

std::vector<TargetView> IndicatorsService::Targets(const Indicator& indicator) {
  std::vector<TargetView> views;
  for (Target& target : store_.Targets(indicator.id)) views.push_back(ViewOf(std::move(target)));
  return views;
}

std::vector<TargetView> IndicatorsService::TargetsOfPlace(const std::string& place) {
  std::vector<TargetView> views;
  for (Target& target : store_.TargetsOfPlace(place)) views.push_back(ViewOf(std::move(target)));
  return views;
}

std::string IndicatorsService::PlaceOfItem(std::int64_t item_id) {
  const auto item = policies_.FindItem(item_id);
  const auto document = item ? policies_.FindDocument(item->document_id) : std::nullopt;
  if (!document) return "";
  switch (document->level) {
    case policies::Level::kEu:
      return "EU";
    case policies::Level::kNational:
      return "BG";
    case policies::Level::kRegional:
      return document->oblast_code;
    default:
      return document->municipality_code;
  }
}

std::vector<IndicatorsService::LinkedItem> IndicatorsService::LinkedItems(const Indicator& indicator) {
  std::vector<LinkedItem> items;
  for (const std::int64_t id : store_.LinkedItems(indicator.id)) {
    const auto item = policies_.FindItem(id);
    const auto document = item ? policies_.FindDocument(item->document_id) : std::nullopt;
    if (!item || !document) continue;
    items.push_back(
        {item->id, item->uid, item->code, item->title, item->title_en, document->title, document->title_en});
  }
  return items;
}

core::Result<Target> IndicatorsService::SetTarget(const core::Actor& actor, const Indicator& indicator,
                                                  const TargetEntry& entry) {
  std::vector<core::FieldProblem> problems;
  Target target;
  target.indicator_id = indicator.id;
  target.place = core::TrimSpaces(entry.place);
  if (!PlaceName(target.place)) problems.push_back({"place", "No place has this code.", target.place});
  const auto period = ParsePeriod(entry.period);
  if (!period) {
    problems.push_back({"period", std::string(kPeriodProblem), core::TrimSpaces(entry.period)});
  } else {
    target.period = period->code;
  }
  target.breakdown = core::TrimSpaces(entry.breakdown).empty() ? "total" : core::TrimSpaces(entry.breakdown);
  if (!AllowsBreakdown(indicator, target.breakdown)) {
    problems.push_back({"breakdown", "This indicator's values are not broken down this way.", target.breakdown});
  }
  target.rule.rule = core::TrimSpaces(entry.rule);
  if (!IsOneOf(target.rule.rule, kTargetRules)) {
    problems.push_back({"rule", "Choose a rule from the list.", target.rule.rule});
  }
  // A number of the rule, when it is given: one that is not a number is a problem of its own field.
  const auto number = [&](const std::string& field, const std::string& text, bool needed) -> std::optional<double> {
    if (core::TrimSpaces(text).empty()) {
      if (needed) problems.push_back({field, "This rule needs this number.", ""});
      return std::nullopt;
    }
    const auto parsed = ParseValue(text);
    if (!parsed) {
      problems.push_back({field, parsed.error().message, core::TrimSpaces(text)});
      return std::nullopt;
    }
    return *parsed;
  };
  const std::string& rule = target.rule.rule;
  const bool absolute = rule == "value" || rule == "at_least" || rule == "at_most";
  target.rule.value = number("value", entry.value, absolute);
  target.rule.factor = number("factor", entry.factor, !absolute);
  target.rule.reference = number("reference", entry.reference, rule == "gap");
  if (target.rule.value) {
    if (const auto range = RangeProblem(indicator.unit, *target.rule.value)) {
      problems.push_back({"value", std::string(*range), core::TrimSpaces(entry.value)});
    }
  }
  if (target.rule.factor && *target.rule.factor < 0) {
    problems.push_back({"factor", "A factor is not below 0: 0.5 halves, 2 doubles.", core::TrimSpaces(entry.factor)});
  }
  if (!absolute) {
    const auto baseline = ParsePeriod(entry.baseline_period);
    if (!baseline) {
      problems.push_back({"baseline_period", std::string(kPeriodProblem), core::TrimSpaces(entry.baseline_period)});
    } else {
      target.baseline_period = baseline->code;
    }
  }
  target.note = core::TrimSpaces(entry.note);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  if (!MayApprove(actor, target.place)) {
    const auto name = PlaceName(target.place);
    return core::Error::Forbidden("Only a coordinator of {place} sets its targets.")
        .WithName("place", name->first, name->second);
  }
  // Written only over the target the form showed (or where there was none): the write checks it, so that of two
  // coordinators setting one target from the same form, the second is told rather than overwriting the first.
  const bool written = store_.database().Transaction([&](db::Connection& connection) {
    return store_.WriteTarget(connection, target, entry.version, actor.user_id, clock_.Now());
  });
  if (!written) {
    return core::Error::Conflict(
        "This target was set or changed since you opened the form: the one saved now is shown above the form. Set "
        "the target again to replace it.");
  }
  target.version = entry.version + 1;
  Audit(actor, "target_set", fmt::format("{} {} {} {}", indicator.code, target.place, target.period, rule));
  return target;
}

std::vector<Indicator> IndicatorsService::IndicatorsOfItem(std::int64_t item_id) {
  std::vector<Indicator> list;
  for (const std::int64_t id : store_.IndicatorsOfItem(item_id)) {
    if (auto found = store_.FindIndicator(id)) list.push_back(std::move(*found));
  }
  return list;
}

core::Result<bool> IndicatorsService::Link(const core::Actor& actor, const std::string& code,
                                           const std::string& item_uid) {
  if (!MayEditLibrary(actor)) return core::Error::Forbidden("Only coordinators edit the indicator library.");
  const auto indicator = Find(code);
  if (!indicator) return indicator.error();
  const std::string uid = core::TrimSpaces(item_uid);
  const auto item = policies_.FindItemByUid(uid);
  if (!item || item->kind == "activity") {
    return core::Error::InvalidFields(
        {{"item", "Give the identifier of an objective or a measure of a plan, as its page shows it.", uid}});
  }
  store_.database().Transaction([&](db::Connection& connection) { store_.Link(connection, indicator->id, item->id); });
  Audit(actor, "indicator_linked", fmt::format("{} → {}", code, item->uid));
  return true;
}

core::Result<bool> IndicatorsService::Unlink(const core::Actor& actor, const std::string& code, std::int64_t item_id) {
  if (!MayEditLibrary(actor)) return core::Error::Forbidden("Only coordinators edit the indicator library.");
  const auto indicator = Find(code);
  if (!indicator) return indicator.error();
  store_.database().Transaction([&](db::Connection& connection) { store_.Unlink(connection, indicator->id, item_id); });
  Audit(actor, "indicator_unlinked", fmt::format("{} → {}", code, item_id));
  return true;
}

core::Result<IndicatorsService::Checked> IndicatorsService::Check(const core::Actor& actor, const Entry& entry,
                                                                  const IndicatorsByCode& indicators) {
  std::vector<core::FieldProblem> problems;
  Checked checked;
  const std::string code = Trimmed(entry.indicator);
  const auto known = indicators.find(code);
  const Indicator* indicator = known == indicators.end() ? nullptr : &known->second;
  if (!indicator) {
    problems.push_back({"indicator", "No indicator has this code.", code});
  } else if (!indicator->computation.empty()) {
    problems.push_back({"indicator", "This indicator is computed from the plans; its values cannot be typed.", code});
  }
  Observation& observation = checked.observation;
  observation.place = Trimmed(entry.place);
  if (!PlaceLevelOf(observation.place) || !PlaceName(observation.place)) {
    problems.push_back({"place", "No place has this code.", observation.place});
  }
  const auto period = ParsePeriod(entry.period);
  if (!period) {
    problems.push_back({"period", std::string(kPeriodProblem), Trimmed(entry.period)});
  } else {
    checked.period = *period;
    observation.period = period->code;
  }
  observation.breakdown = Trimmed(entry.breakdown);
  if (observation.breakdown.empty()) observation.breakdown = "total";
  if (FindBreakdown(observation.breakdown) == nullptr) {
    problems.push_back({"breakdown", "No breakdown has this code.", observation.breakdown});
  } else if (indicator && !AllowsBreakdown(*indicator, observation.breakdown)) {
    problems.push_back({"breakdown", "This indicator's values are not broken down this way.", observation.breakdown});
  }
  observation.source_kind = Trimmed(entry.source_kind);
  if (observation.source_kind.empty()) observation.source_kind = "official";
  if (!IsOneOf(observation.source_kind, kSourceKinds)) {
    problems.push_back({"source_kind", "Choose where the value comes from.", observation.source_kind});
  }
  const auto value = ParseValue(entry.value);
  if (!value) {
    problems.push_back({"value", value.error().message, Trimmed(entry.value)});
  } else {
    observation.value = *value;
    if (indicator) {
      if (const auto range = RangeProblem(indicator->unit, *value)) {
        problems.push_back({"value", std::string(*range), Trimmed(entry.value)});
      }
    }
  }
  if (!Trimmed(entry.base).empty()) {
    const auto base = ParseValue(entry.base);
    if (!base || *base < 0 || *base != static_cast<double>(static_cast<std::int64_t>(*base))) {
      problems.push_back(
          {"base", "The number of people a share is of is a whole number, or nothing.", Trimmed(entry.base)});
    } else {
      observation.base = static_cast<std::int64_t>(*base);
    }
  }
  observation.confidence = Trimmed(entry.confidence);
  if (observation.confidence.empty()) observation.confidence = "high";
  if (!IsOneOf(observation.confidence, kConfidences)) {
    problems.push_back({"confidence", "Choose how sure the source is.", observation.confidence});
  }
  observation.source_title = Trimmed(entry.source_title);
  observation.evidence_url = Trimmed(entry.evidence_url);
  if (!observation.evidence_url.empty() && !IsWebAddress(observation.evidence_url)) {
    problems.push_back(
        {"evidence_url", "Evidence is a web address starting with https:// or http://.", observation.evidence_url});
  }
  observation.note = Trimmed(entry.note);
  if (observation.source_kind == "survey" && observation.source_title.empty()) {
    problems.push_back({"source_title", "Name the survey the value comes from.", ""});
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));

  checked.indicator = indicator;
  observation.indicator_id = indicator->id;
  observation.status = NeedsApproval(observation.source_kind) ? "submitted" : "recorded";
  observation.entered_by = actor.user_id;
  observation.entered_at = clock_.Now();
  observation.series = SeriesOf(actor, observation.source_kind, &observation.organisation_id);
  return checked;
}

std::string IndicatorsService::SeriesOf(const core::Actor& actor, std::string_view source_kind,
                                        std::optional<std::int64_t>* organisation) {
  if (source_kind != "civic") return std::string(source_kind);
  // A civic value is its organisation's when the person edits for one; otherwise their own.
  const auto editor = std::ranges::find_if(actor.roles, [](const core::RoleAssignment& assignment) {
    return assignment.role == Role::kCsoEditor && assignment.scope.kind == ScopeKind::kOrganisation;
  });
  if (editor != actor.roles.end()) {
    if (organisation != nullptr) *organisation = std::stoll(editor->scope.code);
    return "civic:o" + editor->scope.code;
  }
  return "civic:u" + std::to_string(actor.user_id.value_or(0));
}

std::optional<core::Error> IndicatorsService::LockOf(const core::Actor& actor, const std::string& place,
                                                     const Period& period, std::string_view source_kind,
                                                     const std::vector<Closure>& closures,
                                                     const std::optional<CurrentState>& current) {
  const auto name = PlaceName(place);
  const std::string place_bg = name ? name->first : place;
  const std::string place_en = name ? name->second : place;
  if (source_kind == "civic") {
    if (!MayEnterCivic(actor)) {
      return core::Error::Forbidden("Civic values are entered by CSO editors and community monitors.");
    }
  } else if (source_kind == "survey") {
    if (!MayEditLibrary(actor)) return core::Error::Forbidden("Survey values are entered by coordinators.");
  } else if (!MayEnterOfficial(actor, place)) {
    return core::Error::Forbidden(
               "You have no role for {place}: its municipal officials and the coordinators of its oblast enter its "
               "official values.")
        .WithName("place", place_bg, place_en);
  }
  const std::vector<std::string> closing = ClosingPlaces(place);
  for (const Closure& closure : closures) {
    if (std::ranges::find(closing, closure.place) == closing.end()) continue;
    const auto closed = ParsePeriod(closure.period);
    if (!closed || !Contains(*closed, period)) continue;
    const auto closed_name = PlaceName(closure.place);
    return core::Error::Conflict(
               "The period {period} is closed for {place}: {name} closed it on {date}. A coordinator of {place} may "
               "reopen it.")
        .With("period", closure.period)
        .WithName("place", closed_name ? closed_name->first : closure.place,
                  closed_name ? closed_name->second : closure.place)
        .WithName("name", closure.closed_by_name.empty() ? "командния ред" : closure.closed_by_name,
                  closure.closed_by_name.empty() ? "the command line" : closure.closed_by_name)
        .With("date", core::IsoDay(closure.closed_at), true);
  }
  if (current && current->status == "approved") {
    return core::Error::Conflict(
               "The value for {period} was approved by {name} on {date}. A coordinator of {place} may reopen it, and "
               "then it can be changed.")
        .With("period", period.code)
        .WithName("name", current->approved_by_name.empty() ? "командния ред" : current->approved_by_name,
                  current->approved_by_name.empty() ? "the command line" : current->approved_by_name)
        .With("date", core::IsoDay(current->approved_at), true)
        .WithName("place", place_bg, place_en);
  }
  return std::nullopt;
}

std::optional<core::Error> IndicatorsService::LockOf(db::Connection& connection, const core::Actor& actor,
                                                     const Indicator& indicator, const std::string& place,
                                                     const Period& period, const std::string& series,
                                                     const std::string& breakdown, const std::string& source_kind) {
  const auto closures = store_.ClosuresOverlapping(connection, ClosingPlaces(place), period.start, period.end);
  std::optional<CurrentState> state;
  if (const auto current = store_.CurrentOf(connection, {indicator.id, place, period.code, breakdown, series})) {
    state = CurrentState{current->version, current->status, current->approved_by_name, current->approved_at};
  }
  return LockOf(actor, place, period, source_kind, closures, state);
}

std::optional<core::Error> IndicatorsService::LockOf(const core::Actor& actor, const Indicator& indicator,
                                                     const std::string& place, const Period& period,
                                                     const std::string& breakdown, const std::string& source_kind) {
  PlaceName(place);  // names read before the connection is taken: a pool of one connection has no second
  auto connection = store_.database().Acquire();
  return LockOf(*connection, actor, indicator, place, period, SeriesOf(actor, source_kind), breakdown, source_kind);
}

core::Result<Observation> IndicatorsService::Enter(const core::Actor& actor, const Entry& entry) {
  IndicatorsByCode indicators;
  if (auto found = store_.FindIndicator(core::TrimSpaces(entry.indicator))) {
    indicators.emplace(found->code, std::move(*found));
  }
  auto checked = Check(actor, entry, indicators);
  if (!checked) return checked.error();
  Observation& observation = checked->observation;
  const Indicator& indicator = *checked->indicator;
  // A form that showed another version of the value (or none) than the one stored: storing it would undo a value
  // someone entered meanwhile without their knowing.
  const auto stale = [] {
    return core::Error::Conflict(
        "This value was entered or changed since you opened the form: the value saved now is shown beside yours. "
        "Store yours again to replace it.");
  };
  std::optional<core::Error> refused;
  store_.database().Transaction([&](db::Connection& connection) {
    refused = LockOf(connection, actor, indicator, observation.place, checked->period, observation.series,
                     observation.breakdown, observation.source_kind);
    if (refused) return;
    const SeriesKey key{indicator.id, observation.place, observation.period, observation.breakdown, observation.series};
    const auto current = store_.CurrentOf(connection, key);
    const std::int64_t stored_version = current ? current->version : 0;
    if (entry.based_on && *entry.based_on != stored_version) {
      refused = stale();
      return;
    }
    observation.version = stored_version + 1;
    if (const auto outlier =
            FindOutlier(store_.EarlierValues(connection, key, checked->period.start), observation.value)) {
      observation.review_reason = OutlierReason(*outlier);
    }
    // The write replaces only the version read above: another value entered since makes it write nothing.
    const auto id = store_.InsertObservation(connection, observation, checked->period.start);
    if (!id) {
      refused = entry.based_on ? stale()
                               : core::Error::Conflict(
                                     "This conflicts with what is stored already: someone may have changed it "
                                     "meanwhile. Reload the page and try again.");
      return;
    }
    observation.id = *id;
  });
  if (refused) return *refused;
  Audit(actor, "value_entered",
        fmt::format("{} {} {} {}: {}", indicator.code, observation.place, observation.period, observation.series,
                    observation.value));
  return *store_.FindObservation(observation.id);
}

std::optional<Observation> IndicatorsService::CurrentFor(const core::Actor& actor, const Entry& entry) {
  const auto indicator = store_.FindIndicator(Trimmed(entry.indicator));
  const auto period = ParsePeriod(entry.period);
  if (!indicator || !period) return std::nullopt;
  const std::string breakdown = Trimmed(entry.breakdown).empty() ? "total" : Trimmed(entry.breakdown);
  const std::string source_kind = Trimmed(entry.source_kind).empty() ? "official" : Trimmed(entry.source_kind);
  if (!IsOneOf(source_kind, kSourceKinds)) return std::nullopt;
  auto connection = store_.database().Acquire();
  return store_.CurrentOf(*connection,
                          {indicator->id, Trimmed(entry.place), period->code, breakdown, SeriesOf(actor, source_kind)});
}

core::Result<Observation> IndicatorsService::Approve(const core::Actor& actor, std::int64_t observation_id) {
  auto observation = store_.FindObservation(observation_id);
  if (!observation) return core::Error::NotFound("There is no such value.");
  if (!MayApprove(actor, observation->place)) {
    const auto name = PlaceName(observation->place);
    return core::Error::Forbidden("Only a coordinator of {place} approves its values.")
        .WithName("place", name ? name->first : observation->place, name ? name->second : observation->place);
  }
  if (!observation->current) return core::Error::Conflict("A newer value replaced this one; approve that one.");
  if (observation->status != "submitted") return core::Error::Conflict("This value does not wait for approval.");
  const auto period = ParsePeriod(observation->period);
  std::optional<core::Error> refused;
  store_.database().Transaction([&](db::Connection& connection) {
    for (const Closure& closure :
         store_.ClosuresOverlapping(connection, ClosingPlaces(observation->place), period->start, period->end)) {
      if (Contains(ParsePeriod(closure.period).value_or(*period), *period)) {
        refused = core::Error::Conflict("The period {period} is closed: {name} closed it on {date}.")
                      .With("period", closure.period)
                      .WithName("name", closure.closed_by_name.empty() ? "командния ред" : closure.closed_by_name,
                                closure.closed_by_name.empty() ? "the command line" : closure.closed_by_name)
                      .With("date", core::IsoDay(closure.closed_at), true);
        return;
      }
    }
    store_.SetApproval(connection, observation_id, actor.user_id.value_or(0) ? actor.user_id : std::nullopt,
                       clock_.Now());
  });
  if (refused) return *refused;
  Audit(
      actor, "value_approved",
      fmt::format("value {} ({} {} {})", observation_id, observation->place, observation->period, observation->series));
  return *store_.FindObservation(observation_id);
}

core::Result<Observation> IndicatorsService::Reopen(const core::Actor& actor, std::int64_t observation_id) {
  auto observation = store_.FindObservation(observation_id);
  if (!observation) return core::Error::NotFound("There is no such value.");
  if (!MayApprove(actor, observation->place)) {
    const auto name = PlaceName(observation->place);
    return core::Error::Forbidden("Only a coordinator of {place} approves its values.")
        .WithName("place", name ? name->first : observation->place, name ? name->second : observation->place);
  }
  if (observation->status != "approved" || !observation->current) {
    return core::Error::Conflict("This value is not approved.");
  }
  store_.database().Transaction(
      [&](db::Connection& connection) { store_.SetApproval(connection, observation_id, std::nullopt, 0); });
  Audit(
      actor, "value_reopened",
      fmt::format("value {} ({} {} {})", observation_id, observation->place, observation->period, observation->series));
  return *store_.FindObservation(observation_id);
}

core::Result<Closure> IndicatorsService::ClosePeriod(const core::Actor& actor, const std::string& place,
                                                     const std::string& period_text) {
  std::vector<core::FieldProblem> problems;
  const auto name = PlaceName(place);
  if (!name) problems.push_back({"place", "No place has this code.", place});
  const auto period = ParsePeriod(period_text);
  if (!period) problems.push_back({"period", std::string(kPeriodProblem), period_text});
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  if (!MayApprove(actor, place)) {
    return core::Error::Forbidden("Only a coordinator of {place} closes its periods.")
        .WithName("place", name->first, name->second);
  }
  Closure closure{place, period->code, actor.user_id, "", clock_.Now()};
  store_.database().Transaction(
      [&](db::Connection& connection) { store_.InsertClosure(connection, closure, period->start, period->end); });
  Audit(actor, "period_closed", fmt::format("{} {}", place, period->code));
  return closure;
}

core::Result<bool> IndicatorsService::ReopenPeriod(const core::Actor& actor, const std::string& place,
                                                   const std::string& period) {
  const auto name = PlaceName(place);
  if (!name) return core::Error::NotFound("No place has this code.");
  if (!MayApprove(actor, place)) {
    return core::Error::Forbidden("Only a coordinator of {place} closes its periods.")
        .WithName("place", name->first, name->second);
  }
  const bool deleted = store_.database().Transaction(
      [&](db::Connection& connection) { return store_.DeleteClosure(connection, place, period); });
  if (!deleted) return core::Error::NotFound("This period is not closed.");
  Audit(actor, "period_reopened", fmt::format("{} {}", place, period));
  return true;
}

std::vector<Observation> IndicatorsService::History(const Observation& observation) {
  return store_.History(
      {observation.indicator_id, observation.place, observation.period, observation.breakdown, observation.series});
}

bool IndicatorsService::Suppressed(const core::Actor& actor, const Indicator& indicator,
                                   const Observation& observation) const {
  const bool small_count = indicator.unit == "people" && observation.value < suppress_below_;
  const bool small_base = observation.base && *observation.base < suppress_below_;
  if (!small_count && !small_base) return false;
  return !MayEnterOfficial(actor, observation.place);
}

Computed IndicatorsService::Compute(const Indicator& indicator, const std::string& municipality, const Period& period) {
  auto all = ComputeAll(municipality, period);
  const auto found = all.find(indicator.computation);
  return found == all.end() ? Computed{} : found->second;
}

std::map<std::string, Computed, std::less<>> IndicatorsService::ComputeAll(const std::string& municipality,
                                                                           const Period& period) {
  // Every computation from one reading of the municipality's adopted plans for the period.
  Computed activities, budget;
  policies::DocumentFilter filter;
  filter.municipality_code = municipality;
  const int year = period.year;
  for (const policies::Document& document : policies_.ListDocuments(filter)) {
    if (document.status != "adopted" || document.period_start > year || document.period_end < year) continue;
    const auto tree = policies_.Tree(document.id);
    if (!tree) continue;
    for (const policies::TreeNode& node : tree->nodes) {
      const policies::Item& item = node.item;
      if (item.kind != "activity" || item.official_status == "cancelled") continue;
      // An activity runs in the period when its dates overlap it; one without dates runs through the plan's period.
      const std::string start = item.start_date.empty() ? period.start : item.start_date;
      const std::string end = !item.end_date.empty()   ? item.end_date
                              : !item.deadline.empty() ? item.deadline
                                                       : period.end;
      if (start > period.end || end < period.start) continue;
      ++activities.denominator;
      if (item.official_status == "completed" || item.progress.value_or(0) >= 100) ++activities.numerator;
      for (const policies::Budget& budget_line : item.budgets) {
        if (!budget_line.spent_cents) continue;
        budget.numerator += core::EuroCents(*budget_line.spent_cents, document.currency).value_or(0);
        budget.denominator += core::EuroCents(budget_line.planned_cents, document.currency).value_or(0);
      }
    }
  }
  const auto finish = [](Computed& computed, std::string_view why_none) {
    if (computed.denominator > 0) {
      computed.value = 100.0 * static_cast<double>(computed.numerator) / static_cast<double>(computed.denominator);
    } else {
      computed.why_none = why_none;
    }
  };
  finish(activities, "No activity of an adopted plan runs in this period.");
  finish(budget, "No activity of an adopted plan reported what it spent in this period.");
  return {{"activities_completed", std::move(activities)}, {"budget_executed", std::move(budget)}};
}

NationalPanel IndicatorsService::National(const core::Actor& actor, int from_year, int to_year) {
  NationalPanel panel;
  for (int year = from_year; year <= to_year; ++year) panel.years.push_back(std::to_string(year));
  for (const places::Oblast& oblast : places_.AllOblasts()) panel.oblasts.push_back(oblast.code);
  std::map<std::int64_t, Indicator> by_id;
  for (Indicator& indicator : store_.ListIndicators()) by_id.emplace(indicator.id, std::move(indicator));
  std::set<std::int64_t> with_values;
  for (const Observation& observation : store_.PanelValues(panel.oblasts, panel.years)) {
    const auto indicator = by_id.find(observation.indicator_id);
    if (indicator == by_id.end()) continue;
    auto& cell = panel.cells[{observation.place, observation.indicator_id}];
    cell.values.resize(panel.years.size());
    cell.suppressed.resize(panel.years.size());
    const auto year = static_cast<std::size_t>(std::stoi(observation.period) - from_year);
    // The official value wins its year; another source fills a year without one.
    if (cell.values[year] && observation.series != "official") continue;
    cell.values[year] = observation.value;
    cell.suppressed[year] = Suppressed(actor, indicator->second, observation);
    cell.demo = cell.demo || observation.demo;
    with_values.insert(observation.indicator_id);
  }
  for (auto& [id, indicator] : by_id) {
    if (with_values.contains(id)) panel.indicators.push_back(std::move(indicator));
  }
  return panel;
}

core::Result<std::size_t> IndicatorsService::AddIndicators(const core::Actor& actor, const formats::Table& table) {
  if (!MayEditLibrary(actor)) return core::Error::Forbidden("Only coordinators edit the indicator library.");
  if (table.rows.empty()) return core::Error::InvalidInput("The file contains no rows.");
  const auto& header = table.rows.front().fields;
  std::vector<Indicator> adding;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    NamedRow row;
    for (std::size_t c = 0; c < header.size(); ++c) row[Trimmed(header[c])] = Trimmed(table.rows[r].fields.at(c));
    const auto field = [&](const char* name) {
      const auto found = row.find(name);
      return found == row.end() ? std::string() : found->second;
    };
    Indicator indicator;
    indicator.code = field("code");
    indicator.name_bg = field("name_bg");
    indicator.name_en = field("name_en");
    indicator.unit = field("unit");
    indicator.direction = field("direction");
    indicator.kind = field("kind");
    indicator.source = field("source");
    indicator.method = field("method");
    std::stringstream dimensions(field("dimensions"));
    for (std::string dimension; std::getline(dimensions, dimension, ';');) {
      if (!Trimmed(dimension).empty()) indicator.dimensions.push_back(Trimmed(dimension));
    }
    indicator.computation = field("computation");
    if (store_.FindIndicator(indicator.code)) continue;
    const auto problems = IndicatorProblems(indicator);
    if (!problems.empty()) {
      core::Error error = core::Error::InvalidFields(problems);
      error.detail =
          "line " + std::to_string(table.rows[r].line) + ", " + problems.front().field + ": " + problems.front().value;
      return error;
    }
    adding.push_back(std::move(indicator));
  }
  const std::int64_t now = clock_.Now();
  store_.database().Transaction([&](db::Connection& connection) {
    for (const Indicator& indicator : adding) store_.InsertIndicator(connection, indicator, false, actor.user_id, now);
  });
  for (const Indicator& indicator : adding) Audit(actor, "indicator_created", indicator.code);
  return adding.size();
}

ValuesImport IndicatorsService::ImportDataValues(const core::Actor& actor, const formats::Table& table, bool dry_run) {
  ValuesImport report;
  report.dry_run = dry_run;
  DataValues read = ReadDataValues(table);
  report.rows = table.rows.empty() ? 0 : table.rows.size() - 1;
  report.problems = std::move(read.problems);
  IndicatorsByCode indicators;
  for (Indicator& indicator : store_.ListIndicators()) indicators.emplace(indicator.code, std::move(indicator));

  struct Row {
    Checked checked;
    std::string code;
    std::size_t line;
  };
  std::vector<Row> rows;
  std::map<SeriesKey, std::size_t> first_line;  // a cell's series given twice in one file is a problem
  for (const DataValue& value : read.rows) {
    const std::string code = fmt::format("{} {} {}", value.dataelement, value.period, value.orgunit);
    if (value.deleted) {
      report.problems.push_back({value.line, "deleted", "true",
                                 "Khetane keeps every value: to correct one, give the new value instead.", code});
      continue;
    }
    Entry entry{value.dataelement,
                value.orgunit,
                value.period,
                value.categoryoptioncombo,
                value.attributeoptioncombo,
                value.value,
                "",
                "high",
                "",
                "",
                value.comment};
    if (entry.breakdown.empty()) entry.breakdown = "total";
    if (entry.source_kind.empty()) entry.source_kind = "official";
    if (entry.source_kind == "survey") entry.source_title = value.storedby;
    auto checked = Check(actor, entry, indicators);
    if (!checked) {
      static const std::map<std::string, std::string, std::less<>> kColumns = {{"indicator", "dataelement"},
                                                                               {"place", "orgunit"},
                                                                               {"period", "period"},
                                                                               {"breakdown", "categoryoptioncombo"},
                                                                               {"source_kind", "attributeoptioncombo"},
                                                                               {"value", "value"},
                                                                               {"source_title", "storedby"},
                                                                               {"note", "comment"}};
      for (const core::FieldProblem& problem : checked.error().problems) {
        const auto column = kColumns.find(problem.field);
        report.problems.push_back({value.line, column == kColumns.end() ? problem.field : column->second, problem.value,
                                   problem.message, code});
      }
      continue;
    }
    const Observation& observation = checked->observation;
    const SeriesKey key{observation.indicator_id, observation.place, observation.period, observation.breakdown,
                        observation.series};
    const auto [at, inserted] = first_line.emplace(key, value.line);
    if (!inserted) {
      report.problems.push_back({value.line,
                                 "dataelement",
                                 code,
                                 "The file gives this value twice: also on line {line}.",
                                 code,
                                 {{"line", std::to_string(at->second)}}});
      continue;
    }
    rows.push_back({std::move(*checked), code, value.line});
  }

  // Rights and locks of every row, from the closed periods and the current values read once, then every value's
  // version; nothing is stored while any row has a problem.
  store_.database().Transaction([&](db::Connection& connection) {
    std::vector<std::int64_t> indicator_ids;
    for (const Row& row : rows) {
      if (std::ranges::find(indicator_ids, row.checked.observation.indicator_id) == indicator_ids.end()) {
        indicator_ids.push_back(row.checked.observation.indicator_id);
      }
    }
    const std::vector<Closure> closures = store_.Closures(connection);
    std::map<SeriesKey, CurrentState> current;
    for (auto& [key, state] : store_.CurrentStates(connection, indicator_ids)) current.emplace(key, std::move(state));
    for (const Row& row : rows) {
      const Observation& observation = row.checked.observation;
      const auto found = current.find(
          {observation.indicator_id, observation.place, observation.period, observation.breakdown, observation.series});
      const auto lock = LockOf(actor, observation.place, row.checked.period, observation.source_kind, closures,
                               found == current.end() ? std::nullopt : std::optional(found->second));
      if (lock) {
        report.problems.push_back({row.line, lock->kind == core::ErrorKind::kForbidden ? "orgunit" : "period",
                                   observation.place + " " + observation.period, lock->message, row.code,
                                   lock->arguments});
      }
    }
    std::ranges::stable_sort(report.problems, {}, &ExchangeProblem::line);
    if (!report.problems.empty() || dry_run) {
      report.stored = 0;
      return;
    }
    std::vector<Observation> observations;
    std::vector<std::string> starts;
    observations.reserve(rows.size());
    starts.reserve(rows.size());
    for (Row& row : rows) {
      Observation& observation = row.checked.observation;
      const auto found = current.find(
          {observation.indicator_id, observation.place, observation.period, observation.breakdown, observation.series});
      observation.version = found == current.end() ? 1 : found->second.version + 1;
      starts.push_back(row.checked.period.start);
      observations.push_back(std::move(observation));
    }
    store_.InsertObservations(connection, observations, starts);
    report.stored = observations.size();
    audit_.Write(connection, actor, "values_imported", fmt::format("{} values", observations.size()));
  });
  return report;
}

std::vector<DataValue> IndicatorsService::ExportDataValues(const core::Actor& actor, const ObservationFilter& filter) {
  std::map<std::int64_t, Indicator> indicators;
  for (Indicator& indicator : store_.ListIndicators()) indicators.emplace(indicator.id, std::move(indicator));
  std::vector<DataValue> values;
  for (const Observation& observation : store_.CurrentObservations(filter)) {
    const Indicator& indicator = indicators.at(observation.indicator_id);
    if (Suppressed(actor, indicator, observation)) continue;
    DataValue value;
    value.dataelement = indicator.code;
    value.period = observation.period;
    value.orgunit = observation.place;
    value.categoryoptioncombo = observation.breakdown;
    value.attributeoptioncombo = observation.source_kind;
    value.value = fmt::format("{}", observation.value);
    value.storedby = observation.source_kind == "survey" ? observation.source_title : observation.entered_by_name;
    value.lastupdated = core::IsoDay(observation.entered_at);
    value.comment = observation.note;
    value.followup = !observation.review_reason.empty();
    values.push_back(std::move(value));
  }
  return values;
}

void IndicatorsService::Audit(const core::Actor& actor, std::string_view action, const std::string& subject) {
  audit_.Write(actor, action, subject);
}

core::Result<bool> IndicatorsService::LoadReferenceData(const std::filesystem::path& directory,
                                                        const std::function<void(const std::string&)>& log) {
  if (store_.HasReferenceIndicators() || !std::filesystem::exists(directory / "indicators.csv")) return false;
  const auto indicator_rows = ReadNamedRows(directory / "indicators.csv");
  if (!indicator_rows) return indicator_rows.error();
  std::vector<NamedRow> observation_rows, target_rows;
  if (std::filesystem::exists(directory / "observations.csv")) {
    auto rows = ReadNamedRows(directory / "observations.csv");
    if (!rows) return rows.error();
    observation_rows = std::move(*rows);
  }
  if (std::filesystem::exists(directory / "targets.csv")) {
    auto rows = ReadNamedRows(directory / "targets.csv");
    if (!rows) return rows.error();
    target_rows = std::move(*rows);
  }
  // The objectives the indicators measure, found before the transaction: a pool of one connection has no second.
  std::map<std::string, std::int64_t> objectives;
  for (const NamedRow& row : *indicator_rows) {
    const auto objective = row.find("eu_objective");
    if (objective == row.end() || objective->second.empty()) continue;
    if (const auto item = policies_.FindItemByUid(objective->second)) objectives[objective->second] = item->id;
  }
  const std::int64_t now = clock_.Now();
  std::map<std::string, std::int64_t> ids;
  std::string failure;
  store_.database().Transaction([&](db::Connection& connection) {
    for (const NamedRow& row : *indicator_rows) {
      Indicator indicator;
      indicator.code = row.at("code");
      indicator.name_bg = row.at("name_bg");
      indicator.name_en = row.at("name_en");
      indicator.unit = row.at("unit");
      indicator.direction = row.at("direction");
      indicator.kind = row.at("kind");
      indicator.source = row.at("source");
      indicator.method = row.at("method");
      std::stringstream dimensions(row.at("dimensions"));
      for (std::string dimension; std::getline(dimensions, dimension, ';');) {
        if (!Trimmed(dimension).empty()) indicator.dimensions.push_back(Trimmed(dimension));
      }
      indicator.computation = row.at("computation");
      const auto problems = IndicatorProblems(indicator);
      if (!problems.empty()) {
        failure = "indicators.csv: " + indicator.code + ": " + problems.front().field + ": " + problems.front().message;
        throw std::runtime_error(failure);
      }
      const std::int64_t id = store_.InsertIndicator(connection, indicator, true, std::nullopt, now);
      ids[indicator.code] = id;
      const auto objective = row.find("eu_objective");
      if (objective != row.end() && !objective->second.empty()) {
        const auto item = objectives.find(objective->second);
        if (item != objectives.end()) store_.Link(connection, id, item->second);
      }
    }
    for (const NamedRow& row : target_rows) {
      Target target;
      const auto id = ids.find(row.at("indicator"));
      if (id == ids.end()) throw std::runtime_error("targets.csv: unknown indicator " + row.at("indicator"));
      target.indicator_id = id->second;
      target.place = row.at("place");
      target.period = row.at("period");
      target.breakdown = row.at("breakdown").empty() ? "total" : row.at("breakdown");
      target.rule.rule = row.at("rule");
      target.rule.value = OptionalNumber(row.at("value"));
      target.rule.factor = OptionalNumber(row.at("factor"));
      target.rule.reference = OptionalNumber(row.at("reference"));
      target.baseline_period = row.at("baseline_period");
      target.note = row.at("note");
      target.verified = row.at("verified") != "0";
      store_.UpsertTarget(connection, target, std::nullopt, now);
    }
    std::vector<Observation> observations;
    std::vector<std::string> starts;
    for (const NamedRow& row : observation_rows) {
      const auto id = ids.find(row.at("indicator"));
      const auto period = ParsePeriod(row.at("period"));
      const auto value = ParseValue(row.at("value"));
      if (id == ids.end() || !period || !value) {
        throw std::runtime_error("observations.csv: cannot read the row of " + row.at("indicator") + " " +
                                 row.at("place") + " " + row.at("period"));
      }
      Observation observation;
      observation.indicator_id = id->second;
      observation.place = row.at("place");
      observation.period = period->code;
      observation.breakdown = row.at("breakdown").empty() ? "total" : row.at("breakdown");
      observation.source_kind = row.at("source_kind");
      observation.series = observation.source_kind;
      observation.value = *value;
      observation.source_title = row.at("source_title");
      observation.evidence_url = row.at("source_url");
      observation.note = row.at("note");
      observation.confidence = row.at("verified") == "0" ? "medium" : "high";
      observation.status = NeedsApproval(observation.source_kind) ? "approved" : "recorded";
      observation.entered_at = now;
      observations.push_back(std::move(observation));
      starts.push_back(period->start);
    }
    store_.InsertObservations(connection, observations, starts);
  });
  if (log) {
    log(fmt::format("loaded {} indicators, {} targets and {} survey values from {}", indicator_rows->size(),
                    target_rows.size(), observation_rows.size(), directory.string()));
  }
  return true;
}

bool IndicatorsService::LoadDemoValues(const std::filesystem::path& file,
                                       const std::function<void(const std::string&)>& log) {
  if (store_.HasDemoObservations() || !std::filesystem::exists(file) || !places_.FindMunicipality("MON24")) {
    return false;
  }
  const auto rows = ReadNamedRows(file);
  if (!rows) throw std::runtime_error(rows.error().message);
  const std::int64_t now = clock_.Now();
  std::vector<Observation> observations;
  std::vector<std::string> starts;
  for (const NamedRow& row : *rows) {
    const auto indicator = store_.FindIndicator(row.at("indicator"));
    const auto period = ParsePeriod(row.at("period"));
    const auto value = ParseValue(row.at("value"));
    if (!indicator || !period || !value) {
      throw std::runtime_error(file.string() + ": cannot read the row of " + row.at("indicator"));
    }
    Observation observation;
    observation.indicator_id = indicator->id;
    observation.place = row.at("place");
    observation.period = period->code;
    observation.source_kind = row.at("source_kind");
    observation.series = observation.source_kind == "civic" ? "civic:demo" : observation.source_kind;
    observation.value = *value;
    observation.source_title = row.at("source_title");
    observation.note = row.at("note");
    observation.status = row.at("status");
    observation.entered_at = now;
    observation.approved_at = observation.status == "approved" ? now : 0;
    observation.demo = true;
    observations.push_back(std::move(observation));
    starts.push_back(period->start);
  }
  store_.database().Transaction(
      [&](db::Connection& connection) { store_.InsertObservations(connection, observations, starts); });
  if (log) log(fmt::format("loaded {} demo indicator values for Лом from {}", observations.size(), file.string()));
  return true;
}

}  // namespace indicators
