#pragma once
// Places: Bulgaria's oblasti, municipalities and settlements (NSI EKATTE), with population by year.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace places {

struct Oblast {
  std::string code;  // 'BLG'
  std::string ekatte;
  std::string name_bg;
  std::string name_en;
  std::string nuts2;
  std::string nuts3;
  std::int64_t municipality_count = 0;
};

struct PopulationPoint {
  int year = 0;
  std::int64_t population = 0;
};

struct Municipality {
  std::string code;  // 'BLG03'; also its LAU code
  std::string oblast_code;
  std::string ekatte;
  std::string name_bg;
  std::string name_en;
  std::string nuts3;
  std::optional<PopulationPoint> latest_population;
};

struct MunicipalityDetail {
  Municipality municipality;
  Oblast oblast;
  std::vector<PopulationPoint> population;  // by year, ascending
  std::int64_t settlement_count = 0;
};

struct Page {
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};
inline constexpr std::int64_t kMaxPageLimit = 1000;

enum class SortMunicipalities { kByCode, kByName, kByPopulation };

// A municipality code as in Ek_obst.csv: three capital Latin letters and two digits ('BLG03').
bool IsMunicipalityCode(std::string_view text);
// An oblast code: three capital Latin letters ('BLG').
bool IsOblastCode(std::string_view text);

}  // namespace places
