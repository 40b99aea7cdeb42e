// libFuzzer target for the IATI activities reader (issue 17): any bytes read as an `iati-activities` file against the
// shipped IATI 2.03 schema (programmes::IatiActivitiesSchema::Read) never crash, hang or reach the network; a refused
// file gives no activity and at most kMaxProblems problems, each with words; what is accepted, written again
// (programmes::WriteIatiActivities), passes the schema and gives as many activities with the same identifiers.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target iati_activities_fuzz -j2
//   mkdir -p build/fuzz/iati && build/fuzz/iati_activities_fuzz -max_total_time=300 -max_len=20000
//   -dict=fuzz/iati_activities.dict build/fuzz/iati fuzz/corpus/iati
//
// corpus: fuzz/corpus/iati
// fuzz-flags: -max_len=20000 -dict=fuzz/iati_activities.dict

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "modules/programmes/iati_activities.hpp"
#include "modules/programmes/iati_export.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Run from the repository's root.
  static const programmes::IatiActivitiesSchema schema("data/iati/iati-activities-schema.xsd");
  const programmes::IatiRead read = schema.Read(std::string_view(reinterpret_cast<const char*>(data), size));
  if (read.problems.size() > programmes::IatiActivitiesSchema::kMaxProblems) std::abort();
  if (!read.problems.empty()) {
    if (!read.activities.empty()) std::abort();
    for (const auto& problem : read.problems) {
      if (problem.message.empty()) std::abort();
    }
    return 0;
  }
  const std::string written = programmes::WriteIatiActivities(read.activities, "2026-12-06T15:00:00Z");
  const programmes::IatiRead again = schema.Read(written);
  if (!again.problems.empty() || again.activities.size() != read.activities.size()) {
    // Say why, so that a finding explains itself in the log.
    std::fprintf(stderr, "written again, the file was refused:\n%s\n", written.c_str());
    for (const auto& problem : again.problems) std::fprintf(stderr, "  %s\n", problem.message.c_str());
    std::abort();
  }
  for (std::size_t i = 0; i < read.activities.size(); ++i) {
    if (again.activities[i].identifier != read.activities[i].identifier) std::abort();
  }
  return 0;
}
