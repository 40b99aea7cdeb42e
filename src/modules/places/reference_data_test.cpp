#include "modules/places/reference_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

namespace {

namespace fs = std::filesystem;

// A copy of the shipped reference files in a temporary directory, to spoil one of them.
class ReferenceDataCopy {
 public:
  ReferenceDataCopy() : directory_(fs::temp_directory_path() / ("khetane-reference-" + std::to_string(::getpid()))) {
    fs::remove_all(directory_);
    fs::copy("data/bg", directory_);
  }
  ~ReferenceDataCopy() { fs::remove_all(directory_); }
  void Append(const std::string& file, const std::string& text) {
    std::ofstream(directory_ / file, std::ios::app) << text;
  }
  const fs::path& directory() const { return directory_; }

 private:
  fs::path directory_;
};

TEST(ReadReferenceData, ReadsEveryUnitOfTheShippedFiles) {
  places::ReferenceDataReport report;
  const auto data = places::ReadReferenceData("data/bg", report);
  ASSERT_TRUE(data.ok()) << data.error().message;
  EXPECT_EQ(data->oblasts.size(), 28u);
  EXPECT_EQ(data->municipalities.size(), 265u);
  EXPECT_EQ(data->settlements.size(), 5256u);
  EXPECT_EQ(data->boundaries.size(), 28u + 265u);
  EXPECT_GT(data->population.size(), 80000u);
  EXPECT_EQ(report.skipped_population_rows, 63u) << "census rows of settlements no longer in EKATTE";
  for (const auto& municipality : data->municipalities) {
    EXPECT_TRUE(places::IsMunicipalityCode(municipality.code)) << municipality.code;
    EXPECT_FALSE(municipality.name_en.empty()) << municipality.code;
    EXPECT_FALSE(municipality.nuts3.empty()) << municipality.code;
  }
}

TEST(ReadReferenceData, NamesTheFileAndLineOfABadPopulationFigure) {
  ReferenceDataCopy copy;
  copy.Append("census_data_settlements.csv", "00014,с. Абланица,12x,,,,,,,,,,,,,,,\n");
  places::ReferenceDataReport report;
  const auto data = places::ReadReferenceData(copy.directory(), report);
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.error().message.find("census_data_settlements.csv: line 5357"), std::string::npos)
      << data.error().message;
  EXPECT_NE(data.error().message.find("'12x'"), std::string::npos) << data.error().message;
}

TEST(ReadReferenceData, RefusesARowWithMissingFields) {
  ReferenceDataCopy copy;
  copy.Append("Ek_obst.csv", "BLG99,99999\n");
  places::ReferenceDataReport report;
  const auto data = places::ReadReferenceData(copy.directory(), report);
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.error().message.find("Ek_obst.csv: line 267"), std::string::npos) << data.error().message;
}

TEST(ReadPopulationFigures, ReadsThe2025PopulationAndTheCensusOfLom) {
  const auto figures = places::ReadPopulationFigures("data/bg");
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  EXPECT_EQ(figures->municipality_population.size(), 265u * 3u) << "265 municipalities, 2023 to 2025";
  EXPECT_EQ(figures->census.size(), 265u + 28u + 1u) << "municipalities, oblasts and the country";
  std::map<int, std::int64_t> lom;
  for (const auto& row : figures->municipality_population) {
    if (row.municipality_code == "MON24") lom[row.year] = row.population;
  }
  // population_municipalities_nsi_2023_2025.csv: MON24,MON,Лом,44238,6207,Лом,20087,19755,19350
  EXPECT_EQ(lom, (std::map<int, std::int64_t>{{2023, 20087}, {2024, 19755}, {2025, 19350}}));
  const auto census = std::find_if(figures->census.begin(), figures->census.end(),
                                   [](const auto& row) { return row.census.code == "MON24"; });
  ASSERT_NE(census, figures->census.end());
  EXPECT_EQ(census->level, "municipality");
  EXPECT_EQ(census->census.population, 21248);
  EXPECT_EQ(census->census.roma(), 2508);
  EXPECT_EQ(census->census.answered_ethnic_question(), 16943 + 30 + 2508 + 63);
  const auto country = std::find_if(figures->census.begin(), figures->census.end(),
                                    [](const auto& row) { return row.level == "country"; });
  ASSERT_NE(country, figures->census.end());
  EXPECT_EQ(country->census.population, 6519789);
  EXPECT_EQ(country->census.roma(), 266720);
}

TEST(ReadPopulationFigures, RefusesACensusRowWhoseEthnicGroupsDoNotAddUp) {
  ReferenceDataCopy copy;
  copy.Append("census2021_municipalities.csv", "MON99,MON,Тест,Test,100,50,50,20,20,20,20,20,90,0,0,0,0,0,0\n");
  const auto figures = places::ReadPopulationFigures(copy.directory());
  ASSERT_FALSE(figures.ok());
  EXPECT_NE(figures.error().message.find("census2021_municipalities.csv: line 267: the ethnic groups add up to 90"),
            std::string::npos)
      << figures.error().message;
}

TEST(ReadPopulationFigures, NamesTheLineOfAPopulationThatIsNotACount) {
  ReferenceDataCopy copy;
  copy.Append("population_municipalities_nsi_2023_2025.csv", "MON24,MON,Лом,44238,6207,Лом,20087,19755,-3\n");
  const auto figures = places::ReadPopulationFigures(copy.directory());
  ASSERT_FALSE(figures.ok());
  EXPECT_NE(figures.error().message.find("line 267: column residents_2025_12_31: '-3' is not a count"),
            std::string::npos)
      << figures.error().message;
}

TEST(SmallCounts, ACountBelowFiveIsNotPublishedNorUsedInAShare) {
  EXPECT_EQ(places::Publishable(0), std::nullopt);
  EXPECT_EQ(places::Publishable(4), std::nullopt);
  EXPECT_EQ(places::Publishable(5), 5);
  EXPECT_EQ(places::Publishable(2508), 2508);
  EXPECT_EQ(places::PublishableShare(4, 100), std::nullopt);
  EXPECT_EQ(places::PublishableShare(5, 0), std::nullopt);
  ASSERT_TRUE(places::PublishableShare(2508, 21248).has_value());
  EXPECT_NEAR(*places::PublishableShare(2508, 21248), 11.80, 0.01);
}

TEST(MunicipalityCode, IsThreeCapitalLettersAndTwoDigits) {
  EXPECT_TRUE(places::IsMunicipalityCode("BLG03"));
  EXPECT_FALSE(places::IsMunicipalityCode("blg03"));
  EXPECT_FALSE(places::IsMunicipalityCode("BLG3"));
  EXPECT_FALSE(places::IsMunicipalityCode("BLG033"));
  EXPECT_TRUE(places::IsOblastCode("SOF"));
  EXPECT_FALSE(places::IsOblastCode("SO1"));
}

}  // namespace
