// libFuzzer target for the readers of another country's places (issue 21): any bytes read as a table and then as a
// country's municipalities (places::ReadCountryPlaces), and as GeoJSON boundaries (places::ReadCountryBoundaries),
// never crash or hang; what they accept keeps the rules the store relies on: every municipality has a code of the
// country and a region of the country, and every problem names a line of the file.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target places_fuzz -j2
//   mkdir -p build/fuzz/places && build/fuzz/places_fuzz -max_total_time=300 build/fuzz/places fuzz/corpus/places

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/table.hpp"
#include "modules/places/country_places.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const places::Country belgium{"BE", "Белгия", "Belgium", "België", "nl fr de", "Statbel", 0, 0};
  for (const auto& boundary : places::ReadCountryBoundaries(bytes, "BE").boundaries) {
    if (!places::IsMunicipalityCode(boundary.municipality_code) || boundary.geometry.empty()) std::abort();
  }
  const auto table = formats::ReadTable(bytes);
  if (!table) return 0;
  const auto read = places::ReadCountryPlaces(*table, belgium);
  std::size_t last_line = table->rows.empty() ? 0 : table->rows.back().line;
  for (const auto& problem : read.problems) {
    if (problem.line > last_line || problem.message.empty()) std::abort();
  }
  if (!read.problems.empty()) return 0;
  for (const auto& municipality : read.places.municipalities) {
    if (!places::IsMunicipalityCode(municipality.code) || places::CountryOfMunicipality(municipality.code) != "BE" ||
        !places::IsRegionCode(municipality.oblast_code) || municipality.name_bg.empty()) {
      std::abort();
    }
  }
  return 0;
}
