#pragma once
// Community monitoring as types and rules (no I/O). A CSO opens a cycle over a municipality's plans (or one plan);
// community monitors assess its measures and activities against criteria, with evidence; the CSO's editors moderate;
// the official responsible answers; where the community's view and the official one differ by more than the
// installation's threshold, the measure has a discrepancy until someone resolves it with a note.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace monitoring {

// Community scorecard (criteria the community chooses) or a plan review with the Roma Civil Monitor's four criteria.
inline constexpr std::string_view kMethods[] = {"scorecard", "plan_review"};
// Named: the public sees who filed. Pseudonymous: the public sees a pseudonym, the cycle's moderators who filed.
// Anonymous: nobody can read back who filed; the monitor keeps a receipt link instead.
inline constexpr std::string_view kIdentityRules[] = {"named", "pseudonymous", "anonymous"};
// Who files: the organisation's own monitors and editors, or any signed-in community monitor.
inline constexpr std::string_view kParticipation[] = {"organisation", "any_monitor"};
inline constexpr std::string_view kObservedStatuses[] = {"not_started", "in_progress", "completed", "delayed",
                                                         "not_visible"};
// Moderation: submitted → verified | needs_evidence (the monitor adds, back to submitted) | rejected.
inline constexpr std::string_view kStates[] = {"submitted", "needs_evidence", "verified", "rejected"};
inline constexpr std::string_view kEvidenceKinds[] = {"photo", "document", "link", "authority_letter"};
// Who may see a piece of evidence: everyone (once the assessment is verified), the cycle's moderators, or the
// moderators and the officials of the municipality.
inline constexpr std::string_view kVisibilities[] = {"public", "moderators", "authority"};

bool IsOneOf(std::string_view value, const auto& list) {
  for (const auto& each : list) {
    if (each == value) return true;
  }
  return false;
}

std::string_view MethodTitle(std::string_view method);  // msgids
std::string_view IdentityRuleTitle(std::string_view rule);
std::string_view ParticipationTitle(std::string_view participation);
std::string_view ObservedStatusTitle(std::string_view status);
std::string_view StateTitle(std::string_view state);
std::string_view EvidenceKindTitle(std::string_view kind);
std::string_view VisibilityTitle(std::string_view visibility);
std::string_view OfficialStatusTitle(std::string_view status);  // the plan's own vocabulary

struct Criterion {
  std::string name;     // as the community wrote it, or the preset's Bulgarian
  std::string name_en;  // the preset's English; "" for the community's own words
  bool operator==(const Criterion&) const = default;
};
// A starting set for a community scorecard of a public service, which the community edits, and the Roma Civil
// Monitor's four criteria of a plan review (fixed).
std::vector<Criterion> ScorecardPreset();
std::vector<Criterion> PlanReviewCriteria();
inline constexpr std::size_t kMaxCriteria = 10;

struct Cycle {
  std::int64_t id = 0;
  std::string title;
  std::string municipality_code;
  std::optional<std::int64_t> document_id;  // one plan; nullopt: every plan of the municipality
  std::string period_start;                 // YYYY-MM-DD
  std::string period_end;
  std::string method = "scorecard";
  std::string identity_rule = "pseudonymous";
  std::string participation = "organisation";
  std::int64_t organisation_id = 0;  // the CSO that runs it; its editors moderate
  std::vector<Criterion> criteria;
  std::string status = "open";  // open, closed
  bool demo = false;
  std::int64_t created_at = 0;
};
// The problems of a cycle as typed, by field: title, municipality, period_start, period_end, method, identity_rule,
// participation, organisation, criteria.
std::vector<core::FieldProblem> CycleProblems(const Cycle& cycle);

struct Score {
  int criterion = 0;         // the criterion's position in the cycle, from 0
  std::optional<int> score;  // 0–100; nullopt: not scored
  std::string reason;
  std::string suggestion;
  bool operator==(const Score&) const = default;
};

struct Evidence {
  std::int64_t id = 0;
  std::string kind = "photo";
  std::string visibility = "public";
  std::string url;          // a link
  std::string file_sha256;  // a stored file ("" for a link)
  std::string media_type;
  std::string original_name;
  std::int64_t size = 0;
  std::int64_t added_at = 0;
};

struct Reply {
  std::int64_t id = 0;
  std::string body;
  std::string replied_by;  // the official's name
  std::int64_t replied_at = 0;
};

struct Event {
  std::string action;  // submitted, evidence_added, verified, evidence_requested, rejected, replied, resubmitted
  std::string note;
  std::string actor;  // a name, "" when the identity rule hides it
  std::int64_t at = 0;
};

