#include "core/days.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/local_time.hpp"

namespace core {

std::optional<Day> DayOf(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const auto read = [](std::string_view text, auto& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
  };
  if (!read(iso.substr(0, 4), year) || !read(iso.substr(5, 2), month) || !read(iso.substr(8, 2), day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return Day(date);
}

std::string IsoOf(Day day) {
  const std::chrono::year_month_day date{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string IsoUtc(std::int64_t unix_seconds) {
  const std::chrono::sys_seconds instant{std::chrono::seconds(unix_seconds)};
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::hh_mm_ss time{instant - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", IsoOf(day), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

std::string IsoDay(std::int64_t unix_seconds) { return IsoOf(LocalDay(unix_seconds)); }

}  // namespace core
