// An assessment's page: what the monitor saw, scores, evidence, the authority's answer and every step; the forms to
// moderate it and to answer it; and the stored files, served to whoever may see them.
#include <fmt/format.h>

#include "core/text.hpp"
#include "http/multipart.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace monitoring {
namespace {

using nlohmann::json;

constexpr std::string_view kId = "{id:int}";

std::string AssessmentPath(std::int64_t id) { return "/monitoring/assessments/" + std::to_string(id); }

std::string_view ExtensionOf(std::string_view media_type) {
  if (media_type == "application/pdf") return ".pdf";
  if (media_type == "text/plain") return ".txt";
  if (media_type == "application/msword") return ".doc";
  if (media_type.ends_with("wordprocessingml.document")) return ".docx";
  if (media_type.ends_with("spreadsheetml.sheet")) return ".xlsx";
  if (media_type.ends_with("opendocument.text")) return ".odt";
  if (media_type.ends_with("opendocument.spreadsheet")) return ".ods";
  return "";
}

http::Response AssessmentPage(http::Request& request, const web::Site& site, MonitoringService& service,
                              std::int64_t id, const web::Refusal& refusal, const std::string& typed_reason,
                              const std::string& typed_reply) {
  const auto view = service.Read(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  const web::Reader reader = site.ReaderOf(request);
  const auto id_of = [](std::string_view field) { return "assessment-" + std::string(field); };
  json data = AssessmentJson(reader, *view);
  data["csrf"] = web::CsrfOf(request);
  data["typed_reason"] = typed_reason;
  data["typed_reply"] = typed_reply;
  data["refusal"] = refusal.Data(reader, id_of);
  data["problems"] = data["refusal"]["problems"];
  data["item_side_by_side"] = "/policies/items/" + std::to_string(view->item.id);
  data["evidence_action"] = AssessmentPath(id) + "/evidence";
  data["visibilities"] = VisibilityChoices(reader, "public");
  const std::string title = reader.Say("Assessment of {item}", {{"item", data["item"]["label"].get<std::string>()}});
  return site.Page(request, title, "monitoring/assessment", data, refusal.Empty() ? 200 : refusal.Status());
}

// A moderation, a reply or evidence refused: the page again with the message beside what was typed; what no form
// can mend (not found, forbidden) as the error page.
http::Response Refused(http::Request& request, const web::Site& site, MonitoringService& service, std::int64_t id,
                       const core::Error& error, const std::string& reason, const std::string& reply) {
  if (error.kind == core::ErrorKind::kForbidden || error.kind == core::ErrorKind::kNotFound) {
    return site.Fail(request, error);
  }
  return AssessmentPage(request, site, service, id, web::Refusal::Of(error), reason, reply);
}

}  // namespace

void AddAssessmentPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service) {
  const std::string path = "/monitoring/assessments/" + std::string(kId);
  routes.Get(path, core::Access::Anyone(), [&site, &service](http::Request& request) {
    return AssessmentPage(request, site, service, request.IntParameter("id"), {}, "", "");
  });
  routes.Post(path + "/moderate", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const std::string reason = request.Form("reason").value_or("");
                const auto moderated =
                    service.Moderate(user, id, std::atoll(request.Form("version").value_or("0").c_str()),
                                     request.Form("action").value_or(""), reason);
                if (!moderated) return Refused(request, site, service, id, moderated.error(), reason, "");
                return http::Response::Redirect(AssessmentPath(id));
              });
  routes.Post(path + "/reply", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const std::string body = request.Form("body").value_or("");
                const auto replied = service.Reply(user, id, body);
                if (!replied) return Refused(request, site, service, id, replied.error(), "", body);
                return http::Response::Redirect(AssessmentPath(id));
              });
  // The monitor of a named or pseudonymous cycle adds evidence from the assessment's page (the receipt works too).
  routes.Post(path + "/evidence", core::Access::SignedIn(), http::Body::kFiles,
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto* parts = http::CachedMultipartParts(request);
                const auto added =
                    service.AddEvidence(user, id, "", UploadsOf(parts), Lines(http::PartText(parts, "links")),
                                        http::PartText(parts, "visibility"));
                if (!added) return Refused(request, site, service, id, added.error(), "", "");
                return http::Response::Redirect(AssessmentPath(id));
              });
  routes.Get(
      "/monitoring/files/{sha256:[0-9a-f]{64}}", core::Access::Anyone(), [&site, &service](http::Request& request) {
        const auto file = service.FileFor(kernel::ActorOf(request), request.Parameter("sha256"),
                                          request.Query("receipt").value_or(""));
        if (!file) return site.Fail(request, file.error());
        http::Response response;
        response.body = file->content;
        response.SetHeader("Content-Type", file->media_type);
        response.SetHeader("X-Content-Type-Options", "nosniff");
        // Only photos show in the page; anything else is a download, whatever it claims to be.
        if (file->media_type != "image/jpeg") {
          response.SetHeader("Content-Disposition",
                             fmt::format("attachment; filename=\"evidence-{}{}\"",
                                         request.Parameter("sha256").substr(0, 12), ExtensionOf(file->media_type)));
        }
        response.SetHeader("Cache-Control", "private, max-age=3600");
        return response;
      });
}

kernel::HomeSectionSource MonitoringDesk(const web::Site& site, MonitoringService& service) {
  return [&site, &service](const http::Request& request,
                           const core::SignedIn& user) -> std::optional<kernel::HomeSection> {
    const MonitoringService::Desk desk = service.DeskOf(user);
    if (desk.mine.empty() && desk.waiting.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    json mine = json::array();
    for (const AssessmentView& view : desk.mine) mine.push_back(AssessmentJson(reader, view));
    json waiting = json::array();
    for (const auto& [cycle, count] : desk.waiting) {
      waiting.push_back({{"title", cycle.title},
                         {"url", "/monitoring/cycles/" + std::to_string(cycle.id) + "#waiting"},
                         {"count", reader.SayPlural("{count} assessment waits for moderation",
                                                    "{count} assessments wait for moderation", count,
                                                    {{"count", reader.Number(count)}})}});
    }
    const json data = {{"mine", mine}, {"has_mine", !mine.empty()}, {"waiting", waiting}};
    return kernel::HomeSection{reader.Translate("Community monitoring"),
                               site.RenderBody(request, "monitoring/desk", data)};
  };
}

}  // namespace monitoring
