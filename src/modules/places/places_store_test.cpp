#include "modules/places/places_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "core/csv.hpp"
#include "db/migrator.hpp"
#include "modules/places/reference_data.hpp"
#include "support/test_database.hpp"

namespace {

// The shipped reference data, loaded once per database as `khetane seed` loads it.
class PlacesStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"}});
    places::ReferenceDataReport report;
    const auto data = places::ReadReferenceData("data/bg", report);
    ASSERT_TRUE(data.ok()) << data.error().message;
    store_.InsertReferenceData(*data);
    EXPECT_FALSE(store_.HasPopulationFigures());
    const auto figures = places::ReadPopulationFigures("data/bg");
    ASSERT_TRUE(figures.ok()) << figures.error().message;
    store_.InsertPopulationFigures(*figures);
    EXPECT_TRUE(store_.HasPopulationFigures());
  }

  // The 2025 column of population_municipalities_nsi_2023_2025.csv, by municipality code.
  static std::map<std::string, std::int64_t> Population2025() {
    std::ifstream in("data/bg/population_municipalities_nsi_2023_2025.csv");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto rows = core::ParseCsv(text, {.separator = ',', .max_fields_per_row = 100});
    std::map<std::string, std::int64_t> population;
    for (std::size_t i = 1; i < rows->size(); ++i) population[(*rows)[i].fields[0]] = std::stoll((*rows)[i].fields[8]);
    return population;
  }

  test_support::TestDatabase database_;
  places::PlacesStore store_{*database_};
};

TEST_F(PlacesStoreTest, AMunicipalitysPopulationReaches2025WithTheNsisOwnFigures) {
  const auto lom = store_.FindMunicipality("MON24");
  ASSERT_TRUE(lom.has_value());
  ASSERT_FALSE(lom->population.empty());
  EXPECT_EQ(lom->population.front().year, 2002);
  EXPECT_EQ(lom->population.size(), 16u + 3u) << "2002–2017 from its settlements, 2023–2025 its own";
  EXPECT_EQ(lom->population.back().year, 2025);
  EXPECT_EQ(lom->population.back().population, 19350);
  ASSERT_TRUE(lom->municipality.latest_population.has_value());
  EXPECT_EQ(lom->municipality.latest_population->population, 19350);
  ASSERT_TRUE(lom->census.has_value());
  EXPECT_EQ(lom->census->roma(), 2508);

  const auto montana = store_.ListMunicipalities("MON", places::SortMunicipalities::kByPopulation, {100, 0});
  ASSERT_FALSE(montana.items.empty());
  EXPECT_EQ(montana.items.front().code, "MON29") << "the town of Montana is the largest";
  for (const auto& municipality : montana.items) {
    ASSERT_TRUE(municipality.latest_population.has_value()) << municipality.code;
    EXPECT_EQ(municipality.latest_population->year, 2025);
    EXPECT_EQ(municipality.latest_population->population, Population2025().at(municipality.code));
  }
}

TEST_F(PlacesStoreTest, AnOblastsPopulationIsTheSumOfItsMunicipalities) {
  const auto population = Population2025();
  std::int64_t montana_2025 = 0;
  for (const auto& [code, value] : population) {
    if (code.starts_with("MON")) montana_2025 += value;
  }
  const auto montana = store_.FindOblastDetail("MON");
  ASSERT_TRUE(montana.has_value());
  ASSERT_TRUE(montana->oblast.latest_population.has_value());
  EXPECT_EQ(montana->oblast.latest_population->year, 2025);
  EXPECT_EQ(montana->oblast.latest_population->population, montana_2025);
  ASSERT_TRUE(montana->census.has_value());
  EXPECT_EQ(montana->census->code, "MON");

  // Each year of the oblast is the sum of its municipalities' figures for that year.
  std::map<int, std::int64_t> sums;
  const auto municipalities = store_.ListMunicipalities("MON", places::SortMunicipalities::kByCode, {100, 0});
  for (const auto& municipality : municipalities.items) {
    const auto detail = store_.FindMunicipality(municipality.code);
    for (const auto& point : detail->population) sums[point.year] += point.population;
  }
  std::map<int, std::int64_t> oblast;
  for (const auto& point : montana->population) oblast[point.year] = point.population;
  EXPECT_EQ(oblast, sums);

  std::int64_t country_2025 = 0;
  const auto oblasts = store_.ListOblasts({100, 0});
  for (const auto& each : oblasts.items) {
    ASSERT_TRUE(each.latest_population.has_value()) << each.code;
    if (each.code == "MON") {
      EXPECT_EQ(each.latest_population->population, montana_2025);
    }
    country_2025 += each.latest_population->population;
  }
  EXPECT_EQ(country_2025, 6423207) << "the national total the NSI states for 31 December 2025";
}

}  // namespace
