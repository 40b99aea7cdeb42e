#include "modules/indicators/periods.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/text.hpp"

namespace indicators {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2100;

bool AllDigits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

// The value of a run of ASCII digits that AllDigits has checked (at most four here, so no overflow).
int NumberOf(std::string_view digits) {
  int number = 0;
  for (const char digit : digits) number = number * 10 + (digit - '0');
  return number;
}

std::string IsoDate(int year, int month, int day) { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

// The last day of a month, from the calendar: February has 29 days in 2024 and 2000, 28 in 2026 and 1900.
int LastDayOf(int year, int month) {
  const std::chrono::year_month_day_last last{std::chrono::year(year),
                                              std::chrono::month_day_last(std::chrono::month(month))};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

// A period of `months_long` months, the `part`-th of its year: halves are 6 months, quarters 3, months 1.
Period Make(PeriodType type, int year, int part, int months_long, std::string code) {
  const int first_month = part == 0 ? 1 : (part - 1) * months_long + 1;
  const int last_month = part == 0 ? 12 : part * months_long;
  return {.code = std::move(code),
          .type = type,
          .year = year,
          .part = part,
          .start = IsoDate(year, first_month, 1),
          .end = IsoDate(year, last_month, LastDayOf(year, last_month))};
}

}  // namespace

std::optional<Period> ParsePeriod(std::string_view text) {
  const std::string trimmed = core::TrimSpaces(text);
  const std::string_view code = trimmed;
  if (code.size() < 4 || !AllDigits(code.substr(0, 4))) return std::nullopt;
  const int year = NumberOf(code.substr(0, 4));
  if (year < kFirstYear || year > kLastYear) return std::nullopt;
  const std::string_view rest = code.substr(4);

  if (rest.empty()) return Make(PeriodType::kYear, year, 0, 12, fmt::format("{:04}", year));
  // A half "S1", a quarter "Q3": one letter, either case, and one digit.
  const char letter = rest[0];
  if (letter == 'S' || letter == 's' || letter == 'Q' || letter == 'q') {
    if (rest.size() != 2 || !AllDigits(rest.substr(1))) return std::nullopt;
    const int part = rest[1] - '0';
    if ((letter == 'S' || letter == 's') && part >= 1 && part <= 2) {
      return Make(PeriodType::kHalf, year, part, 6, fmt::format("{:04}S{}", year, part));
    }
    if ((letter == 'Q' || letter == 'q') && part >= 1 && part <= 4) {
      return Make(PeriodType::kQuarter, year, part, 3, fmt::format("{:04}Q{}", year, part));
    }
    return std::nullopt;
  }
  // A month: "202603" as DHIS2 writes it, or "2026-03" as people type it.
  const std::string_view month_digits = rest.size() == 3 && rest[0] == '-' ? rest.substr(1) : rest;
  if (month_digits.size() == 2 && AllDigits(month_digits)) {
    const int month = NumberOf(month_digits);
    if (month < 1 || month > 12) return std::nullopt;
    return Make(PeriodType::kMonth, year, month, 1, fmt::format("{:04}{:02}", year, month));
  }
  return std::nullopt;
}

bool Contains(const Period& outer, const Period& inner) {
  // ISO dates compare as text in the order of the calendar.
  return outer.start <= inner.start && inner.end <= outer.end;
}

}  // namespace indicators
