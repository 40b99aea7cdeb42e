#include "modules/monitoring/monitoring_service.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <unordered_map>

#include "core/days.hpp"
#include "core/text.hpp"
#include "modules/accounts/session.hpp"

namespace monitoring {
namespace {

using core::Role;
using core::ScopeKind;

bool HoldsFor(const core::Actor& actor, Role role, ScopeKind kind, const std::string& code) {
  return std::ranges::any_of(actor.roles, [&](const core::RoleAssignment& assignment) {
    return assignment.role == role && assignment.scope.kind == kind && assignment.scope.code == code;
  });
}

std::string KeyHash(const std::string& key) { return accounts::HashToken(key); }

// A key the server made for a form: long enough that nobody guesses another's receipt.
bool IsWellFormedKey(const std::string& key) {
  return key.size() >= 32 && key.size() <= 128 && std::ranges::all_of(key, [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

// What an anonymous monitor does is dated to the day: a time to the second, set beside a server's access log, could
// point at who sent it.
std::int64_t DayOf(std::int64_t unix_seconds) { return unix_seconds - unix_seconds % 86400; }

}  // namespace

std::string MonitoringService::Today() const { return core::IsoDay(clock_.Now()); }

std::vector<std::int64_t> MonitoringService::EditedOrganisations(const core::Actor& actor) {
  std::vector<std::int64_t> organisations;
  for (const core::RoleAssignment& assignment : actor.roles) {
    if (assignment.role == Role::kCsoEditor && assignment.scope.kind == ScopeKind::kOrganisation) {
      organisations.push_back(std::atoll(assignment.scope.code.c_str()));
    }
  }
  return organisations;
}

bool MonitoringService::MayOpenCycles(const core::Actor& actor) {
  return actor.user_id && (!EditedOrganisations(actor).empty() || actor.IsAdministrator());
}

bool MonitoringService::MayModerate(const core::Actor& actor, const Cycle& cycle) {
  return actor.user_id &&
         (HoldsFor(actor, Role::kCsoEditor, ScopeKind::kOrganisation, std::to_string(cycle.organisation_id)) ||
          actor.IsAdministrator());
}

bool MonitoringService::MayFile(const core::Actor& actor, const Cycle& cycle) {
  if (!actor.user_id || cycle.status != "open") return false;
  if (actor.IsAdministrator()) return true;  // an administrator's scope covers everything
  const std::string organisation = std::to_string(cycle.organisation_id);
  if (HoldsFor(actor, Role::kCommunityMonitor, ScopeKind::kOrganisation, organisation) ||
      HoldsFor(actor, Role::kCsoEditor, ScopeKind::kOrganisation, organisation)) {
    return true;
  }
  if (cycle.participation != "any_monitor") return false;
  return std::ranges::any_of(actor.roles, [&](const core::RoleAssignment& assignment) {
    return assignment.role == Role::kCommunityMonitor &&
           (assignment.scope.kind != ScopeKind::kMunicipality || assignment.scope.code == cycle.municipality_code);
  });
}

std::optional<core::Error> MonitoringService::FilingRefused(const core::Actor& actor, const Cycle& cycle) {
  if (cycle.status != "open") {
    return core::Error::Conflict("The cycle \"{title}\" is closed: it takes no more assessments.")
        .With("title", cycle.title);
  }
  if (!MayFile(actor, cycle)) {
    return core::Error::Forbidden(
        cycle.participation == "any_monitor"
            ? "Only community monitors of this municipality and the organisation's members file in this cycle."
            : "Only the monitors of the organisation that runs this cycle file in it.");
  }
  return std::nullopt;
}

bool MonitoringService::IsOfficialOf(const core::Actor& actor, const std::string& municipality_code) {
  return HoldsFor(actor, Role::kMunicipalOfficial, ScopeKind::kMunicipality, municipality_code);
}

bool MonitoringService::IsFiler(const core::Actor& actor, const Assessment& assessment) {
  return actor.user_id && assessment.filed_by && *actor.user_id == *assessment.filed_by;
}

bool MonitoringService::MaySee(const core::Actor& actor, const Assessment& assessment, const Cycle& cycle) const {
  return assessment.state == "verified" || MayModerate(actor, cycle) || IsFiler(actor, assessment);
}

std::string MonitoringService::PlaceName(const std::string& municipality_code, bool english) {
  const auto found = places_.FindMunicipality(municipality_code);
  if (!found) return municipality_code;
  const places::Municipality& municipality = (*found)->detail.municipality;
  return english && !municipality.name_en.empty() ? municipality.name_en : municipality.name_bg;
}

std::string MonitoringService::OrganisationName(std::int64_t id) {
  const auto organisation = organisations_.Find(id);
  return organisation ? organisation->name : "";
}

std::vector<accounts::Organisation> MonitoringService::OrganisationsFor(const core::Actor& actor) {
  std::vector<accounts::Organisation> organisations;
  if (actor.IsAdministrator()) {
    for (const char* kind : {"cso", "initiative_group"}) {
      for (accounts::Organisation& each : organisations_.List("", kind, 500, 0))
        organisations.push_back(std::move(each));
    }
    return organisations;
  }
  for (const std::int64_t id : EditedOrganisations(actor)) {
    if (auto found = organisations_.Find(id)) organisations.push_back(std::move(*found));
  }
  return organisations;
}

std::vector<policies::Document> MonitoringService::PlansOf(const std::string& municipality_code) {
  if (municipality_code.empty()) return {};
  std::vector<policies::Document> plans = policies_.ListDocuments({policies::Level::kMunicipal, "", municipality_code});
  std::erase_if(plans, [](const policies::Document& plan) { return plan.status == "draft"; });
  return plans;
}

void MonitoringService::Audit(const core::Actor& actor, std::string_view action, const std::string& subject) {
  audit_.Write(actor, action, subject);
}

// Neither the account nor the address nor the request id, which the access log pairs with an address.
void MonitoringService::AuditAnonymously(std::string_view action, const std::string& subject) {
  audit_.Write(std::nullopt, core::Origin{"", ""}, action, subject);
}

core::Result<Cycle> MonitoringService::OpenCycle(const core::Actor& actor, Cycle cycle) {
  if (!MayOpenCycles(actor)) {
    return core::Error::Forbidden("Only editors of a civil-society organisation open monitoring cycles.");
  }
  cycle.title = core::TrimSpaces(cycle.title);
  if (cycle.method == "plan_review") cycle.criteria = PlanReviewCriteria();
  std::erase_if(cycle.criteria, [](const Criterion& criterion) { return core::TrimSpaces(criterion.name).empty(); });
  for (Criterion& criterion : cycle.criteria) criterion.name = core::TrimSpaces(criterion.name);
  std::vector<core::FieldProblem> problems = CycleProblems(cycle);
  const std::vector<std::int64_t> edited = EditedOrganisations(actor);
  if (cycle.organisation_id > 0 && !actor.IsAdministrator() &&
      std::ranges::find(edited, cycle.organisation_id) == edited.end()) {
    problems.push_back({"organisation", "You run cycles only for the organisations you edit for.", ""});
  }
  if (!cycle.municipality_code.empty() && !places_.FindMunicipality(cycle.municipality_code)) {
    problems.push_back({"municipality", "No municipality has this code.", cycle.municipality_code});
  }
  if (cycle.document_id) {
    const auto plans = PlansOf(cycle.municipality_code);
    if (std::ranges::none_of(plans, [&](const policies::Document& plan) { return plan.id == *cycle.document_id; })) {
      problems.push_back({"document", "Choose one of the municipality's plans, or every plan.", ""});
    }
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  if (const auto start = policies::NormaliseDate(cycle.period_start)) cycle.period_start = *start;
  if (const auto end = policies::NormaliseDate(cycle.period_end)) cycle.period_end = *end;
  cycle.created_at = clock_.Now();
  cycle.id = store_.InsertCycle(cycle, actor.user_id);
  Audit(actor, "cycle_opened", fmt::format("cycle {} ({})", cycle.id, cycle.title));
  return cycle;
}

core::Result<Cycle> MonitoringService::FindCycle(std::int64_t id) {
  auto cycle = store_.FindCycle(id);
  if (!cycle) return core::Error::NotFound("There is no such monitoring cycle.");
  return std::move(*cycle);
}

core::Result<MonitoringService::Closed> MonitoringService::CloseCycle(const core::Actor& actor, std::int64_t cycle_id,
                                                                      Outcome outcome, std::vector<Action> actions) {
  auto cycle = FindCycle(cycle_id);
  if (!cycle) return cycle.error();
  if (!MayModerate(actor, *cycle)) {
    return core::Error::Forbidden("Only the editors of the organisation that runs the cycle close it.");
  }
  if (cycle->status != "open") return core::Error::Conflict("The cycle is closed already.");
  outcome.summary = core::TrimSpaces(outcome.summary);
  for (Action& action : actions) {
    action.title = core::TrimSpaces(action.title);
    action.owner = core::TrimSpaces(action.owner);
  }
  std::vector<core::FieldProblem> problems = ClosingProblems(outcome, actions);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  outcome.meeting_date = *policies::NormaliseDate(outcome.meeting_date);
  for (Action& action : actions) action.due_date = *policies::NormaliseDate(action.due_date);
  // The follow-up is measured as it stands when this cycle closes.
  const std::optional<double> done = ShareDone(store_.ActionsBefore(*cycle, false));
  if (!store_.CloseCycle(cycle_id, outcome, actions, actor.user_id, clock_.Now())) {
    return core::Error::Conflict("The cycle is closed already.");
  }
  cycle->status = "closed";
  Audit(actor, "cycle_closed", fmt::format("cycle {} ({})", cycle->id, cycle->title));

  Closed closed{*cycle, {}};
  const auto enter = [&](std::string_view indicator, double value, std::string note) {
    indicators::Entry entry;
    entry.indicator = std::string(indicator);
    entry.place = cycle->municipality_code;
    entry.period = cycle->period_end.substr(0, 4);
    entry.source_kind = "civic";
    entry.value = fmt::format("{:.1f}", value);
    entry.confidence = "medium";
    entry.source_title = cycle->title;
    entry.note = std::move(note);
    if (auto entered = indicators_.Enter(actor, entry); !entered) closed.unfed.push_back(entered.error());
  };
  std::int64_t total = 0, count = 0;
  std::string means;
  const std::vector<Assessment> verified = store_.AssessmentsOfCycle(cycle_id, {"verified"});
  for (std::size_t n = 0; n < cycle->criteria.size(); ++n) {
    std::int64_t criterion_total = 0, criterion_count = 0;
    for (const Assessment& assessment : verified) {
      for (const Score& score : assessment.scores) {
        if (score.criterion == static_cast<int>(n) && score.score) criterion_total += *score.score, ++criterion_count;
      }
    }
    total += criterion_total, count += criterion_count;
    if (criterion_count > 0) {
      means += fmt::format("{}{}: {:.0f}", means.empty() ? "" : "; ", cycle->criteria[n].name,
                           static_cast<double>(criterion_total) / static_cast<double>(criterion_count));
    }
  }
  if (count > 0) enter(kScorecardScore, static_cast<double>(total) / static_cast<double>(count), means);
  if (done) enter(kActionsClosed, *done, "");
  return closed;
}

bool MonitoringService::MayUpdateActions(const core::Actor& actor, const Cycle& cycle) const {
  return MayModerate(actor, cycle) || IsOfficialOf(actor, cycle.municipality_code);
}

core::Result<Action> MonitoringService::UpdateAction(const core::Actor& actor, std::int64_t action_id,
                                                     std::int64_t version, const std::string& status,
                                                     const std::string& note) {
  auto action = store_.FindAction(action_id);
  if (!action) return core::Error::NotFound("There is no such action.");
  auto cycle = FindCycle(action->cycle_id);
  if (!cycle) return cycle.error();
  if (!MayUpdateActions(actor, *cycle)) {
    return core::Error::Forbidden(
        "Only the cycle's moderators and the municipality's officials follow up its joint action plan.");
  }
  if (!IsOneOf(status, kActionStatuses)) {
    return core::Error::InvalidFields({{"status", "Choose where the action stands.", status}});
  }
  const std::string trimmed = core::TrimSpaces(note);
  if (!core::IsValidUtf8(trimmed) || core::CountCharacters(trimmed) > kMaxReason) {
    return core::Error::InvalidFields({{"note", "The text is too long.", trimmed.substr(0, 80)}});
  }
  const auto stale = [] {
    return core::Error::Conflict(
        "Someone saved a change while you were editing it. What is saved now is shown beside what you typed: keep "
        "what you need of both and save again.");
  };
  if (version != action->version) return stale();
  // Checked again by the write: the read above came before it, and a save at the same moment may have come between.
  if (!store_.UpdateAction(action_id, version, status, trimmed, *actor.user_id, clock_.Now())) return stale();
  Audit(actor, "action_updated", fmt::format("action {} of cycle {}: {}", action_id, cycle->id, status));
  action->status = status;
  action->note = trimmed;
  action->version = version + 1;
  return std::move(*action);
}

core::Result<std::string> MonitoringService::XlsFormOf(const core::Actor& actor, std::int64_t cycle_id) {
  auto cycle = FindCycle(cycle_id);
  if (!cycle) return cycle.error();
  if (!MayModerate(actor, *cycle)) {
    return core::Error::Forbidden(
        "Only the editors of the organisation that runs the cycle take its form to the field.");
  }
  std::vector<FormItem> items;
  for (const ScopeItem& item : store_.ScopeOf(*cycle)) {
    const std::string prefix = item.code.empty() ? "" : item.code + " ";
    items.push_back({item.id, prefix + item.title, prefix + (item.title_en.empty() ? item.title : item.title_en)});
  }
  // The version changes with the day, so that a form taken again after the plan changed is a new version to ODK.
  const XlsForm form =
      MakeXlsForm(*cycle, items, fmt::format("{:%Y%m%d}", fmt::gmtime(static_cast<std::time_t>(clock_.Now()))));
  const auto sheet = [](const std::vector<std::vector<std::string>>& rows, const char* name) {
    formats::XlsxSheet each;
    each.rows = &rows;
    each.options.sheet_name = name;
    return each;
  };
  const std::vector<formats::XlsxSheet> sheets = {sheet(form.survey, "survey"), sheet(form.choices, "choices"),
                                                  sheet(form.settings, "settings")};
  auto workbook = formats::WriteXlsxSheets(sheets);
  if (!workbook) return core::Error::Internal(workbook.error().message);
  return std::move(*workbook);
}

core::Result<SubmissionsImport> MonitoringService::ImportSubmissions(const core::Actor& actor, std::int64_t cycle_id,
                                                                     const formats::Table& table, bool dry_run) {
  auto cycle = FindCycle(cycle_id);
  if (!cycle) return cycle.error();
  if (!MayModerate(actor, *cycle)) {
    return core::Error::Forbidden("Only the editors of the organisation that runs the cycle import its submissions.");
  }
  if (cycle->status != "open") return core::Error::Conflict("The cycle is closed already.");
  SubmissionsImport report;
  report.dry_run = dry_run;
  const Submissions read = ReadSubmissions(table.rows, *cycle);
  for (const core::FieldProblem& problem : read.file_problems) {
    report.problems.push_back({1, "", problem.field, problem.message, problem.value});
  }
  if (!report.problems.empty()) return report;

  std::map<std::int64_t, ScopeItem> scope;
  for (ScopeItem& item : store_.ScopeOf(*cycle)) scope.emplace(item.id, std::move(item));
  const bool anonymous = cycle->identity_rule == "anonymous";
  const std::int64_t now = anonymous ? DayOf(clock_.Now()) : clock_.Now();
  std::vector<NewAssessment> filings;
  std::set<std::string> seen;
  for (const Submission& submission : read.rows) {
    const auto problem = [&](const std::string& column, const std::string& message, const std::string& value) {
      report.problems.push_back({submission.line, submission.instance_id, column, message, value});
    };
    for (const core::FieldProblem& each : submission.problems) problem(each.field, each.message, each.value);
    Assessment assessment = submission.assessment;
    for (const core::FieldProblem& each : AssessmentProblems(assessment, *cycle, {})) {
      if (std::ranges::none_of(submission.problems, [&](const core::FieldProblem& read_problem) {
            return read_problem.field.ends_with(each.field);
          })) {
        problem(each.field, each.message, each.value);
      }
    }
    if (assessment.item_id > 0 && !scope.contains(assessment.item_id)) {
      problem("item", "This measure is not in the cycle's scope: choose one of its plans' measures.",
              std::to_string(assessment.item_id));
    }
    if (submission.instance_id.empty()) continue;
    if (!seen.insert(submission.instance_id).second) {
      problem("instanceID", "The same submission is in the file twice.", submission.instance_id);
      continue;
    }
    const std::string key_hash = KeyHash(SubmissionKey(*cycle, submission.instance_id));
    const std::string digest = ContentDigest(assessment, {}, {});
    if (const auto earlier = store_.FindByKey(key_hash)) {
      if (earlier->second == digest) {
        ++report.repeated;
      } else {
        problem("instanceID", "This submission was imported before with other content, and that assessment stands.",
                submission.instance_id);
      }
      continue;
    }
    assessment.filed_by = anonymous ? std::nullopt : actor.user_id;
    filings.push_back({std::move(assessment), key_hash, digest, {}, {}});
  }
  if (!report.problems.empty()) {
    report.repeated = 0;
    return report;
  }
  report.filed = static_cast<int>(filings.size());
  if (dry_run || filings.empty()) return report;
  store_.database().Transaction([&](db::Connection& connection) {
    for (const NewAssessment& filing : filings) MonitoringStore::InsertAssessment(connection, filing, now);
  });
  const std::string subject = fmt::format("{} submissions into cycle {}", filings.size(), cycle->id);
  if (anonymous) {
    AuditAnonymously("submissions_imported", subject);
  } else {
    Audit(actor, "submissions_imported", subject);
  }
  return report;
}

core::Result<bool> MonitoringService::Follow(const core::Actor& actor, const std::string& kind,
                                             const std::string& target) {
  if (!actor.user_id) return core::Error::Forbidden("Sign in to follow it.");
  bool exists = false;
  const bool numeric = !target.empty() && target.size() < 18 && std::ranges::all_of(target, ::isdigit);
  if (kind == "item") {
    exists = numeric && store_.FindScopeItem(std::stoll(target)).has_value();
  } else if (kind == "document") {
    const auto plan = numeric ? policies_.FindDocument(std::stoll(target)) : std::nullopt;
    exists = plan && plan->level == policies::Level::kMunicipal;
  } else if (kind == "municipality") {
    exists = places_.FindMunicipality(target).ok();
  }
  if (!exists) return core::Error::NotFound("There is nothing to follow here.");
  store_.Follow(*actor.user_id, kind, target, clock_.Now());
  return true;
}

core::Result<bool> MonitoringService::Unfollow(const core::Actor& actor, const std::string& kind,
                                               const std::string& target) {
  if (!actor.user_id) return core::Error::Forbidden("Sign in to follow it.");
  store_.Unfollow(*actor.user_id, kind, target);
  return true;
}

bool MonitoringService::IsFollowing(const core::Actor& actor, const std::string& kind, const std::string& target) {
  return actor.user_id && store_.IsFollowing(*actor.user_id, kind, target);
}

int MonitoringService::QueueDigests(const std::string& base_url) {
  const std::int64_t now = clock_.Now();
  const std::vector<MonitoringStore::Follower> followers = store_.Followers();
  if (followers.empty()) return 0;
  const std::vector<Change> changes = store_.ChangesSince(now - kDigestPeriod);
  int queued = 0;
  for (std::size_t first = 0; first < followers.size();) {
    std::size_t end = first;
    while (end < followers.size() && followers[end].user_id == followers[first].user_id) ++end;
    const MonitoringStore::Follower& person = followers[first];
    const std::int64_t since = std::max(now - kDigestPeriod, person.digest_sent_at.value_or(0));
    std::vector<Change> theirs;
    for (const Change& change : changes) {
      if (change.at <= since || change.at > now) continue;
      const bool followed = std::any_of(followers.begin() + static_cast<std::ptrdiff_t>(first),
                                        followers.begin() + static_cast<std::ptrdiff_t>(end),
                                        [&](const MonitoringStore::Follower& follow) {
                                          if (follow.kind == "municipality") {
                                            return follow.target == change.municipality_code;
                                          }
                                          if (follow.kind == "document") {
                                            return follow.target == std::to_string(change.document_id);
                                          }
                                          return change.item_id != 0 && follow.target == std::to_string(change.item_id);
                                        });
      if (followed) theirs.push_back(change);
    }
    if (!theirs.empty()) {
      notifications::Message message;
      message.recipient = person.email;
      message.subject = "Khetane: промени през седмицата / changes this week";
      message.text = DigestText(theirs, base_url);
      message.purpose = "digest";
      store_.database().Transaction([&](db::Connection& connection) {
        outbox_.Queue(connection, message);
        MonitoringStore::MarkDigestSent(connection, person.user_id, now);
      });
      ++queued;
    }
    first = end;
  }
  return queued;
}

bool MonitoringService::EnsureIndicators() {
  bool made = false;
  const auto make = [&](std::string_view code, std::string name_bg, std::string name_en, std::string unit,
                        std::string method) {
    if (indicators_.Find(std::string(code))) return;
    indicators::Indicator indicator;
    indicator.code = std::string(code);
    indicator.name_bg = std::move(name_bg);
    indicator.name_en = std::move(name_en);
    indicator.unit = std::move(unit);
    indicator.direction = "up";
    indicator.kind = "process";
    indicator.source = "Khetane, from community monitoring";
    indicator.method = std::move(method);
    const auto created = indicators_.Create(core::CommandLineActor(), indicator);
    if (!created) throw std::runtime_error("monitoring: indicator " + indicator.code + ": " + created.error().message);
    made = true;
  };
  make(kScorecardScore, "Оценка от общността (карта за оценка)", "Community scorecard score", "score",
       "The mean of every score (0–100) of the verified assessments of the municipality's monitoring cycle, over all "
       "its criteria, entered when the cycle closes; the note gives each criterion's mean.");
  make(kActionsClosed, "Изпълнени действия от съвместните планове", "Scorecard action items closed", "percent",
       "Of the joint action plan items agreed when the municipality's earlier monitoring cycles closed, the share done "
       "(items dropped left out), entered when a cycle closes.");
  return made;
}

core::Result<std::vector<PreparedFile>, core::Error> MonitoringService::Prepare(const std::vector<Upload>& uploads,
                                                                                const std::string& visibility,
                                                                                std::vector<Evidence>& evidence) {
  std::vector<PreparedFile> files;
  std::vector<core::FieldProblem> problems;
  for (const Upload& upload : uploads) {
    const std::string field = upload.kind == "photo"              ? "photos"
                              : upload.kind == "authority_letter" ? "letters"
                                                                  : "documents";
    auto prepared = PrepareEvidenceFile(upload.bytes);
    if (!prepared) {
      // One problem per file, naming it: a phone sends several photos at once.
      problems.push_back({field, prepared.error().message, upload.name});
      continue;
    }
    if (upload.kind == "photo" && prepared->kind != "photo") {
      problems.push_back({field, "This file is not a photo: add it under documents.", upload.name});
      continue;
    }
    Evidence each;
    each.kind = upload.kind == "authority_letter" ? "authority_letter" : prepared->kind;
    each.visibility = visibility;
    each.file_sha256 = prepared->sha256;
    each.media_type = prepared->media_type;
    each.original_name = upload.name.substr(0, 200);
    if (!core::IsValidUtf8(each.original_name)) each.original_name.clear();
    evidence.push_back(std::move(each));
    files.push_back(std::move(*prepared));
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  return files;
}

std::vector<Evidence> MonitoringService::KeptUploads(const std::string& key) {
  if (!IsWellFormedKey(key)) return {};
  return store_.KeptUploads(KeyHash(key));
}

core::Result<Filed, FilingRefusal> MonitoringService::File(const core::Actor& actor, Filing filing) {
  const auto refuse = [&](core::Error error) { return FilingRefusal{std::move(error), KeptUploads(filing.key)}; };
  if (!IsWellFormedKey(filing.key)) {
    return refuse(core::Error::InvalidInput("The form is incomplete: open it again and fill it in."));
  }
  auto cycle = FindCycle(filing.assessment.cycle_id);
  if (!cycle) return refuse(cycle.error());
  const std::string key_hash = KeyHash(filing.key);
  Assessment& assessment = filing.assessment;
  assessment.narrative = core::TrimSpaces(assessment.narrative);
  assessment.pseudonym = cycle->identity_rule == "pseudonymous" ? core::TrimSpaces(assessment.pseudonym) : "";
  for (std::string& link : filing.links) link = core::TrimSpaces(link);
  std::erase_if(filing.links, [](const std::string& link) { return link.empty(); });
  if (!IsOneOf(filing.visibility, kVisibilities)) filing.visibility = "public";

  // The same key again: the first filing's result for the same content (a double tap, a retry after a lost answer),
  // a refusal for other content (the form was changed after it was sent).
  std::vector<Evidence> evidence;
  auto files = Prepare(filing.uploads, filing.visibility, evidence);
  std::vector<std::string> digests;
  for (const Evidence& each : evidence) digests.push_back(each.file_sha256);
  const std::vector<Evidence> kept = store_.KeptUploads(key_hash);
  for (const Evidence& each : kept) {
    if (std::ranges::find(filing.keep, each.file_sha256) != filing.keep.end()) digests.push_back(each.file_sha256);
  }
  const std::string digest = ContentDigest(assessment, filing.links, digests);
  if (const auto earlier = store_.FindByKey(key_hash)) {
    if (earlier->second == digest) return Filed{earlier->first, true};
    return refuse(core::Error::Conflict(
        "This form was sent before with other content, and that assessment stands. Open a new form to file another."));
  }
  if (auto refused = FilingRefused(actor, *cycle)) return refuse(std::move(*refused));

  std::vector<core::FieldProblem> problems = AssessmentProblems(assessment, *cycle, filing.links);
  const auto item = store_.FindScopeItem(assessment.item_id);
  const bool in_scope = item && item->municipality_code == cycle->municipality_code &&
                        (!cycle->document_id || item->document_id == *cycle->document_id);
  if (assessment.item_id > 0 && !in_scope) {
    problems.push_back({"item", "This measure is not in the cycle's scope: choose one of its plans' measures.",
                        std::to_string(assessment.item_id)});
  }
  std::size_t file_count = filing.uploads.size();
  for (const Evidence& each : kept) file_count += std::ranges::count(filing.keep, each.file_sha256);
  if (file_count > kMaxFilesPerAssessment) problems.push_back({"photos", "Send at most eight files.", ""});
  if (!files) {
    for (const core::FieldProblem& problem : files.error().problems) problems.push_back(problem);
  }
  if (!problems.empty()) {
    // What was accepted stays under the form's key, so that the monitor need not send it again.
    if (files && !files->empty()) store_.KeepUploads(key_hash, *files, evidence, clock_.Now());
    FilingRefusal refusal{core::Error::InvalidFields(std::move(problems)), store_.KeptUploads(key_hash)};
    return refusal;
  }

  for (const Evidence& each : kept) {
    if (std::ranges::find(filing.keep, each.file_sha256) == filing.keep.end()) continue;
    Evidence attached = each;
    attached.visibility = filing.visibility;
    evidence.push_back(std::move(attached));
  }
  for (const std::string& link : filing.links) {
    Evidence each;
    each.kind = "link";
    each.visibility = filing.visibility;
    each.url = link;
    evidence.push_back(std::move(each));
  }
  const bool anonymous = cycle->identity_rule == "anonymous";
  assessment.filed_by = anonymous ? std::nullopt : actor.user_id;
  assessment.demo = false;
  NewAssessment filed{assessment, key_hash, digest, std::move(*files), std::move(evidence)};
  const std::int64_t now = anonymous ? DayOf(clock_.Now()) : clock_.Now();
  try {
    const std::int64_t id = store_.InsertAssessment(filed, now);
    const std::string subject = fmt::format("assessment {} in cycle {}", id, cycle->id);
    if (anonymous) {
      AuditAnonymously("assessment_filed", subject);
    } else {
      Audit(actor, "assessment_filed", subject);
    }
    return Filed{id, false};
  } catch (const db::Error& error) {
    // Two sendings of one form at the same moment: the other one stored it.
    if (error.kind() != db::ErrorKind::kUniqueViolation) throw;
    if (const auto earlier = store_.FindByKey(key_hash); earlier && earlier->second == digest) {
      return Filed{earlier->first, true};
    }
    return refuse(core::Error::Conflict(
        "This form was sent before with other content, and that assessment stands. Open a new form to file another."));
  }
}

AssessmentView MonitoringService::ViewOf(const core::Actor& actor, Assessment assessment, const Cycle& cycle,
                                         const ScopeItem& item, bool with_history) {
  AssessmentView view;
  view.may_moderate = MayModerate(actor, cycle);
  view.may_reply =
      assessment.state == "verified" && (IsOfficialOf(actor, item.municipality_code) || actor.IsAdministrator());
  if (cycle.identity_rule == "named") {
    view.filer = assessment.filed_by_name;
  } else if (cycle.identity_rule == "pseudonymous") {
    view.filer = assessment.pseudonym;
    view.filer_is_pseudonym = true;
  }
  // Who is behind a pseudonym: the moderators and the monitor themself, nobody else.
  const bool sees_filer = cycle.identity_rule != "anonymous" && (view.may_moderate || IsFiler(actor, assessment));
  if (!sees_filer) {
    assessment.filed_by.reset();
    assessment.filed_by_name.clear();
  }
  const bool moderator = view.may_moderate;
  const bool filer = IsFiler(actor, assessment) || sees_filer;
  const bool authority = IsOfficialOf(actor, item.municipality_code);
  std::erase_if(assessment.evidence, [&](const Evidence& each) {
    if (moderator || filer) return false;
    if (each.visibility == "authority") return !authority;
    if (each.visibility == "moderators") return true;
    return assessment.state != "verified";
  });
  if (with_history) view.events = store_.Events(assessment.id, sees_filer || cycle.identity_rule == "named");
  view.assessment = std::move(assessment);
  view.cycle = cycle;
  view.item = item;
  return view;
}

core::Result<AssessmentView> MonitoringService::Read(const core::Actor& actor, std::int64_t id) {
  auto assessment = store_.FindAssessment(id);
  if (!assessment) return core::Error::NotFound("There is no such assessment.");
  auto cycle = FindCycle(assessment->cycle_id);
  if (!cycle) return cycle.error();
  if (!MaySee(actor, *assessment, *cycle)) return core::Error::NotFound("There is no such assessment.");
  const auto item = store_.FindScopeItem(assessment->item_id);
  if (!item) return core::Error::NotFound("There is no such assessment.");
  AssessmentView view = ViewOf(actor, std::move(*assessment), *cycle, *item, true);
  view.may_add_evidence = IsFiler(actor, view.assessment) && view.assessment.state == "needs_evidence";
  return view;
}

core::Result<AssessmentView> MonitoringService::ReadByReceipt(const core::Actor& actor, const std::string& receipt) {
  if (!IsWellFormedKey(receipt)) return core::Error::NotFound("There is no assessment with this receipt.");
  const auto found = store_.FindByKey(KeyHash(receipt));
  if (!found) return core::Error::NotFound("There is no assessment with this receipt.");
  auto assessment = store_.FindAssessment(found->first);
  if (!assessment) return core::Error::NotFound("There is no assessment with this receipt.");
  const std::vector<Evidence> sent = assessment->evidence;  // the receipt shows every piece the monitor sent
  auto cycle = FindCycle(assessment->cycle_id);
  if (!cycle) return cycle.error();
  const auto item = store_.FindScopeItem(assessment->item_id);
  if (!item) return core::Error::NotFound("There is no assessment with this receipt.");
  // Whoever holds the receipt filed it: they see it as its filer does, whatever its state.
  core::Actor holder = actor;
  if (assessment->filed_by && !holder.user_id) holder.user_id = assessment->filed_by;
  AssessmentView view = ViewOf(holder, std::move(*assessment), *cycle, *item, true);
  view.may_moderate = MayModerate(actor, *cycle);
  view.may_add_evidence = view.assessment.state == "needs_evidence";
  view.assessment.evidence = sent;
  return view;
}

core::Result<AssessmentView> MonitoringService::AddEvidence(const core::Actor& actor, std::int64_t id,
                                                            const std::string& receipt, std::vector<Upload> uploads,
                                                            std::vector<std::string> links,
                                                            const std::string& visibility) {
  auto assessment = store_.FindAssessment(id);
  if (!assessment) return core::Error::NotFound("There is no such assessment.");
  const bool holds_receipt = IsWellFormedKey(receipt) && [&] {
    const auto found = store_.FindByKey(KeyHash(receipt));
    return found && found->first == id;
  }();
  if (!holds_receipt && !IsFiler(actor, *assessment) && !actor.IsAdministrator()) {
    return core::Error::Forbidden("Only the monitor who filed the assessment adds evidence to it.");
  }
  if (assessment->state == "verified" || assessment->state == "rejected") {
    return core::Error::Conflict("The assessment was moderated: it takes no more evidence.");
  }
  for (std::string& link : links) link = core::TrimSpaces(link);
  std::erase_if(links, [](const std::string& link) { return link.empty(); });
  const std::string chosen = IsOneOf(visibility, kVisibilities) ? visibility : "public";
  std::vector<Evidence> evidence;
  auto files = Prepare(uploads, chosen, evidence);
  if (!files) return files.error();
  auto cycle = FindCycle(assessment->cycle_id);
  if (!cycle) return cycle.error();
  std::vector<core::FieldProblem> problems = LinkProblems(links);
  if (uploads.empty() && links.empty()) problems.push_back({"photos", "Add a file or a link.", ""});
  if (assessment->evidence.size() + evidence.size() + links.size() > 2 * kMaxFilesPerAssessment) {
    problems.push_back({"photos", "The assessment has as much evidence as it can hold.", ""});
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  for (const std::string& link : links) {
    Evidence each;
    each.kind = "link";
    each.visibility = chosen;
    each.url = link;
    evidence.push_back(std::move(each));
  }
  const bool anonymous = cycle->identity_rule == "anonymous";
  const std::int64_t now = anonymous ? DayOf(clock_.Now()) : clock_.Now();
  store_.AddEvidence(id, *files, evidence, anonymous ? std::nullopt : actor.user_id,
                     assessment->state == "needs_evidence", now);
  const std::string subject = fmt::format("assessment {}", id);
  if (anonymous) {
    AuditAnonymously("evidence_added", subject);
  } else {
    Audit(actor, "evidence_added", subject);
  }
  if (holds_receipt) return ReadByReceipt(actor, receipt);
  return Read(actor, id);
}

MonitoringService::Desk MonitoringService::DeskOf(const core::Actor& actor) {
  Desk desk;
  if (!actor.user_id) return desk;
  std::map<std::int64_t, std::optional<Cycle>> cycles;
  const auto cycle_of = [&](std::int64_t id) -> const std::optional<Cycle>& {
    auto found = cycles.find(id);
    if (found == cycles.end()) found = cycles.emplace(id, store_.FindCycle(id)).first;
    return found->second;
  };
  for (Assessment& assessment : store_.AssessmentsFiledBy(*actor.user_id, 10)) {
    const auto& cycle = cycle_of(assessment.cycle_id);
    const auto item = store_.FindScopeItem(assessment.item_id);
    if (!cycle || !item) continue;
    AssessmentView view = ViewOf(actor, std::move(assessment), *cycle, *item, false);
    view.may_add_evidence = view.assessment.state == "needs_evidence";
    desk.mine.push_back(std::move(view));
  }
  std::ranges::stable_sort(desk.mine, [](const AssessmentView& a, const AssessmentView& b) {
    return a.may_add_evidence && !b.may_add_evidence;
  });
  for (const auto& [cycle_id, count] : store_.WaitingInCyclesOf(EditedOrganisations(actor))) {
    if (const auto& cycle = cycle_of(cycle_id)) desk.waiting.emplace_back(*cycle, count);
  }
  return desk;
}

core::Result<AssessmentView> MonitoringService::Moderate(const core::Actor& actor, std::int64_t id,
                                                         std::int64_t version, const std::string& action,
                                                         const std::string& reason) {
  auto assessment = store_.FindAssessment(id);
  if (!assessment) return core::Error::NotFound("There is no such assessment.");
  auto cycle = FindCycle(assessment->cycle_id);
  if (!cycle) return cycle.error();
  if (!MayModerate(actor, *cycle)) {
    return core::Error::Forbidden("Only the editors of the organisation that runs the cycle moderate its assessments.");
  }
  const std::string trimmed = core::TrimSpaces(reason);
  std::string state;
  if (action == "verify") {
    state = "verified";
  } else if (action == "ask") {
    state = "needs_evidence";
  } else if (action == "reject") {
    state = "rejected";
  } else {
    return core::Error::InvalidFields({{"action", "Choose what to do with the assessment.", action}});
  }
  if (state != "verified" && trimmed.empty()) {
    return core::Error::InvalidFields(
        {{"reason",
          state == "rejected" ? "Say why the assessment is rejected: the monitor reads it."
                              : "Say what evidence is missing: the monitor reads it.",
          ""}});
  }
  if (!core::IsValidUtf8(trimmed) || core::CountCharacters(trimmed) > kMaxReason) {
    return core::Error::InvalidFields({{"reason", "The text is too long.", trimmed.substr(0, 80)}});
  }
  if (assessment->state == "verified" || assessment->state == "rejected") {
    return core::Error::Conflict(assessment->state == "verified" ? "The assessment was already verified."
                                                                 : "The assessment was already rejected.");
  }
  const std::string event_action = state == "verified"   ? "verified"
                                   : state == "rejected" ? "rejected"
                                                         : "evidence_requested";
  if (!store_.SetState(id, version, state, trimmed, {event_action, trimmed, "", 0}, actor.user_id, clock_.Now())) {
    return core::Error::Conflict("Someone changed the assessment while you read it: read it again.");
  }
  Audit(actor, "assessment_" + event_action, fmt::format("assessment {}", id));
  return Read(actor, id);
}

core::Result<AssessmentView> MonitoringService::Reply(const core::Actor& actor, std::int64_t id,
                                                      const std::string& body) {
  auto assessment = store_.FindAssessment(id);
  if (!assessment || assessment->state != "verified") return core::Error::NotFound("There is no such assessment.");
  const auto item = store_.FindScopeItem(assessment->item_id);
  if (!item) return core::Error::NotFound("There is no such assessment.");
  if (!IsOfficialOf(actor, item->municipality_code) && !actor.IsAdministrator()) {
    return core::Error::Forbidden("Only an official of {place} answers assessments of its plan.")
        .WithName("place", PlaceName(item->municipality_code, false), PlaceName(item->municipality_code, true));
  }
  const std::string trimmed = core::TrimSpaces(body);
  if (trimmed.empty()) return core::Error::InvalidFields({{"body", "Write the answer.", ""}});
  if (!core::IsValidUtf8(trimmed) || core::CountCharacters(trimmed) > kMaxNarrative) {
    return core::Error::InvalidFields({{"body", "The text is too long.", trimmed.substr(0, 80)}});
  }
  store_.InsertReply(id, trimmed, *actor.user_id, clock_.Now());
  Audit(actor, "assessment_answered", fmt::format("assessment {}", id));
  return Read(actor, id);
}

std::vector<AssessmentView> MonitoringService::AssessmentsOfCycle(const core::Actor& actor, const Cycle& cycle) {
  const bool moderator = MayModerate(actor, cycle);
  std::vector<AssessmentView> views;
  std::map<std::int64_t, ScopeItem> items;
  for (const ScopeItem& item : store_.ScopeOf(cycle)) items.emplace(item.id, item);
  for (Assessment& assessment : store_.AssessmentsOfCycle(
           cycle.id, moderator ? std::vector<std::string>{} : std::vector<std::string>{"verified"})) {
    if (!moderator && !MaySee(actor, assessment, cycle)) continue;
    const auto item = items.find(assessment.item_id);
    if (item == items.end()) continue;
    views.push_back(ViewOf(actor, std::move(assessment), cycle, item->second, false));
  }
  return views;
}

std::vector<AssessmentView> MonitoringService::AssessmentsOfItem(const core::Actor& actor, std::int64_t item_id) {
  const auto item = store_.FindScopeItem(item_id);
  if (!item) return {};
  std::map<std::int64_t, Cycle> cycles;
  std::vector<AssessmentView> views;
  for (Assessment& assessment : store_.AssessmentsOfItem(item_id, !actor.user_id)) {
    auto cycle = cycles.find(assessment.cycle_id);
    if (cycle == cycles.end()) {
      auto found = store_.FindCycle(assessment.cycle_id);
      if (!found) continue;
      cycle = cycles.emplace(assessment.cycle_id, std::move(*found)).first;
    }
    if (!MaySee(actor, assessment, cycle->second)) continue;
    views.push_back(ViewOf(actor, std::move(assessment), cycle->second, *item, false));
  }
  return views;
}

std::vector<SideBySide> MonitoringService::ViewsOfItem(std::int64_t item_id) {
  const auto item = store_.FindScopeItem(item_id);
  if (!item) return {};
  const std::vector<Resolution> resolutions = store_.ResolutionsOfItem(item_id);
  std::vector<SideBySide> views;
  for (const ItemInCycle& each : store_.CommunityViewsOfItem(item_id)) {
    auto cycle = store_.FindCycle(each.cycle_id);
    if (!cycle) continue;
    SideBySide view{std::move(*cycle), each.community, Differs(item->official, each.community, threshold_), {}};
    for (const Resolution& resolution : resolutions) {
      if (resolution.cycle_id == each.cycle_id) view.resolution = resolution;
    }
    views.push_back(std::move(view));
  }
  std::ranges::sort(views, [](const SideBySide& a, const SideBySide& b) {
    return a.cycle.period_start != b.cycle.period_start ? a.cycle.period_start > b.cycle.period_start
                                                        : a.cycle.id > b.cycle.id;
  });
  return views;
}

std::map<std::pair<std::int64_t, std::int64_t>, Resolution> MonitoringService::ResolutionsByItemAndCycle(
    const std::string& municipality_code) {
  std::map<std::pair<std::int64_t, std::int64_t>, Resolution> resolved;
  for (Resolution& resolution : store_.Resolutions(municipality_code)) {
    resolved.emplace(std::pair{resolution.item_id, resolution.cycle_id}, std::move(resolution));
  }
  return resolved;
}

std::vector<Discrepancy> MonitoringService::Discrepancies(const std::string& municipality_code,
                                                          std::optional<std::int64_t> plan) {
  std::map<std::int64_t, const ScopeItem*> by_id;
  const std::vector<ScopeItem> items = store_.ItemsOfMunicipality(municipality_code);
  for (const ScopeItem& item : items) by_id.emplace(item.id, &item);
  const auto resolved = ResolutionsByItemAndCycle(municipality_code);
  std::map<std::int64_t, std::optional<Cycle>> cycles;
  std::vector<Discrepancy> list;
  for (const ItemInCycle& view : store_.CommunityViews(municipality_code)) {
    const auto item = by_id.find(view.item_id);
    if (item == by_id.end() || !Differs(item->second->official, view.community, threshold_)) continue;
    if (plan && item->second->document_id != *plan) continue;
    auto cycle = cycles.find(view.cycle_id);
    if (cycle == cycles.end()) cycle = cycles.emplace(view.cycle_id, store_.FindCycle(view.cycle_id)).first;
    if (!cycle->second) continue;
    Discrepancy discrepancy{*item->second, *cycle->second, view.community, {}};
    if (const auto found = resolved.find({view.item_id, view.cycle_id}); found != resolved.end()) {
      discrepancy.resolution = found->second;
    }
    list.push_back(std::move(discrepancy));
  }
  std::ranges::stable_sort(list,
                           [](const Discrepancy& a, const Discrepancy& b) { return !a.resolution && b.resolution; });
  return list;
}

std::vector<ScopeItem> MonitoringService::Overdue(const std::string& municipality_code) {
  const std::string today = Today();
  std::vector<ScopeItem> overdue;
  for (ScopeItem& item : store_.ItemsOfMunicipality(municipality_code)) {
    if (IsOverdue(item.deadline, item.end_date, item.official.status, today)) overdue.push_back(std::move(item));
  }
  std::ranges::stable_sort(overdue, [](const ScopeItem& a, const ScopeItem& b) {
    return (a.deadline.empty() ? a.end_date : a.deadline) < (b.deadline.empty() ? b.end_date : b.deadline);
  });
  return overdue;
}

std::map<std::string, MonitoringFigures, std::less<>> MonitoringService::FiguresOfMunicipalities() {
  std::map<std::string, MonitoringFigures, std::less<>> figures;
  const std::string today = Today();
  const std::vector<ScopeItem> items = store_.ItemsOfAllMunicipalities();
  std::unordered_map<std::int64_t, const ScopeItem*> by_id;
  for (const ScopeItem& item : items) {
    by_id.emplace(item.id, &item);
    MonitoringFigures& figure = figures[item.municipality_code];
    ++figure.items;
    figure.demo = figure.demo || item.demo;
    if (IsOverdue(item.deadline, item.end_date, item.official.status, today)) ++figure.overdue;
  }
  std::set<std::pair<std::int64_t, std::int64_t>> resolved;
  for (const Resolution& resolution : store_.AllResolutions()) {
    resolved.emplace(resolution.item_id, resolution.cycle_id);
  }
  std::map<std::string, std::pair<std::int64_t, std::int64_t>, std::less<>> scores;  // total, count
  for (const ItemInCycle& view : store_.AllCommunityViews()) {
    const auto item = by_id.find(view.item_id);
    if (item == by_id.end()) continue;
    MonitoringFigures& figure = figures[item->second->municipality_code];
    figure.assessments += view.community.assessments;
    auto& [total, count] = scores[item->second->municipality_code];
    total += view.score_total;
    count += view.scores;
    if (!resolved.contains({view.item_id, view.cycle_id}) &&
        Differs(item->second->official, view.community, threshold_)) {
      ++figure.open_discrepancies;
    }
  }
  for (const auto& [code, sums] : scores) {
    if (sums.second > 0) figures[code].mean_score = static_cast<double>(sums.first) / sums.second;
  }
  return figures;
}

std::vector<std::pair<ScopeItem, SideBySide>> MonitoringService::ViewsOfMunicipality(
    const std::string& municipality_code) {
  std::map<std::int64_t, const ScopeItem*> by_id;
  const std::vector<ScopeItem> items = store_.ItemsOfMunicipality(municipality_code);
  for (const ScopeItem& item : items) by_id.emplace(item.id, &item);
  const auto resolved = ResolutionsByItemAndCycle(municipality_code);
  // The latest cycle's view of each item: views come by item, then cycle, in id order.
  std::map<std::int64_t, ItemInCycle> latest;
  for (ItemInCycle& view : store_.CommunityViews(municipality_code)) latest[view.item_id] = std::move(view);
  std::map<std::int64_t, std::optional<Cycle>> cycles;
  std::vector<std::pair<ScopeItem, SideBySide>> list;
  for (const ScopeItem& item : items) {
    const auto view = latest.find(item.id);
    if (view == latest.end()) continue;
    auto cycle = cycles.find(view->second.cycle_id);
    if (cycle == cycles.end())
      cycle = cycles.emplace(view->second.cycle_id, store_.FindCycle(view->second.cycle_id)).first;
    if (!cycle->second) continue;
    SideBySide side{*cycle->second, view->second.community, Differs(item.official, view->second.community, threshold_),
                    std::nullopt};
    if (const auto found = resolved.find({item.id, view->second.cycle_id}); found != resolved.end()) {
      side.resolution = found->second;
    }
    list.emplace_back(item, std::move(side));
  }
  return list;
}

core::Result<bool> MonitoringService::Resolve(const core::Actor& actor, std::int64_t item_id, std::int64_t cycle_id,
                                              const std::string& note) {
  const auto item = store_.FindScopeItem(item_id);
  auto cycle = FindCycle(cycle_id);
  if (!item || !cycle) return core::Error::NotFound("There is no such discrepancy.");
  const bool authority = IsOfficialOf(actor, item->municipality_code);
  const bool community = MayModerate(actor, *cycle);
  if (!authority && !community) {
    return core::Error::Forbidden(
        "Only the cycle's moderators and the municipality's officials resolve its discrepancies.");
  }
  const std::string trimmed = core::TrimSpaces(note);
  if (trimmed.empty()) return core::Error::InvalidFields({{"note", "Say how the difference was resolved.", ""}});
  if (!core::IsValidUtf8(trimmed) || core::CountCharacters(trimmed) > kMaxReason) {
    return core::Error::InvalidFields({{"note", "The text is too long.", trimmed.substr(0, 80)}});
  }
  store_.InsertResolution({item_id, cycle_id, trimmed, authority ? "authority" : "community", "", clock_.Now()},
                          *actor.user_id);
  Audit(actor, "discrepancy_resolved", fmt::format("item {} in cycle {}", item_id, cycle_id));
  return true;
}

core::Result<StoredFile> MonitoringService::FileFor(const core::Actor& actor, const std::string& sha256,
                                                    const std::string& receipt) {
  auto file = store_.FindFile(sha256);
  if (!file) return core::Error::NotFound("There is no such file.");
  const auto shows = [&](const core::Result<AssessmentView>& view) {
    return view && std::ranges::any_of(view->assessment.evidence,
                                       [&](const Evidence& each) { return each.file_sha256 == sha256; });
  };
  // With a receipt, the one assessment filed under it; without, any assessment holding the file the reader may see.
  if (!receipt.empty()) {
    if (shows(ReadByReceipt(actor, receipt))) return std::move(*file);
    return core::Error::NotFound("There is no such file.");
  }
  for (const FileHolder& holder : file->holders) {
    if (shows(Read(actor, holder.assessment_id))) return std::move(*file);
  }
  return core::Error::NotFound("There is no such file.");
}

bool MonitoringService::LoadDemo(const std::filesystem::path& directory,
                                 const std::function<void(const std::string&)>& log) {
  if (store_.HasDemoCycle()) return false;
  const std::vector<policies::Document> plans = PlansOf("MON24");
  const auto plan = std::ranges::find_if(plans, [](const policies::Document& each) { return each.demo; });
  if (plan == plans.end()) return false;

  const std::string organisation_name = "Сдружение „Заедно“ (демонстрационни данни)";
  std::optional<std::int64_t> organisation;
  for (const accounts::Organisation& each : organisations_.List(organisation_name, "cso", 5, 0)) {
    if (each.name == organisation_name) organisation = each.id;
  }
  if (!organisation) {
    const auto created = organisations_.Create(core::CommandLineActor(), {organisation_name, "cso", "MON24"});
    if (!created) throw std::runtime_error("demo organisation: " + created.error().message);
    organisation = created->id;
  }
  Cycle cycle;
  cycle.title = "Лом, 2027 (демонстрационни данни)";
  cycle.municipality_code = "MON24";
  cycle.document_id = plan->id;
  cycle.period_start = "2027-01-01";
  cycle.period_end = "2027-12-31";
  cycle.method = "scorecard";
  cycle.identity_rule = "pseudonymous";
  cycle.participation = "organisation";
  cycle.organisation_id = *organisation;
  cycle.criteria = ScorecardPreset();
  cycle.demo = true;
  cycle.created_at = clock_.Now();
  cycle.id = store_.InsertCycle(cycle, std::nullopt);

  std::map<std::string, std::int64_t> items;
  for (const ScopeItem& item : store_.ScopeOf(cycle)) items[item.title] = item.id;
  std::string photo;
  if (std::ifstream in(directory / "demo-photo.jpg", std::ios::binary); in) {
    photo.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  struct DemoAssessment {
    std::string item;
    std::string observed;
    std::vector<int> scores;
    std::string narrative;
    std::string pseudonym;
    bool verified;
    std::string reply;
    bool photo;
  };
  const DemoAssessment demos[] = {
      {"Двама здравни медиатори в квартал Младеново",
       "in_progress",
       {70, 60, 80, 55, 50},
       "Един здравен медиатор работи в квартала от март; вторият още не е назначен. Хората го познават и го търсят.",
       "Роза",
       true,
       "Вторият здравен медиатор ще бъде назначен след конкурса през септември.",
       false},
      {"Информационни дни с бюрото по труда",
       "not_visible",
       {20, 30, 40, 15, 10},
       "В квартала не е имало информационен ден. Никой от попитаните 12 души не е чувал за такъв.",
       "Марин",
       true,
       "",
       true},
      {"Наемане на четирима образователни медиатори",
       "in_progress",
       {60, 55, 65, 50, 45},
       "Двама медиатори работят в основните училища; в другите две все още няма.",
       "Роза",
       true,
       "",
       false},
      {"Тридесет стипендии на учебна година",
       "delayed",
       {40, 35, 50, 30, 20},
       "Стипендиите за първия срок още не са изплатени.",
       "Асен",
       false,
       "",
       false},
  };
  int loaded = 0;
  for (const DemoAssessment& demo : demos) {
    const auto item = items.find(demo.item);
    if (item == items.end()) continue;
    NewAssessment filing;
    filing.assessment.cycle_id = cycle.id;
    filing.assessment.item_id = item->second;
    filing.assessment.observed_status = demo.observed;
    filing.assessment.narrative = demo.narrative;
    filing.assessment.pseudonym = demo.pseudonym;
    filing.assessment.demo = true;
    for (std::size_t n = 0; n < demo.scores.size() && n < cycle.criteria.size(); ++n) {
      filing.assessment.scores.push_back({static_cast<int>(n), demo.scores[n], "", ""});
    }
    filing.key_hash = KeyHash(fmt::format("demo-{}-{}", cycle.id, loaded));
    filing.content_digest = filing.key_hash;
    if (demo.photo && !photo.empty()) {
      if (auto prepared = PrepareEvidenceFile(photo)) {
        Evidence evidence;
        evidence.kind = "photo";
        evidence.visibility = "public";
        evidence.file_sha256 = prepared->sha256;
        evidence.original_name = "demo-photo.jpg";
        filing.evidence.push_back(std::move(evidence));
        filing.files.push_back(std::move(*prepared));
      }
    }
    const std::int64_t id = store_.InsertAssessment(filing, clock_.Now());
    if (demo.verified) store_.SetState(id, 1, "verified", "", {"verified", "", "", 0}, std::nullopt, clock_.Now());
    if (!demo.reply.empty()) store_.InsertReply(id, demo.reply, std::nullopt, clock_.Now());
    ++loaded;
  }
  if (log) log(fmt::format("loaded a demo monitoring cycle for Лом with {} assessments", loaded));
  return true;
}

}  // namespace monitoring
