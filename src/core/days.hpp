#pragma once
// Calendar days as Khetane's deadlines and periods count them: an ISO date ("2027-01-05") read and written, the day
// (UTC) of a Unix time, and the days between two days.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

using Day = std::chrono::sys_days;

// "2027-01-05" → a day; nullopt for anything that is not a calendar date ("2027-02-30", "5.1.2027").
std::optional<Day> DayOf(std::string_view iso);
std::string IsoOf(Day day);
// The calendar day (UTC) of a Unix time, as ISO.
std::string IsoDay(std::int64_t unix_seconds);
// Days from `from` to `to`: negative when `to` is earlier.
inline int DaysBetween(Day from, Day to) { return static_cast<int>((to - from).count()); }

}  // namespace core
