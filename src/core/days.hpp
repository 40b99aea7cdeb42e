#pragma once
// Calendar days as Khetane's deadlines and periods count them: an ISO date ("2027-01-05") read and written, the day
// of a Unix time in the installation's zone (core/local_time.hpp), and the days between two days.

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
// The calendar day of a Unix time in the installation's zone, as ISO: "today" for the people it serves (at 23:30 UTC
// on 31 December it is already 1 January in Sofia).
std::string IsoDay(std::int64_t unix_seconds);
// An instant in UTC as ISO 8601 says it: "2026-12-06T03:46:00Z" (what the API and the stores write).
std::string IsoUtc(std::int64_t unix_seconds);
// Days from `from` to `to`: negative when `to` is earlier.
inline int DaysBetween(Day from, Day to) { return static_cast<int>((to - from).count()); }

}  // namespace core
