// /api/v1/requests: the public filings with their deadlines (a list, also CSV), one filing with its events, how each
// institution answers; filing one and recording a step, refused as the forms refuse them.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "modules/requests/requests_routes.hpp"
#include "web/json_body.hpp"

namespace requests {
namespace {

using nlohmann::json;

}  // namespace

void AddFilingsApi(kernel::Routes& routes, const web::Site& site, FilingsService& service) {
  routes.Get("/api/v1/requests", core::Access::Anyone(), [&service](http::Request& request) {
    FilingFilter filter;
    filter.kind = request.Query("kind").value_or("");
    filter.place_code = request.Query("place").value_or("");
    json list = json::array();
    for (const FilingView& view : service.List(kernel::ActorOf(request), filter)) {
      json record = FilingApiJson(view);
      record.erase("events");  // a list is one row per filing; the record has its events
      record["rules"] = fmt::format("{}", fmt::join(view.clock.rules, " "));
      list.push_back(std::move(record));
    }
    return web::Site::List({{"requests", list}}, "requests");
  });
  routes.Get("/api/v1/requests/institutions", core::Access::Anyone(), [&service](http::Request&) {
    json list = json::array();
    for (const OnTime& figure : service.Institutions()) {
      const auto share = figure.share();
      list.push_back({{"place", figure.place_code},
                      {"addressee", figure.addressee},
                      {"on_time", figure.on_time},
                      {"late", figure.late},
                      {"not_answered", figure.silent},
                      {"waiting", figure.waiting},
                      {"on_time_share", share ? json(std::round(*share * 10) / 10) : json(nullptr)}});
    }
    return web::Site::List({{"institutions", list}}, "institutions");
  });
  routes.Get("/api/v1/requests/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto view = service.Read(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    json record = FilingApiJson(*view);
    record["body"] = view->filing.body;
    record["letter"] = view->may_record ? json(LetterText(view->filing)) : json(nullptr);
    return web::Site::Json(record);
  });
  routes.Post("/api/v1/requests", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(
                    request,
                    {"kind", "place", "addressee_kind", "addressee", "channel", "access_form", "subject", "body",
                     "filed_on", "registered_on", "registration_number", "violation_on", "contact"},
                    {"organisation_id"}, {"public"});
                if (!body) return site.Fail(request, body.error());
                Filing filing;
                filing.kind = web::TextIn(*body, "kind");
                filing.place_code = web::TextIn(*body, "place");
                filing.addressee_kind = web::TextIn(*body, "addressee_kind");
                if (filing.addressee_kind.empty()) filing.addressee_kind = "municipality";
                filing.addressee = web::TextIn(*body, "addressee");
                filing.channel = web::TextIn(*body, "channel");
                filing.access_form = web::TextIn(*body, "access_form");
                if (filing.access_form.empty()) filing.access_form = "electronic_copy";
                filing.subject = web::TextIn(*body, "subject");
                filing.body = web::TextIn(*body, "body");
                filing.filed_on = web::TextIn(*body, "filed_on");
                filing.registered_on = web::TextIn(*body, "registered_on");
                filing.registration_number = web::TextIn(*body, "registration_number");
                filing.violation_on = web::TextIn(*body, "violation_on");
                filing.contact = web::TextIn(*body, "contact");
                filing.organisation_id = web::IdIn(*body, "organisation_id");
                filing.is_public = web::FlagIn(*body, "public", true);
                const auto filed = service.File(user, filing);
                if (!filed) return site.Fail(request, filed.error());
                const auto view = service.Read(user, filed->id);
                return web::Site::JsonCreated(FilingApiJson(*view), FilingPath(filed->id));
              });
  routes.Post("/api/v1/requests/{id:int}/events", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"kind", "day", "detail", "grounds", "text"}, {"version"});
                if (!body) return site.Fail(request, body.error());
                FilingEvent event;
                event.kind = web::TextIn(*body, "kind");
                event.day = web::TextIn(*body, "day");
                event.detail = web::TextIn(*body, "detail");
                event.grounds = web::TextIn(*body, "grounds");
                event.text = web::TextIn(*body, "text");
                const std::int64_t id = request.IntParameter("id");
                // Without a version, the step follows whatever is recorded now.
                std::int64_t version = web::IdIn(*body, "version").value_or(0);
                if (version == 0) {
                  const auto current = service.Read(user, id);
                  if (!current) return site.Fail(request, current.error());
                  version = current->filing.version;
                }
                const auto recorded = service.Record(user, id, version, event);
                if (!recorded) return site.Fail(request, recorded.error());
                return web::Site::JsonCreated(FilingApiJson(*recorded), FilingPath(id));
              });
}

}  // namespace requests
