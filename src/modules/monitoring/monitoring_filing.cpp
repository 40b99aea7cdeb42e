// The form a monitor fills in on a phone, and the receipt it leads to. The form works without JavaScript; with it,
// static/monitoring-drafts.js keeps the draft and its photos on the phone while the connection is down and sends it
// when it returns. Each form carries a key the server made: sent twice, it files once.
#include <fmt/format.h>

#include <charconv>

#include "core/text.hpp"
#include "http/multipart.hpp"
#include "modules/accounts/session.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace monitoring {
namespace {

using nlohmann::json;

constexpr std::string_view kId = "{id:int}";
constexpr std::string_view kReceipt = "{receipt:[A-Za-z0-9_-]{32,128}}";
constexpr std::string_view kFileInputs[] = {"photos", "documents", "letters"};

std::string ReceiptPath(const std::string& key) { return "/monitoring/receipts/" + key; }

std::optional<int> ScoreOf(const std::string& text, bool& not_a_number) {
  const std::string trimmed = core::TrimSpaces(text);
  if (trimmed.empty()) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (error != std::errc() || end != trimmed.data() + trimmed.size()) {
    not_a_number = true;
    return std::nullopt;
  }
  return value;
}

// The filing as the form sent it, and each score as typed (to show it again). A score that is not a whole number
// goes to the service as one out of range, which refuses it beside its field, keeping the files that came with it.
Filing FilingOf(const std::vector<http::FormPart>* parts, const Cycle& cycle,
                std::map<std::string, std::string>& typed_scores) {
  Filing filing;
  filing.key = http::PartText(parts, "key");
  Assessment& assessment = filing.assessment;
  assessment.cycle_id = cycle.id;
  const std::string item = http::PartText(parts, "item");
  assessment.item_id =
      item.size() < 18 && !item.empty() && std::all_of(item.begin(), item.end(), ::isdigit) ? std::stoll(item) : 0;
  assessment.observed_status = http::PartText(parts, "observed_status");
  assessment.narrative = http::PartText(parts, "narrative");
  assessment.pseudonym = http::PartText(parts, "pseudonym");
  for (std::size_t n = 0; n < cycle.criteria.size(); ++n) {
    const std::string suffix = std::to_string(n);
    bool not_a_number = false;
    Score score;
    score.criterion = static_cast<int>(n);
    typed_scores["score_" + suffix] = http::PartText(parts, "score_" + suffix);
    score.score = ScoreOf(typed_scores["score_" + suffix], not_a_number);
    if (not_a_number) score.score = -1;
    score.reason = core::TrimSpaces(http::PartText(parts, "reason_" + suffix));
    score.suggestion = core::TrimSpaces(http::PartText(parts, "suggestion_" + suffix));
    if (score.score || !score.reason.empty() || !score.suggestion.empty())
      assessment.scores.push_back(std::move(score));
  }
  filing.links = Lines(http::PartText(parts, "links"));
  filing.visibility = http::PartText(parts, "visibility");
  filing.uploads = UploadsOf(parts);
  if (parts != nullptr) {
    for (const http::FormPart& part : *parts) {
      if (part.name == "keep" && !part.filename) filing.keep.push_back(part.body);
    }
  }
  return filing;
}

http::Response FilingForm(http::Request& request, const web::Site& site, MonitoringService& service, const Cycle& cycle,
                          const Filing& typed, const std::vector<Evidence>& kept, const std::vector<std::string>& links,
                          const std::map<std::string, std::string>& typed_scores, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto id_of = [](std::string_view field) { return "assessment-" + std::string(field); };
  const json refusal_data = refusal.Data(reader, id_of);
  json items = json::array();
  for (const ScopeItem& item : service.Scope(cycle)) {
    json entry = ItemJson(reader, item);
    entry["selected"] = item.id == typed.assessment.item_id;
    items.push_back(std::move(entry));
  }
  json statuses = json::array();
  for (const std::string_view each : kObservedStatuses) {
    statuses.push_back({{"value", each},
                        {"label", reader.Translate(ObservedStatusTitle(each))},
                        {"checked", each == typed.assessment.observed_status}});
  }
  json criteria = json::array();
  for (std::size_t n = 0; n < cycle.criteria.size(); ++n) {
    const std::string suffix = std::to_string(n);
    const auto score = std::ranges::find_if(typed.assessment.scores,
                                            [&](const Score& each) { return each.criterion == static_cast<int>(n); });
    const bool found = score != typed.assessment.scores.end();
    const auto as_typed = typed_scores.find("score_" + suffix);
    criteria.push_back({{"n", n},
                        {"name", CriterionName(reader, cycle.criteria[n])},
                        {"score", as_typed != typed_scores.end() ? as_typed->second
                                  : found && score->score        ? std::to_string(*score->score)
                                                                 : ""},
                        {"reason", found ? score->reason : ""},
                        {"suggestion", found ? score->suggestion : ""},
                        {"problem", refusal.ProblemOf(reader, "score_" + suffix)},
                        {"reason_problem", refusal.ProblemOf(reader, "reason_" + suffix)},
                        {"suggestion_problem", refusal.ProblemOf(reader, "suggestion_" + suffix)}});
  }
  // Each refused file by its name, beside the input it came in.
  json file_problems = json::object();
  for (const std::string_view input : kFileInputs) file_problems[std::string(input)] = json::array();
  for (const core::FieldProblem& problem : refusal.problems) {
    if (file_problems.contains(problem.field)) {
      file_problems[problem.field].push_back({{"name", problem.value}, {"message", reader.Translate(problem.message)}});
    }
  }
  json kept_files = json::array();
  for (const Evidence& each : kept) {
    kept_files.push_back(
        {{"sha256", each.file_sha256},
         {"name", each.original_name.empty() ? reader.Translate(EvidenceKindTitle(each.kind)) : each.original_name},
         {"kind", reader.Translate(EvidenceKindTitle(each.kind))}});
  }
  std::string links_text;
  for (const std::string& link : links) links_text += link + "\n";
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"key", typed.key},
                     {"cycle", CycleJson(reader, service, cycle)},
                     {"action", "/monitoring/cycles/" + std::to_string(cycle.id) + "/assess"},
                     {"items", items},
                     {"statuses", statuses},
                     {"criteria", criteria},
                     {"narrative", typed.assessment.narrative},
                     {"pseudonymous", cycle.identity_rule == "pseudonymous"},
                     {"anonymous", cycle.identity_rule == "anonymous"},
                     {"pseudonym", typed.assessment.pseudonym},
                     {"links", links_text},
                     {"visibilities", VisibilityChoices(reader, typed.visibility)},
                     {"kept", kept_files},
                     {"has_kept", !kept_files.empty()},
                     {"file_problems", file_problems},
                     {"max_file_bytes", kMaxEvidenceBytes},
                     {"problems", refusal_data["problems"]},
                     {"refusal", refusal_data}};
  return site.Page(request, reader.Translate("File an assessment"), "monitoring/assessment_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response ReceiptPage(http::Request& request, const web::Site& site, MonitoringService& service,
                           const std::string& receipt, const web::Refusal& refusal) {
  const auto view = service.ReadByReceipt(kernel::ActorOf(request), receipt);
  if (!view) return site.Fail(request, view.error());
  const web::Reader reader = site.ReaderOf(request);
  const auto id_of = [](std::string_view field) { return "evidence-" + std::string(field); };
  json data = AssessmentJson(reader, *view, receipt);
  data["receipt_url"] = ReceiptPath(receipt);
  data["evidence_action"] = ReceiptPath(receipt) + "/evidence";
  data["csrf"] = web::CsrfOf(request);
  data["visibilities"] = VisibilityChoices(reader, "public");
  data["refusal"] = refusal.Data(reader, id_of);
  data["problems"] = data["refusal"]["problems"];
  return site.Page(request, reader.Translate("Your assessment"), "monitoring/receipt", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddFilingPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service) {
  const std::string assess = "/monitoring/cycles/" + std::string(kId) + "/assess";
  routes.Get(assess, core::Access::SignedIn(), [&site, &service](http::Request& request, const core::SignedIn& user) {
    const auto cycle = service.FindCycle(request.IntParameter("id"));
    if (!cycle) return site.Fail(request, cycle.error());
    if (auto refused = service.FilingRefused(user, *cycle)) return site.Fail(request, *refused);
    Filing blank;
    blank.key = accounts::NewToken();
    blank.assessment.cycle_id = cycle->id;
    if (const auto item = request.Query("item");
        item && item->size() < 18 && !item->empty() && std::all_of(item->begin(), item->end(), ::isdigit)) {
      blank.assessment.item_id = std::stoll(*item);
    }
    return FilingForm(request, site, service, *cycle, blank, {}, {}, {}, {});
  });
  routes.Post(
      assess, core::Access::SignedIn(), http::Body::kFiles,
      [&site, &service](http::Request& request, const core::SignedIn& user) {
        const auto cycle = service.FindCycle(request.IntParameter("id"));
        if (!cycle) return site.Fail(request, cycle.error());
        const auto* parts = http::CachedMultipartParts(request);
        std::map<std::string, std::string> typed_scores;
        Filing typed = FilingOf(parts, *cycle, typed_scores);
        const std::vector<std::string> links = typed.links;
        const auto filed = service.File(user, typed);
        if (filed) return http::Response::Redirect(ReceiptPath(typed.key));
        const FilingRefusal& refusal = filed.error();
        if (refusal.error.kind == core::ErrorKind::kForbidden || refusal.error.kind == core::ErrorKind::kNotFound) {
          return site.Fail(request, refusal.error);
        }
        if (refusal.error.kind == core::ErrorKind::kConflict) typed.key = accounts::NewToken();
        return FilingForm(request, site, service, *cycle, typed, refusal.kept, links, typed_scores,
                          web::Refusal::Of(refusal.error));
      });
  routes.Get("/monitoring/receipts/" + std::string(kReceipt), core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               return ReceiptPage(request, site, service, request.Parameter("receipt"), {});
             });
  routes.Post("/monitoring/receipts/" + std::string(kReceipt) + "/evidence", core::Access::SignedIn(),
              http::Body::kFiles, [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::string receipt = request.Parameter("receipt");
                const auto view = service.ReadByReceipt(user, receipt);
                if (!view) return site.Fail(request, view.error());
                const auto* parts = http::CachedMultipartParts(request);
                const auto added =
                    service.AddEvidence(user, view->assessment.id, receipt, UploadsOf(parts),
                                        Lines(http::PartText(parts, "links")), http::PartText(parts, "visibility"));
                if (!added) {
                  if (added.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, added.error());
                  return ReceiptPage(request, site, service, receipt, web::Refusal::Of(added.error()));
                }
                return http::Response::Redirect(ReceiptPath(receipt));
              });
}

}  // namespace monitoring
