#include "modules/places/reference_data.hpp"

#include <gtest/gtest.h>

#include <fstream>

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

TEST(MunicipalityCode, IsThreeCapitalLettersAndTwoDigits) {
  EXPECT_TRUE(places::IsMunicipalityCode("BLG03"));
  EXPECT_FALSE(places::IsMunicipalityCode("blg03"));
  EXPECT_FALSE(places::IsMunicipalityCode("BLG3"));
  EXPECT_FALSE(places::IsMunicipalityCode("BLG033"));
  EXPECT_TRUE(places::IsOblastCode("SOF"));
  EXPECT_FALSE(places::IsOblastCode("SO1"));
}

}  // namespace
