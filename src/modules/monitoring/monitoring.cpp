#include "modules/monitoring/monitoring.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "core/text.hpp"
#include "db/migrator.hpp"
#include "modules/policies/policies.hpp"

namespace monitoring {
namespace {

struct Titled {
  std::string_view code;
  std::string_view title;
};

std::string_view TitleOf(std::string_view code, std::initializer_list<Titled> titles) {
  for (const Titled& each : titles) {
    if (each.code == code) return each.title;
  }
  return code;
}

void TextProblem(std::vector<core::FieldProblem>& problems, std::string field, const std::string& text,
                 std::size_t limit) {
  if (!core::IsValidUtf8(text)) {
    problems.push_back({std::move(field), "The text is not valid UTF-8.", ""});
  } else if (core::CountCharacters(text) > limit) {
    problems.push_back({std::move(field), "The text is too long.", text.substr(0, 80)});
  }
}

}  // namespace

std::string_view MethodTitle(std::string_view method) {
  return TitleOf(method, {{"scorecard", "Community scorecard"}, {"plan_review", "Plan review (Roma Civil Monitor)"}});
}

std::string_view IdentityRuleTitle(std::string_view rule) {
  return TitleOf(rule, {{"named", "Named: the public sees who filed"},
                        {"pseudonymous", "Pseudonymous: the public sees a pseudonym, moderators who filed"},
                        {"anonymous", "Anonymous: nobody can see who filed"}});
}

std::string_view ParticipationTitle(std::string_view participation) {
  return TitleOf(participation,
                 {{"organisation", "Our organisation's monitors"}, {"any_monitor", "Any community monitor"}});
}

std::string_view ObservedStatusTitle(std::string_view status) {
  return TitleOf(status, {{"not_started", "Not started"},
                          {"in_progress", "In progress"},
                          {"completed", "Completed"},
                          {"delayed", "Delayed"},
                          {"not_visible", "Not visible on the ground"}});
}

std::string_view StateTitle(std::string_view state) {
  return TitleOf(state, {{"submitted", "Waiting for moderation"},
                         {"needs_evidence", "More evidence asked for"},
                         {"verified", "Verified"},
                         {"rejected", "Rejected"}});
}

std::string_view EvidenceKindTitle(std::string_view kind) {
  return TitleOf(kind, {{"photo", "Photo"},
                        {"document", "Document"},
                        {"link", "Link"},
                        {"authority_letter", "Letter from the authority"}});
}

std::string_view VisibilityTitle(std::string_view visibility) {
  return TitleOf(
      visibility,
      {{"public", "Public"}, {"moderators", "Moderators only"}, {"authority", "Moderators and the municipality"}});
}

std::string_view OfficialStatusTitle(std::string_view status) {
  return TitleOf(status, {{"planned", "Planned"},
                          {"in_progress", "In progress"},
                          {"completed", "Completed"},
                          {"delayed", "Delayed"},
                          {"cancelled", "Cancelled"},
                          {"", "Not reported"}});
}

std::string_view ActionStatusTitle(std::string_view status) {
  return TitleOf(status, {{"open", "To do"}, {"in_progress", "In progress"}, {"done", "Done"}, {"dropped", "Dropped"}});
}

std::vector<core::FieldProblem> ClosingProblems(const Outcome& outcome, const std::vector<Action>& actions) {
  std::vector<core::FieldProblem> problems;
  const auto date = policies::NormaliseDate(outcome.meeting_date);
  if (!date || date->empty()) {
    problems.push_back({"meeting_date", "Give the date of the interface meeting.", outcome.meeting_date});
  }
  TextProblem(problems, "summary", outcome.summary, kMaxNarrative);
  if (actions.size() > kMaxActions)
    problems.push_back({"actions", "A joint action plan has at most twenty items.", ""});
  for (std::size_t n = 0; n < actions.size(); ++n) {
    const Action& action = actions[n];
    const std::string prefix = "action_" + std::to_string(n) + "_";
    if (core::TrimSpaces(action.title).empty()) {
      problems.push_back({prefix + "title", "Say what is to be done.", ""});
    } else {
      TextProblem(problems, prefix + "title", action.title, 500);
    }
    if (core::TrimSpaces(action.owner).empty()) {
      problems.push_back({prefix + "owner", "Say who does it.", ""});
    } else {
      TextProblem(problems, prefix + "owner", action.owner, 200);
    }
    const auto due = policies::NormaliseDate(action.due_date);
    if (!due) problems.push_back({prefix + "due", "A date is written 2027-06-30 or 30.06.2027.", action.due_date});
  }
  return problems;
}

std::optional<double> ShareDone(const std::vector<Action>& actions) {
  int counted = 0;
  int done = 0;
  for (const Action& action : actions) {
    if (action.status == "dropped") continue;
    ++counted;
    if (action.status == "done") ++done;
  }
  if (counted == 0) return std::nullopt;
  return 100.0 * done / counted;
}

std::string DigestText(const std::vector<Change>& changes, const std::string& base_url) {
  if (changes.empty()) return "";
  struct Words {
    std::string_view verified, replied, resolved, opened, closed, action;
    std::string_view open, in_progress, done, dropped;  // an action's status
  };
  static constexpr Words kBulgarian{"Потвърдена оценка от общността",
                                    "Общината отговори на оценка",
                                    "Несъответствие е решено",
                                    "Открит е цикъл на наблюдение",
                                    "Цикъл на наблюдение е закрит",
                                    "Действие от съвместен план",
                                    "предстои",
                                    "в изпълнение",
                                    "изпълнено",
                                    "отпаднало"};
  static constexpr Words kEnglish{"Verified community assessment",
                                  "The municipality answered an assessment",
                                  "Discrepancy resolved",
                                  "Monitoring cycle opened",
                                  "Monitoring cycle closed",
                                  "Joint action plan item",
                                  "to do",
                                  "in progress",
                                  "done",
                                  "dropped"};
  const auto lines = [&](const Words& words) {
    std::string text;
    for (const Change& change : changes) {
      const std::string_view what = change.kind == "verified"       ? words.verified
                                    : change.kind == "replied"      ? words.replied
                                    : change.kind == "resolved"     ? words.resolved
                                    : change.kind == "cycle_opened" ? words.opened
                                    : change.kind == "cycle_closed" ? words.closed
                                                                    : words.action;
      text += "- " + std::string(what) + ": " + change.title;
      const std::string_view status = change.status == "open"          ? words.open
                                      : change.status == "in_progress" ? words.in_progress
                                      : change.status == "done"        ? words.done
                                      : change.status == "dropped"     ? words.dropped
                                                                       : "";
      if (!change.detail.empty()) {
        text += " (" + change.detail + (status.empty() ? "" : ": " + std::string(status)) + ")";
      }
      text += "\n  " + base_url + change.path + "\n";
    }
    return text;
  };
  return "Промени през последната седмица в това, което следите в Khetane:\n\n" + lines(kBulgarian) +
         "\nChanges in the past week in what you follow on Khetane:\n\n" + lines(kEnglish) +
         "\nСпрете да следите от страницата на всяка мярка или община. / Stop following on the page of each "
         "measure or municipality.\n";
}

std::vector<Criterion> ScorecardPreset() {
  return {{"Достъпност", "Access"},
          {"Качество", "Quality"},
          {"Отношение към хората", "Respectful treatment"},
          {"Информация", "Information"},
          {"Участие на общността", "Community participation"}};
}

std::vector<Criterion> PlanReviewCriteria() {
  return {{"Участие", "Participation"},
          {"Релевантност", "Relevance"},
          {"Очаквана ефективност", "Expected effectiveness"},
          {"Съответствие с рамката на ЕС", "Alignment with the EU framework"}};
}

std::vector<core::FieldProblem> CycleProblems(const Cycle& cycle) {
  std::vector<core::FieldProblem> problems;
  const auto problem = [&](std::string field, std::string message, std::string value = "") {
    problems.push_back({std::move(field), std::move(message), std::move(value)});
  };
  if (core::TrimSpaces(cycle.title).empty()) {
    problem("title", "Give the cycle a title.");
  } else {
    TextProblem(problems, "title", cycle.title, 300);
  }
  if (cycle.municipality_code.empty()) problem("municipality", "Choose a municipality.");
  const auto start = policies::NormaliseDate(cycle.period_start);
  const auto end = policies::NormaliseDate(cycle.period_end);
  if (!start || start->empty()) problem("period_start", "Give the date the cycle starts.", cycle.period_start);
  if (!end || end->empty()) problem("period_end", "Give the date the cycle ends.", cycle.period_end);
  if (start && end && !start->empty() && !end->empty() && *end < *start) {
    problem("period_end", "The cycle cannot end before it starts.", cycle.period_end);
  }
  if (!IsOneOf(cycle.method, kMethods)) problem("method", "Choose a method.", cycle.method);
  if (!IsOneOf(cycle.identity_rule, kIdentityRules)) {
    problem("identity_rule", "Choose who may see who filed.", cycle.identity_rule);
  }
  if (!IsOneOf(cycle.participation, kParticipation)) {
    problem("participation", "Choose who takes part.", cycle.participation);
  }
  if (cycle.organisation_id <= 0) problem("organisation", "Choose the organisation that runs the cycle.");
  if (cycle.criteria.empty()) {
    problem("criteria", "Name at least one criterion.");
  } else if (cycle.criteria.size() > kMaxCriteria) {
    problem("criteria", "A cycle has at most ten criteria.");
  }
  for (const Criterion& criterion : cycle.criteria) {
    if (!core::IsValidUtf8(criterion.name) || core::CountCharacters(criterion.name) > 200) {
      problem("criteria", "A criterion's name is at most 200 characters.", criterion.name.substr(0, 80));
      break;
    }
  }
  return problems;
}

std::vector<core::FieldProblem> AssessmentProblems(const Assessment& assessment, const Cycle& cycle,
                                                   const std::vector<std::string>& links) {
  std::vector<core::FieldProblem> problems;
  const auto problem = [&](std::string field, std::string message, std::string value = "") {
    problems.push_back({std::move(field), std::move(message), std::move(value)});
  };
  if (assessment.item_id <= 0) problem("item", "Choose the measure or activity you assess.");
  if (!IsOneOf(assessment.observed_status, kObservedStatuses)) {
    problem("observed_status", "Say what you saw on the ground.", assessment.observed_status);
  }
  TextProblem(problems, "narrative", assessment.narrative, kMaxNarrative);
  if (cycle.identity_rule == "pseudonymous") {
    if (core::TrimSpaces(assessment.pseudonym).empty()) {
      problem("pseudonym", "Choose the pseudonym the public will see.");
    } else {
      TextProblem(problems, "pseudonym", assessment.pseudonym, 60);
    }
  }
  bool any_score = false;
  for (const Score& score : assessment.scores) {
    const std::string n = std::to_string(score.criterion);
    if (score.criterion < 0 || static_cast<std::size_t>(score.criterion) >= cycle.criteria.size()) {
      problem("score_" + n, "The cycle has no such criterion.", n);
      continue;
    }
    if (score.score) {
      any_score = true;
      if (*score.score < 0 || *score.score > 100) {
        problem("score_" + n, "A score is a whole number from 0 to 100.", std::to_string(*score.score));
      }
    }
    TextProblem(problems, "reason_" + n, score.reason, kMaxReason);
    TextProblem(problems, "suggestion_" + n, score.suggestion, kMaxReason);
  }
  if (!any_score && core::TrimSpaces(assessment.narrative).empty()) {
    problem("narrative", "Score at least one criterion or describe what you saw.");
  }
  for (core::FieldProblem& each : LinkProblems(links)) problems.push_back(std::move(each));
  return problems;
}

std::vector<core::FieldProblem> LinkProblems(const std::vector<std::string>& links) {
  std::vector<core::FieldProblem> problems;
  if (links.size() > kMaxLinksPerAssessment) problems.push_back({"link", "Give at most eight links.", ""});
  for (const std::string& link : links) {
    const bool web = link.starts_with("https://") || link.starts_with("http://");
    if (!web || link.size() > 2000 || !core::IsValidUtf8(link) ||
        link.find_first_of(" \t\r\n<>\"") != std::string::npos) {
      problems.push_back({"link", "A link starts with https:// or http://.", link.substr(0, 80)});
    }
  }
  return problems;
}

std::optional<int> MeanScore(const std::vector<Score>& scores) {
  int sum = 0;
  int count = 0;
  for (const Score& score : scores) {
    if (score.score) sum += *score.score, ++count;
  }
  if (count == 0) return std::nullopt;
  return static_cast<int>(std::lround(static_cast<double>(sum) / count));
}

std::optional<int> ImpliedProgress(std::string_view status) {
  if (status == "completed") return 100;
  if (status == "in_progress" || status == "delayed") return 50;
  if (status == "planned" || status == "not_started" || status == "not_visible") return 0;
  return std::nullopt;  // cancelled, not reported
}

bool Differs(const OfficialView& official, const CommunityView& community, int threshold) {
  if (community.assessments == 0) return false;
  const bool claims_work = official.status == "completed" || official.status == "in_progress" ||
                           (official.progress && *official.progress > 0);
  if (community.status == "not_visible" && claims_work) return true;
  const std::optional<int> official_figure = official.progress ? official.progress : ImpliedProgress(official.status);
  const std::optional<int> community_figure =
      community.mean_score ? community.mean_score : ImpliedProgress(community.status);
  if (!official_figure || !community_figure) return false;
  return *official_figure - *community_figure > threshold;
}

bool IsOverdue(std::string_view deadline, std::string_view end_date, std::string_view official_status,
               std::string_view today) {
  if (official_status == "completed" || official_status == "cancelled") return false;
  const std::string_view due = deadline.empty() ? end_date : deadline;
  return !due.empty() && due < today;
}

std::string ContentDigest(const Assessment& assessment, const std::vector<std::string>& links,
                          const std::vector<std::string>& file_digests) {
  // Each part with its length first, so that no two contents write the same text.
  std::string text;
  const auto add = [&](std::string_view part) {
    text += std::to_string(part.size());
    text += ':';
    text += part;
  };
  add(std::to_string(assessment.cycle_id));
  add(std::to_string(assessment.item_id));
  add(assessment.observed_status);
  add(assessment.narrative);
  add(assessment.pseudonym);
  for (const Score& score : assessment.scores) {
    add(std::to_string(score.criterion));
    add(score.score ? std::to_string(*score.score) : "");
    add(score.reason);
    add(score.suggestion);
  }
  for (const std::string& link : links) add(link);
  for (const std::string& digest : file_digests) add(digest);
  return db::Sha256Hex(text);
}

}  // namespace monitoring
