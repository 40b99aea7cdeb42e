// The indicators' JSON API, downloads (dataValues CSV, SDMX-CSV, XLSX) and the import of dataValues files.
#include <fmt/format.h>

#include <algorithm>

#include "core/days.hpp"
#include "http/multipart.hpp"
#include "modules/indicators/indicator_views.hpp"
#include "modules/indicators/indicators_routes.hpp"
#include "modules/indicators/periods.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace indicators {
namespace {

using nlohmann::json;

constexpr std::string_view kCode = "{code:[a-z][a-z0-9_]{0,63}}";

json IndicatorJson(const Indicator& indicator) {
  return {{"code", indicator.code},
          {"name_bg", indicator.name_bg},
          {"name_en", indicator.name_en},
          {"unit", indicator.unit},
          {"direction", indicator.direction},
          {"kind", indicator.kind},
          {"source", indicator.source},
          {"method", indicator.method},
          {"breakdowns", indicator.dimensions},
          {"computation", indicator.computation.empty() ? json(nullptr) : json(indicator.computation)},
          {"version", indicator.version}};
}

json RuleJson(const TargetRule& rule) {
  const auto optional = [](const std::optional<double>& value) { return value ? json(*value) : json(nullptr); };
  return {{"rule", rule.rule},
          {"value", optional(rule.value)},
          {"factor", optional(rule.factor)},
          {"reference", optional(rule.reference)}};
}

// A value for a program: the number, or null and "suppressed" with the reason, never 0.
json ObservationJson(IndicatorsService& service, const core::Actor& actor, const Indicator& indicator,
                     const Observation& observation) {
  const bool suppressed = service.Suppressed(actor, indicator, observation);
  json value = {
      {"id", observation.id},
      {"indicator", indicator.code},
      {"place", observation.place},
      {"period", observation.period},
      {"breakdown", observation.breakdown},
      {"source_kind", observation.source_kind},
      {"series", observation.series},
      {"value", suppressed ? json(nullptr) : json(observation.value)},
      {"suppressed", suppressed},
      {"suppressed_reason",
       suppressed ? json(fmt::format("fewer than {} people", service.suppress_below())) : json(nullptr)},
      {"base", observation.base && !suppressed ? json(*observation.base) : json(nullptr)},
      {"confidence", observation.confidence},
      {"source_title", observation.source_title},
      {"evidence_url", observation.evidence_url},
      {"note", observation.note},
      {"status", observation.status},
      {"flagged_for_review", !observation.review_reason.empty()},
      {"version", observation.version},
      {"entered_by", observation.entered_by_name},
      {"entered_at", core::IsoUtc(observation.entered_at)},
      {"approved_by", observation.approved_by_name.empty() ? json(nullptr) : json(observation.approved_by_name)},
      {"demo", observation.demo}};
  return value;
}

ObservationFilter FilterOf(const http::Request& request, IndicatorsService& service) {
  ObservationFilter filter;
  if (const auto code = request.Query("indicator"); code && !code->empty()) {
    const auto indicator = service.Find(*code);
    filter.indicator_ids.push_back(indicator ? indicator->id : -1);
  }
  if (const auto place = request.Query("place"); place && !place->empty()) filter.places.push_back(*place);
  if (const auto period = request.Query("period"); period && !period->empty()) {
    const auto parsed = ParsePeriod(*period);
    filter.periods.push_back(parsed ? parsed->code : *period);
  }
  return filter;
}

// The current values as a dataValues file (the default), SDMX-CSV (format=sdmx) or an XLSX workbook (format=xlsx).
http::Response ValuesDownload(http::Request& request, const web::Site& site, IndicatorsService& service) {
  const core::Actor actor = kernel::ActorOf(request);
  const ObservationFilter filter = FilterOf(request, service);
  const std::string format = request.Query("format").value_or("dhis2");
  if (format == "sdmx") {
    std::map<std::int64_t, Indicator> indicators;
    for (Indicator& each : service.Indicators()) indicators.emplace(each.id, std::move(each));
    std::vector<SdmxObservation> rows;
    for (const Observation& observation : service.Current(filter)) {
      const Indicator& indicator = indicators.at(observation.indicator_id);
      const bool suppressed = service.Suppressed(actor, indicator, observation);
      rows.push_back({indicator.code, observation.place, observation.breakdown, observation.source_kind,
                      SdmxPeriod(observation.period), suppressed ? "" : fmt::format("{}", observation.value),
                      suppressed                          ? "C"
                      : observation.status == "submitted" ? "P"
                                                          : "A",
                      indicator.unit, observation.note});
    }
    return web::Site::Download(formats::WriteCsv(SdmxCsvTable(rows)), "text/csv; charset=utf-8",
                               "khetane-indicators-sdmx.csv");
  }
  const auto table = DataValuesTable(service.ExportDataValues(actor, filter));
  if (format == "xlsx") {
    formats::XlsxOptions options;
    options.sheet_name = "dataValues";
    options.cells = {{5, formats::XlsxCell::kDecimal}};
    const auto workbook = formats::WriteXlsx(table, options);
    if (!workbook) return site.Fail(request, formats::ToError(workbook.error()));
    return web::Site::Download(*workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               "khetane-indicators.xlsx");
  }
  if (format != "dhis2") return site.Fail(request, core::Error::NotFound("There is no such format."));
  return web::Site::Download(formats::WriteCsv(table), "text/csv; charset=utf-8", "khetane-indicators-datavalues.csv");
}

http::Response ImportPage(http::Request& request, const web::Site& site, const ValuesImport* report,
                          std::string_view message) {
  const web::Reader reader = site.ReaderOf(request);
  json problems = json::array();
  if (report != nullptr) {
    for (const ExchangeProblem& problem : report->problems) {
      problems.push_back({{"line", problem.line},
                          {"column", problem.column},
                          {"value", problem.value},
                          {"code", problem.code},
                          {"message", reader.Say(problem.message, problem.arguments)}});
    }
  }
  json result = nullptr;
  if (report != nullptr) {
    result = {{"problems", problems},
              {"has_problems", !problems.empty()},
              {"summary",
               !problems.empty()
                   ? reader.SayPlural("Nothing was stored: {count} problem in the file. Correct it and "
                                      "import the file again.",
                                      "Nothing was stored: {count} problems in the file. Correct them and "
                                      "import the file again.",
                                      static_cast<long>(problems.size()), {{"count", std::to_string(problems.size())}})
               : report->dry_run
                   ? reader.SayPlural("The file is correct: {count} value would be stored.",
                                      "The file is correct: {count} values would be stored.",
                                      static_cast<long>(report->rows), {{"count", std::to_string(report->rows)}})
                   : reader.SayPlural("{count} value stored.", "{count} values stored.",
                                      static_cast<long>(report->stored), {{"count", std::to_string(report->stored)}})}};
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"result", result},
                     {"message", message.empty() ? "" : reader.Translate(message)}};
  const int status = (report != nullptr && !report->problems.empty()) || !message.empty() ? 422 : 200;
  return site.Page(request, reader.Translate("Import indicator values"), "indicators/import", data, status);
}

}  // namespace

