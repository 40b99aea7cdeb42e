#include "core/local_time.hpp"

#include <fmt/format.h>
#include <unicode/timezone.h>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "core/days.hpp"

namespace core {
namespace {

std::unique_ptr<icu::TimeZone> MakeZone(std::string_view iana_name) {
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(iana_name.data(), iana_name.size()))));
  if (!zone || *zone == icu::TimeZone::getUnknown()) {
    throw std::invalid_argument("unknown time zone \"" + std::string(iana_name) + "\" (an IANA name: Europe/Sofia)");
  }
  return zone;
}

// Read by every thread, written once before they start (SetLocalTimeZone). ICU's TimeZone is safe to read from
// several threads at once.
std::unique_ptr<icu::TimeZone>& Zone() {
  static std::unique_ptr<icu::TimeZone> zone = MakeZone(kDefaultTimeZone);
  return zone;
}

// What the local clock reads at an instant, as a time point on the civil calendar.
std::chrono::sys_seconds LocalClock(std::int64_t unix_seconds) {
  return std::chrono::sys_seconds(std::chrono::seconds(unix_seconds + LocalOffsetSeconds(unix_seconds)));
}

}  // namespace

void SetLocalTimeZone(std::string_view iana_name) { Zone() = MakeZone(iana_name); }

std::string LocalTimeZone() {
  icu::UnicodeString id;
  std::string name;
  Zone()->getID(id).toUTF8String(name);
  return name;
}

std::int64_t LocalOffsetSeconds(std::int64_t unix_seconds) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0;
  int32_t daylight = 0;
  Zone()->getOffset(static_cast<UDate>(unix_seconds) * 1000.0, false, raw, daylight, status);
  if (U_FAILURE(status)) return 0;
  return (static_cast<std::int64_t>(raw) + daylight) / 1000;
}

std::chrono::sys_days LocalDay(std::int64_t unix_seconds) {
  return std::chrono::floor<std::chrono::days>(LocalClock(unix_seconds));
}

std::string LocalMinute(std::int64_t unix_seconds) {
  const std::chrono::sys_seconds local = LocalClock(unix_seconds);
  const std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss time{local - day};
  return fmt::format("{} {:02}:{:02}", IsoOf(day), time.hours().count(), time.minutes().count());
}

}  // namespace core
