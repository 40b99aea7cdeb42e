#pragma once
// Places: Bulgaria's oblasti, municipalities and settlements (NSI EKATTE), with population by year.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace places {

struct PopulationPoint {
  int year = 0;
  std::int64_t population = 0;
};

struct Oblast {
  std::string code;  // 'BLG'
  std::string ekatte;
  std::string name_bg;
  std::string name_en;
  std::string nuts2;
  std::string nuts3;
  std::int64_t municipality_count = 0;
  std::optional<PopulationPoint> latest_population;  // the sum of its municipalities' in the latest year
};

// --- Census 2021 ------------------------------------------------------------------------------------------------
// The NSI's counts of the population on 7 September 2021 of a municipality, an oblast or the country: published
// aggregates, never data about a person.
enum class CensusGroup { kSex, kAge, kEthnic };
struct CensusColumn {
  std::string_view name;   // the column in census2021_*.csv and in the table census_2021: "ethnic_roma"
  std::string_view key;    // its name in the API, within its group: "roma"
  std::string_view title;  // a msgid: "Roma"
  CensusGroup group;
};
inline constexpr std::array<CensusColumn, 14> kCensusColumns = {{
    {"male", "male", "Men", CensusGroup::kSex},
    {"female", "female", "Women", CensusGroup::kSex},
    {"age_0_14", "0_14", "0–14 years", CensusGroup::kAge},
    {"age_15_29", "15_29", "15–29 years", CensusGroup::kAge},
    {"age_30_44", "30_44", "30–44 years", CensusGroup::kAge},
    {"age_45_64", "45_64", "45–64 years", CensusGroup::kAge},
    {"age_65_plus", "65_plus", "65 years and over", CensusGroup::kAge},
    {"ethnic_bulgarian", "bulgarian", "Bulgarian", CensusGroup::kEthnic},
    {"ethnic_turkish", "turkish", "Turkish", CensusGroup::kEthnic},
    {"ethnic_roma", "roma", "Roma", CensusGroup::kEthnic},
    {"ethnic_other", "other", "Other", CensusGroup::kEthnic},
    {"ethnic_cannot_determine", "cannot_determine", "Cannot determine", CensusGroup::kEthnic},
    {"ethnic_not_willing_to_answer", "not_willing_to_answer", "Not willing to answer", CensusGroup::kEthnic},
    {"ethnic_not_stated", "not_stated", "Not stated", CensusGroup::kEthnic},
}};
// The ethnic groups that are answers to the (voluntary) question; the three after them are non-answers.
inline constexpr std::size_t kFirstEthnicColumn = 7;
inline constexpr std::size_t kEthnicAnswers = 4;
inline constexpr std::size_t kRomaColumn = 9;

struct Census2021 {
  std::string code;  // 'MON24', 'MON' or 'BG'
  std::int64_t population = 0;
  std::array<std::int64_t, kCensusColumns.size()> counts{};  // in the order of kCensusColumns

  std::int64_t roma() const { return counts[kRomaColumn]; }
  // Those who gave an ethnic group: Bulgarian, Turkish, Roma or other.
  std::int64_t answered_ethnic_question() const;
};

// Architecture, "Security and privacy": published aggregates below a threshold are suppressed, so that a count of a
// few people cannot point at them. A count below it is shown as "fewer than 5" and takes no part in a share.
inline constexpr std::int64_t kSmallCountThreshold = 5;
// The count as it may be published, or nothing when it is below the threshold.
std::optional<std::int64_t> Publishable(std::int64_t count);
// `count` as a percentage of `whole`; nothing when the count is suppressed or the whole is 0.
std::optional<double> PublishableShare(std::int64_t count, std::int64_t whole);

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
  std::optional<Census2021> census;
};

struct OblastDetail {
  Oblast oblast;
  std::vector<PopulationPoint> population;  // the sums of its municipalities', by year, ascending
  std::optional<Census2021> census;
};

struct Page {
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};
inline constexpr std::int64_t kMaxPageLimit = 1000;

// By name: the Bulgarian names in Bulgarian order, or the English names in English order (ICU, on both databases).
enum class SortMunicipalities { kByCode, kByName, kByEnglishName, kByPopulation };

// A municipality code as in Ek_obst.csv: three capital Latin letters and two digits ('BLG03').
bool IsMunicipalityCode(std::string_view text);
// An oblast code: three capital Latin letters ('BLG').
bool IsOblastCode(std::string_view text);

}  // namespace places
