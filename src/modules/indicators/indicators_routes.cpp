#include "modules/indicators/indicators_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/days.hpp"
#include "core/text.hpp"
#include "modules/indicators/indicator_views.hpp"
#include "modules/indicators/periods.hpp"
#include "modules/indicators/progress.hpp"
#include "web/form.hpp"
#include "web/svg_series_chart.hpp"
#include "web/ui.hpp"

namespace indicators {
namespace {

using nlohmann::json;

constexpr std::string_view kCode = "{code:[a-z][a-z0-9_]{0,63}}";

std::string IndicatorPath(const Indicator& indicator) { return "/indicators/" + indicator.code; }
std::string ValuePath(std::int64_t id) { return "/indicators/values/" + std::to_string(id); }

// The version a form sent back in a hidden field: 0, "there was none", for a form that showed no record (or sent
// nothing).
std::int64_t VersionIn(const std::optional<std::string>& text) { return web::IdIn(text).value_or(0); }

json DemoNotice(const web::Reader& reader, bool demo) {
  if (!demo) return nullptr;
  return {{"text", reader.Translate("Some values on this page are demo data, made up to show how indicators work.")}};
}

// What a column and a line of the chart are called: a survey's values over the years come from several surveys, so
// the series is "Survey" and each value names its own.
std::string SeriesTitle(const web::Reader& reader, const Observation& first) {
  return first.source_kind == "survey" ? reader.Translate(SourceKindTitle("survey")) : SourceText(reader, first);
}

json IndicatorRow(const web::Reader& reader, const Indicator& indicator) {
  return {{"code", indicator.code},
          {"name", reader.Localised(indicator.name_bg, indicator.name_en)},
          {"unit", reader.Translate(UnitTitle(indicator.unit))},
          {"better", reader.Translate(indicator.direction == "up" ? "Higher is better" : "Lower is better")},
          {"arrow", indicator.direction == "up" ? "↑" : "↓"},
          {"kind", reader.Translate(KindTitle(indicator.kind))},
          {"source", indicator.source},
          {"computed", !indicator.computation.empty()},
          {"url", IndicatorPath(indicator)}};
}

// The library, grouped by kind.
http::Response LibraryPage(http::Request& request, const web::Site& site, IndicatorsService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  json groups = json::array();
  std::size_t count = 0;
  const auto all = service.Indicators();
  for (const std::string_view kind : kKinds) {
    json rows = json::array();
    for (const Indicator& indicator : all) {
      if (indicator.kind == kind) rows.push_back(IndicatorRow(reader, indicator));
    }
    if (rows.empty()) continue;
    count += rows.size();
    groups.push_back(
        {{"title", reader.Translate(KindTitle(kind))}, {"id", "kind-" + std::string(kind)}, {"rows", rows}});
  }
  const bool may_enter =
      !IndicatorsService::PlacesOf(actor).empty() || actor.IsAdministrator() || IndicatorsService::MayEnterCivic(actor);
  const json data = {
      {"groups", groups},
      {"count", count},
      {"none", count == 0 ? web::ui::Empty(reader.Translate("The library has no indicators yet.")) : json(nullptr)},
      {"may_edit", IndicatorsService::MayEditLibrary(actor)},
      {"may_enter", may_enter && actor.user_id.has_value()},
      {"signed_in", actor.user_id.has_value()}};
  return site.Page(request, reader.Translate("Indicators"), "indicators/library", data);
}

// The places with values of an indicator, as choices: the EU, the country, oblasts, municipalities.
json PlaceChoices(PlaceNames& names, const std::vector<Observation>& values, const std::string& selected) {
  std::vector<std::string> places;
  for (const Observation& each : values) {
    if (std::ranges::find(places, each.place) == places.end()) places.push_back(each.place);
  }
  if (std::ranges::find(places, selected) == places.end() && !selected.empty()) places.push_back(selected);
  std::ranges::sort(places, {}, [](const std::string& place) {
    return std::make_pair(static_cast<int>(PlaceLevelOf(place).value_or(PlaceLevel::kEu)), place);
  });
  json choices = json::array();
  for (const std::string& place : places) {
    choices.push_back({{"value", place}, {"label", names.Of(place)}, {"selected", place == selected}});
  }
  return choices;
}

// The series of a place's values, official and civic apart, as the chart and the table beside it show them.
struct SeriesOfPlace {
  std::vector<std::string> periods;                                  // in order
  std::map<std::string, std::vector<const Observation*>> by_series;  // series → value per period (or null)
};

SeriesOfPlace Arrange(const std::vector<Observation>& values, const std::string& place) {
  SeriesOfPlace arranged;
  std::vector<std::pair<std::string, std::string>> periods;  // start, code
  for (const Observation& each : values) {
    if (each.place != place || each.breakdown != "total") continue;
    const auto period = ParsePeriod(each.period);
    const std::pair<std::string, std::string> key{period ? period->start : each.period, each.period};
    if (std::ranges::find(periods, key) == periods.end()) periods.push_back(key);
  }
  std::ranges::sort(periods);
  for (const auto& [start, code] : periods) arranged.periods.push_back(code);
  for (const Observation& each : values) {
    if (each.place != place || each.breakdown != "total") continue;
    auto& row = arranged.by_series[each.series];
    row.resize(arranged.periods.size(), nullptr);
    const auto at = std::ranges::find(arranged.periods, each.period) - arranged.periods.begin();
    row[static_cast<std::size_t>(at)] = &each;
  }
  return arranged;
}

// What the indicator page's own forms sent back: a link to an objective, a target, each refused with what was typed.
struct IndicatorForms {
  web::Refusal link;
  std::string item;
  web::Refusal target;
  IndicatorsService::TargetEntry typed_target;
};

// A stored target as its form shows it, to be changed: numbers written plainly, so that they are read back as they
// are stored.
IndicatorsService::TargetEntry TargetEntryOf(const Target& target) {
  const auto number = [](const std::optional<double>& value) {
    return value ? fmt::format("{}", *value) : std::string();
  };
  return {target.place,
          target.period,
          target.breakdown,
          target.rule.rule,
          number(target.rule.value),
          number(target.rule.factor),
          number(target.rule.reference),
          target.baseline_period,
          target.note,
          target.version};
}

// The period and breakdown of the target a form shows, carried beside its version: a version is only of its target.
std::string TargetKeyOf(const IndicatorsService::TargetEntry& entry) {
  const std::string breakdown = core::TrimSpaces(entry.breakdown);
  return core::TrimSpaces(entry.period) + "|" + (breakdown.empty() ? "total" : breakdown);
}

http::Response IndicatorPage(http::Request& request, const web::Site& site, IndicatorsService& service,
                             const IndicatorForms& forms = {}) {
  const auto indicator = service.Find(request.Parameter("code"));
  if (!indicator) return site.Fail(request, indicator.error());
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  PlaceNames names(reader, service);
  const auto values = service.Current({{indicator->id}, {}, {}, "", true});

  // The place shown: the one asked for, else the reader's own, else the country, else any with values.
  std::string place = request.method == http::Method::kPost && !forms.typed_target.place.empty()
                          ? forms.typed_target.place
                          : request.Query("place").value_or("");
  if (place.empty() || !PlaceLevelOf(place)) {
    const auto own = IndicatorsService::PlacesOf(actor);
    place = !own.empty() ? own.front() : "BG";
    if (own.empty() && std::ranges::none_of(values, [](const Observation& each) { return each.place == "BG"; }) &&
        !values.empty()) {
      place = values.front().place;
    }
  }
  const SeriesOfPlace arranged = Arrange(values, place);

  // The table beside the chart: a row per period, a column per series.
  json columns = json::array();
  std::vector<std::string> series_order;
  for (const std::string_view kind : kSourceKinds) {
    for (const auto& [series, row] : arranged.by_series) {
      const auto first = std::ranges::find_if(row, [](const Observation* each) { return each != nullptr; });
      if (first == row.end() || (*first)->source_kind != kind) continue;
      series_order.push_back(series);
      columns.push_back({{"title", SeriesTitle(reader, **first)}, {"kind", (*first)->source_kind}});
    }
  }
  json rows = json::array();
  bool demo = false;
  for (std::size_t p = 0; p < arranged.periods.size(); ++p) {
    json cells = json::array();
    for (const std::string& series : series_order) {
      const Observation* each = arranged.by_series.at(series)[p];
      if (each == nullptr) {
        cells.push_back({{"empty", true}});
        continue;
      }
      demo = demo || each->demo;
      json cell = ValueCell(reader, service, actor, *indicator, *each);
      cell["url"] = ValuePath(each->id);
      if (each->status != "recorded") {
        cell["status"] = web::ui::Badge(reader.Translate(StatusTitle(each->status)),
                                        each->status == "approved" ? "good" : "warning");
      }
      if (each->source_kind == "survey") cell["source_title"] = each->source_title;
      cell["flagged"] = !each->review_reason.empty();
      cells.push_back(std::move(cell));
    }
    rows.push_back({{"period", arranged.periods[p]}, {"cells", cells}});
  }

  // Targets, each with where the place stands now.
  const std::vector<TargetView> target_views = service.Targets(*indicator);
  // The target form: what was typed, or a stored target to change (?target=ID, from its row), with the version of
  // the target it shows. A form refused because the target changed meanwhile shows the stored one beside it, and
  // carries its version: setting it again, having seen it, replaces it.
  IndicatorsService::TargetEntry typed_target = forms.typed_target;
  const bool may_set_targets = actor.user_id.has_value() && indicator->computation.empty();
  bool editing = false;
  std::string stored_target;
  if (request.method == http::Method::kGet) {
    const auto id = web::IdIn(request.Query("target"));
    const auto found = std::ranges::find_if(target_views, [&](const TargetView& view) {
      return id && view.target.id == *id && view.target.place == place;
    });
    if (found != target_views.end() && may_set_targets && IndicatorsService::MayApprove(actor, place)) {
      typed_target = TargetEntryOf(found->target);
      editing = true;
    }
  } else if (forms.target.kind == core::ErrorKind::kConflict && !forms.target.Empty()) {
    const auto period = ParsePeriod(typed_target.period);
    const std::string breakdown = typed_target.breakdown.empty() ? "total" : typed_target.breakdown;
    const auto found = std::ranges::find_if(target_views, [&](const TargetView& view) {
      return period && view.target.place == place && view.target.period == period->code &&
             view.target.breakdown == breakdown;
    });
    if (found != target_views.end()) {
      stored_target = reader.Say("Saved now: {value}", {{"value", RuleText(reader, *indicator, found->target.rule)}});
      typed_target.version = found->target.version;
    }
  }
  json targets = json::array();
  for (const TargetView& view : target_views) {
    std::optional<double> latest;
    for (const Observation& each : values) {
      if (each.place == view.target.place && each.breakdown == view.target.breakdown &&
          (each.source_kind == "official" || each.source_kind == "survey")) {
        latest = each.value;  // values come oldest first
      }
    }
    const Progress progress = MeasureProgress(indicator->direction == "up", view.baseline, view.value.value, latest);
    const std::string_view why = !view.value.why_none.empty() ? view.value.why_none : progress.why_none;
    targets.push_back(
        {{"place", names.Of(view.target.place)},
         {"period", view.target.period},
         {"rule", RuleText(reader, *indicator, view.target.rule)},
         {"baseline", view.baseline ? ShowValue(reader, *indicator, *view.baseline) : reader.Translate("not given")},
         {"baseline_period", view.target.baseline_period},
         {"target", view.value.value ? ShowValue(reader, *indicator, *view.value.value) : "—"},
         {"latest", latest ? ShowValue(reader, *indicator, *latest) : reader.Translate("no value yet")},
         {"progress", web::ui::Progress(reader, progress.bar, why.empty() ? "not reported" : why)},
         {"achieved", progress.achieved},
         {"note", view.target.note},
         {"unverified", !view.target.verified},
         {"change_url", may_set_targets && IndicatorsService::MayApprove(actor, view.target.place)
                            ? fmt::format("{}?place={}&target={}#set-target", IndicatorPath(*indicator),
                                          view.target.place, view.target.id)
                            : ""}});
  }

  // The chart: every source a line of its own, told apart by dash and marker as well as colour, with the place's
  // targets as reference lines.
  std::vector<web::ChartSeries> lines;
  for (std::size_t s = 0; s < series_order.size(); ++s) {
    const auto& row = arranged.by_series.at(series_order[s]);
    const auto first = std::ranges::find_if(row, [](const Observation* each) { return each != nullptr; });
    const std::string& kind = (*first)->source_kind;
    web::ChartSeries line;
    line.name = SeriesTitle(reader, **first);
    line.line = kind == "civic"    ? web::LineStyle::kDashed
                : kind == "survey" ? web::LineStyle::kDotted
                                   : web::LineStyle::kSolid;
    line.marker = kind == "civic"       ? web::MarkerShape::kSquare
                  : kind == "survey"    ? web::MarkerShape::kDiamond
                  : kind == "authority" ? web::MarkerShape::kTriangle
                                        : web::MarkerShape::kCircle;
    line.css_class = "series-" + kind;
    for (const Observation* each : row) {
      const bool hidden = each == nullptr || service.Suppressed(actor, *indicator, *each);
      line.values.push_back(hidden ? std::nan("") : each->value);
    }
    line.values.resize(arranged.periods.size(), std::nan(""));
    lines.push_back(std::move(line));
  }
  std::vector<web::ReferenceLine> references;
  for (const TargetView& view : target_views) {
    if (view.target.place == place && view.target.breakdown == "total" && view.value.value) {
      references.push_back({*view.value.value, reader.Say("Target {period}", {{"period", view.target.period}})});
    }
  }
  web::SeriesChartOptions options;
  options.title = reader.Localised(indicator->name_bg, indicator->name_en) + " — " + names.Of(place);
  options.id_prefix = "indicator-chart";
  options.empty_text = reader.Translate("No values for this place yet.");
  options.width = 480;  // legible on a phone, where the chart scales down to the screen
  options.height = 260;
  options.format_value = [&](double value) { return ShowValue(reader, *indicator, value); };
  if (indicator->unit == "percent" || indicator->unit == "score") options.y_range = web::YRange{0, 100};
  const std::string chart = web::RenderSeriesChart(arranged.periods, lines, references, options);

  const std::vector<IndicatorsService::LinkedItem> linked_items = service.LinkedItems(*indicator);
  const bool may_enter =
      actor.user_id && (IndicatorsService::MayEnterOfficial(actor, place) || IndicatorsService::MayEnterCivic(actor));
  const json data = {
      {"indicator", IndicatorRow(reader, *indicator)},
      {"method", indicator->method},
      {"formula", indicator->computation.empty() ? "" : reader.Translate(ComputationFormula(indicator->computation))},
      {"breakdowns",
       [&] {
         std::string text;
         for (const std::string& dimension : indicator->dimensions) {
           text += (text.empty() ? "" : ", ") + reader.Translate(dimension == "sex"   ? "sex"
                                                                 : dimension == "age" ? "age group"
                                                                                      : dimension);
         }
         return text.empty() ? reader.Translate("none") : text;
       }()},
      {"place", place},
      {"place_name", names.Of(place)},
      {"places", PlaceChoices(names, values, place)},
      {"chart", chart},
      {"columns", columns},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"none",
       rows.empty()
           ? web::ui::Empty(reader.Translate("No values for this place yet."),
                            may_enter ? reader.Translate("Enter a value") : "",
                            may_enter ? "/indicators/values/new?indicator=" + indicator->code + "&place=" + place : "")
           : json(nullptr)},
      {"targets", targets},
      {"has_targets", !targets.empty()},
      {"demo", DemoNotice(reader, demo)},
      {"may_edit", IndicatorsService::MayEditLibrary(actor)},
      {"enter_url", may_enter && indicator->computation.empty()
                        ? "/indicators/values/new?indicator=" + indicator->code + "&place=" + place
                        : ""},
      {"linked",
       [&] {
         json items = json::array();
         for (const IndicatorsService::LinkedItem& item : linked_items) {
           items.push_back({{"id", item.id},
                            {"uid", item.uid},
                            {"code", item.code},
                            {"title", reader.Localised(item.title, item.title_en)},
                            {"document", reader.Localised(item.document_title, item.document_title_en)},
                            {"url", "/policies/items/" + std::to_string(item.id)}});
         }
         return items;
       }()},
      {"has_linked", !linked_items.empty()},
      {"csrf", web::CsrfOf(request)},
      {"link_item", forms.item},
      {"link_refusal", forms.link.Data(reader, [](std::string_view) { return std::string("link-item"); })},
      {"may_set_target", IndicatorsService::MayApprove(actor, place) && may_set_targets},
      {"target_title", reader.Say("Set a target for {place}", {{"place", names.Of(place)}})},
      {"target_form",
       [&] {
         const auto id_of = [](std::string_view field) { return "target-" + std::string(field); };
         const auto problem = [&](std::string_view field) { return forms.target.ProblemOf(reader, field); };
         const IndicatorsService::TargetEntry& typed = typed_target;
         const auto field = [&](std::string name, std::string label, std::string value, std::string hint) {
           return web::ui::TextField({.name = name,
                                      .id = id_of(name),
                                      .label = reader.Translate(label),
                                      .value = std::move(value),
                                      .hint = hint.empty() ? "" : reader.Translate(hint),
                                      .type = "text",
                                      .required = false,
                                      .maxlength = 40},
                                     problem(name));
         };
         json rules = json::array();
         for (const auto& [code, title] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
                  {"value", "Reach a value"},
                  {"at_least", "At least a value"},
                  {"at_most", "At most a value"},
                  {"change", "Change the baseline by a factor (0.5 halves it)"},
                  {"gap", "Change the gap to the general population by a factor (0.5 halves it)"}}) {
           rules.push_back({{"value", code}, {"label", reader.Translate(title)}, {"selected", code == typed.rule}});
         }
         return json{{"period", field("period", "By (period)", typed.period, "")},
                     {"value", field("value", "Value", typed.value, "For a rule of a value.")},
                     {"factor", field("factor", "Factor", typed.factor, "For a rule relative to the baseline: 0.5 halves, 2 doubles, 0.667 cuts by a third.")},
                     {"reference", field("reference", "The general population's value", typed.reference, "For a rule of the gap.")},
                     {"baseline_period", field("baseline_period", "Baseline period", typed.baseline_period, "The period whose value the rule starts from.")},
                     {"note", field("note", "Where the target comes from", typed.note, "")},
                     {"rules", rules},
                     {"breakdown", typed.breakdown.empty() ? "total" : typed.breakdown},
                     {"version", typed.version},
                     {"version_of", TargetKeyOf(typed)},
                     {"stored", stored_target},
                     {"open", editing || !forms.target.Empty()},
                     {"refusal", forms.target.Data(reader, id_of)}};
       }()},
      {"csv_url", "/indicators/values.csv?indicator=" + indicator->code},
      {"api_url", "/api/v1/indicators/" + indicator->code}};
  return site.Page(request, reader.Localised(indicator->name_bg, indicator->name_en), "indicators/indicator", data);
}

