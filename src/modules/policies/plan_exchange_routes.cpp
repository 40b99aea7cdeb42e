// Import and export of an action plan on the web: the export links on a document's page (in the reader's language:
// docs/formats/action-plan.md), and the import form with its report (what would be created, changed and left alone,
// or every problem with its line and column). A dry run that found no problem keeps the file for an hour
// (PendingImports), and its report offers to apply it without choosing the file again.

#include <fmt/format.h>

#include "formats/format_error.hpp"
#include "formats/table.hpp"
#include "http/multipart.hpp"
#include "modules/policies/plan_languages.hpp"
#include "modules/policies/policies_routes.hpp"
#include "modules/policies/policy_pages.hpp"
#include "web/form.hpp"

namespace policies {
namespace {

using nlohmann::json;

constexpr std::string_view kPreviewGone =
    "This preview is no longer kept: a previewed file waits an hour and is applied once. Choose the file again.";

std::string_view ImportActionTitle(std::string_view action) {
  if (action == "create") return "will be created";
  if (action == "change") return "will be changed";
  return "stays as it is";
}

// A previewed file that can be applied: its token and name, for the "Apply these changes" form.
struct Preview {
  std::string token;
  std::string file_name;
};

http::Response ImportPage(http::Request& request, const web::Site& site, const Document& document,
                          const std::optional<ImportReport>& report, const std::string& error,
                          const std::optional<Preview>& preview = std::nullopt) {
  json data = {{"title", site.Translate(request, "Import the plan")},
               {"document", Localised(request, document.title, document.title_en)},
               {"document_url", DocumentPath(document.id)},
               {"action", DocumentPath(document.id) + "/import"},
               {"error", error.empty() ? "" : site.Translate(request, error)},
               {"csrf", web::CsrfOf(request)}};
  if (report) {
    // A file that is wrong throughout (the wrong sheet, say) has a problem on every line: the page lists the first
    // ones, which tell what is wrong, and says how many more there are.
    constexpr std::size_t kListed = 1000;
    json problems = json::array();
    for (const ImportProblem& problem : report->problems) {
      if (problems.size() == kListed) break;
      problems.push_back({{"line", problem.line},
                          {"code", problem.code},
                          {"uid", problem.uid},
                          {"column", problem.column},
                          {"value", problem.value},
                          {"message", site.Translate(request, problem.message)}});
    }
    json warnings = json::array();
    for (const ImportProblem& warning : report->warnings) {
      if (warnings.size() == kListed) break;
      warnings.push_back({{"line", warning.line},
                          {"code", warning.code},
                          {"column", warning.column},
                          {"value", warning.value},
                          {"message", site.Translate(request, warning.message)}});
    }
    json lines = json::array();
    for (const ImportLine& line : report->lines) {
      if (line.action == "keep" && report->lines.size() > 200) continue;  // a long report lists what changes
      lines.push_back({{"line", line.line},
                       {"action", site.Translate(request, ImportActionTitle(line.action))},
                       {"action_name", line.action},
                       {"code", line.code},
                       {"title", line.title}});
      if (lines.size() == kListed) break;
    }
    data["report"] = {{"dry_run", report->dry_run},
                      {"refused", !report->problems.empty()},
                      {"stored", report->problems.empty() && !report->dry_run},
                      {"created", report->created},
                      {"changed", report->changed},
                      {"unchanged", report->unchanged},
                      {"problems", problems},
                      {"problem_count", report->problems.size()},
                      {"problems_not_listed", report->problems.size() - problems.size()},
                      {"warnings", warnings},
                      {"has_warnings", !warnings.empty()},
                      {"lines", lines},
                      {"lines_not_listed", report->lines.size() - lines.size()}};
    if (preview) {
      data["report"]["apply"] = {{"action", DocumentPath(document.id) + "/import/apply"},
                                 {"token", preview->token},
                                 {"file_name", preview->file_name}};
    }
  }
  // A refused file, or one with problems, is a form to correct and send again.
  const bool refused = !error.empty() || (report && !report->problems.empty());
  return site.Page(request, site.Translate(request, "Import the plan"), "policies/import", data,
                   refused ? web::FormStatusOf(core::ErrorKind::kInvalidInput) : 200);
}

// The file's name as the browser gave it, without a path, for the page to say which file it applies.
std::string FileNameOf(const http::FormPart& file) {
  std::string name = file.filename.value_or("");
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name.erase(0, slash + 1);
  return name.substr(0, 200);
}

// Reads and imports a file's bytes: a file that is no table is reported as the import reports a line's problems.
http::Response Import(http::Request& request, const web::Site& site, PoliciesService& policies,
                      const core::SignedIn& user, const Document& document, std::string_view bytes, ImportMode mode,
                      const std::function<std::optional<Preview>()>& keep = {}) {
  const bool dry_run = mode == ImportMode::kDryRun;
  const auto table = formats::ReadTable(bytes);
  if (!table) {
    ImportReport refused;
    refused.dry_run = dry_run;
    refused.problems.push_back({table.error().line.value_or(0),
                                table.error().column ? formats::ColumnName(*table.error().column) : "", "",
                                table.error().message});
    return ImportPage(request, site, document, refused, "");
  }
  const auto report = policies.ImportPlan(user, document.id, *table, mode, {}, EveryPlanLanguage(site.translations()));
  if (!report) {
    if (report.error().kind == core::ErrorKind::kInvalidInput) {
      return ImportPage(request, site, document, std::nullopt, report.error().message);
    }
    return site.Fail(request, report.error());
  }
  std::optional<Preview> preview;
  if (dry_run && report->problems.empty() && keep) preview = keep();
  return ImportPage(request, site, document, *report, "", preview);
}

}  // namespace

void AddPlanExchangeRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies,
                           PendingImports& pending) {
  routes.Get(
      "/policies/documents/{id:int}/export.csv", core::Access::Anyone(), [&site, &policies](http::Request& request) {
        const web::Reader reader = site.ReaderOf(request);
        const PlanLanguage language = PlanLanguageOf(site.translations(), reader.language());
        const auto rows = policies.ExportPlan(request.IntParameter("id"), language);
        if (!rows) return site.Fail(request, rows.error());
        const auto totals = policies.ExportTotals(request.IntParameter("id"), language);
        if (!totals) return site.Fail(request, totals.error());
        http::Response response = http::Response::Text(PlanCsv(*rows, *totals, language));
        response.SetHeader("Content-Type", "text/csv; charset=utf-8");
        response.SetHeader("Content-Disposition",
                           fmt::format("attachment; filename=\"action-plan-{}.csv\"", request.IntParameter("id")));
        return response;
      });

  routes.Get(
      "/policies/documents/{id:int}/export.xlsx", core::Access::Anyone(), [&site, &policies](http::Request& request) {
        const web::Reader reader = site.ReaderOf(request);
        const PlanLanguage language = PlanLanguageOf(site.translations(), reader.language());
        const auto rows = policies.ExportPlan(request.IntParameter("id"), language);
        if (!rows) return site.Fail(request, rows.error());
        const auto totals = policies.ExportTotals(request.IntParameter("id"), language);
        if (!totals) return site.Fail(request, totals.error());
        const auto workbook = PlanXlsx(*rows, *totals, reader.Translate("Action plan"), language, policies.Areas());
        if (!workbook) return site.Fail(request, formats::ToError(workbook.error()));
        http::Response response = http::Response::Text(*workbook);
        response.SetHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.SetHeader("Content-Disposition",
                           fmt::format("attachment; filename=\"action-plan-{}.xlsx\"", request.IntParameter("id")));
        return response;
      });

  routes.Get("/policies/documents/{id:int}/import", core::Access::SignedIn(),
             [&site, &policies](http::Request& request, const core::SignedIn& user) {
               const auto document = policies.DocumentToChange(user, request.IntParameter("id"));
               if (!document) return site.Fail(request, document.error());
               return ImportPage(request, site, *document, std::nullopt, "");
             });

  routes.Post("/policies/documents/{id:int}/import", core::Access::SignedIn(), http::Body::kFiles,
              [&site, &policies, &pending](http::Request& request, const core::SignedIn& user) {
                const auto document = policies.FindDocument(request.IntParameter("id"));
                if (!document) return site.Fail(request, core::Error::NotFound("There is no such document."));
                const auto* parts = http::CachedMultipartParts(request);
                const http::FormPart* file = http::FindPart(parts, "file");
                if (!file || file->body.empty()) {
                  return ImportPage(request, site, *document, std::nullopt, "Choose a CSV or XLSX file to import.");
                }
                const bool dry_run = http::FindPart(parts, "dry_run") != nullptr;
                return Import(request, site, policies, user, *document, file->body,
                              dry_run ? ImportMode::kDryRun : ImportMode::kStore, [&] {
                                return Preview{
                                    pending.Keep(user.user_id(), document->id, FileNameOf(*file), file->body),
                                    FileNameOf(*file)};
                              });
              });

  // "Apply these changes" after a dry run: the file kept then, checked again against the document as it is now.
  routes.Post("/policies/documents/{id:int}/import/apply", core::Access::SignedIn(),
              [&site, &policies, &pending](http::Request& request, const core::SignedIn& user) {
                const auto document = policies.FindDocument(request.IntParameter("id"));
                if (!document) return site.Fail(request, core::Error::NotFound("There is no such document."));
                const std::string token = request.Form("token").value_or("");
                const auto kept = pending.Find(user.user_id(), document->id, token);
                if (!kept) {
                  return ImportPage(request, site, *document, std::nullopt, std::string(kPreviewGone));
                }
                http::Response response =
                    Import(request, site, policies, user, *document, kept->bytes, ImportMode::kStore);
                if (response.status == 200) pending.Forget(token);  // stored: a refused file may be applied later
                return response;
              });
}

}  // namespace policies
