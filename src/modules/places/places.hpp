#pragma once
// Places: Bulgaria's oblasti, municipalities and settlements (NSI EKATTE), with population by year; and the
// municipalities of other countries with their NUTS 3 regions (migrations/0028_countries.sql).

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

// Bulgaria: the country whose plans, indicators and dashboards Khetane follows, and whose places have settlements,
// EKATTE codes and a census by ethnic group.
inline constexpr std::string_view kBulgaria = "BG";

struct Country {
  std::string code;  // as the EU writes it: 'BG', 'BE', 'CZ' ('EL' for Greece)
  std::string name_bg;
  std::string name_en;
  std::string name_local;  // 'België / Belgique / Belgien'
  std::string languages;   // its official languages, space-separated: 'nl fr de'
  std::string population_source;
  std::int64_t region_count = 0;
  std::int64_t municipality_count = 0;
};

// An oblast of Bulgaria, or a NUTS 3 region of another country (its code is then its NUTS code: 'BE234').
struct Oblast {
  std::string code;  // 'BLG'
  std::string ekatte;
  std::string name_bg;
  std::string name_en;
  std::string nuts2;
  std::string nuts3;
  std::int64_t municipality_count = 0;
  std::optional<PopulationPoint> latest_population;  // the sum of its municipalities' in the latest year
  std::string country_code = std::string(kBulgaria);
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
  std::string code;         // 'BLG03', also its LAU code; in another country 'BE-44021' (MunicipalityCodeOf)
  std::string oblast_code;  // its oblast, or its NUTS 3 region outside Bulgaria
  std::string ekatte;       // Bulgaria's only
  std::string name_bg;      // outside Bulgaria, its official name unless an administrator gave another
  std::string name_en;
  std::string nuts3;
  std::optional<PopulationPoint> latest_population;
  std::string country_code = std::string(kBulgaria);
  std::string lau_code;  // as in Eurostat's LAU list: 'BLG03', '44021'
};

// A municipality's name in one of its country's languages.
struct PlaceName {
  std::string language;  // 'nl'
  std::string name;
};

struct MunicipalityDetail {
  Municipality municipality;
  Oblast oblast;
  Country country;
  std::vector<PlaceName> names;             // in its country's languages, where they are given
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

// A municipality code: Bulgaria's as in Ek_obst.csv, three capital Latin letters and two digits ('BLG03'); another
// country's, its code, '-' and its LAU code of 1 to 12 capital letters and digits ('BE-44021').
bool IsMunicipalityCode(std::string_view text);
// The same as a route's pattern.
inline constexpr std::string_view kMunicipalityCodePattern = "[A-Z]{3}[0-9]{2}|[A-Z]{2}-[0-9A-Z]{1,12}";
// The code of the municipality `lau_code` of `country`.
std::string MunicipalityCodeOf(std::string_view country, std::string_view lau_code);
// The country of a municipality's code: "BE" of 'BE-44021', "BG" of 'BLG03'.
std::string_view CountryOfMunicipality(std::string_view code);
// An oblast code: three capital Latin letters ('BLG').
bool IsOblastCode(std::string_view text);
// A NUTS 3 region's code: the country's code and three capital letters or digits ('BE234', 'CZ080', 'DE11A').
bool IsRegionCode(std::string_view text);
// A country's code: two capital Latin letters.
bool IsCountryCode(std::string_view text);
// A LAU code as its country writes it: 1 to 12 capital Latin letters and digits.
bool IsLauCode(std::string_view text);

}  // namespace places
