// The library's forms: a coordinator adds an indicator or changes one.
#include <algorithm>
#include <sstream>

#include "modules/indicators/indicators_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace indicators {
namespace {

using nlohmann::json;

constexpr std::string_view kCode = "{code:[a-z][a-z0-9_]{0,63}}";

Indicator IndicatorOf(const http::Request& request) {
  Indicator indicator;
  indicator.code = request.Form("code").value_or("");
  indicator.name_bg = request.Form("name_bg").value_or("");
  indicator.name_en = request.Form("name_en").value_or("");
  indicator.unit = request.Form("unit").value_or("");
  indicator.direction = request.Form("direction").value_or("");
  indicator.kind = request.Form("kind").value_or("");
  indicator.source = request.Form("source").value_or("");
  indicator.method = request.Form("method").value_or("");
  for (const std::string_view dimension : kDimensions) {
    if (request.Form("dimension_" + std::string(dimension))) indicator.dimensions.emplace_back(dimension);
  }
  indicator.version = std::atoll(request.Form("version").value_or("0").c_str());
  return indicator;
}

http::Response Form(http::Request& request, const web::Site& site, const Indicator& typed, bool creating,
                    const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto id_of = [](std::string_view field) { return "indicator-" + std::string(field); };
  const auto problem = [&](std::string_view field) { return refusal.ProblemOf(reader, field); };
  const auto text = [&](std::string name, std::string label, std::string value, std::string hint, int maxlength,
                        bool required) {
    return web::ui::TextField({.name = name,
                               .id = id_of(name),
                               .label = reader.Translate(label),
                               .value = std::move(value),
                               .hint = hint.empty() ? "" : reader.Translate(hint),
                               .type = "text",
                               .required = required,
                               .maxlength = maxlength},
                              problem(name));
  };
  json fields = json::array();
  if (creating) {
    fields.push_back(text("code", "Code", typed.code,
                          "Lower-case Latin letters, digits and _: it names the indicator's values in files.",
                          static_cast<int>(kMaxIndicatorCode), true));
  }
  fields.push_back(text("name_bg", "Name in Bulgarian", typed.name_bg, "", 300, true));
  fields.push_back(text("name_en", "Name in English", typed.name_en, "", 300, true));
  fields.push_back(text("source", "Source", typed.source, "Who publishes the figures.", 300, false));
  fields.push_back(text("method", "Method", typed.method, "What is counted, of whom.", 2000, false));
  const auto choices = [&](const auto& codes, auto title, const std::string& chosen) {
    json list = json::array();
    for (const std::string_view code : codes) {
      list.push_back({{"value", code}, {"label", reader.Translate(title(code))}, {"selected", code == chosen}});
    }
    return list;
  };
  json dimensions = json::array();
  for (const std::string_view dimension : kDimensions) {
    dimensions.push_back({{"value", dimension},
                          {"label", reader.Translate(dimension == "sex" ? "sex" : "age group")},
                          {"checked", std::ranges::find(typed.dimensions, dimension) != typed.dimensions.end()}});
  }
  const json data = {
      {"csrf", web::CsrfOf(request)},
      {"creating", creating},
      {"action", creating ? std::string("/indicators/new") : "/indicators/" + typed.code + "/edit"},
      {"code", typed.code},
      {"version", typed.version},
      {"fields", fields},
      {"units", choices(kUnits, UnitTitle, typed.unit)},
      {"directions",
       json::array(
           {{{"value", "up"}, {"label", reader.Translate("Higher is better")}, {"selected", typed.direction != "down"}},
            {{"value", "down"},
             {"label", reader.Translate("Lower is better")},
             {"selected", typed.direction == "down"}}})},
      {"kinds", choices(kKinds, KindTitle, typed.kind)},
      {"dimensions", dimensions},
      {"problems", refusal.Data(reader, id_of)["problems"]},
      {"refusal", refusal.Data(reader, id_of)}};
  return site.Page(request, reader.Translate(creating ? "Add an indicator" : "Change the indicator"),
                   "indicators/indicator_form", data, refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddIndicatorForms(kernel::Routes& routes, const web::Site& site, IndicatorsService& service) {
  routes.Get("/indicators/new", core::Access::SignedIn(), [&site](http::Request& request, const core::SignedIn& user) {
    if (!IndicatorsService::MayEditLibrary(user)) {
      return site.Fail(request, core::Error::Forbidden("Only coordinators edit the indicator library."));
    }
    Indicator blank;
    blank.kind = "process";
    return Form(request, site, blank, true, {});
  });
  routes.Post("/indicators/new", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const Indicator typed = IndicatorOf(request);
                const auto created = service.Create(user, typed);
                if (!created) {
                  if (created.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, created.error());
                  return Form(request, site, typed, true, web::Refusal::Of(created.error()));
                }
                return http::Response::Redirect("/indicators/" + created->code);
              });
  routes.Get("/indicators/" + std::string(kCode) + "/edit", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               if (!IndicatorsService::MayEditLibrary(user)) {
                 return site.Fail(request, core::Error::Forbidden("Only coordinators edit the indicator library."));
               }
               const auto indicator = service.Find(request.Parameter("code"));
               if (!indicator) return site.Fail(request, indicator.error());
               return Form(request, site, *indicator, false, {});
             });
  routes.Post("/indicators/" + std::string(kCode) + "/edit", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto stored = service.Find(request.Parameter("code"));
                if (!stored) return site.Fail(request, stored.error());
                Indicator typed = IndicatorOf(request);
                typed.id = stored->id;
                typed.code = stored->code;
                typed.computation = stored->computation;
                const auto changed = service.Change(user, typed);
                if (!changed) {
                  if (changed.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, changed.error());
                  return Form(request, site, typed, false, web::Refusal::Of(changed.error()));
                }
                return http::Response::Redirect("/indicators/" + changed->code);
              });
}

}  // namespace indicators