void AddIndicatorExchange(kernel::Routes& routes, const web::Site& site, IndicatorsService& service) {
  routes.Get("/api/v1/indicators", core::Access::Anyone(), [&service](http::Request&) {
    json list = json::array();
    for (const Indicator& each : service.Indicators()) list.push_back(IndicatorJson(each));
    return web::Site::List({{"indicators", list}}, "indicators");
  });
  routes.Get("/indicators.csv", core::Access::Anyone(), [&service](http::Request&) {
    std::vector<std::vector<std::string>> rows = {
        {"code", "name_bg", "name_en", "unit", "direction", "kind", "source", "method", "breakdowns", "computation"}};
    for (const Indicator& each : service.Indicators()) {
      std::string dimensions;
      for (const std::string& dimension : each.dimensions) dimensions += (dimensions.empty() ? "" : ";") + dimension;
      rows.push_back({each.code, each.name_bg, each.name_en, each.unit, each.direction, each.kind, each.source,
                      each.method, dimensions, each.computation});
    }
    return web::Site::Download(formats::WriteCsv(rows), "text/csv; charset=utf-8", "khetane-indicators.csv");
  });
  routes.Get("/api/v1/indicators/values", core::Access::Anyone(), [&service](http::Request& request) {
    const core::Actor actor = kernel::ActorOf(request);
    std::map<std::int64_t, Indicator> indicators;
    for (Indicator& each : service.Indicators()) indicators.emplace(each.id, std::move(each));
    json values = json::array();
    for (const Observation& each : service.Current(FilterOf(request, service))) {
      values.push_back(ObservationJson(service, actor, indicators.at(each.indicator_id), each));
    }
    return web::Site::List({{"values", values}}, "values");
  });
  routes.Post(
      "/api/v1/indicators/values", core::Access::SignedIn(), http::Body::kFiles,
      [&site, &service](http::Request& request, const core::SignedIn& user) {
        json body;
        try {
          body = json::parse(request.body);
        } catch (const json::exception&) {
          return site.Fail(request, core::Error::InvalidInput("The request body is not JSON."));
        }
        if (!body.is_object()) {
          return site.Fail(request, core::Error::InvalidInput("The request body is not a JSON object."));
        }
        const auto text = [&](const char* name, std::string fallback) {
          const auto found = body.find(name);
          if (found == body.end() || found->is_null()) return fallback;
          if (found->is_string()) return found->get<std::string>();
          if (found->is_number()) return found->dump();
          return std::string("\x01");  // neither text nor a number: refused by the field's check
        };
        const Entry entry{
            text("indicator", ""),           text("place", ""),        text("period", ""), text("breakdown", "total"),
            text("source_kind", "official"), text("value", ""),        text("base", ""),   text("confidence", "high"),
            text("source_title", ""),        text("evidence_url", ""), text("note", "")};
        const auto entered = service.Enter(user, entry);
        if (!entered) return site.Fail(request, entered.error());
        const auto indicator = service.Find(entered->indicator_id);
        return web::Site::JsonCreated(ObservationJson(service, user, *indicator, *entered),
                                      "/api/v1/indicators/values/" + std::to_string(entered->id));
      });
  routes.Post("/api/v1/indicators/values/{id:int}/approve", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto approved = service.Approve(user, request.IntParameter("id"));
                if (!approved) return site.Fail(request, approved.error());
                const auto indicator = service.Find(approved->indicator_id);
                return web::Site::Json(ObservationJson(service, user, *indicator, *approved));
              });
  routes.Get("/indicators/values.csv", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return ValuesDownload(request, site, service); });
  routes.Get("/indicators/import", core::Access::SignedIn(),
             [&site](http::Request& request, const core::SignedIn&) { return ImportPage(request, site, nullptr, ""); });
  routes.Post("/indicators/import", core::Access::SignedIn(), http::Body::kFiles,
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto* parts = http::CachedMultipartParts(request);
                const http::FormPart* file = http::FindPart(parts, "file");
                if (!file || file->body.empty()) {
                  return ImportPage(request, site, nullptr, "Choose a CSV or XLSX file to import.");
                }
                const auto table = formats::ReadTable(file->body);
                if (!table) {
                  ValuesImport report;
                  report.problems.push_back({table.error().line.value_or(0),
                                             table.error().column ? formats::ColumnName(*table.error().column) : "", "",
                                             table.error().message, ""});
                  return ImportPage(request, site, &report, "");
                }
                const bool dry_run = http::FindPart(parts, "dry_run") != nullptr;
                const ValuesImport report = service.ImportDataValues(user, *table, dry_run);
                return ImportPage(request, site, &report, "");
              });
  // After /api/v1/indicators/values, which it would take for a code (the first match wins).
  routes.Get("/api/v1/indicators/" + std::string(kCode), core::Access::Anyone(),
             [&site, &service](http::Request& request) {
               const auto indicator = service.Find(request.Parameter("code"));
               if (!indicator) return site.Fail(request, indicator.error());
               const core::Actor actor = kernel::ActorOf(request);
               json targets = json::array();
               for (const TargetView& view : service.Targets(*indicator)) {
                 targets.push_back({{"place", view.target.place},
                                    {"period", view.target.period},
                                    {"breakdown", view.target.breakdown},
                                    {"rule", RuleJson(view.target.rule)},
                                    {"baseline_period", view.target.baseline_period},
                                    {"baseline", view.baseline ? json(*view.baseline) : json(nullptr)},
                                    {"target", view.value.value ? json(*view.value.value) : json(nullptr)},
                                    {"verified", view.target.verified},
                                    {"note", view.target.note}});
               }
               json values = json::array();
               for (const Observation& each : service.Current({{indicator->id}, {}, {}, "", true})) {
                 values.push_back(ObservationJson(service, actor, *indicator, each));
               }
               json body = IndicatorJson(*indicator);
               body["targets"] = targets;
               body["values"] = values;
               return web::Site::Json(body);
             });
}

}  // namespace indicators
