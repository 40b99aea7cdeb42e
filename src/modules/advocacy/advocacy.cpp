#include "modules/advocacy/advocacy.hpp"

#include <algorithm>

#include "core/days.hpp"
#include "core/one_of.hpp"
#include "core/text.hpp"

namespace advocacy {
namespace {

// A day that must be a date and not after today.
void CheckDay(std::vector<core::FieldProblem>& problems, std::string_view field, const std::string& day,
              const std::string& today) {
  if (!core::DayOf(day)) {
    problems.push_back(
        {std::string(field), day.empty() ? "Give the date." : "This is not a date: write it as 2026-03-31.", day});
  } else if (day > today) {
    problems.push_back({std::string(field), "This date is in the future.", day});
  }
}

bool LooksLikeEmail(std::string_view email) {
  const auto at = email.find('@');
  return at != std::string_view::npos && at > 0 && email.find('.', at) != std::string_view::npos &&
         email.find_first_of(" \t\r\n<>\"") == std::string_view::npos && email.size() <= 254;
}

}  // namespace

bool IsPopoloDate(std::string_view text) {
  if (text.size() == 4) return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (text.size() == 7) return core::DayOf(std::string(text) + "-01").has_value();
  return text.size() == 10 && core::DayOf(text).has_value();
}

std::vector<core::FieldProblem> StakeholderProblems(const Stakeholder& stakeholder, const std::string& today) {
  std::vector<core::FieldProblem> problems;
  if (stakeholder.kind != "person" && stakeholder.kind != "organization") {
    problems.push_back({"kind", "Choose a person or an organisation.", stakeholder.kind});
  }
  core::CheckText(problems, "name", stakeholder.name, 200, true);
  core::CheckText(problems, "summary", stakeholder.summary, 2000, false);
  core::CheckText(problems, "phone", stakeholder.phone, 50, false);
  if (!stakeholder.email.empty() && !LooksLikeEmail(stakeholder.email)) {
    problems.push_back({"email", "This is not an email address.", stakeholder.email});
  }
  if (stakeholder.kind == "organization" && !core::IsOneOf(stakeholder.sector, kSectors)) {
    problems.push_back({"sector", "Choose the organisation's sector.", stakeholder.sector});
  }
  if (stakeholder.kind == "person") {
    // A person's data is kept only on a basis the law recognises, recorded with when and for what.
    if (!core::IsOneOf(stakeholder.consent_basis, kConsentBases)) {
      problems.push_back({"consent_basis",
                          "Record why this person's data may be kept: their consent, a public role, or a legitimate "
                          "interest.",
                          stakeholder.consent_basis});
    } else {
      CheckDay(problems, "consent_on", stakeholder.consent_on, today);
      if (stakeholder.consent_basis == "consent") {
        core::CheckText(problems, "consent_purpose", stakeholder.consent_purpose, 500, true);
      }
    }
  }
  return problems;
}

std::vector<core::FieldProblem> MembershipProblems(const Membership& membership) {
  std::vector<core::FieldProblem> problems;
  if (membership.member_id == 0) problems.push_back({"member", "Choose who is a member.", ""});
  if (membership.organization_id == 0) problems.push_back({"organization", "Choose the organisation.", ""});
  if (membership.member_id != 0 && membership.member_id == membership.organization_id) {
    problems.push_back({"organization", "An organisation is not a member of itself.", ""});
  }
  core::CheckText(problems, "role", membership.role, 200, false);
  core::CheckText(problems, "post", membership.post, 200, false);
  for (const auto& [field, date] :
       {std::pair{"start_date", &membership.start_date}, std::pair{"end_date", &membership.end_date}}) {
    if (!date->empty() && !IsPopoloDate(*date)) {
      problems.push_back({field, "Write the date as 2026, 2026-03 or 2026-03-31.", *date});
    }
  }
  // Compared as written: "2026" < "2026-03" < "2026-03-31" orders the same precision correctly, and a shorter one
  // that is a prefix of the other is the same period, not an earlier one.
  if (IsPopoloDate(membership.start_date) && IsPopoloDate(membership.end_date)) {
    const std::size_t common = std::min(membership.start_date.size(), membership.end_date.size());
    if (membership.end_date.substr(0, common) < membership.start_date.substr(0, common)) {
      problems.push_back(
          core::FieldProblem{"end_date", "The membership ends before it starts ({date}).", membership.end_date}.With(
              "date", membership.start_date));
    }
  }
  return problems;
}

std::vector<core::FieldProblem> CoalitionProblems(const Coalition& coalition) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "name", coalition.name, 200, true);
  core::CheckText(problems, "goals", coalition.goals, 5000, false);
  return problems;
}

std::vector<core::FieldProblem> PositionProblems(const Position& position) {
  std::vector<core::FieldProblem> problems;
  if (position.influence < 1 || position.influence > 5) {
    problems.push_back({"influence", "Score the influence from 1 to 5.", std::to_string(position.influence)});
  }
  if (position.interest < 1 || position.interest > 5) {
    problems.push_back({"interest", "Score the interest from 1 to 5.", std::to_string(position.interest)});
  }
  if (!core::IsOneOf(position.stance, kStances)) {
    problems.push_back({"stance", "Choose ally, neutral or opponent.", position.stance});
  }
  core::CheckText(problems, "wants", position.wants, 1000, false);
  return problems;
}

std::vector<core::FieldProblem> CampaignProblems(const Campaign& campaign) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", campaign.title, 200, true);
  core::CheckText(problems, "goal", campaign.goal, 2000, true);
  if (!core::IsOneOf(campaign.stage, kStages)) problems.push_back({"stage", "Choose the stage.", campaign.stage});
  return problems;
}

std::vector<core::FieldProblem> AskProblems(const Ask& ask) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "ask", ask.text, 1000, true);
  return problems;
}

std::vector<core::FieldProblem> ActionProblems(const Action& action, const std::string& today) {
  std::vector<core::FieldProblem> problems;
  if (!core::IsOneOf(action.kind, kActionKinds)) problems.push_back({"kind", "Choose what was done.", action.kind});
  CheckDay(problems, "day", action.day, today);
  core::CheckText(problems, "title", action.title, 300, true);
  core::CheckText(problems, "outcome", action.outcome, 2000, false);
  if (!action.link.empty() && (!action.link.starts_with("/") || action.link.starts_with("//") ||
                               action.link.find_first_of(" \"<>\\") != std::string::npos || action.link.size() > 300)) {
    problems.push_back({"link", "The address of its page in Khetane (\"/meetings/3\").", action.link});
  }
  if (action.kind == "petition" && (!action.supporters || *action.supporters < 0)) {
    problems.push_back({"supporters", "Say how many people signed the petition.", ""});
  }
  return problems;
}

std::vector<core::FieldProblem> ResultProblems(const Result& result, const std::string& today) {
  std::vector<core::FieldProblem> problems;
  if (!core::IsOneOf(result.kind, kResultKinds)) problems.push_back({"kind", "Choose what came of it.", result.kind});
  CheckDay(problems, "day", result.day, today);
  core::CheckText(problems, "text", result.text, 2000, true);
  return problems;
}

}  // namespace advocacy
