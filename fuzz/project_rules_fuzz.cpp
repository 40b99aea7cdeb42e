// libFuzzer target for what a project's forms bring (issue 17): the input split at NUL bytes into an exchange rate, an
// amount in cents, a report's period and a risk's review day. An exchange rate is read only as a positive decimal and
// converts an amount exactly (to the cent, against a long double product) or not at all; a report or an activity the
// rules accept has two real days in order inside the project's period.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target project_rules_fuzz -j2
//   mkdir -p build/fuzz/project_rules && build/fuzz/project_rules_fuzz -max_total_time=300 build/fuzz/project_rules \
//     fuzz/corpus/project_rules

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/days.hpp"
#include "modules/programmes/projects.hpp"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (parts.size() < 5) {
    const std::size_t nul = input.find('\0', from);
    parts.emplace_back(input.substr(from, nul == std::string_view::npos ? std::string_view::npos : nul - from));
    if (nul == std::string_view::npos) break;
    from = nul + 1;
  }
  parts.resize(5);

  char* end = nullptr;
  const long long cents = std::strtoll(parts[1].c_str(), &end, 10);
  if (const auto converted = programmes::Converted(cents, parts[0])) {
    Check(!parts[0].empty() && parts[0].find_first_not_of("0123456789.") == std::string::npos);
    const long double exact = static_cast<long double>(cents) * std::strtold(parts[0].c_str(), nullptr);
    Check(std::fabs(static_cast<long double>(*converted) - exact) <= 0.5L + std::fabs(exact) * 1e-15L);
  }
  if (parts[0] == "1") Check(programmes::Converted(cents, parts[0]) == cents);

  const programmes::ProjectPeriod project{"2026-01-01", "2027-12-31"};
  programmes::Report report;
  report.period_start = parts[2];
  report.period_end = parts[3];
  report.narrative = parts[4];
  if (programmes::CheckReport(report, project).empty()) {
    Check(core::DayOf(report.period_start) && core::DayOf(report.period_end));
    Check(project.starts_on <= report.period_start && report.period_start <= report.period_end &&
          report.period_end <= project.ends_on);
  }
  programmes::Risk risk;
  risk.title = parts[4].empty() ? "A risk" : parts[4];
  risk.owner = "Owner";
  risk.review_on = parts[2];
  risk.likelihood = static_cast<int>(cents % 9);
  if (programmes::CheckRisk(risk).empty()) {
    Check(risk.likelihood >= 1 && risk.likelihood <= 5 && core::DayOf(risk.review_on));
  }
  return 0;
}
