// libFuzzer target for the Popolo reader of the advocacy register (issue 16): any text read as JSON and then as a
// Popolo document (advocacy::ReadPopolo against the shipped schemas) never crashes or hangs, and what it accepts keeps
// Khetane's rules: every person has the basis the importer stated, every membership joins two records of the file.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target popolo_fuzz -j2
//   mkdir -p build/fuzz/popolo && build/fuzz/popolo_fuzz -max_total_time=300 build/fuzz/popolo fuzz/corpus/popolo

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "modules/advocacy/popolo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const advocacy::PopoloSchemas schemas = [] {
    auto loaded = advocacy::PopoloSchemas::Load("data/popolo");
    if (!loaded) std::abort();  // run from the repository's root
    return std::move(*loaded);
  }();
  const auto document =
      nlohmann::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), nullptr, false);
  if (document.is_discarded()) return 0;
  const auto read = advocacy::ReadPopolo(document, schemas, "legitimate_interest", "", "2026-12-05");
  if (!read) return 0;
  for (const advocacy::Stakeholder& stakeholder : read->stakeholders) {
    if (stakeholder.kind == "person" && stakeholder.consent_basis != "legitimate_interest") std::abort();
  }
  for (const auto& [member, organization] : read->memberships) {
    if (member >= read->stakeholders.size() || organization >= read->stakeholders.size()) std::abort();
  }
  return 0;
}
