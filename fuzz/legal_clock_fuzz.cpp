// libFuzzer target for the legal clock's reference data: a CSV or XLSX file read as deadline rules and as
// non-working days (requests::ReadDeadlineRules, ReadNonWorkingRules) never crashes, and whatever is accepted gives a
// due date for any start: the calendar's search for a working day stops even when a file makes every day a holiday.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target legal_clock_fuzz -j2
//   mkdir -p build/fuzz/clock && build/fuzz/legal_clock_fuzz -max_total_time=300 build/fuzz/clock data/requests
//
// corpus: data/requests

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/table.hpp"
#include "modules/requests/legal_clock.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto table = formats::ReadTable(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!table) return 0;
  std::vector<std::vector<std::string>> rows;
  for (const core::CsvRow& row : table->rows) rows.push_back(row.fields);
  const auto rules = requests::ReadDeadlineRules(rows);
  const auto days = requests::ReadNonWorkingRules(rows);
  const requests::Calendar calendar(days ? *days : std::vector<requests::NonWorkingRule>{});
  if (rules) {
    const requests::Day start = *requests::DayOf("2026-12-05");
    for (const requests::DeadlineRule& rule : *rules) {
      if (requests::Due(rule, start, calendar) < start) std::abort();  // a deadline never ends before it starts
    }
  }
  return 0;
}
