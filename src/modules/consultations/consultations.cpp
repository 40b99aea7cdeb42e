#include "modules/consultations/consultations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/text.hpp"
#include "modules/indicators/indicators.hpp"

namespace consultations {

std::string_view StateName(State state) {
  switch (state) {
    case State::kPlanned:
      return "planned";
    case State::kActive:
      return "active";
    case State::kCompleted:
      return "completed";
    case State::kReopened:
      return "reopened";
  }
  return "planned";
}

std::string_view StateTitle(State state) {
  switch (state) {
    case State::kPlanned:
      return "Opens soon";
    case State::kActive:
      return "Open for proposals";
    case State::kCompleted:
      return "Closed";
    case State::kReopened:
      return "Reopened for proposals";
  }
  return "Opens soon";
}

std::string_view OpenConsultStatus(State state) {
  switch (state) {
    case State::kPlanned:
      return "Planned";
    case State::kActive:
      return "Active";
    case State::kCompleted:
      return "Completed";
    case State::kReopened:
      return "Re-opened";
  }
  return "Planned";
}

std::string_view ProposalKindTitle(std::string_view kind) {
  if (kind == "new_measure") return "A new measure";
  if (kind == "new_activity") return "A new activity";
  if (kind == "change") return "A change";
  if (kind == "deletion") return "A deletion";
  return kind;
}

std::string_view AnswerTitle(std::string_view answer) {
  if (answer == "accepted") return "Accepted";
  if (answer == "partly_accepted") return "Partly accepted";
  if (answer == "rejected") return "Rejected";
  return "Not answered yet";
}

int DaysBetween(std::string_view from, std::string_view to) {
  const auto start = DayOf(from);
  const auto end = DayOf(to);
  if (!start || !end) return 0;
  return core::DaysBetween(*start, *end);
}

State StateOn(const Consultation& consultation, std::string_view today) {
  // ISO dates compare as text.
  if (today < std::string_view(consultation.opens_on)) return State::kPlanned;
  if (today > std::string_view(consultation.closes_on)) return State::kCompleted;
  return consultation.reopened_on.empty() ? State::kActive : State::kReopened;
}

bool TakesInput(const Consultation& consultation, std::string_view today) {
  const State state = StateOn(consultation, today);
  return state == State::kActive || state == State::kReopened;
}

namespace {

void CheckText(std::vector<core::FieldProblem>& problems, std::string_view field, std::string_view text,
               std::size_t max, std::string_view write, std::string_view too_long) {
  if (!core::IsValidUtf8(text)) {
    problems.push_back({std::string(field), std::string(message::kNotUtf8), ""});
  } else if (core::TrimSpaces(text).empty()) {
    if (!write.empty()) problems.push_back({std::string(field), std::string(write), ""});
  } else if (core::CountCharacters(text) > max) {
    problems.push_back({std::string(field), std::string(too_long), std::string(text.substr(0, 80))});
  }
}

// A script someone tries to slip in: the pages escape every text, so it would do nothing, but a text that carries one
// was not written for the people reading the consultation.
bool CarriesScript(std::string_view text) {
  const std::string folded = core::FoldCase(text);
  return folded.find("<script") != std::string::npos || folded.find("javascript:") != std::string::npos ||
         folded.find("<iframe") != std::string::npos || folded.find("onerror=") != std::string::npos;
}

}  // namespace

std::vector<core::FieldProblem> ConsultationProblems(const Consultation& consultation, std::string_view today) {
  std::vector<core::FieldProblem> problems;
  const auto opens = DayOf(consultation.opens_on);
  const auto closes = DayOf(consultation.closes_on);
  if (!opens) problems.push_back({"opens_on", std::string(message::kNotADate), consultation.opens_on});
  if (!closes) problems.push_back({"closes_on", std::string(message::kNotADate), consultation.closes_on});
  if (opens && consultation.opens_on < today) {
    problems.push_back({"opens_on", std::string(message::kOpensInThePast), consultation.opens_on});
  }
  if (opens && closes) {
    const int days = DaysBetween(consultation.opens_on, consultation.closes_on);
    if (days < 0) {
      problems.push_back({"closes_on", std::string(message::kClosesBeforeOpening), consultation.closes_on});
    } else if (days < kShortestDays) {
      problems.push_back({"closes_on", std::string(message::kTooShort), consultation.closes_on});
    } else if (days < kUsualDays && core::TrimSpaces(consultation.short_period_reason).empty()) {
      problems.push_back({"short_period_reason", std::string(message::kShortWithoutReason), ""});
    }
  }
  CheckText(problems, "short_period_reason", consultation.short_period_reason, kMaxReasonCharacters, "",
            message::kTooLongReason);
  CheckText(problems, "motives", consultation.motives, kMaxMotivesCharacters, message::kWriteMotives,
            message::kTooLongMotives);
  CheckText(problems, "impact_assessment", consultation.impact_assessment, kMaxMotivesCharacters,
            message::kWriteImpactAssessment, message::kTooLongMotives);
  return problems;
}

std::vector<core::FieldProblem> CommentProblems(std::string_view body) {
  std::vector<core::FieldProblem> problems;
  CheckText(problems, "body", body, kMaxCommentCharacters, message::kWriteComment, message::kTooLongComment);
  if (problems.empty() && CarriesScript(body)) problems.push_back({"body", std::string(message::kScript), ""});
  return problems;
}

std::vector<core::FieldProblem> ProposalProblems(const Proposal& proposal) {
  std::vector<core::FieldProblem> problems;
  if (!indicators::IsOneOf(proposal.kind, kProposalKinds)) {
    problems.push_back({"kind", std::string(message::kChooseKind), proposal.kind});
  } else if (proposal.kind == "new_activity" && !proposal.item_id) {
    problems.push_back({"item", std::string(message::kChooseMeasure), ""});
  } else if ((proposal.kind == "change" || proposal.kind == "deletion") && !proposal.item_id) {
    problems.push_back({"item", std::string(message::kChooseItem), ""});
  }
  CheckText(problems, "title", proposal.title, kMaxProposalTitleCharacters, message::kWriteTitle,
            message::kTooLongTitle);
  CheckText(problems, "body", proposal.body, kMaxProposalCharacters, message::kWriteProposal,
            message::kTooLongProposal);
  for (const auto& [field, text] : {std::pair{"title", &proposal.title}, std::pair{"body", &proposal.body}}) {
    const std::string_view name = field;  // clang 14 cannot capture a structured binding
    const bool already = std::any_of(problems.begin(), problems.end(),
                                     [name](const core::FieldProblem& problem) { return problem.field == name; });
    if (!already && CarriesScript(*text)) problems.push_back({field, std::string(message::kScript), ""});
  }
  return problems;
}

std::vector<core::FieldProblem> AnswerProblems(std::string_view answer, std::string_view reason) {
  std::vector<core::FieldProblem> problems;
  if (!indicators::IsOneOf(answer, kAnswers)) {
    problems.push_back({"answer", std::string(message::kChooseAnswer), std::string(answer)});
  }
  CheckText(problems, "answer_reason", reason, kMaxReasonCharacters,
            answer == "accepted" || !indicators::IsOneOf(answer, kAnswers) ? "" : message::kWriteReasons,
            message::kTooLongReason);
  return problems;
}

std::optional<double> ReportFigures::accepted_share() const {
  const std::int64_t answered = accepted + partly_accepted + rejected;
  if (answered == 0) return std::nullopt;
  return 100.0 * static_cast<double>(accepted) / static_cast<double>(answered);
}

ReportFigures FiguresOf(const std::vector<Proposal>& proposals) {
  ReportFigures figures;
  for (const Proposal& proposal : proposals) {
    if (proposal.by_authority || proposal.hidden_at) continue;
    ++figures.received;
    if (!proposal.answer_published_at) {
      ++figures.unanswered;
    } else if (proposal.answer == "accepted") {
      ++figures.accepted;
    } else if (proposal.answer == "partly_accepted") {
      ++figures.partly_accepted;
    } else {
      ++figures.rejected;
    }
  }
  return figures;
}

}  // namespace consultations
