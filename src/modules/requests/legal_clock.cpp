#include "modules/requests/legal_clock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace requests {
namespace {

using std::chrono::days;
using std::chrono::year_month_day;

bool IsWeekend(Day day) {
  const std::chrono::weekday weekday{day};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

int YearOf(Day day) { return static_cast<int>(year_month_day{day}.year()); }

template <typename Number>
bool ReadNumber(std::string_view text, Number& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

// "MM-DD" in `year`.
std::optional<Day> FixedDate(std::string_view when, int year) {
  unsigned month = 0, day = 0;
  if (when.size() != 5 || when[2] != '-' || !ReadNumber(when.substr(0, 2), month) ||
      !ReadNumber(when.substr(3, 2), day)) {
    return std::nullopt;
  }
  const year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return Day(date);
}

// "easter", "easter-2", "easter+1": the offset from Orthodox Easter Sunday.
std::optional<int> EasterOffset(std::string_view when) {
  if (!when.starts_with("easter")) return std::nullopt;
  when.remove_prefix(6);
  if (when.empty()) return 0;
  int offset = 0;
  const bool minus = when.front() == '-';
  if (when.front() != '-' && when.front() != '+') return std::nullopt;
  if (!ReadNumber(when.substr(1), offset)) return std::nullopt;
  return minus ? -offset : offset;
}

Day AddMonths(Day start, int months) {
  const year_month_day date{start};
  const auto shifted = date.year() / date.month() / std::chrono::last + std::chrono::months(months);
  const year_month_day target{shifted.year(), shifted.month(), date.day()};
  // The same date of the month, or its last day when the month is shorter (31 January + 1 month = 28 February).
  return target.ok() ? Day(target) : Day(std::chrono::year_month_day_last(shifted.year(), shifted.month_day_last()));
}

}  // namespace

Day OrthodoxEaster(int year) {
  const int a = year % 4;
  const int b = year % 7;
  const int c = year % 19;
  const int d = (19 * c + 15) % 30;
  const int e = (2 * a + 4 * b - d + 34) % 7;
  const int month = (d + e + 114) / 31;
  const int day = (d + e + 114) % 31 + 1;
  // That is the Julian calendar's date; from 1900 to 2099 the Gregorian calendar runs 13 days ahead.
  const Day julian_as_gregorian{year_month_day{std::chrono::year(year),
                                               std::chrono::month(static_cast<unsigned>(month)),
                                               std::chrono::day(static_cast<unsigned>(day))}};
  return julian_as_gregorian + days(13);
}

std::map<Day, const NonWorkingRule*> Calendar::HolidaysOf(int year) const {
  std::map<Day, const NonWorkingRule*> holidays;
  std::vector<std::pair<Day, const NonWorkingRule*>> moving;
  for (const NonWorkingRule& rule : rules_) {
    std::optional<Day> day;
    if (const auto offset = EasterOffset(rule.when)) {
      day = OrthodoxEaster(year) + days(*offset);
    } else if (rule.when.size() == 5) {
      day = FixedDate(rule.when, year);
    } else if (rule.when.size() == 10) {
      day = DayOf(rule.when);  // a decree's day
      if (day && YearOf(*day) != year) day.reset();
    }
    if (!day) continue;
    holidays.emplace(*day, &rule);
    if (rule.moves_when_on_weekend && IsWeekend(*day)) moving.emplace_back(*day, &rule);
  }
  // In date order, each holiday on a weekend makes the first following weekday that is not a holiday already
  // non-working (24, 25 and 26 December on Friday to Sunday give the 27th and the 28th).
  std::sort(moving.begin(), moving.end());
  for (const auto& [day, rule] : moving) {
    Day next = day + days(1);
    while (IsWeekend(next) || holidays.contains(next)) next += days(1);
    if (YearOf(next) == year) holidays.emplace(next, rule);
  }
  // A decree that makes a day working ("!2026-12-19") wins over everything else.
  for (const NonWorkingRule& rule : rules_) {
    if (rule.when.size() == 11 && rule.when.front() == '!') {
      if (const auto day = DayOf(std::string_view(rule.when).substr(1))) holidays.erase(*day);
    }
  }
  return holidays;
}

Calendar::Calendar(std::vector<NonWorkingRule> rules) : rules_(std::move(rules)) {
  for (const NonWorkingRule& rule : rules_) {
    if (rule.when.size() != 11 || rule.when.front() != '!') continue;
    if (const auto day = DayOf(std::string_view(rule.when).substr(1))) worked_.insert(*day);
  }
}

bool Calendar::IsWorkingDay(Day day) const {
  if (worked_.contains(day)) return true;  // a Saturday a decree made working
  if (IsWeekend(day)) return false;
  const int year = YearOf(day);
  auto known = non_working_.find(year);
  if (known == non_working_.end()) {
    std::set<Day> days;
    for (const auto& [holiday, rule] : HolidaysOf(year)) days.insert(holiday);
    known = non_working_.emplace(year, std::move(days)).first;
  }
  return !known->second.contains(day);
}

Day Calendar::NextWorkingDay(Day day) const {
  for (int guard = 0; guard < 366 && !IsWorkingDay(day); ++guard) day += days(1);
  return day;
}

Day Due(const DeadlineRule& rule, Day start, const Calendar& calendar) {
  Day end = start;
  if (rule.months != 0) end = AddMonths(end, rule.months);
  if (rule.count == Count::kWorkingDays) {
    for (int left = rule.days; left > 0;) {
      end += days(1);
      if (calendar.IsWorkingDay(end)) --left;
    }
  } else {
    end += days(rule.days);
  }
  return rule.moves_off_non_working_day ? calendar.NextWorkingDay(end) : end;
}

Day LatestBefore(const DeadlineRule& rule, Day event) { return AddMonths(event, -rule.months) - days(rule.days); }

Rules::Rules(std::vector<DeadlineRule> rules, Calendar calendar)
    : rules_(std::move(rules)), calendar_(std::move(calendar)) {}

const DeadlineRule& Rules::Find(std::string_view code) const {
  for (const DeadlineRule& rule : rules_) {
    if (rule.code == code) return rule;
  }
  throw std::out_of_range("no deadline rule " + std::string(code) + " in the reference data");
}

bool Rules::Has(std::string_view code) const {
  return std::any_of(rules_.begin(), rules_.end(), [&](const DeadlineRule& rule) { return rule.code == code; });
}

namespace {

// The columns of a reference table by name, from its first row; an error names the missing one.
core::Result<std::map<std::string, std::size_t, std::less<>>> Columns(const std::vector<std::vector<std::string>>& rows,
                                                                      std::initializer_list<std::string_view> wanted) {
  if (rows.empty()) return core::Error::InvalidInput("The table is empty: its first row names its columns.");
  std::map<std::string, std::size_t, std::less<>> columns;
  for (std::size_t at = 0; at < rows.front().size(); ++at) columns.emplace(rows.front()[at], at);
  for (const std::string_view name : wanted) {
    if (!columns.contains(name)) {
      return core::Error::InvalidInput(fmt::format("The table has no column \"{}\".", name));
    }
  }
  return columns;
}

core::Error RowError(std::size_t row, std::string_view column, std::string_view why, std::string_view value) {
  return core::Error::InvalidInput(fmt::format("row {}, column {}: {} ({})", row + 1, column, why, value));
}

}  // namespace

core::Result<std::vector<DeadlineRule>> ReadDeadlineRules(const std::vector<std::vector<std::string>>& rows) {
  const auto columns = Columns(rows, {"code", "law", "article", "days", "months", "count", "moves", "starts",
                                      "title_bg", "title_en", "checked", "checked_on"});
  if (!columns) return columns.error();
  std::vector<DeadlineRule> rules;
  for (std::size_t at = 1; at < rows.size(); ++at) {
    const auto cell = [&](std::string_view name) -> std::string {
      const std::size_t column = columns->find(name)->second;
      return column < rows[at].size() ? rows[at][column] : "";
    };
    DeadlineRule rule;
    rule.code = cell("code");
    if (rule.code.empty()) return RowError(at, "code", "a rule needs its code", "");
    rule.law = cell("law");
    rule.article = cell("article");
    if (!cell("days").empty() && (!ReadNumber(cell("days"), rule.days) || rule.days < 0 || rule.days > 3660)) {
      return RowError(at, "days", "a whole number of days from 0 to 3,660", cell("days"));
    }
    if (!cell("months").empty() && (!ReadNumber(cell("months"), rule.months) || rule.months < 0 || rule.months > 120)) {
      return RowError(at, "months", "a whole number of months from 0 to 120", cell("months"));
    }
    if (cell("count") != "calendar" && cell("count") != "working") {
      return RowError(at, "count", "calendar or working", cell("count"));
    }
    rule.count = cell("count") == "working" ? Count::kWorkingDays : Count::kCalendarDays;
    if (cell("moves") != "yes" && cell("moves") != "no") return RowError(at, "moves", "yes or no", cell("moves"));
    rule.moves_off_non_working_day = cell("moves") == "yes";
    rule.starts = cell("starts");
    rule.title_bg = cell("title_bg");
    rule.title_en = cell("title_en");
    if (cell("checked") != "yes" && cell("checked") != "no") {
      return RowError(at, "checked", "yes or no", cell("checked"));
    }
    rule.checked = cell("checked") == "yes";
    rule.checked_on = cell("checked_on");
    if (!rule.checked_on.empty() && !DayOf(rule.checked_on)) {
      return RowError(at, "checked_on", "a date written as 2026-12-05, or empty when not recorded", rule.checked_on);
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

core::Result<std::vector<NonWorkingRule>> ReadNonWorkingRules(const std::vector<std::vector<std::string>>& rows) {
  const auto columns = Columns(rows, {"when", "name_bg", "name_en", "moves_when_on_weekend", "checked"});
  if (!columns) return columns.error();
  std::vector<NonWorkingRule> rules;
  for (std::size_t at = 1; at < rows.size(); ++at) {
    const auto cell = [&](std::string_view name) -> std::string {
      const std::size_t column = columns->find(name)->second;
      return column < rows[at].size() ? rows[at][column] : "";
    };
    NonWorkingRule rule{cell("when"), cell("name_bg"), cell("name_en"), cell("moves_when_on_weekend") == "yes",
                        cell("checked") == "yes"};
    const std::string_view when = rule.when;
    const bool valid = EasterOffset(when) || FixedDate(when, 2024) || DayOf(when) ||
                       (when.size() == 11 && when.front() == '!' && DayOf(when.substr(1)));
    if (!valid) {
      return RowError(at, "when", "MM-DD, easter±N, a date, or ! and a date a decree made working", rule.when);
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

RequestClock ClockOf(const RequestEvents& events, Day today, const Rules& rules) {
  RequestClock clock;
  const Calendar& calendar = rules.calendar();
  const auto use = [&](std::string_view code) -> const DeadlineRule& {
    clock.rules.emplace_back(code);
    return rules.Find(code);
  };
  if (events.clarification_asked && !events.clarified && !events.decided) {
    clock.clarify_by = Due(use("info_request_clarification"), *events.clarification_asked, calendar);
    if (today > *clock.clarify_by) {
      clock.state = RequestState::kLeftWithoutConsideration;
      return clock;
    }
    clock.state = RequestState::kAwaitingClarification;
    clock.days_left = DaysBetween(today, *clock.clarify_by);
    return clock;
  }
  // The deadline runs from the registration, or from the day an unclear request was specified (Art. 29).
  const Day start = events.clarified ? *events.clarified : events.registered;
  Day due = Due(use("info_request_decision"), start, calendar);
  if (events.extension == "volume") due = Due(use("info_request_extension_volume"), due, calendar);
  if (events.extension == "third_party") due = Due(use("info_request_extension_third_party"), due, calendar);
  clock.decide_by = due;
  if (events.decided) {
    clock.state = RequestState::kDecided;
    clock.decided_late = *events.decided > due;
    clock.appeal_by = Due(use("appeal_decision"), *events.decided, calendar);
    clock.days_left = DaysBetween(today, *clock.appeal_by);
    return clock;
  }
  if (today > due) {
    clock.state = RequestState::kSilentRefusal;
    clock.appeal_by = Due(use("appeal_silent_refusal"), due, calendar);
    clock.days_left = DaysBetween(today, *clock.appeal_by);
    return clock;
  }
  clock.days_left = DaysBetween(today, due);
  return clock;
}

RequestClock ClockOf(const ProposalEvents& events, Day today, const Rules& rules) {
  RequestClock clock;
  const Calendar& calendar = rules.calendar();
  const auto use = [&](std::string_view code) -> const DeadlineRule& {
    clock.rules.emplace_back(code);
    return rules.Find(code);
  };
  const Day due = Due(use(events.extended ? "proposal_extension" : "proposal_decision"), events.registered, calendar);
  clock.decide_by = due;
  if (events.decided) {
    clock.state = RequestState::kDecided;
    clock.decided_late = *events.decided > due;
    clock.notify_by = Due(use(events.signal ? "signal_notice" : "proposal_notice"), *events.decided, calendar);
    clock.days_left = DaysBetween(today, *clock.notify_by);
    return clock;
  }
  clock.state = today > due ? RequestState::kOverdue : RequestState::kWaiting;
  clock.days_left = DaysBetween(today, due);
  return clock;
}

}  // namespace requests
