#pragma once
// Reporting periods as statistical offices write them (DHIS2's period codes): a year "2026", a half "2026S1", a
// quarter "2026Q3", a month "202603". Pure rules, no I/O.

#include <optional>
#include <string>
#include <string_view>

namespace indicators {

enum class PeriodType { kYear, kHalf, kQuarter, kMonth };

struct Period {
  std::string code;  // canonical: "2026", "2026S1", "2026Q3", "202603"
  PeriodType type = PeriodType::kYear;
  int year = 0;
  int part = 0;       // the half (1–2), quarter (1–4) or month (1–12); 0 for a year
  std::string start;  // first day, "2026-07-01"
  std::string end;    // last day, "2026-09-30"
  bool operator==(const Period&) const = default;
};

// Reads "2026", "2026S1", "2026Q3", "202603" and also "2026-03" (a month as people type it) and lower-case letters
// ("2026q3"), with spaces around trimmed; years 1900–2100. Anything else — "2026Q5", "2026-13", "26", "2026Q0",
// "2026 Q1", "" — is nullopt.
std::optional<Period> ParsePeriod(std::string_view text);

// Whether `inner` lies within `outer` (a year holds its halves, quarters and months; a period holds itself).
bool Contains(const Period& outer, const Period& inner);

// The message (msgid) for a period that cannot be read.
inline constexpr std::string_view kPeriodProblem =
    "Write the period as a year (2026), a half (2026S1), a quarter (2026Q1) or a month (2026-01).";

}  // namespace indicators
