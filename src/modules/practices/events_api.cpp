// /api/v1/practices/events and /api/v1/practices/studies: the platform's events and research as open data (JSON, and
// CSV and XLSX by web::Site::List), one row each, the municipalities joined into one column; a study with its findings.
#include "core/days.hpp"
#include "modules/practices/practices_routes.hpp"

namespace practices {
namespace {

using nlohmann::json;

// "DOB17;BE-44021", or with how many people each sent: "DOB17:12;BE-44021:8".
std::string Joined(const std::vector<NamedMunicipality>& municipalities, bool participants) {
  std::string text;
  for (const NamedMunicipality& each : municipalities) {
    (text += text.empty() ? "" : ";") += each.code;
    if (participants) text += ":" + std::to_string(each.participants);
  }
  return text;
}

json EventJson(const PlatformEvent& event) {
  return {{"id", event.meeting.id},
          {"url", EventPath(event.meeting.id)},
          {"title", event.meeting.title},
          {"kind", CodeOf(event.kind)},
          {"starts_at", event.meeting.starts_at},
          {"ends_at", event.meeting.ends_at},
          {"location", event.meeting.location},
          {"body", event.body.name},
          {"host", event.host ? json(event.host->code) : json()},
          {"host_name_en", event.host ? json(event.host->name_en) : json()},
          {"municipalities", Joined(event.municipalities, true)},
          {"participants", event.Participants()},
          {"demo", event.meeting.demo}};
}

json StudyJson(const Study& study) {
  return {{"id", study.id},
          {"url", "/practices/studies/" + std::to_string(study.id)},
          {"title", study.title},
          {"authors", study.authors},
          {"year", study.year ? json(*study.year) : json()},
          {"link", study.link},
          {"municipalities", Joined(study.municipalities, false)},
          {"findings", study.findings.size()},
          {"created_at", core::IsoUtc(study.created_at)},
          {"demo", study.demo}};
}

}  // namespace

void AddEventsApi(kernel::Routes& routes, const web::Site& site, EventsService& service) {
  routes.Get("/api/v1/practices/events", core::Access::Anyone(), [&service](http::Request& request) {
    json items = json::array();
    for (const PlatformEvent& event : service.Events(kernel::ActorOf(request))) items.push_back(EventJson(event));
    return web::Site::List({{"items", std::move(items)}}, "items");
  });
  routes.Get("/api/v1/practices/studies", core::Access::Anyone(), [&service](http::Request&) {
    json items = json::array();
    for (const Study& study : service.Studies()) items.push_back(StudyJson(study));
    return web::Site::List({{"items", std::move(items)}}, "items");
  });
  routes.Get("/api/v1/practices/studies/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto study = service.FindStudy(request.IntParameter("id"), request.Query("language").value_or("en"));
    if (!study) return site.Fail(request, study.error());
    json body = StudyJson(*study);
    json findings = json::array();
    for (const Finding& finding : study->findings) {
      findings.push_back({{"text", finding.text},
                          {"practice_id", finding.practice_id ? json(*finding.practice_id) : json()},
                          {"practice_title", finding.practice_id ? json(finding.practice_title) : json()}});
    }
    body["finding_list"] = std::move(findings);
    return web::Site::Json(body);
  });
}

}  // namespace practices