// The cell an entry names, as the value form carries it beside the version it shows: a version is only of its cell.
std::string CellOf(const Entry& entry) {
  return fmt::format("{}|{}|{}|{}|{}", core::TrimSpaces(entry.indicator), core::TrimSpaces(entry.place),
                     core::TrimSpaces(entry.period), core::TrimSpaces(entry.breakdown),
                     core::TrimSpaces(entry.source_kind));
}

// The entry form, with what was typed and each problem beside its field, and the value stored now beside the one
// typed when someone entered it after the form was opened.
http::Response EntryForm(http::Request& request, const web::Site& site, IndicatorsService& service,
                         const core::SignedIn& user, const Entry& typed, const web::Refusal& refusal,
                         const std::string& stored_now = "") {
  const web::Reader reader = site.ReaderOf(request);
  PlaceNames names(reader, service);
  const auto id_of = [](std::string_view field) { return "value-" + std::string(field); };
  const auto problem = [&](std::string_view field) { return refusal.ProblemOf(reader, field); };
  json indicators = json::array();
  for (const Indicator& each : service.Indicators()) {
    if (!each.computation.empty()) continue;
    indicators.push_back(
        {{"value", each.code},
         {"label", reader.Localised(each.name_bg, each.name_en) + " (" + reader.Translate(UnitTitle(each.unit)) + ")"},
         {"selected", each.code == typed.indicator}});
  }
  // The places the person enters official values for, then the one typed.
  std::vector<std::string> own = IndicatorsService::PlacesOf(user);
  if (!typed.place.empty() && std::ranges::find(own, typed.place) == own.end()) own.push_back(typed.place);
  json places = json::array();
  for (const std::string& place : own) {
    places.push_back({{"value", place}, {"label", names.Of(place)}, {"selected", place == typed.place}});
  }
  const auto choices = [&](const auto& codes, std::string_view (*title)(std::string_view), const std::string& chosen) {
    json list = json::array();
    for (const std::string_view code : codes) {
      list.push_back({{"value", code}, {"label", reader.Translate(title(code))}, {"selected", code == chosen}});
    }
    return list;
  };
  json breakdowns = json::array();
  for (const Breakdown& each : kBreakdowns) {
    breakdowns.push_back(
        {{"value", each.code}, {"label", reader.Translate(each.title)}, {"selected", each.code == typed.breakdown}});
  }
  std::vector<std::string_view> kinds;
  for (const std::string_view kind : kSourceKinds) {
    const bool allowed = kind == "civic"    ? IndicatorsService::MayEnterCivic(user)
                         : kind == "survey" ? IndicatorsService::MayEditLibrary(user)
                                            : true;
    if (allowed) kinds.push_back(kind);
  }
  const json data = {
      {"csrf", web::CsrfOf(request)},
      {"indicators", indicators},
      {"places", places},
      {"place_typed", typed.place},
      {"breakdowns", breakdowns},
      {"source_kinds", choices(kinds, &SourceKindTitle, typed.source_kind)},
      {"confidences", choices(kConfidences, &ConfidenceTitle, typed.confidence)},
      {"period", web::ui::TextField({.name = "period",
                                     .id = id_of("period"),
                                     .label = reader.Translate("Period"),
                                     .value = typed.period,
                                     .hint = reader.Translate(
                                         "A year (2026), a half (2026S1), a quarter (2026Q1) or a month (2026-01)."),
                                     .type = "text",
                                     .required = true,
                                     .maxlength = 10},
                                    problem("period"))},
      {"value", web::ui::TextField(
                    {.name = "value",
                     .id = id_of("value"),
                     .label = reader.Translate("Value"),
                     .value = typed.value,
                     .hint = reader.Translate("A number, such as 12,5. If there is no figure, do not enter a value: "
                                              "say why in the note of another value or to your coordinator."),
                     .type = "text",
                     .required = true,
                     .maxlength = 40},
                    problem("value"))},
      {"base",
       web::ui::TextField({.name = "base",
                           .id = id_of("base"),
                           .label = reader.Translate("Number of people the share is of (optional)"),
                           .value = typed.base,
                           .hint = reader.Translate(
                               "Shares of very few people are not shown publicly, so that no one can be recognised."),
                           .type = "text",
                           .required = false,
                           .maxlength = 20},
                          problem("base"))},
      {"source_title", web::ui::TextField({.name = "source_title",
                                           .id = id_of("source_title"),
                                           .label = reader.Translate("Source (a survey's or a report's title)"),
                                           .value = typed.source_title,
                                           .hint = "",
                                           .type = "text",
                                           .required = false,
                                           .maxlength = 300},
                                          problem("source_title"))},
      {"evidence_url", web::ui::TextField({.name = "evidence_url",
                                           .id = id_of("evidence_url"),
                                           .label = reader.Translate("Evidence (a web address)"),
                                           .value = typed.evidence_url,
                                           .hint = "",
                                           .type = "url",
                                           .required = false,
                                           .maxlength = 2000},
                                          problem("evidence_url"))},
      {"note", typed.note},
      {"cell", CellOf(typed)},
      {"version", typed.based_on.value_or(0)},
      {"stored_now", stored_now},
      {"problems", refusal.Data(reader, id_of)["problems"]},
      {"refusal", refusal.Data(reader, id_of)}};
  return site.Page(request, reader.Translate("Enter a value"), "indicators/value_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

Entry EntryOf(const http::Request& request) {
  Entry entry;
  entry.indicator = request.Form("indicator").value_or("");
  entry.place = request.Form("place").value_or("");
  entry.period = request.Form("period").value_or("");
  entry.breakdown = request.Form("breakdown").value_or("total");
  entry.source_kind = request.Form("source_kind").value_or("official");
  entry.value = request.Form("value").value_or("");
  entry.base = request.Form("base").value_or("");
  entry.confidence = request.Form("confidence").value_or("high");
  entry.source_title = request.Form("source_title").value_or("");
  entry.evidence_url = request.Form("evidence_url").value_or("");
  entry.note = request.Form("note").value_or("");
  // The version the form showed is of the cell it showed: one changed in the form since had none shown.
  entry.based_on = request.Form("cell").value_or("") == CellOf(entry) ? VersionIn(request.Form("version")) : 0;
  return entry;
}

// What is stored now in a cell a form showed another version of, to put beside what was typed.
std::string StoredNow(const web::Reader& reader, IndicatorsService& service, const Observation& current) {
  const auto indicator = service.Find(current.indicator_id);
  if (!indicator) return "";
  return reader.Say(
      "Saved now: {value}, entered by {name} on {date}.",
      {{"value", ShowValue(reader, *indicator, current.value)},
       {"name", current.entered_by_name.empty() ? reader.Translate("reference data") : current.entered_by_name},
       {"date", core::IsoDay(current.entered_at), true}});
}

// A value with its history and what the reader may do with it.
http::Response ValuePage(http::Request& request, const web::Site& site, IndicatorsService& service,
                         const std::string& done) {
  const auto observation = service.FindObservation(request.IntParameter("id"));
  if (!observation) return site.Fail(request, core::Error::NotFound("There is no such value."));
  const auto indicator = service.Find(observation->indicator_id);
  if (!indicator) return site.Fail(request, core::Error::NotFound("There is no such value."));
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  PlaceNames names(reader, service);
  json history = json::array();
  for (const Observation& each : service.History(*observation)) {
    json row = ValueCell(reader, service, actor, *indicator, each);
    row["version"] = each.version;
    row["current"] = each.current;
    row["entered_by"] = each.entered_by_name.empty() ? reader.Translate("reference data") : each.entered_by_name;
    row["entered_at"] = reader.Date(core::IsoDay(each.entered_at));
    row["status"] = reader.Translate(StatusTitle(each.status));
    row["approved"] =
        each.status == "approved"
            ? reader.Say(
                  "approved by {name} on {date}",
                  {{"name", each.approved_by_name.empty() ? reader.Translate("reference data") : each.approved_by_name},
                   {"date", core::IsoDay(each.approved_at), true}})
            : "";
    row["note"] = each.note;
    row["review"] = ReviewText(reader, each.review_reason);
    history.push_back(std::move(row));
  }
  const bool may_approve =
      actor.user_id && IndicatorsService::MayApprove(actor, observation->place) && observation->current;
  const auto period = ParsePeriod(observation->period);
  const auto lock = actor.user_id && period ? service.LockOf(actor, *indicator, observation->place, *period,
                                                             observation->breakdown, observation->source_kind)
                                            : std::nullopt;
  const json data = {
      {"indicator", IndicatorRow(reader, *indicator)},
      {"place", names.Of(observation->place)},
      {"place_url", IndicatorPath(*indicator) + "?place=" + observation->place},
      {"period", observation->period},
      {"breakdown",
       reader.Translate(FindBreakdown(observation->breakdown) ? FindBreakdown(observation->breakdown)->title
                                                              : observation->breakdown)},
      {"source", SourceText(reader, *observation)},
      {"value", ValueCell(reader, service, actor, *indicator, *observation)},
      {"status", web::ui::Badge(reader.Translate(StatusTitle(observation->status)),
                                observation->status == "approved"    ? "good"
                                : observation->status == "submitted" ? "warning"
                                                                     : "neutral")},
      {"confidence", reader.Translate(ConfidenceTitle(observation->confidence))},
      {"evidence_url", observation->evidence_url},
      {"note", observation->note},
      {"review", ReviewText(reader, observation->review_reason)},
      {"history", history},
      {"demo", DemoNotice(reader, observation->demo)},
      {"csrf", web::CsrfOf(request)},
      {"approve_url", may_approve && observation->status == "submitted" ? ValuePath(observation->id) + "/approve" : ""},
      {"reopen_url", may_approve && observation->status == "approved" ? ValuePath(observation->id) + "/reopen" : ""},
      {"lock", lock ? reader.Say(lock->message, lock->arguments) : ""},
      {"correct_url",
       actor.user_id && !lock && observation->current
           ? fmt::format("/indicators/values/new?indicator={}&place={}&period={}&breakdown={}&source_kind={}",
                         indicator->code, observation->place, observation->period, observation->breakdown,
                         observation->source_kind)
           : ""},
      {"done", done.empty() ? "" : reader.Translate(done)}};
  return site.Page(request, reader.Localised(indicator->name_bg, indicator->name_en), "indicators/value", data);
}

// The grid: one period, a row per place, a column per indicator. Cells that are refused come back with what was
// typed and the reason beside them; the others are stored.
struct GridCell {
  std::string typed;
  std::string problem;  // translated
  bool stored = false;
  std::int64_t version = 0;  // the version of the cell's value the grid carries back: what it was based on
  std::string stored_now;    // translated: the value stored now, when someone entered it after the grid was opened
};

// The names of a cell's input and of the hidden field with the version of the value it showed.
std::string CellName(const std::string& place, const Indicator& indicator) {
  return "v." + place + "." + indicator.code;
}
std::string VersionName(const std::string& place, const Indicator& indicator) {
  return "version." + place + "." + indicator.code;
}

http::Response GridPage(http::Request& request, const web::Site& site, IndicatorsService& service,
                        const core::SignedIn& user, const std::map<std::string, GridCell>& cells, std::size_t stored) {
  const web::Reader reader = site.ReaderOf(request);
  PlaceNames names(reader, service);
  const bool posted = request.method == http::Method::kPost;
  const std::string period_text =
      (posted ? request.Form("period") : request.Query("period")).value_or(core::IsoDay(service.Now()).substr(0, 4));
  const auto period = ParsePeriod(period_text);
  const std::string kind = (posted ? request.Form("kind") : request.Query("kind")).value_or("process");
  std::vector<std::string> places = IndicatorsService::PlacesOf(user);
  json columns = json::array();
  std::vector<Indicator> shown;
  for (const Indicator& each : service.Indicators()) {
    if (!each.computation.empty() || each.kind != kind) continue;
    shown.push_back(each);
    columns.push_back({{"code", each.code},
                       {"name", reader.Localised(each.name_bg, each.name_en)},
                       {"unit", reader.Translate(UnitTitle(each.unit))}});
  }
  json rows = json::array();
  bool any_open = false;  // a cell that can still be changed; otherwise the grid has no button to store
  if (period) {
    std::vector<std::int64_t> ids;
    for (const Indicator& each : shown) ids.push_back(each.id);
    const auto current = service.Current({ids, places, {period->code}, "total", true});
    for (const std::string& place : places) {
      json row_cells = json::array();
      for (const Indicator& each : shown) {
        const std::string name = CellName(place, each);
        const auto found = cells.find(name);
        const bool refused = found != cells.end() && !found->second.stored;
        const auto existing = std::ranges::find_if(current, [&](const Observation& value) {
          return value.place == place && value.indicator_id == each.id && value.series == "official";
        });
        const auto lock = service.LockOf(user, each, place, *period, "total", "official");
        any_open = any_open || !lock;
        json cell = {{"name", name},
                     {"id", "cell-" + place + "-" + each.code},
                     {"label", names.Of(place) + ", " + reader.Localised(each.name_bg, each.name_en)},
                     {"value", refused                     ? found->second.typed
                               : existing != current.end() ? reader.Decimal(existing->value, 2)
                                                           : ""},
                     {"version_name", VersionName(place, each)},
                     {"version", refused                     ? found->second.version
                                 : existing != current.end() ? existing->version
                                                             : 0},
                     {"stored_now", refused ? found->second.stored_now : ""},
                     {"problem", found != cells.end() ? found->second.problem : ""},
                     {"stored", found != cells.end() && found->second.stored},
                     {"status", existing != current.end() ? reader.Translate(StatusTitle(existing->status)) : ""},
                     {"locked", lock.has_value()},
                     {"lock", lock ? reader.Say(lock->message, lock->arguments) : ""}};
        row_cells.push_back(std::move(cell));
      }
      rows.push_back({{"place", names.Of(place)}, {"cells", row_cells}});
    }
  }
  json kinds = json::array();
  for (const std::string_view each : kKinds) {
    kinds.push_back({{"value", each}, {"label", reader.Translate(KindTitle(each))}, {"selected", each == kind}});
  }
  std::size_t refused = 0;
  bool stale = false;  // a cell someone entered a value in since the grid was opened: a conflict, not a mistake
  for (const auto& [name, cell] : cells) {
    refused += cell.problem.empty() ? 0 : 1;
    stale = stale || !cell.stored_now.empty();
  }
  const json data = {
      {"csrf", web::CsrfOf(request)},
      {"period", period ? period->code : period_text},
      {"caption", reader.Say("Values for {period}", {{"period", period ? period->code : period_text}})},
      {"period_problem", period ? "" : reader.Translate(kPeriodProblem)},
      {"kinds", kinds},
      {"kind", kind},
      {"columns", columns},
      {"rows", rows},
      {"has_rows", !rows.empty() && !columns.empty()},
      {"none", places.empty() ? web::ui::Empty(reader.Translate(
                                    "The grid is for officials and coordinators: you have no role for a municipality "
                                    "or an oblast."))
                              : json(nullptr)},
      {"stored", stored == 0 ? ""
                             : reader.SayPlural("{count} value stored.", "{count} values stored.",
                                                static_cast<long>(stored), {{"count", std::to_string(stored)}})},
      {"refused", refused == 0 ? ""
                               : reader.SayPlural("{count} value was not stored: see the reason beside it.",
                                                  "{count} values were not stored: see the reason beside each.",
                                                  static_cast<long>(refused), {{"count", std::to_string(refused)}})},
      {"any_open", any_open}};
  return site.Page(request, reader.Translate("Enter values in a grid"), "indicators/grid", data,
                   stale          ? web::FormStatusOf(core::ErrorKind::kConflict)
                   : refused == 0 ? 200
                                  : web::FormStatusOf(core::ErrorKind::kInvalidInput));
}

http::Response SaveGrid(http::Request& request, const web::Site& site, IndicatorsService& service,
                        const core::SignedIn& user) {
  const web::Reader reader = site.ReaderOf(request);
  const std::string period = request.Form("period").value_or("");
  const std::string kind = request.Form("kind").value_or("process");
  std::map<std::string, GridCell> cells;
  std::size_t stored = 0;
  for (const std::string& place : IndicatorsService::PlacesOf(user)) {
    for (const Indicator& each : service.Indicators()) {
      if (!each.computation.empty() || each.kind != kind) continue;
      const std::string name = CellName(place, each);
      const auto typed = request.Form(name);
      if (!typed || typed->find_first_not_of(" \t") == std::string::npos) continue;
      const std::int64_t shown = VersionIn(request.Form(VersionName(place, each)));
      const auto current = service.Current({{each.id}, {place}, {period}, "total", true});
      const auto official = std::ranges::find(current, std::string("official"), &Observation::series);
      if (official != current.end()) {
        // The value shown, sent back as it was: no new version.
        if (reader.Decimal(official->value, 2) == *typed) continue;
        if (official->version != shown && shown > 0) {
          // A grid opened before someone entered the value stored now: a cell sent back as the grid showed it was
          // not touched, and leaves the newer value alone.
          const auto history = service.History(*official);
          const auto seen = std::ranges::find(history, shown, &Observation::version);
          if (seen != history.end() && reader.Decimal(seen->value, 2) == *typed) continue;
        }
      }
      Entry entry{each.code, place, period, "total", "official", *typed, "", "high", "", "", "", shown};
      const auto entered = service.Enter(user, entry);
      GridCell cell{*typed, "", static_cast<bool>(entered), shown, ""};
      if (!entered) {
        const core::Error& error = entered.error();
        cell.problem = error.problems.empty() ? reader.Say(error.message, error.arguments)
                                              : reader.Translate(error.problems.front().message);
        // Someone entered a value in the cell since the grid was opened: it goes beside what was typed, and the cell
        // carries its version, so that storing again (having seen it) replaces it.
        const auto now = error.kind == core::ErrorKind::kConflict ? service.CurrentFor(user, entry) : std::nullopt;
        if (now && now->version != shown) {
          cell.version = now->version;
          cell.stored_now = reader.Say("Saved now: {value}", {{"value", ShowValue(reader, each, now->value)}});
        }
      } else {
        ++stored;
      }
      cells.emplace(name, std::move(cell));
    }
  }
  return GridPage(request, site, service, user, cells, stored);
}

// Closed periods, and the form to close one.
http::Response ClosuresPage(http::Request& request, const web::Site& site, IndicatorsService& service,
                            const core::SignedIn& user, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  PlaceNames names(reader, service);
  json rows = json::array();
  for (const Closure& closure : service.Closures()) {
    rows.push_back({{"place", names.Of(closure.place)},
                    {"place_code", closure.place},
                    {"period", closure.period},
                    {"closed_by", closure.closed_by_name},
                    {"closed_at", reader.Date(core::IsoDay(closure.closed_at))},
                    {"may_reopen", IndicatorsService::MayApprove(user, closure.place)}});
  }
  // The places the coordinator may close: the country for a coordinator of the whole installation, then each oblast
  // their role reaches with its municipalities under it.
  json groups = json::array();
  if (IndicatorsService::MayApprove(user, "BG")) {
    groups.push_back(
        {{"label", names.Of("BG")}, {"options", json::array({{{"value", "BG"}, {"label", names.Of("BG")}}})}});
  }
  const std::vector<std::string> municipalities = service.MunicipalityCodes();
  std::vector<std::string> oblasts;
  for (const std::string& oblast : service.OblastCodes()) {
    if (!IndicatorsService::MayApprove(user, oblast)) continue;
    oblasts.push_back(oblast);
    json options = json::array({{{"value", oblast}, {"label", names.Of(oblast)}}});
    std::vector<std::pair<std::string, std::string>> named;
    for (const std::string& code : municipalities) {
      if (code.starts_with(oblast)) named.emplace_back(code, names.Of(code));
    }
    reader.SortByName(named, [](const auto& each) { return each.second; });
    for (const auto& [code, name] : named) options.push_back({{"value", code}, {"label", name}});
    groups.push_back({{"label", names.Of(oblast)}, {"options", options}});
  }
  // A coordinator of one municipality only.
  for (const core::RoleAssignment& assignment : user.roles()) {
    const std::string& code = assignment.scope.code;
    if (assignment.scope.kind == core::ScopeKind::kMunicipality && IndicatorsService::MayApprove(user, code) &&
        std::ranges::find(oblasts, code.substr(0, 3)) == oblasts.end()) {
      groups.push_back(
          {{"label", names.Of(code)}, {"options", json::array({{{"value", code}, {"label", names.Of(code)}}})}});
    }
  }
  const auto id_of = [](std::string_view field) { return "closure-" + std::string(field); };
  const json data = {{"rows", rows},
                     {"has_rows", !rows.empty()},
                     {"none", rows.empty() ? web::ui::Empty(reader.Translate("No period is closed.")) : json(nullptr)},
                     {"groups", groups},
                     {"may_close", !groups.empty()},
                     {"csrf", web::CsrfOf(request)},
                     {"refusal", refusal.Data(reader, id_of)}};
  return site.Page(request, reader.Translate("Closed periods"), "indicators/closures", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddIndicatorPages(kernel::Routes& routes, const web::Site& site, IndicatorsService& service) {
  routes.Get("/indicators", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return LibraryPage(request, site, service); });
  routes.Get("/indicators/values/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               Entry typed;
               typed.indicator = request.Query("indicator").value_or("");
               typed.place = request.Query("place").value_or("");
               typed.period = request.Query("period").value_or("");
               typed.breakdown = request.Query("breakdown").value_or("total");
               typed.source_kind =
                   request.Query("source_kind")
                       .value_or(IndicatorsService::PlacesOf(user).empty() && IndicatorsService::MayEnterCivic(user)
                                     ? "civic"
                                     : "official");
               // The version of the value in the cell the form opens on (a correction's), or 0 for none.
               const auto current = service.CurrentFor(user, typed);
               typed.based_on = current ? current->version : 0;
               return EntryForm(request, site, service, user, typed, {});
             });
  routes.Post("/indicators/values", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                Entry typed = EntryOf(request);
                const auto entered = service.Enter(user, typed);
                if (!entered) {
                  // A value someone entered since the form was opened: beside what was typed, and the form based on
                  // it, so that storing again (having seen it) replaces it.
                  std::string stored_now;
                  if (entered.error().kind == core::ErrorKind::kConflict) {
                    const auto current = service.CurrentFor(user, typed);
                    if (current && current->version != typed.based_on.value_or(0)) {
                      stored_now = StoredNow(site.ReaderOf(request), service, *current);
                      typed.based_on = current->version;
                    }
                  }
                  return EntryForm(request, site, service, user, typed, web::Refusal::Of(entered.error()), stored_now);
                }
                return http::Response::Redirect(ValuePath(entered->id) + "?done=entered");
              });
  routes.Get("/indicators/values/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const std::string done = request.Query("done").value_or("");
    return ValuePage(request, site, service,
                     done == "entered"    ? "The value is stored."
                     : done == "approved" ? "The value is approved."
                     : done == "reopened" ? "The value is reopened: it can be changed, and waits for approval again."
                                          : "");
  });
  routes.Post("/indicators/values/{id:int}/approve", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto approved = service.Approve(user, request.IntParameter("id"));
                if (!approved) return site.Fail(request, approved.error());
                return http::Response::Redirect(ValuePath(approved->id) + "?done=approved");
              });
  routes.Post("/indicators/values/{id:int}/reopen", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto reopened = service.Reopen(user, request.IntParameter("id"));
                if (!reopened) return site.Fail(request, reopened.error());
                return http::Response::Redirect(ValuePath(reopened->id) + "?done=reopened");
              });
  routes.Get("/indicators/grid", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               return GridPage(request, site, service, user, {}, 0);
             });
  routes.Post("/indicators/grid", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                return SaveGrid(request, site, service, user);
              });
  routes.Get("/indicators/closures", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               return ClosuresPage(request, site, service, user, {});
             });
  routes.Post("/indicators/closures", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto closed =
                    service.ClosePeriod(user, request.Form("place").value_or(""), request.Form("period").value_or(""));
                if (!closed) return ClosuresPage(request, site, service, user, web::Refusal::Of(closed.error()));
                return http::Response::Redirect("/indicators/closures");
              });
  routes.Post("/indicators/closures/reopen", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto reopened =
                    service.ReopenPeriod(user, request.Form("place").value_or(""), request.Form("period").value_or(""));
                if (!reopened) return site.Fail(request, reopened.error());
                return http::Response::Redirect("/indicators/closures");
              });
  routes.Post("/indicators/" + std::string(kCode) + "/targets", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto indicator = service.Find(request.Parameter("code"));
                if (!indicator) return site.Fail(request, indicator.error());
                IndicatorForms forms;
                forms.typed_target = {
                    request.Form("place").value_or(""),          request.Form("period").value_or(""),
                    request.Form("breakdown").value_or("total"), request.Form("rule").value_or(""),
                    request.Form("value").value_or(""),          request.Form("factor").value_or(""),
                    request.Form("reference").value_or(""),      request.Form("baseline_period").value_or(""),
                    request.Form("note").value_or(""),           VersionIn(request.Form("version"))};
                // The version the form showed is of the target it showed: one whose period was changed in the
                // form since is a target the form did not show.
                if (request.Form("version_of").value_or("") != TargetKeyOf(forms.typed_target)) {
                  forms.typed_target.version = 0;
                }
                const auto set = service.SetTarget(user, *indicator, forms.typed_target);
                if (!set) {
                  const core::ErrorKind kind = set.error().kind;
                  if (kind != core::ErrorKind::kInvalidInput && kind != core::ErrorKind::kConflict) {
                    return site.Fail(request, set.error());
                  }
                  forms.target = web::Refusal::Of(set.error());
                  http::Response page = IndicatorPage(request, site, service, forms);
                  page.status = forms.target.Status();
                  return page;
                }
                return http::Response::Redirect("/indicators/" + indicator->code + "?place=" + set->place + "#targets");
              });
  routes.Post("/indicators/" + std::string(kCode) + "/links", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::string item = request.Form("item").value_or("");
                const auto linked = service.Link(user, request.Parameter("code"), item);
                if (!linked) {
                  if (linked.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, linked.error());
                  IndicatorForms forms;
                  forms.link = web::Refusal::Of(linked.error());
                  forms.item = item;
                  http::Response page = IndicatorPage(request, site, service, forms);
                  page.status = 422;
                  return page;
                }
                return http::Response::Redirect("/indicators/" + request.Parameter("code") + "#measures");
              });
  routes.Post("/indicators/" + std::string(kCode) + "/links/{item:int}/remove", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto unlinked = service.Unlink(user, request.Parameter("code"), request.IntParameter("item"));
                if (!unlinked) return site.Fail(request, unlinked.error());
                return http::Response::Redirect("/indicators/" + request.Parameter("code") + "#measures");
              });
  routes.Get("/indicators/" + std::string(kCode), core::Access::Anyone(),
             [&site, &service](http::Request& request) { return IndicatorPage(request, site, service); });
}

}  // namespace indicators
