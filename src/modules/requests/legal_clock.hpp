#pragma once
// The legal clock: when a deadline the law sets ends, from the day that starts it, as pure rules over reference data.
// Each deadline is a rule (law, article, how many days or months, calendar or working days, what starts it, whether
// its text was checked against the law), and so are the non-working days (fixed holidays, those counted from Orthodox
// Easter, days moved by a holiday on a weekend, and days a government decree adds or swaps). Nothing here reads the
// clock: the caller says what today is.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/days.hpp"
#include "core/error.hpp"

namespace requests {

// Days as core counts them (core/days.hpp).
using core::Day;
using core::DayOf;
using core::DaysBetween;
using core::IsoOf;

// Orthodox Easter Sunday of `year` (1900–2099), in the Gregorian calendar: the Julian date by Meeus's algorithm,
// thirteen days on.
Day OrthodoxEaster(int year);

// A non-working day as reference data writes it: a fixed date ("01-01"), a day counted from Orthodox Easter
// ("easter-2" for Good Friday), or one dated day a decree made non-working ("2026-12-31") or working ("!2026-12-19").
struct NonWorkingRule {
  std::string when;
  std::string name_bg;
  std::string name_en;
  bool moves_when_on_weekend = false;  // on a Saturday or Sunday, the next working day is non-working instead
  bool checked = false;                // checked against the law's current text
};

// The working and non-working days of a country, from its rules.
class Calendar {
 public:
  Calendar() = default;
  explicit Calendar(std::vector<NonWorkingRule> rules);
  // Saturdays and Sundays, the holidays of the rules and the days they move to, unless a decree made the day working.
  bool IsWorkingDay(Day day) const;
  // The first working day on or after `day`.
  Day NextWorkingDay(Day day) const;
  // The non-working days of `year` other than weekends, each with the rule that makes it one (a day a holiday on a
  // weekend moved to has that holiday's rule): for a page that explains a deadline.
  std::map<Day, const NonWorkingRule*> HolidaysOf(int year) const;

 private:
  std::vector<NonWorkingRule> rules_;
  std::set<Day> worked_;  // days a decree made working
  // A year's non-working weekdays, worked out the first time a day of it is asked (a list of 10,000 requests asks
  // every day of their deadlines). Not guarded: a Calendar belongs to one computation (RequestsService::CurrentRules
  // makes one for each), never to two threads.
  mutable std::map<int, std::set<Day>> non_working_;
};

enum class Count { kCalendarDays, kWorkingDays };

// One deadline the law sets.
struct DeadlineRule {
  std::string code;  // "info_request_decision"
  std::string law;   // "ЗДОИ", "АПК", "ЗМСМА"
  std::string article;
  int days = 0;    // a period in days, or
  int months = 0;  // in months (the same date of the month, or its last day when the month is shorter)
  Count count = Count::kCalendarDays;
  bool moves_off_non_working_day = true;  // an end on a non-working day moves to the next working day
  std::string starts;                     // what starts it, as its citation says: "registration of the request"
  std::string title_bg;
  std::string title_en;
  bool checked = false;      // its text checked against the law's current text
  std::string checked_on;    // when ("2026-12-05"), "" when not recorded
  std::int64_t version = 1;  // moved on by every correction: a form sent from an older one is refused
};

// The day a deadline of `rule` started on `start` ends (the last day on which acting is in time): the start day is not
// counted; days or months are added; an end on a non-working day moves to the next working day when the rule says so.
Day Due(const DeadlineRule& rule, Day start, const Calendar& calendar);
// A deadline counted backwards: the last day by which something must be done so that `rule`'s days are left before
// `event` (a session announced at least 6 days ahead).
Day LatestBefore(const DeadlineRule& rule, Day event);

// The rules by code, as reference data gives them; Find throws std::out_of_range naming a missing code, so that a
// computation never runs on a rule that is not there.
class Rules {
 public:
  Rules() = default;
  Rules(std::vector<DeadlineRule> rules, Calendar calendar);
  const DeadlineRule& Find(std::string_view code) const;
  bool Has(std::string_view code) const;
  const Calendar& calendar() const { return calendar_; }
  const std::vector<DeadlineRule>& all() const { return rules_; }

 private:
  std::vector<DeadlineRule> rules_;
  Calendar calendar_;
};

// Reference data: the rules of data/requests/deadline_rules.csv and the days of data/requests/non_working_days.csv,
// each a table whose first row names its columns. An error names the row and the column.
core::Result<std::vector<DeadlineRule>> ReadDeadlineRules(const std::vector<std::vector<std::string>>& rows);
core::Result<std::vector<NonWorkingRule>> ReadNonWorkingRules(const std::vector<std::vector<std::string>>& rows);

// ---- Information requests (Access to Public Information Act) ----

// What happened to a request, as far as its deadline goes.
struct RequestEvents {
  Day registered;
  std::optional<Day> clarification_asked = std::nullopt;  // the requester was told it is unclear (Art. 29(1))
  std::optional<Day> clarified = std::nullopt;            // and specified it: the deadline runs from then
  std::optional<std::string> extension = std::nullopt;    // "volume" (Art. 30) or "third_party" (Art. 31)
  std::optional<Day> decided = std::nullopt;              // the decision (access given or refused)
};

enum class RequestState {
  kWaiting,                   // within the deadline
  kAwaitingClarification,     // unclear, the requester has until `clarify_by`
  kLeftWithoutConsideration,  // not specified in time (Art. 29(2))
  kDecided,
  kSilentRefusal,  // the deadline passed with no decision
  kOverdue,        // a proposal's or a signal's deadline passed with no decision
};

struct RequestClock {
  RequestState state = RequestState::kWaiting;
  std::optional<Day> clarify_by;   // while a clarification is awaited
  std::optional<Day> decide_by;    // the decision's deadline, with any extension
  std::optional<Day> appeal_by;    // against the decision, or against a silent refusal
  std::optional<Day> notify_by;    // the filer of a proposal or a signal is told the decision by then
  bool decided_late = false;       // decided after `decide_by`
  int days_left = 0;               // to the deadline that runs now (negative once it has passed)
  std::vector<std::string> rules;  // the codes of the rules used, for the page to cite (and mark as unchecked)
};

// The deadlines of a request on `today` under `rules` (codes info_request_decision, info_request_clarification,
// info_request_extension_volume, info_request_extension_third_party, appeal_decision, appeal_silent_refusal).
RequestClock ClockOf(const RequestEvents& events, Day today, const Rules& rules);

// ---- Proposals and signals (Administrative Procedure Code, Art. 107 ff.) ----

struct ProposalEvents {
  Day registered;
  bool signal = false;                        // a signal (told by signal_notice) rather than a proposal
  bool extended = false;                      // the higher body extended the deadline (Art. 118(2))
  std::optional<Day> decided = std::nullopt;  // the decision
};

// The deadlines of a proposal or a signal on `today` (codes proposal_decision, proposal_extension, proposal_notice,
// signal_notice): decided within two months, or six when extended, and the filer told within seven days of it.
RequestClock ClockOf(const ProposalEvents& events, Day today, const Rules& rules);

}  // namespace requests
