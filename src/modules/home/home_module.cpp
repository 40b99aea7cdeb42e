#include "modules/home/home_module.hpp"

#include "kernel/home.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace home {
namespace {

using nlohmann::json;

// The living style page: every part of templates/ui/ with example data, in the reader's language.
http::Response DesignPage(http::Request& request, const web::Site& site) {
  const web::Reader reader = site.ReaderOf(request);
  namespace ui = web::ui;
  json progress = json::array({ui::Progress(reader, 100.0), ui::Progress(reader, 47.6), ui::Progress(reader, 0.0),
                               ui::Progress(reader, std::nullopt),
                               ui::Progress(reader, std::nullopt,
                                            "cannot be weighted: nothing that reported has a "
                                            "planned budget")});
  json badges = json::array(
      {ui::Badge(reader.Translate("Adopted"), "good"), ui::Badge(reader.Translate("In progress"), "neutral"),
       ui::Badge(reader.Translate("Delayed"), "warning"), ui::Badge(reader.Translate("Cancelled"), "bad"),
       ui::Badge(reader.Translate("Demo data"), "demo")});
  json money_rows = json::array({{{"source", reader.Translate("Examples")},
                                  {"planned", ui::Money(reader, 4'800'050, "BGN")},
                                  {"secured", ui::Money(reader, 2'400'000, "BGN")},
                                  {"spent", ui::Money(reader, std::nullopt, "BGN")},
                                  {"deadline", reader.Date("2027-12-31")}},
                                 {{"source", reader.Translate("Examples")},
                                  {"planned", ui::Money(reader, 2'454'210, "EUR")},
                                  {"secured", ui::Money(reader, 0, "EUR")},
                                  {"spent", ui::Money(reader, 120'000, "EUR")},
                                  {"deadline", reader.Date("2026-03-31")}}});
  web::Refusal refusal;
  refusal.problems = {{"title", "Write a title.", ""}};
  const json fields = json::array({ui::TextField({.name = "title",
                                                  .id = "design-title",
                                                  .label = reader.Translate("Title"),
                                                  .value = "",
                                                  .hint = "",
                                                  .type = "text",
                                                  .required = true,
                                                  .maxlength = 2000},
                                                 reader.Translate("Write a title.")),
                                   ui::TextField({.name = "deadline",
                                                  .id = "design-deadline",
                                                  .label = reader.Translate("Deadline"),
                                                  .value = "31.12.2027",
                                                  .hint = reader.Translate("As 31.12.2027 or 2027-12-31."),
                                                  .type = "text",
                                                  .required = false,
                                                  .maxlength = 0},
                                                 "")});
  const json data = {
      {"summary", ui::Cards({{"61", reader.Translate("Objectives, measures and activities"), "", "#cards"},
                             {web::Reader::Percent(36.38), reader.Translate("Progress"),
                              reader.Translate("weighted by planned budget"), ""},
                             {reader.Money(491'141'846, "BGN"), reader.Translate("Planned"), "", ""},
                             {"7", reader.Translate("Did not report"), "", ""}})},
      {"progress_examples", progress},
      {"badges", badges},
      {"money_rows", money_rows},
      {"none", ui::Empty(reader.Translate("No document matches this search."), reader.Translate("Browse the oblasts"),
                         "/places")},
      {"refusal", refusal.Data(reader, [](std::string_view field) { return "design-" + std::string(field); })},
      {"fields", fields}};
  return site.Page(request, reader.Translate("Design system"), "home/design", data);
}

}  // namespace

void Register(kernel::Module& module) {
  module.Name("home");
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    const kernel::Home& home = services.Get<kernel::Home>();
    // A visitor learns what Khetane is and where to start; a signed-in person finds what their work needs.
    routes.Get(
        "/", core::Access::Anyone(),
        [&site, &home](http::Request& request) {
          const core::SignedIn* user = kernel::SignedInOf(request);
          json sections = json::array();
          if (user) {
            for (kernel::HomeSection& section : home.SectionsFor(request, *user)) {
              sections.push_back({{"heading", std::move(section.heading)}, {"html", std::move(section.html)}});
            }
          }
          const json data = {{"signed_in", user != nullptr},
                             {"name", user ? user->display_name() : ""},
                             {"sections", sections},
                             {"has_sections", !sections.empty()},
                             {"front", home.FrontFor(request)}};
          return site.Page(request, site.Translate(request, "Together for inclusion"), "home/home", data);
        },
        http::Kept::kForVisitors);
    routes.Get("/design", core::Access::Anyone(),
               [&site](http::Request& request) { return DesignPage(request, site); });
  });
}

}  // namespace home
