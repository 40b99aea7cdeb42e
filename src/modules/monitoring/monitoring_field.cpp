// Field collection: a cycle's form as an XLSForm for ODK Collect and KoboCollect, and the import of the submissions
// their servers export, with the same checks as the form on the site and each submission filed once.
#include <fmt/format.h>

#include "http/multipart.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace monitoring {
namespace {

using nlohmann::json;

constexpr std::string_view kId = "{id:int}";

http::Response SubmissionsPage(http::Request& request, const web::Site& site, MonitoringService& service,
                               const Cycle& cycle, const SubmissionsImport* report, const std::string& message) {
  const web::Reader reader = site.ReaderOf(request);
  json data = {{"csrf", web::CsrfOf(request)},
               {"cycle", CycleJson(reader, service, cycle)},
               {"xlsform_url", "/monitoring/cycles/" + std::to_string(cycle.id) + "/xlsform"},
               {"message", message.empty() ? "" : reader.Translate(message)}};
  int status = message.empty() ? 200 : 422;
  if (report != nullptr) {
    json problems = json::array();
    for (const SubmissionProblem& problem : report->problems) {
      problems.push_back({{"line", reader.Number(static_cast<long long>(problem.line))},
                          {"instance", problem.instance_id},
                          {"column", problem.column},
                          {"message", reader.Translate(problem.message)},
                          {"value", problem.value}});
    }
    data["report"] = {
        {"problems", problems},
        {"has_problems", !problems.empty()},
        {"dry_run", report->dry_run},
        {"filed", reader.SayPlural(report->dry_run ? "{count} submission would be filed for moderation."
                                                   : "{count} submission filed for moderation.",
                                   report->dry_run ? "{count} submissions would be filed for moderation."
                                                   : "{count} submissions filed for moderation.",
                                   report->filed, {{"count", reader.Number(report->filed)}})},
        {"repeated", report->repeated == 0
                         ? ""
                         : reader.SayPlural("{count} submission was imported before and is left as it is.",
                                            "{count} submissions were imported before and are left as they are.",
                                            report->repeated, {{"count", reader.Number(report->repeated)}})}};
    if (!problems.empty()) status = 422;
  }
  return site.Page(request, reader.Translate("Import field submissions"), "monitoring/submissions", data, status);
}

}  // namespace

void AddFieldPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service) {
  const std::string cycle_path = "/monitoring/cycles/" + std::string(kId);
  routes.Get(cycle_path + "/xlsform", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto workbook = service.XlsFormOf(user, request.IntParameter("id"));
               if (!workbook) return site.Fail(request, workbook.error());
               return web::Site::Download(*workbook,
                                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                          fmt::format("khetane-cycle-{}.xlsx", request.IntParameter("id")));
             });
  routes.Get(cycle_path + "/submissions", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto cycle = service.FindCycle(request.IntParameter("id"));
               if (!cycle) return site.Fail(request, cycle.error());
               if (!MonitoringService::MayModerate(user, *cycle)) {
                 return site.Fail(request, core::Error::Forbidden(
                                               "Only the editors of the organisation that runs the cycle import its "
                                               "submissions."));
               }
               return SubmissionsPage(request, site, service, *cycle, nullptr, "");
             });
  routes.Post(cycle_path + "/submissions", core::Access::SignedIn(), http::Body::kFiles,
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto cycle = service.FindCycle(request.IntParameter("id"));
                if (!cycle) return site.Fail(request, cycle.error());
                const auto* parts = http::CachedMultipartParts(request);
                const http::FormPart* file = http::FindPart(parts, "file");
                if (file == nullptr || file->body.empty()) {
                  return SubmissionsPage(request, site, service, *cycle, nullptr,
                                         "Choose the CSV or XLSX file your server exported.");
                }
                const auto table = formats::ReadTable(file->body);
                if (!table) {
                  SubmissionsImport unreadable;
                  unreadable.problems.push_back({table.error().line.value_or(0), "",
                                                 table.error().column ? formats::ColumnName(*table.error().column) : "",
                                                 table.error().message, ""});
                  return SubmissionsPage(request, site, service, *cycle, &unreadable, "");
                }
                const bool dry_run = http::FindPart(parts, "dry_run") != nullptr;
                const auto imported = service.ImportSubmissions(user, cycle->id, *table, dry_run);
                if (!imported) return site.Fail(request, imported.error());
                return SubmissionsPage(request, site, service, *cycle, &*imported, "");
              });
}

}  // namespace monitoring