struct Assessment {
  std::int64_t id = 0;
  std::int64_t cycle_id = 0;
  std::int64_t item_id = 0;
  std::string observed_status;
  std::string narrative;
  std::vector<Score> scores;
  std::optional<std::int64_t> filed_by;  // nullopt in an anonymous cycle (and to whoever may not see it)
  std::string filed_by_name;             // the name, the pseudonym, or "" (anonymous)
  std::string pseudonym;
  std::string state = "submitted";
  std::string state_reason;
  bool demo = false;
  std::int64_t filed_at = 0;
  std::int64_t version = 1;
  std::vector<Evidence> evidence;
  std::vector<Reply> replies;
};
inline constexpr std::size_t kMaxNarrative = 8000;  // characters
inline constexpr std::size_t kMaxReason = 2000;
inline constexpr std::size_t kMaxFilesPerAssessment = 8;
inline constexpr std::size_t kMaxLinksPerAssessment = 8;
// The problems of an assessment as typed against its cycle's criteria, by field: item, observed_status, narrative,
// pseudonym, score_N, reason_N, suggestion_N (N the criterion's position), link.
std::vector<core::FieldProblem> AssessmentProblems(const Assessment& assessment, const Cycle& cycle,
                                                   const std::vector<std::string>& links);
// The problems of links given as evidence (field "link"): http or https, at most eight.
std::vector<core::FieldProblem> LinkProblems(const std::vector<std::string>& links);
// The mean of the scores given, rounded; nullopt when none is.
std::optional<int> MeanScore(const std::vector<Score>& scores);

// The community's view of a measure in a cycle, from its verified assessments.
struct CommunityView {
  int assessments = 0;
  std::string status;             // the status most assessments observed (the worse one on a tie); "" when none
  std::optional<int> mean_score;  // over every criterion of every verified assessment
};
// The official view, from the plan.
struct OfficialView {
  std::string status;           // planned, in_progress, completed, delayed, cancelled, ""
  std::optional<int> progress;  // 0–100; nullopt: not reported
};

// How the two views compare (docs/methodology.md, "Community monitoring"): each becomes a figure 0–100 — the official
// progress (or what the official status implies when no progress is reported), and the community's mean score when
// the community scored, else what its observed status implies — and they differ when the official figure exceeds the
// community's by more than `threshold` points, or when the plan says completed or in progress and the community saw
// nothing on the ground. A community more positive than the official story is no discrepancy to chase.
std::optional<int> ImpliedProgress(std::string_view status);  // for either vocabulary
bool Differs(const OfficialView& official, const CommunityView& community, int threshold);
inline constexpr int kDefaultDiscrepancyThreshold = 30;

// Whether a measure or activity is overdue on `today` (YYYY-MM-DD): its deadline (or its end when it has none) has
// passed and the plan does not say it was completed or cancelled.
bool IsOverdue(std::string_view deadline, std::string_view end_date, std::string_view official_status,
               std::string_view today);

// The joint action plan an interface meeting agrees when a cycle closes.
inline constexpr std::string_view kActionStatuses[] = {"open", "in_progress", "done", "dropped"};
std::string_view ActionStatusTitle(std::string_view status);
struct Action {
  std::int64_t id = 0;
  std::int64_t cycle_id = 0;
  std::string title;
  std::string owner;     // who does it: the municipality, the organisation, a school
  std::string due_date;  // YYYY-MM-DD or ""
  std::string status = "open";
  std::string note;
  std::int64_t updated_at = 0;
  std::int64_t version = 1;  // moved on by each change, so that a form opened before one is refused
};
struct Outcome {
  std::string meeting_date;  // of the interface meeting
  std::string summary;
  std::string closed_by;  // a name
  std::int64_t closed_at = 0;
};
inline constexpr std::size_t kMaxActions = 20;
// The indicators a closed cycle feeds (docs/methodology.md, "Community monitoring").
inline constexpr std::string_view kScorecardScore = "scorecard_score";
inline constexpr std::string_view kActionsClosed = "scorecard_actions_closed";
// The problems of a closing, by field: meeting_date, summary, and action_N_title / action_N_owner / action_N_due
// (N from 0, in the form's order).
std::vector<core::FieldProblem> ClosingProblems(const Outcome& outcome, const std::vector<Action>& actions);
// The share of actions done among those not dropped (0–100); nullopt when there are none.
std::optional<double> ShareDone(const std::vector<Action>& actions);

// What people follow, for a weekly digest of what changed in it: a measure or activity (by id), a plan (by id), a
// municipality (by code).
inline constexpr std::string_view kFollowKinds[] = {"item", "document", "municipality"};
// A change a digest tells of; only what is public (verified assessments, answers, resolutions, cycles, actions).
struct Change {
  std::int64_t at = 0;
  std::string kind;          // verified, replied, resolved, cycle_opened, cycle_closed, action_updated
  std::int64_t item_id = 0;  // 0 for a cycle's changes
  std::int64_t document_id = 0;
  std::string municipality_code;
  std::string title;        // the item's, or the cycle's
  std::string detail;       // the action's title, the resolution's note
  std::string path;         // where to read it: "/monitoring/assessments/7"
  std::string status = {};  // an action's: open, in_progress, done, dropped
};
inline constexpr std::int64_t kDigestPeriod = 7 * 86400;
// The digest's text, in Bulgarian then English: one line per change, oldest first, each with its link
// (`base_url` + path). Empty when there is nothing to tell.
std::string DigestText(const std::vector<Change>& changes, const std::string& base_url);

// What an assessment's content is, for the idempotency check: the same key with the same content is the same filing.
std::string ContentDigest(const Assessment& assessment, const std::vector<std::string>& links,
                          const std::vector<std::string>& file_digests);

}  // namespace monitoring
