#pragma once
// Public consultations on draft documents of the cascade as types and pure rules (no I/O): the period the Normative
// Acts Act asks for (Art. 26(4)), the state of a consultation on a given day, what a comment, a proposal and an answer
// must hold, and the figures of the statement published before adoption (Art. 26(5)).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/days.hpp"
#include "core/error.hpp"

namespace consultations {

// At least 30 days for proposals; at least 14 in exceptional cases, with the reason stated (Art. 26(4)).
inline constexpr int kUsualDays = 30;
inline constexpr int kShortestDays = 14;

// Limits, in characters as a form's maxlength counts them.
inline constexpr std::size_t kMaxCommentCharacters = 5000;
inline constexpr std::size_t kMaxProposalTitleCharacters = 300;
inline constexpr std::size_t kMaxProposalCharacters = 10000;
inline constexpr std::size_t kMaxReasonCharacters = 5000;
inline constexpr std::size_t kMaxMotivesCharacters = 50000;  // Markdown; within web::kMaxMarkdownBytes

// The states OpenConsult names (StatusCurrentMapped): before the first day, during the period, after the last day,
// and open again after it had ended.
enum class State { kPlanned, kActive, kCompleted, kReopened };
std::string_view StateName(State state);          // "planned", "active", "completed", "reopened"
std::string_view StateTitle(State state);         // msgid: "Opens soon", "Open for proposals", "Closed", …
std::string_view OpenConsultStatus(State state);  // "Planned", "Active", "Completed", "Re-opened"

inline constexpr std::string_view kProposalKinds[] = {"new_measure", "new_activity", "change", "deletion"};
std::string_view ProposalKindTitle(std::string_view kind);  // msgid: "A new measure", …
inline constexpr std::string_view kAnswers[] = {"accepted", "partly_accepted", "rejected"};
std::string_view AnswerTitle(std::string_view answer);  // msgid: "Accepted", "Partly accepted", "Rejected"

struct Consultation {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string opens_on;   // YYYY-MM-DD
  std::string closes_on;  // YYYY-MM-DD, the last day proposals are taken
  std::string short_period_reason;
  std::string motives;  // Markdown
  std::string motives_html;
  std::string impact_assessment;  // Markdown
  std::string impact_assessment_html;
  std::string reopened_on;  // "" unless the period was opened again after it had ended
  std::optional<std::int64_t> report_published_at;
  std::optional<std::int64_t> opened_by;
  std::int64_t opened_at = 0;
  bool demo = false;
  std::int64_t version = 1;
};

struct Comment {
  std::int64_t id = 0;
  std::int64_t consultation_id = 0;
  std::optional<std::int64_t> item_id;      // on an objective, a measure or an activity of the draft
  std::optional<std::int64_t> proposal_id;  // on a proposal; neither: on the document as a whole
  std::optional<std::int64_t> reply_to;     // the comment it answers
  std::optional<std::int64_t> author_id;
  std::string author_name;
  std::optional<std::int64_t> organisation_id;
  std::string organisation_name;
  std::string body;
  std::int64_t written_at = 0;
  std::optional<std::int64_t> hidden_at;
  std::string hidden_reason;
  bool demo = false;
};

struct Proposal {
  std::int64_t id = 0;
  std::int64_t consultation_id = 0;
  std::int64_t number = 0;
  std::string kind = "new_measure";
  // What a change or a deletion is about; where a new item goes (the objective of a new measure, the measure of a
  // new activity); nullopt for a new measure under no objective yet.
  std::optional<std::int64_t> item_id;
  std::string title;
  std::string body;
  std::optional<std::int64_t> author_id;
  std::string author_name;
  std::optional<std::int64_t> organisation_id;
  std::string organisation_name;
  bool by_authority = false;
  std::int64_t written_at = 0;
  std::string answer;  // "" until answered
  std::string answer_reason;
  std::optional<std::int64_t> answered_by;
  std::optional<std::int64_t> answered_at;
  std::optional<std::int64_t> answer_published_at;  // nullopt: prepared, not public
  std::optional<std::int64_t> became_item_id;
  std::optional<std::int64_t> hidden_at;
  std::string hidden_reason;
  bool demo = false;
  std::int64_t version = 1;
  std::int64_t supports = 0;  // read with it, never stored in the row
};

// Dates are ISO text in the tables and the forms; the days are core's (core/days.hpp).
using core::DayOf;
using core::IsoDay;
using core::IsoOf;
// Days from `from` to `to` (both ISO dates; 0 unless both are dates): 30 for "2027-01-01" → "2027-01-31".
int DaysBetween(std::string_view from, std::string_view to);

// The state of a consultation on the day `today` (ISO).
State StateOn(const Consultation& consultation, std::string_view today);
// Whether proposals and comments are taken on `today`.
bool TakesInput(const Consultation& consultation, std::string_view today);

// The rules of the period, the motives and the impact assessment, by field ("opens_on", "closes_on",
// "short_period_reason", "motives", "impact_assessment"); `today` is the day it is opened (opens_on may not be
// earlier).
std::vector<core::FieldProblem> ConsultationProblems(const Consultation& consultation, std::string_view today);

// The rules of a comment's text: written, plain text (no script), at most kMaxCommentCharacters; field "body".
std::vector<core::FieldProblem> CommentProblems(std::string_view body);
// A proposal's kind, title and text, and whether it names what it is about when its kind needs that ("kind",
// "item", "title", "body").
std::vector<core::FieldProblem> ProposalProblems(const Proposal& proposal);
// An answer: one of kAnswers, with reasons when not wholly accepted (Art. 26(5)); "answer", "answer_reason".
std::vector<core::FieldProblem> AnswerProblems(std::string_view answer, std::string_view reason);

// The figures of the statement of Art. 26(5) over the proposals received from the public (not the authority's own,
// not hidden ones): the process indicator "consultation proposals accepted (%)" is accepted ÷ answered.
struct ReportFigures {
  std::int64_t received = 0;
  std::int64_t accepted = 0;
  std::int64_t partly_accepted = 0;
  std::int64_t rejected = 0;
  std::int64_t unanswered = 0;                   // no published answer yet
  std::optional<double> accepted_share() const;  // 0–100; nullopt before any answer
};
ReportFigures FiguresOf(const std::vector<Proposal>& proposals);

namespace message {
inline constexpr std::string_view kNotADate = "This is not a date: write it as 2026-03-31 or 31.03.2026.";
inline constexpr std::string_view kOpensInThePast = "A consultation cannot open on a day already past.";
inline constexpr std::string_view kClosesBeforeOpening = "The last day comes before the first.";
inline constexpr std::string_view kTooShort = "A consultation lasts at least 14 days (Normative Acts Act, Art. 26(4)).";
inline constexpr std::string_view kShortWithoutReason =
    "A consultation shorter than 30 days needs the exceptional reason for it (Normative Acts Act, Art. 26(4)).";
inline constexpr std::string_view kWriteMotives = "Attach the motives of the draft (Normative Acts Act, Art. 26(3)).";
inline constexpr std::string_view kWriteImpactAssessment =
    "Attach the preliminary impact assessment (Normative Acts Act, Art. 26(3)).";
inline constexpr std::string_view kTooLongMotives = "The text is too long: at most 50,000 characters.";
inline constexpr std::string_view kNotUtf8 = "The text is not valid UTF-8.";
inline constexpr std::string_view kWriteComment = "Write your comment.";
inline constexpr std::string_view kTooLongComment = "A comment is at most 5,000 characters: shorten it.";
inline constexpr std::string_view kScript =
    "Write plain text: a script or HTML markup is not accepted (remove what starts with \"<script\" or "
    "\"javascript:\").";
inline constexpr std::string_view kChooseKind =
    "Choose what you propose: a new measure, a new activity, a change or a "
    "deletion.";
inline constexpr std::string_view kChooseItem = "Choose the item of the plan your proposal is about.";
inline constexpr std::string_view kChooseMeasure = "Choose the measure the new activity belongs to.";
inline constexpr std::string_view kWriteTitle = "Write a title.";
inline constexpr std::string_view kTooLongTitle = "The title is at most 300 characters.";
inline constexpr std::string_view kWriteProposal = "Write what you propose and why.";
inline constexpr std::string_view kTooLongProposal = "A proposal is at most 10,000 characters: shorten it.";
inline constexpr std::string_view kChooseAnswer = "Choose the answer: accepted, partly accepted or rejected.";
inline constexpr std::string_view kWriteReasons =
    "Give the reasons for not accepting the proposal in full (Normative Acts Act, Art. 26(5)).";
inline constexpr std::string_view kTooLongReason = "The text is at most 5,000 characters.";
}  // namespace message

}  // namespace consultations
