// Monitoring cycles: the list, opening one, a cycle's page with its scope and assessments, closing it.
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "core/text.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace monitoring {
namespace {

using nlohmann::json;

constexpr std::string_view kId = "{id:int}";

std::string CyclePath(std::int64_t id) { return "/monitoring/cycles/" + std::to_string(id); }

// The criteria as typed, one per line; a preset's name in either language keeps both names.
std::vector<Criterion> CriteriaOf(const std::string& text) {
  std::vector<Criterion> criteria;
  std::istringstream lines(text);
  std::string line;
  std::vector<Criterion> presets = ScorecardPreset();
  for (Criterion& each : PlanReviewCriteria()) presets.push_back(std::move(each));
  while (std::getline(lines, line)) {
    line = core::TrimSpaces(line);
    if (line.empty()) continue;
    const auto preset =
        std::ranges::find_if(presets, [&](const Criterion& each) { return each.name == line || each.name_en == line; });
    criteria.push_back(preset != presets.end() ? *preset : Criterion{line, ""});
  }
  return criteria;
}

Cycle CycleOf(const http::Request& request) {
  Cycle cycle;
  cycle.title = request.Form("title").value_or("");
  cycle.municipality_code = request.Form("municipality").value_or("");
  const std::string document = request.Form("document").value_or("");
  if (!document.empty() && std::all_of(document.begin(), document.end(), ::isdigit) && document.size() < 18) {
    cycle.document_id = std::stoll(document);
  }
  cycle.period_start = request.Form("period_start").value_or("");
  cycle.period_end = request.Form("period_end").value_or("");
  cycle.method = request.Form("method").value_or("");
  cycle.identity_rule = request.Form("identity_rule").value_or("");
  cycle.participation = request.Form("participation").value_or("");
  const std::string organisation = request.Form("organisation").value_or("");
  if (!organisation.empty() && organisation.size() < 18 &&
      std::all_of(organisation.begin(), organisation.end(), ::isdigit)) {
    cycle.organisation_id = std::stoll(organisation);
  }
  cycle.criteria = CriteriaOf(request.Form("criteria").value_or(""));
  return cycle;
}

json Choices(const web::Reader& reader, const auto& codes, auto title, const std::string& chosen) {
  json list = json::array();
  for (const std::string_view code : codes) {
    list.push_back({{"value", code}, {"label", reader.Translate(title(code))}, {"checked", code == chosen}});
  }
  return list;
}

http::Response CycleForm(http::Request& request, const web::Site& site, MonitoringService& service,
                         const core::SignedIn& user, const Cycle& typed, const std::string& criteria_text,
                         const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto id_of = [](std::string_view field) { return "cycle-" + std::string(field); };
  json organisations = json::array();
  for (const accounts::Organisation& each : service.OrganisationsFor(user)) {
    organisations.push_back({{"value", each.id}, {"label", each.name}, {"selected", each.id == typed.organisation_id}});
  }
  std::map<std::string, std::string> oblasts;
  for (const places::Oblast& each : service.AllOblasts())
    oblasts[each.code] = reader.Localised(each.name_bg, each.name_en);
  std::vector<places::Municipality> municipalities = service.AllMunicipalities();
  reader.SortByName(municipalities,
                    [](const places::Municipality& each) -> const std::string& { return each.name_bg; });
  json places = json::array();
  for (const places::Municipality& each : municipalities) {
    places.push_back({{"value", each.code},
                      {"label", reader.Localised(each.name_bg, each.name_en) + " (" + oblasts[each.oblast_code] + ")"},
                      {"selected", each.code == typed.municipality_code}});
  }
  json plans = json::array();
  for (const policies::Document& plan : service.PlansOf(typed.municipality_code)) {
    plans.push_back({{"value", plan.id},
                     {"label", reader.Localised(plan.title, plan.title_en)},
                     {"selected", typed.document_id && *typed.document_id == plan.id}});
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"title", typed.title},
                     {"period_start", typed.period_start},
                     {"period_end", typed.period_end},
                     {"criteria", criteria_text},
                     {"organisations", organisations},
                     {"has_organisations", !organisations.empty()},
                     {"municipalities", places},
                     {"plans", plans},
                     {"has_plans", !plans.empty()},
                     {"methods", Choices(reader, kMethods, MethodTitle, typed.method)},
                     {"identity_rules", Choices(reader, kIdentityRules, IdentityRuleTitle, typed.identity_rule)},
                     {"participations", Choices(reader, kParticipation, ParticipationTitle, typed.participation)},
                     {"problems", refusal.Data(reader, id_of)["problems"]},
                     {"refusal", refusal.Data(reader, id_of)}};
  return site.Page(request, reader.Translate("Open a monitoring cycle"), "monitoring/cycle_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

std::string PresetText(const web::Reader& reader) {
  std::string text;
  for (const Criterion& criterion : ScorecardPreset()) text += CriterionName(reader, criterion) + "\n";
  return text;
}

constexpr std::size_t kActionRows = 6;  // empty rows the closing form offers

// The closing as typed: the meeting, then the action rows that say anything (an empty row is no action).
std::pair<Outcome, std::vector<Action>> ClosingOf(const http::Request& request) {
  Outcome outcome;
  outcome.meeting_date = request.Form("meeting_date").value_or("");
  outcome.summary = request.Form("summary").value_or("");
  std::vector<Action> actions;
  for (std::size_t n = 0; n < kMaxActions; ++n) {
    const std::string prefix = "action_" + std::to_string(n) + "_";
    Action action;
    action.title = request.Form(prefix + "title").value_or("");
    action.owner = request.Form(prefix + "owner").value_or("");
    action.due_date = request.Form(prefix + "due").value_or("");
    if (core::TrimSpaces(action.title).empty() && core::TrimSpaces(action.owner).empty() &&
        core::TrimSpaces(action.due_date).empty()) {
      continue;
    }
    actions.push_back(std::move(action));
  }
  return {std::move(outcome), std::move(actions)};
}

http::Response ClosingForm(http::Request& request, const web::Site& site, MonitoringService& service,
                           const Cycle& cycle, const Outcome& outcome, std::vector<Action> actions,
                           const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto id_of = [](std::string_view field) { return "closing-" + std::string(field); };
  const std::size_t rows_shown = std::min(kMaxActions, std::max(kActionRows, actions.size() + 1));
  actions.resize(std::max(actions.size(), rows_shown));
  json rows = json::array();
  for (std::size_t n = 0; n < actions.size(); ++n) {
    const std::string prefix = "action_" + std::to_string(n) + "_";
    rows.push_back({{"n", n},
                    {"number", n + 1},
                    {"title", actions[n].title},
                    {"owner", actions[n].owner},
                    {"due", actions[n].due_date},
                    {"title_problem", refusal.ProblemOf(reader, prefix + "title")},
                    {"owner_problem", refusal.ProblemOf(reader, prefix + "owner")},
                    {"due_problem", refusal.ProblemOf(reader, prefix + "due")}});
  }
  json follow_ups = json::array();
  for (const Action& action : service.FollowUps(cycle)) {
    follow_ups.push_back({{"title", action.title},
                          {"owner", action.owner},
                          {"due", action.due_date.empty() ? "" : reader.Date(action.due_date)},
                          {"status", reader.Translate(ActionStatusTitle(action.status))}});
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"cycle", CycleJson(reader, service, cycle)},
                     {"meeting_date", outcome.meeting_date},
                     {"summary", outcome.summary},
                     {"actions", rows},
                     {"follow_ups", follow_ups},
                     {"has_follow_ups", !follow_ups.empty()},
                     {"problems", refusal.Data(reader, id_of)["problems"]},
                     {"refusal", refusal.Data(reader, id_of)}};
  return site.Page(request, reader.Translate("Close the cycle"), "monitoring/close", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

// An action's form sent back: what was typed in it, from which version, and why it was refused.
struct TypedAction {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string status;
  std::string note;
  web::Refusal refusal;
};

json ActionsJson(const web::Reader& reader, const std::vector<Action>& actions, const std::string& today,
                 bool may_update, const TypedAction& typed) {
  json list = json::array();
  for (const Action& action : actions) {
    const bool refused = typed.id == action.id && !typed.refusal.Empty();
    // A form refused as stale carries the version stored now, so that saving it again, having seen what is stored
    // (shown above it), replaces that; one refused for its input keeps the version it was opened at.
    const bool stale = refused && typed.refusal.kind == core::ErrorKind::kConflict;
    const std::string& chosen = refused ? typed.status : action.status;
    json statuses = json::array();
    for (const std::string_view each : kActionStatuses) {
      statuses.push_back(
          {{"value", each}, {"label", reader.Translate(ActionStatusTitle(each))}, {"selected", each == chosen}});
    }
    const bool late = !action.due_date.empty() && action.due_date < today;
    const std::string_view tone = action.status == "done"      ? "good"
                                  : action.status == "dropped" ? "neutral"
                                  : late                       ? "bad"
                                                               : "warning";
    list.push_back(
        {{"id", action.id},
         {"title", action.title},
         {"owner", action.owner},
         {"due", action.due_date.empty() ? "" : reader.Date(action.due_date)},
         {"status", web::ui::Badge(reader.Translate(ActionStatusTitle(action.status)), tone)},
         {"statuses", statuses},
         {"note", action.note},
         {"typed_note", refused ? typed.note : action.note},
         {"version", refused && !stale ? typed.version : action.version},
         {"action_refusal",
          refused ? typed.refusal.Data(
                        reader, [&](std::string_view field) { return fmt::format("action-{}-{}", action.id, field); })
                  : json(nullptr)},
         {"may_update", may_update}});
  }
  return list;
}

http::Response CyclesPage(http::Request& request, const web::Site& site, MonitoringService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  json cycles = json::array();
  bool demo = false;
  for (const Cycle& cycle : service.Cycles(request.Query("municipality").value_or(""))) {
    json entry = CycleJson(reader, service, cycle);
    const auto counts = service.CountByState(cycle.id);
    const auto verified = counts.find("verified");
    entry["verified"] = reader.Number(verified == counts.end() ? 0 : verified->second);
    entry["organisation"] = service.OrganisationName(cycle.organisation_id);
    demo = demo || cycle.demo;
    cycles.push_back(std::move(entry));
  }
  const json data = {
      {"cycles", cycles},
      {"has_cycles", !cycles.empty()},
      {"demo", demo},
      {"may_open", MonitoringService::MayOpenCycles(actor)},
      {"none",
       web::ui::Empty(reader.Translate("No monitoring cycle has been opened yet."),
                      MonitoringService::MayOpenCycles(actor) ? reader.Translate("Open a monitoring cycle") : "",
                      MonitoringService::MayOpenCycles(actor) ? "/monitoring/new" : "")}};
  return site.Page(request, reader.Translate("Community monitoring"), "monitoring/cycles", data);
}

http::Response CyclePage(http::Request& request, const web::Site& site, MonitoringService& service,
                         std::int64_t cycle_id, const TypedAction& typed = {}) {
  const auto cycle = service.FindCycle(cycle_id);
  if (!cycle) return site.Fail(request, cycle.error());
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const std::vector<AssessmentView> assessments = service.AssessmentsOfCycle(actor, *cycle);
  std::map<std::int64_t, int> counted;
  json waiting = json::array();
  json verified = json::array();
  for (const AssessmentView& view : assessments) {
    json entry = AssessmentJson(reader, view);
    if (view.assessment.state == "verified") {
      ++counted[view.assessment.item_id];
      verified.push_back(std::move(entry));
    } else {
      waiting.push_back(std::move(entry));
    }
  }
  const bool may_file = MonitoringService::MayFile(actor, *cycle);
  json items = json::array();
  for (const ScopeItem& item : service.Scope(*cycle)) {
    json entry = ItemJson(reader, item);
    entry["official"] = OfficialJson(reader, item.official);
    entry["assessed"] = reader.Number(counted[item.id]);
    entry["assess_url"] = may_file ? CyclePath(cycle->id) + "/assess?item=" + std::to_string(item.id) : "";
    items.push_back(std::move(entry));
  }
  json data = CycleJson(reader, service, *cycle);
  data["organisation"] = service.OrganisationName(cycle->organisation_id);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["waiting"] = waiting;
  data["has_waiting"] = !waiting.empty();
  data["verified_assessments"] = verified;
  data["has_verified"] = !verified.empty();
  data["may_file"] = may_file;
  data["may_moderate"] = MonitoringService::MayModerate(actor, *cycle);
  data["assess_url"] = CyclePath(cycle->id) + "/assess";
  data["report_url"] = CyclePath(cycle->id) + "/report";
  data["csrf"] = web::CsrfOf(request);
  data["threshold"] = service.threshold();
  data["no_items"] =
      web::ui::Empty(reader.Translate("The cycle's municipality has no adopted plan with measures yet."));
  const bool may_update = service.MayUpdateActions(actor, *cycle);
  if (const auto outcome = service.OutcomeOf(cycle->id)) {
    data["outcome"] = {{"meeting_date", reader.Date(outcome->meeting_date)},
                       {"summary", outcome->summary},
                       {"closed_by", outcome->closed_by}};
  }
  const std::vector<Action> actions = service.ActionsOf(cycle->id);
  std::vector<Action> follow_ups = service.FollowUps(*cycle);
  // A follow-up someone closed meanwhile has left the list; the form refused because of it stays on the page it was
  // sent from, with what was typed and what is stored now.
  const auto lists = [&typed](const std::vector<Action>& list) {
    return std::ranges::any_of(list, [&typed](const Action& action) { return action.id == typed.id; });
  };
  if (!typed.refusal.Empty() && !lists(actions) && !lists(follow_ups)) {
    for (Action& earlier : service.EarlierActions(*cycle)) {
      if (earlier.id == typed.id) follow_ups.push_back(std::move(earlier));
    }
  }
  data["actions"] = ActionsJson(reader, actions, service.Today(), may_update, typed);
  data["has_actions"] = !data["actions"].empty();
  data["follow_ups"] = ActionsJson(reader, follow_ups, service.Today(), may_update, typed);
  data["has_follow_ups"] = !data["follow_ups"].empty();
  data["unfed"] = request.Query("fed").value_or("") == "0";
  data["close_url"] = CyclePath(cycle->id) + "/close";
  data["back"] = CyclePath(cycle->id);
  data["plan_query"] = cycle->document_id ? "?plan=" + std::to_string(*cycle->document_id) : "";
  if (cycle->document_id) {
    data["follow"] =
        FollowJson(request, service, actor, "document", std::to_string(*cycle->document_id), CyclePath(cycle->id));
  }
  return site.Page(request, cycle->title, "monitoring/cycle", data,
                   typed.refusal.Empty() ? 200 : typed.refusal.Status());
}

}  // namespace

void AddCyclePages(kernel::Routes& routes, const web::Site& site, MonitoringService& service) {
  routes.Get("/monitoring", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return CyclesPage(request, site, service); });
  routes.Get("/monitoring/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               if (!MonitoringService::MayOpenCycles(user)) {
                 return site.Fail(request, core::Error::Forbidden(
                                               "Only editors of a civil-society organisation open monitoring cycles."));
               }
               const web::Reader reader = site.ReaderOf(request);
               Cycle blank;
               const auto organisations = service.OrganisationsFor(user);
               if (!organisations.empty()) {
                 blank.organisation_id = organisations.front().id;
                 blank.municipality_code = organisations.front().municipality_code;
               }
               if (auto municipality = request.Query("municipality")) blank.municipality_code = *municipality;
               return CycleForm(request, site, service, user, blank, PresetText(reader), {});
             });
  routes.Post("/monitoring/new", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const Cycle typed = CycleOf(request);
                const auto opened = service.OpenCycle(user, typed);
                if (!opened) {
                  if (opened.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, opened.error());
                  return CycleForm(request, site, service, user, typed, request.Form("criteria").value_or(""),
                                   web::Refusal::Of(opened.error()));
                }
                return http::Response::Redirect(CyclePath(opened->id));
              });
  routes.Get("/monitoring/cycles/" + std::string(kId), core::Access::Anyone(),
             [&site, &service](http::Request& request) {
               return CyclePage(request, site, service, request.IntParameter("id"));
             });
  const std::string close = "/monitoring/cycles/" + std::string(kId) + "/close";
  routes.Get(close, core::Access::SignedIn(), [&site, &service](http::Request& request, const core::SignedIn& user) {
    const auto cycle = service.FindCycle(request.IntParameter("id"));
    if (!cycle) return site.Fail(request, cycle.error());
    if (!MonitoringService::MayModerate(user, *cycle)) {
      return site.Fail(request,
                       core::Error::Forbidden("Only the editors of the organisation that runs the cycle close it."));
    }
    if (cycle->status != "open") return site.Fail(request, core::Error::Conflict("The cycle is closed already."));
    return ClosingForm(request, site, service, *cycle, {}, {}, {});
  });
  routes.Post(close, core::Access::SignedIn(), [&site, &service](http::Request& request, const core::SignedIn& user) {
    const auto cycle = service.FindCycle(request.IntParameter("id"));
    if (!cycle) return site.Fail(request, cycle.error());
    auto [outcome, actions] = ClosingOf(request);
    const auto closed = service.CloseCycle(user, cycle->id, outcome, actions);
    if (!closed) {
      if (closed.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, closed.error());
      return ClosingForm(request, site, service, *cycle, outcome, actions, web::Refusal::Of(closed.error()));
    }
    return http::Response::Redirect(CyclePath(cycle->id) + (closed->unfed.empty() ? "" : "?fed=0"));
  });
  routes.Post("/monitoring/actions/" + std::string(kId), core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                TypedAction typed{request.IntParameter("id"),
                                  web::IdIn(request.Form("version")).value_or(0),
                                  request.Form("status").value_or(""),
                                  request.Form("note").value_or(""),
                                  {}};
                const auto updated = service.UpdateAction(user, typed.id, typed.version, typed.status, typed.note);
                // The page the form was on: a cycle's page (its own plan, or a later cycle's follow-up).
                const std::string back = request.Form("back").value_or("");
                const std::string_view prefix = "/monitoring/cycles/";
                const bool local = back.starts_with(prefix) && back.find("//") == std::string::npos;
                if (!updated) {
                  const core::ErrorKind kind = updated.error().kind;
                  if (kind != core::ErrorKind::kConflict && kind != core::ErrorKind::kInvalidInput) {
                    return site.Fail(request, updated.error());
                  }
                  // That page again, with what was typed in the action's form and what is stored above it.
                  typed.refusal = web::Refusal::Of(updated.error());
                  const auto shown = local ? web::IdIn(back.substr(prefix.size())) : std::nullopt;
                  const auto action = service.FindAction(typed.id);
                  return CyclePage(request, site, service, shown.value_or(action ? action->cycle_id : 0), typed);
                }
                return http::Response::Redirect(local ? back : CyclePath(updated->cycle_id));
              });
}

}  // namespace monitoring
