#pragma once
// The installation's time zone. Khetane stores instants in UTC; people read them, and "today", in the zone of the
// place the installation serves (Europe/Sofia unless told otherwise: `--time-zone`). Dates without a time (a
// deadline, a plan's period) are stored as dates and never converted, so they never move across midnight.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace core {

inline constexpr std::string_view kDefaultTimeZone = "Europe/Sofia";

// Sets the zone for the whole process, once at start-up, before any thread reads it. Throws std::invalid_argument
// for a name ICU does not know ("Europe/Sofa"), so a typo stops the start instead of showing UTC.
void SetLocalTimeZone(std::string_view iana_name);
// The zone set, e.g. "Europe/Sofia".
std::string LocalTimeZone();
// Seconds the local clock is ahead of UTC at that instant: 7200 in a Sofia winter, 10800 in its summer.
std::int64_t LocalOffsetSeconds(std::int64_t unix_seconds);

// The local calendar day of an instant: what "today" is for the people the installation serves.
std::chrono::sys_days LocalDay(std::int64_t unix_seconds);
// The local date and time of an instant, to the minute: "2026-12-06 05:46".
std::string LocalMinute(std::int64_t unix_seconds);

}  // namespace core
