// Template data the monitoring pages share: a cycle, an assessment as its reader may see it, the two views of a
// measure.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include "core/days.hpp"
#include "core/text.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace monitoring {
namespace {

using nlohmann::json;

std::string_view StateTone(std::string_view state) {
  if (state == "verified") return "good";
  if (state == "rejected") return "bad";
  if (state == "needs_evidence") return "warning";
  return "neutral";
}

std::string_view ObservedTone(std::string_view status) {
  if (status == "completed") return "good";
  if (status == "in_progress") return "neutral";
  return status.empty() ? "neutral" : "bad";
}

}  // namespace

json FollowJson(const http::Request& request, MonitoringService& service, const core::Actor& actor,
                const std::string& kind, const std::string& target, const std::string& back) {
  if (!actor.user_id) return nullptr;
  return {{"kind", kind},
          {"target", target},
          {"back", back},
          {"csrf", web::CsrfOf(request)},
          {"following", service.IsFollowing(actor, kind, target)}};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line = core::TrimSpaces(text.substr(start, end - start));
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::vector<Upload> UploadsOf(const std::vector<http::FormPart>* parts) {
  std::vector<Upload> uploads;
  if (parts == nullptr) return uploads;
  for (const http::FormPart& part : *parts) {
    if (!part.filename || (part.filename->empty() && part.body.empty())) continue;  // an input left empty
    const std::string kind = part.name == "photos"      ? "photo"
                             : part.name == "letters"   ? "authority_letter"
                             : part.name == "documents" ? "document"
                                                        : "";
    if (!kind.empty()) uploads.push_back({kind, *part.filename, part.body});
  }
  return uploads;
}

json VisibilityChoices(const web::Reader& reader, const std::string& chosen) {
  json list = json::array();
  for (const std::string_view each : kVisibilities) {
    list.push_back({{"value", each}, {"label", reader.Translate(VisibilityTitle(each))}, {"selected", each == chosen}});
  }
  return list;
}

std::string CriterionName(const web::Reader& reader, const Criterion& criterion) {
  return reader.english() && !criterion.name_en.empty() ? criterion.name_en : criterion.name;
}

json CycleJson(const web::Reader& reader, MonitoringService& service, const Cycle& cycle) {
  json criteria = json::array();
  for (const Criterion& criterion : cycle.criteria) criteria.push_back(CriterionName(reader, criterion));
  return {{"id", cycle.id},
          {"url", "/monitoring/cycles/" + std::to_string(cycle.id)},
          {"title", cycle.title},
          {"place", service.PlaceName(cycle.municipality_code, reader.english())},
          {"place_url", "/places/municipalities/" + cycle.municipality_code},
          {"municipality_code", cycle.municipality_code},
          {"period", reader.Date(cycle.period_start) + " – " + reader.Date(cycle.period_end)},
          {"method", reader.Translate(MethodTitle(cycle.method))},
          {"identity", reader.Translate(IdentityRuleTitle(cycle.identity_rule))},
          {"participation", reader.Translate(ParticipationTitle(cycle.participation))},
          {"open", cycle.status == "open"},
          {"status", web::ui::Badge(reader.Translate(cycle.status == "open" ? "Open" : "Closed"),
                                    cycle.status == "open" ? "good" : "neutral")},
          {"criteria", criteria},
          {"demo", cycle.demo}};
}

json ItemJson(const web::Reader& reader, const ScopeItem& item) {
  const std::string title = reader.Localised(item.title, item.title_en);
  return {{"id", item.id},
          {"code", item.code},
          {"title", title},
          {"label", item.code.empty() ? title : item.code + " " + title},
          {"url", "/policies/items/" + std::to_string(item.id)},
          {"kind", reader.Translate(item.kind == "activity" ? "Activity" : "Measure")},
          {"deadline", item.deadline.empty() ? (item.end_date.empty() ? "" : reader.Date(item.end_date))
                                             : reader.Date(item.deadline)},
          {"demo", item.demo}};
}

json OfficialJson(const web::Reader& reader, const OfficialView& official) {
  return {{"status", reader.Translate(OfficialStatusTitle(official.status))},
          {"progress",
           web::ui::Progress(reader, official.progress ? std::optional<double>(*official.progress) : std::nullopt)}};
}

json CommunityJson(const web::Reader& reader, const CommunityView& community) {
  return {{"status", community.status.empty() ? "" : reader.Translate(ObservedStatusTitle(community.status))},
          {"status_badge",
           web::ui::Badge(community.status.empty() ? reader.Translate("No verified assessment")
                                                   : reader.Translate(ObservedStatusTitle(community.status)),
                          ObservedTone(community.status))},
          {"score", community.mean_score ? json(reader.Number(*community.mean_score)) : json(nullptr)},
          {"assessments", reader.SayPlural("{count} verified assessment", "{count} verified assessments",
                                           community.assessments, {{"count", reader.Number(community.assessments)}})}};
}

json AssessmentJson(const web::Reader& reader, const AssessmentView& view, const std::string& receipt) {
  const Assessment& assessment = view.assessment;
  json scores = json::array();
  for (const Score& score : assessment.scores) {
    if (score.criterion < 0 || static_cast<std::size_t>(score.criterion) >= view.cycle.criteria.size()) continue;
    scores.push_back({{"criterion", CriterionName(reader, view.cycle.criteria[score.criterion])},
                      {"score", score.score ? reader.Number(*score.score) : reader.Translate("not scored")},
                      {"value", score.score ? *score.score : 0},
                      {"reason", score.reason},
                      {"suggestion", score.suggestion}});
  }
  const std::string file_query = receipt.empty() ? "" : "?receipt=" + receipt;
  json photos = json::array();
  json documents = json::array();
  json links = json::array();
  for (const Evidence& each : assessment.evidence) {
    json entry = {
        {"kind", reader.Translate(EvidenceKindTitle(each.kind))},
        {"visibility", reader.Translate(VisibilityTitle(each.visibility))},
        {"restricted", each.visibility != "public"},
        {"name", each.original_name.empty() ? reader.Translate(EvidenceKindTitle(each.kind)) : each.original_name},
        {"url", each.kind == "link" ? each.url : "/monitoring/files/" + each.file_sha256 + file_query}};
    if (each.kind == "link") {
      links.push_back(std::move(entry));
    } else if (each.media_type == "image/jpeg" && each.kind == "photo") {
      photos.push_back(std::move(entry));
    } else {
      entry["size"] = reader.Number((each.size + 1023) / 1024) + " KB";
      documents.push_back(std::move(entry));
    }
  }
  json replies = json::array();
  for (const Reply& reply : assessment.replies) {
    const std::string by =
        reply.replied_by.empty() ? reader.Translate("the municipality (demo data)") : reply.replied_by;
    replies.push_back({{"body", reply.body}, {"by", by}, {"date", reader.Date(core::IsoDay(reply.replied_at))}});
  }
  json events = json::array();
  static constexpr std::pair<std::string_view, std::string_view> kActions[] = {
      {"submitted", "Filed"},   {"evidence_added", "Evidence added"},
      {"verified", "Verified"}, {"evidence_requested", "More evidence asked for"},
      {"rejected", "Rejected"}, {"replied", "The authority answered"}};
  for (const Event& event : view.events) {
    std::string title = event.action;
    for (const auto& [code, msgid] : kActions) {
      if (code == event.action) title = reader.Translate(msgid);
    }
    events.push_back({{"action", title},
                      {"note", event.action == "evidence_added" ? "" : event.note},
                      {"actor", event.actor},
                      {"date", reader.Date(core::IsoDay(event.at))}});
  }
  const std::optional<int> mean = MeanScore(assessment.scores);
  return {
      {"id", assessment.id},
      {"url", "/monitoring/assessments/" + std::to_string(assessment.id)},
      {"item", ItemJson(reader, view.item)},
      {"cycle", {{"title", view.cycle.title}, {"url", "/monitoring/cycles/" + std::to_string(view.cycle.id)}}},
      {"observed", web::ui::Badge(reader.Translate(ObservedStatusTitle(assessment.observed_status)),
                                  ObservedTone(assessment.observed_status))},
      {"observed_code", assessment.observed_status},
      {"state", web::ui::Badge(reader.Translate(StateTitle(assessment.state)), StateTone(assessment.state))},
      {"state_code", assessment.state},
      {"verified", assessment.state == "verified"},
      {"needs_evidence", assessment.state == "needs_evidence"},
      {"state_reason", assessment.state_reason},
      {"filer", view.filer},
      {"filer_is_pseudonym", view.filer_is_pseudonym},
      {"filer_account", assessment.filed_by_name != view.filer ? assessment.filed_by_name : ""},
      {"anonymous", view.cycle.identity_rule == "anonymous"},
      {"date", reader.Date(core::IsoDay(assessment.filed_at))},
      {"narrative", assessment.narrative},
      {"scores", scores},
      {"has_scores", !scores.empty()},
      {"mean", mean ? json(reader.Number(*mean)) : json(nullptr)},
      {"has_photos", !photos.empty()},
      {"photos", photos},
      {"documents", documents},
      {"links", links},
      {"has_evidence", !photos.empty() || !documents.empty() || !links.empty()},
      {"replies", replies},
      {"has_replies", !replies.empty()},
      {"events", events},
      {"version", assessment.version},
      {"may_moderate", view.may_moderate && (assessment.state == "submitted" || assessment.state == "needs_evidence")},
      {"may_reply", view.may_reply},
      {"may_add_evidence", view.may_add_evidence},
      {"demo", assessment.demo}};
}

}  // namespace monitoring
