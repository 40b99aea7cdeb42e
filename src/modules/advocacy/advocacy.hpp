#pragma once
// Advocacy the ROMA-UP way (community empowerment → coalition → action → follow-up): the register of stakeholders an
// organisation keeps, its coalitions, the stakeholder maps it draws per issue, and campaigns whose asks are linked to
// the plans' measures and whose results are linked to the change in a plan's history. Everything here is pure: the
// rules each record keeps, and the map drawn as SVG.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace advocacy {

inline constexpr std::string_view kSectors[] = {"social",      "professional",     "business", "media", "faith",
                                                "institution", "initiative_group", "cso",      "donor", "other"};
// Why a person's data may be kept: their consent (for a purpose, recorded by whom and when), a public role they hold
// (a mayor, a councillor), or the keeper's legitimate interest (GDPR Art. 6(1)(a), (e)–(f)).
inline constexpr std::string_view kConsentBases[] = {"consent", "public_role", "legitimate_interest"};
inline constexpr std::string_view kStances[] = {"ally", "neutral", "opponent"};
inline constexpr std::string_view kStages[] = {"empowerment", "coalition", "action", "follow_up"};
inline constexpr std::string_view kActionKinds[] = {"meeting", "letter",       "information_request",
                                                    "media",   "public_event", "petition"};
inline constexpr std::string_view kResultKinds[] = {"measure_adopted", "budget_line_added", "activity_restarted",
                                                    "other"};

struct Stakeholder {
  std::int64_t id = 0;
  std::int64_t keeper_id = 0;   // the organisation (of accounts) whose register it is
  std::string kind = "person";  // or "organization", as Popolo spells it
  std::string name;
  bool pseudonym = false;
  std::string sector;
  std::string place_code;
  std::string summary;
  std::string email;  // contact details: for the keeper's editors only
  std::string phone;
  std::string consent_basis;
  std::string consent_purpose;
  std::string consent_on;
  std::optional<std::int64_t> consent_recorded_by;
  std::string consent_withdrawn_on;
  std::string erased_on;
  bool demo = false;
  std::int64_t version = 1;
};

struct Membership {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::int64_t organization_id = 0;
  std::string role;
  std::string post;
  std::optional<std::int64_t> on_behalf_of_id;
  std::string start_date;  // "2026", "2026-03" or "2026-03-31", as Popolo dates are
  std::string end_date;
};

struct Coalition {
  std::int64_t id = 0;
  std::int64_t keeper_id = 0;
  std::string name;
  std::string goals;
  std::string place_code;
  bool members_public = false;
  bool demo = false;
};

struct LogEntry {
  std::int64_t id = 0;
  std::int64_t coalition_id = 0;
  std::string day;
  std::string text;
};

struct Position {
  std::int64_t stakeholder_id = 0;
  int influence = 3;
  int interest = 3;
  std::string stance = "neutral";
  std::string wants;
  std::optional<std::int64_t> known_by_id;
};

struct StakeholderMap {
  std::int64_t id = 0;
  std::int64_t coalition_id = 0;
  std::string issue;
  std::string drawn_on;
  std::vector<Position> positions;
};

struct Campaign {
  std::int64_t id = 0;
  std::int64_t coalition_id = 0;
  std::string title;
  std::string goal;
  std::string stage = "empowerment";
  bool demo = false;
  std::int64_t version = 1;
};

struct Ask {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::string text;
  std::optional<std::int64_t> item_id;  // the measure or objective it wants changed; none for a missing measure
  // Set for a measure the plans of this municipality lack: `item_id` is then the objective above (national or
  // regional) that the gap analysis finds nothing in them implementing.
  std::string gap_place_code = "";
};

struct Action {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::string kind;
  std::string day;
  std::string title;
  std::string outcome;
  std::string link;  // its page in Khetane ("/meetings/3", "/requests/12")
  std::optional<std::int64_t> supporters;
};

struct Result {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::string kind;
  std::string day;
  std::string text;
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> item_version;  // the item's version after the change the result was
};

// Whether `text` is a Popolo date: "2026", "2026-03" or "2026-03-31".
bool IsPopoloDate(std::string_view text);

// The problems of each record as a form or a file brings it, by field, with `today` for dates that may not be later.
std::vector<core::FieldProblem> StakeholderProblems(const Stakeholder& stakeholder, const std::string& today);
std::vector<core::FieldProblem> MembershipProblems(const Membership& membership);
std::vector<core::FieldProblem> CoalitionProblems(const Coalition& coalition);
std::vector<core::FieldProblem> PositionProblems(const Position& position);
std::vector<core::FieldProblem> CampaignProblems(const Campaign& campaign);
std::vector<core::FieldProblem> AskProblems(const Ask& ask);
std::vector<core::FieldProblem> ActionProblems(const Action& action, const std::string& today);
std::vector<core::FieldProblem> ResultProblems(const Result& result, const std::string& today);

}  // namespace advocacy
