#pragma once
// What a community files with an institution and the law times: an information request (Access to Public Information
// Act), a proposal or a signal (Administrative Procedure Code, Art. 107 ff.), and what happened to it since, as dated
// events (the institution asked to specify it, it was specified, the deadline extended, the decision, the appeal).
// Everything here is pure: the rules a filing and an event must keep, its deadlines on a given day, the letter drafted
// from it, and how often each institution answered on time.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/requests/legal_clock.hpp"

namespace requests {

inline constexpr std::string_view kInformationRequest = "information_request";
inline constexpr std::string_view kFilingKinds[] = {kInformationRequest, "proposal", "signal"};
// Written, by email or another electronic way, orally, or through the national platform (ЗДОИ Art. 15в).
inline constexpr std::string_view kChannels[] = {"written", "electronic", "oral", "platform"};
// Who it is addressed to: the municipality's administration (its mayor), its council, the oblast's administration,
// or another institution named in full.
inline constexpr std::string_view kAddresseeKinds[] = {"municipality", "municipal_council", "regional_administration",
                                                       "other"};
// How the requester wants the information (an information request only).
inline constexpr std::string_view kAccessForms[] = {"electronic_copy", "paper_copy", "review", "oral_answer"};
inline constexpr std::string_view kEventKinds[] = {"clarification_asked", "clarified", "extended", "decided",
                                                   "appealed"};
inline constexpr std::string_view kRequestDecisions[] = {"granted", "partly_granted", "refused"};
inline constexpr std::string_view kProposalDecisions[] = {"accepted", "partly_accepted", "rejected"};
// The legal ground of a refusal (ЗДОИ Art. 37(1), items 1–3), another one, or none stated, which Art. 38 requires.
inline constexpr std::string_view kRefusalGrounds[] = {"art37_1_1", "art37_1_2", "art37_1_3", "other_ground",
                                                       "none_stated"};
// Art. 30 (a large volume), Art. 31 (a third party's consent) for an information request; the higher body's (АПК
// Art. 118(2)) for a proposal or a signal.
inline constexpr std::string_view kExtensions[] = {"volume", "third_party", "higher_body"};

struct Filing {
  std::int64_t id = 0;
  std::string kind{kInformationRequest};
  std::string place_code;  // the municipality, oblast or country ("BG") whose institution it is addressed to
  std::string addressee_kind = "municipality";
  std::string addressee;  // "Община Лом": made from the kind and the place unless "other"
  std::string channel = "written";
  std::string access_form = "electronic_copy";
  std::string subject;
  std::string body;
  std::string filed_on;
  std::string registered_on;  // the institution's registration (the deadline runs from it)
  std::string registration_number;
  std::string violation_on;  // a signal: when the violation happened, when known
  std::optional<std::int64_t> filed_by;
  std::string filer_name;
  std::optional<std::int64_t> organisation_id;  // filed on behalf of an organisation the filer belongs to
  std::string organisation_name;
  std::string contact;  // the address for the answer: shown only to whoever may record the filing's events
  bool is_public = true;
  bool demo = false;
  std::int64_t created_at = 0;
  std::int64_t version = 1;
};

struct FilingEvent {
  std::int64_t id = 0;
  std::int64_t filing_id = 0;
  std::string kind;  // one of kEventKinds
  std::string day;
  std::string detail;   // the extension (kExtensions) or the decision (kRequestDecisions, kProposalDecisions)
  std::string grounds;  // a refusal's legal ground (kRefusalGrounds)
  std::string text;     // the answer, a refusal's factual grounds, the court appealed to, or a note
  std::optional<std::int64_t> recorded_by;
  std::string recorded_by_name;
  std::int64_t recorded_at = 0;
};

// The problems of a filing as typed, by field (kind, place, addressee_kind, addressee, channel, access_form, subject,
// body, filed_on, registered_on, registration_number, violation_on, contact): a date in the future, a registration
// before the filing, a signal about a violation the law says is too old to consider (rule signal_age_limit).
std::vector<core::FieldProblem> FilingProblems(const Filing& filing, Day today, const Rules& rules);

// The problems of an event recorded on `filing` after `earlier` (in the order recorded), by field (kind, day, detail,
// grounds, text): a day in the future or before the registration, a step that does not follow (specified before
// being asked, a second decision, an appeal of a proposal or of access granted in full).
std::vector<core::FieldProblem> EventProblems(const Filing& filing, const std::vector<FilingEvent>& earlier,
                                              const FilingEvent& event, Day today);

// The filing's deadlines on `today`.
RequestClock ClockOfFiling(const Filing& filing, const std::vector<FilingEvent>& events, Day today, const Rules& rules);

// The decision event, if one was recorded; and the appeal.
const FilingEvent* DecisionOf(const std::vector<FilingEvent>& events);
const FilingEvent* AppealOf(const std::vector<FilingEvent>& events);
// Whether the filer may still appeal (an information request refused in whole or part, or left silent) and has not.
bool MayAppeal(const Filing& filing, const std::vector<FilingEvent>& events, const RequestClock& clock);
// Days the appeal was filed after its deadline (0 when in time or not appealed).
int AppealDaysLate(const std::vector<FilingEvent>& events, const RequestClock& clock);

// The letter drafted from a filing, in Bulgarian as the institution reads it: to print and sign, or to paste into the
// national platform.
std::string LetterText(const Filing& filing);

// How one institution answered the information requests whose deadline is over: on time, late, or not at all.
struct OnTime {
  std::string place_code;
  std::string addressee;
  int on_time = 0;
  int late = 0;
  int silent = 0;   // the deadline passed without a decision
  int waiting = 0;  // still within the deadline
  // The share answered on time of those whose deadline is over, nullopt while there is none.
  std::optional<double> share() const {
    const int due = on_time + late + silent;
    if (due == 0) return std::nullopt;
    return 100.0 * on_time / due;
  }
};
struct FilingWithEvents {
  Filing filing;
  std::vector<FilingEvent> events;
};
// Per institution (place and addressee), in the order first met; information requests only, those left without
// consideration not counted.
std::vector<OnTime> OnTimeFigures(const std::vector<FilingWithEvents>& filings, Day today, const Rules& rules);
// The same for every institution of one place together, for the process indicator of `year` (the year each
// deadline ended).
OnTime OnTimeOfPlace(const std::vector<FilingWithEvents>& filings, const std::string& place_code, int year, Day today,
                     const Rules& rules);

// A filing's page: "/requests/12".
std::string FilingPath(std::int64_t id);

// The addressee as the letter names it, from its kind and the place's Bulgarian name ("Община Лом").
std::string AddresseeName(std::string_view addressee_kind, std::string_view place_name_bg);

}  // namespace requests
