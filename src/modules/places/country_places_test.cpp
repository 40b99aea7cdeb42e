#include "modules/places/country_places.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "db/migrator.hpp"
#include "kernel/audit_log.hpp"
#include "modules/places/places_service.hpp"
#include "support/test_database.hpp"

namespace places {
namespace {

const Country kBelgium{"BE", "Белгия", "Belgium", "België / Belgique / Belgien", "nl fr de", "Statbel", 0, 0};
const Country kCzechia{"CZ", "Чехия", "Czechia", "Česko", "cs", "ČSÚ", 0, 0};

formats::Table TableOf(std::string_view csv) {
  auto table = formats::ReadTable(csv);
  EXPECT_TRUE(table.ok()) << table.error().message;
  return table.ok() ? std::move(*table) : formats::Table{};
}

formats::Table ShippedTable(const std::string& path) { return TableOf(formats::ReadWholeFile(path, 8 * 1024 * 1024)); }

std::string Problems(const std::vector<PlacesProblem>& problems) {
  std::string text;
  for (const auto& problem : problems) {
    text += "line " + std::to_string(problem.line) + " (" + problem.code + ") " + problem.column + ": " +
            problem.message + "\n";
  }
  return text;
}

TEST(CountryPlaces, TheShippedFilesOfBelgiumAndCzechiaReadWhole) {
  const auto belgium = ReadCountryPlaces(ShippedTable("data/be/municipalities.csv"), kBelgium);
  EXPECT_TRUE(belgium.problems.empty()) << Problems(belgium.problems);
  EXPECT_EQ(belgium.places.municipalities.size(), 581u);
  const auto gent = std::find_if(belgium.places.municipalities.begin(), belgium.places.municipalities.end(),
                                 [](const Municipality& each) { return each.code == "BE-44021"; });
  ASSERT_NE(gent, belgium.places.municipalities.end());
  EXPECT_EQ(gent->name_en, "Gent");
  EXPECT_EQ(gent->oblast_code, "BE234");
  ASSERT_TRUE(gent->latest_population.has_value());
  EXPECT_EQ(gent->latest_population->population, 265086);
  EXPECT_EQ(gent->latest_population->year, 2022);
  // Brussels has a name in French and in Dutch.
  const auto brussels = std::count_if(belgium.places.names.begin(), belgium.places.names.end(),
                                      [](const auto& each) { return each.municipality_code == "BE-21004"; });
  EXPECT_EQ(brussels, 2);

  const auto czechia = ReadCountryPlaces(ShippedTable("data/cz/municipalities.csv"), kCzechia);
  EXPECT_TRUE(czechia.problems.empty()) << Problems(czechia.problems);
  EXPECT_EQ(czechia.places.municipalities.size(), 6258u);
  EXPECT_EQ(czechia.places.regions.size(), 14u);  // the 14 kraje
  // The four military areas have no population: they are read without one.
  const auto without = std::count_if(czechia.places.municipalities.begin(), czechia.places.municipalities.end(),
                                     [](const Municipality& each) { return !each.latest_population; });
  EXPECT_EQ(without, 4);
}

TEST(CountryPlaces, EveryBadRowIsReportedWithItsLineCodeAndColumnAndNothingElseIsLost) {
  const auto read = ReadCountryPlaces(TableOf("lau_code,name,nuts3_code,nuts3_name,population,population_year\n"
                                              "44021,Gent,BE234,Arr. Gent,265086,2022\n"
                                              "44021,Gent again,BE234,Arr. Gent,1,2022\n"
                                              "4402x,Somewhere,BE234,Arr. Gent,1,2022\n"
                                              "11001,Aartselaar,CZ080,Arr. Antwerpen,14610,2022\n"
                                              "11002,Antwerpen,BE211,Arr. Antwerpen,12x,2022\n"
                                              "11004,Boechout,BE211,Arr. Antwerpen,13733,\n"
                                              "11005,,BE211,Arr. Antwerpen,18832,2022\n"
                                              "11007,Borsbeek,BE211,Arrondissement Antwerpen,10000,2022\n"),
                                      kBelgium);
  ASSERT_EQ(read.problems.size(), 7u) << Problems(read.problems);
  const auto at = [&](std::size_t i) { return read.problems[i]; };
  EXPECT_EQ(at(0).line, 3u);
  EXPECT_EQ(at(0).code, "44021");
  EXPECT_EQ(at(0).column, "lau_code");
  EXPECT_NE(at(0).message.find("line 2"), std::string::npos) << at(0).message;
  EXPECT_EQ(at(1).line, 4u);
  EXPECT_EQ(at(1).column, "lau_code");
  EXPECT_EQ(at(2).line, 5u);
  EXPECT_EQ(at(2).column, "nuts3_code");
  EXPECT_EQ(at(3).line, 6u);
  EXPECT_EQ(at(3).column, "population");
  EXPECT_EQ(at(4).line, 7u);
  EXPECT_EQ(at(4).column, "population_year");
  EXPECT_EQ(at(5).line, 8u);
  EXPECT_EQ(at(5).column, "name");
  EXPECT_EQ(at(6).line, 9u);
  EXPECT_EQ(at(6).column, "nuts3_name");
}

TEST(CountryPlaces, AFileWithoutTheRequiredColumnsSaysWhichAreMissing) {
  const auto read = ReadCountryPlaces(TableOf("code,name,population\n44021,Gent,265086\n"), kBelgium);
  ASSERT_EQ(read.problems.size(), 3u) << Problems(read.problems);
  EXPECT_EQ(read.problems[0].column, "lau_code");
  EXPECT_EQ(read.problems[1].column, "nuts3_code");
  EXPECT_EQ(read.problems[2].column, "nuts3_name");
}

TEST(CountryPlaces, BoundariesAreTakenByTheirLauCodeAndBadFeaturesAreNamedByNumber) {
  const auto read = ReadCountryBoundaries(
      R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"GISCO_ID":"BE_44021"},
         "geometry":{"type":"Polygon","coordinates":[[[3.6,51.0],[3.8,51.0],[3.8,51.1],[3.6,51.0]]]}},
        {"type":"Feature","properties":{"name":"no code"},"geometry":{"type":"Polygon","coordinates":[[[0,0]]]}},
        {"type":"Feature","properties":{"lau_code":"11001"},"geometry":{"type":"Point","coordinates":[4.4,51.1]}}]})",
      "BE");
  ASSERT_EQ(read.boundaries.size(), 1u);
  EXPECT_EQ(read.boundaries[0].municipality_code, "BE-44021");
  ASSERT_EQ(read.problems.size(), 2u);
  EXPECT_EQ(read.problems[0].line, 2u);
  EXPECT_EQ(read.problems[1].line, 3u);
  EXPECT_EQ(read.problems[1].code, "11001");
  EXPECT_FALSE(ReadCountryBoundaries("not json", "BE").problems.empty());
}

// Found by fuzz/places_fuzz.cpp: a geometry whose type is no string was thrown, not reported.
TEST(CountryPlaces, AGeometryTypeThatIsNoStringIsReportedNotThrown) {
  const auto read = ReadCountryBoundaries(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"GISCO_ID":"BE_44021"},
          "geometry":{"type":[[[3.6,51.0],[3.8,510]]]}}]})",
      "BE");
  EXPECT_TRUE(read.boundaries.empty());
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].column, "geometry");
  EXPECT_EQ(read.problems[0].message, "the geometry is not a Polygon or MultiPolygon");
}

TEST(CountryPlaces, MunicipalityCodesOfOtherCountriesCarryTheirCountry) {
  EXPECT_TRUE(IsMunicipalityCode("MON24"));
  EXPECT_TRUE(IsMunicipalityCode("BE-44021"));
  EXPECT_TRUE(IsMunicipalityCode("CZ-554821"));
  EXPECT_FALSE(IsMunicipalityCode("BG-MON24"));  // Bulgaria's keep their EKATTE codes
  EXPECT_FALSE(IsMunicipalityCode("BE-"));
  EXPECT_FALSE(IsMunicipalityCode("be-44021"));
  EXPECT_FALSE(IsMunicipalityCode("BE-4402%"));
  EXPECT_EQ(CountryOfMunicipality("CZ-554821"), "CZ");
  EXPECT_EQ(CountryOfMunicipality("MON24"), "BG");
  EXPECT_TRUE(IsRegionCode("BE234"));
  EXPECT_TRUE(IsRegionCode("DE11A"));
  EXPECT_FALSE(IsRegionCode("BE23"));
}

// Loading and reloading a country through the service, on both databases.
class CountryImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_,
                {{"places", "src/modules/places/migrations"}, {"accounts", "src/modules/accounts/migrations"}});
  }
  test_support::TestDatabase database_;
  kernel::AuditLog audit_{*database_};
  PlacesStore store_{*database_};
  PlacesService service_{store_, audit_};
};

TEST_F(CountryImportTest, CzechiasMunicipalitiesAreListedByRegionInCzechOrderAndFoundByName) {
  const auto report = service_.ImportCountryPlaces(core::CommandLineActor(), ShippedTable("data/cz/municipalities.csv"),
                                                   kCzechia, false);
  ASSERT_TRUE(report.problems.empty()) << Problems(report.problems);
  EXPECT_EQ(report.saved.added, 6258u);
  const auto ostrava = service_.FindMunicipality("CZ-554821");
  ASSERT_TRUE(ostrava.ok());
  EXPECT_EQ((*ostrava)->detail.municipality.name_bg, "Ostrava");
  EXPECT_EQ((*ostrava)->detail.country.name_en, "Czechia");
  ASSERT_FALSE((*ostrava)->detail.population.empty());
  EXPECT_EQ((*ostrava)->detail.population.back().population, 284765);

  const auto regions = service_.ListRegions("CZ");
  ASSERT_TRUE(regions.ok());
  ASSERT_EQ(regions->size(), 14u);
  const auto moravian =
      std::find_if(regions->begin(), regions->end(), [](const Oblast& each) { return each.code == "CZ080"; });
  ASSERT_NE(moravian, regions->end());
  ASSERT_TRUE(moravian->latest_population.has_value());
  EXPECT_EQ(moravian->latest_population->year, 2024);

  // In Czech order "Č" comes after "C" and before "D", whatever the bytes say.
  const auto listed =
      service_.ListCountryMunicipalities("CZ", "CZ080", SortMunicipalities::kByName, {kMaxPageLimit, 0});
  ASSERT_TRUE(listed.ok());
  std::size_t last_c = 0, first_ch = listed->items.size(), first_d = listed->items.size();
  for (std::size_t i = 0; i < listed->items.size(); ++i) {
    const std::string& name = listed->items[i].name_bg;
    if (name.starts_with("C") && !name.starts_with("Ch")) last_c = i;
    if (name.starts_with("Č") && first_ch == listed->items.size()) first_ch = i;
    if (name.starts_with("D") && first_d == listed->items.size()) first_d = i;
  }
  EXPECT_LT(last_c, first_ch);
  EXPECT_LT(first_ch, first_d);

  const auto found = service_.SearchMunicipalities("ostrava", {20, 0});
  ASSERT_TRUE(found.ok());
  ASSERT_FALSE(found->items.empty());
  EXPECT_EQ(found->items.front().code, "CZ-554821");
  EXPECT_EQ(found->items.front().country_code, "CZ");
  // Bulgaria's lists stay Bulgaria's.
  EXPECT_TRUE(service_.AllMunicipalities().empty());
  EXPECT_TRUE(service_.AllOblasts().empty());
}

TEST_F(CountryImportTest, AReimportUpdatesByCodeAndABadFileStoresNothing) {
  const auto first = service_.ImportCountryPlaces(
      core::CommandLineActor(),
      TableOf("lau_code,name,name_nl,nuts3_code,nuts3_name,population,population_year\n"
              "44021,Gent,Gent,BE234,Arr. Gent,265086,2022\n11001,Aartselaar,Aartselaar,BE211,Arr. Antwerpen,14610,"
              "2022\n"),
      kBelgium, false);
  ASSERT_TRUE(first.problems.empty()) << Problems(first.problems);
  EXPECT_EQ(first.saved.added, 2u);
  const auto second =
      service_.ImportCountryPlaces(core::CommandLineActor(),
                                   TableOf("lau_code,name,name_en,nuts3_code,nuts3_name,population,population_year\n"
                                           "44021,Gent,Ghent,BE234,Arr. Gent,266000,2024\n"),
                                   kBelgium, false);
  ASSERT_TRUE(second.problems.empty()) << Problems(second.problems);
  EXPECT_EQ(second.saved.added, 0u);
  EXPECT_EQ(second.saved.updated, 1u);
  EXPECT_EQ(second.saved.not_in_file, 1u);
  const auto gent = service_.FindMunicipality("BE-44021");
  ASSERT_TRUE(gent.ok());
  EXPECT_EQ((*gent)->detail.municipality.name_en, "Ghent");
  ASSERT_EQ((*gent)->detail.population.size(), 2u);  // 2022 and 2024
  EXPECT_EQ((*gent)->detail.population.back().population, 266000);
  ASSERT_EQ((*gent)->detail.names.size(), 1u);
  EXPECT_EQ((*gent)->detail.names[0].name, "Gent");

  const auto bad = service_.ImportCountryPlaces(core::CommandLineActor(),
                                                TableOf("lau_code,name,nuts3_code,nuts3_name\n"
                                                        "99999,Nieuwe,BE234,Arr. Gent\n"
                                                        "9999x,Fout,BE234,Arr. Gent\n"),
                                                kBelgium, false);
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_FALSE(service_.FindMunicipality("BE-99999").ok());
  // Bulgaria's places come from EKATTE only.
  Country bulgaria = kBelgium;
  bulgaria.code = "BG";
  EXPECT_FALSE(service_.ImportCountryPlaces(core::CommandLineActor(), TableOf("lau_code\nX\n"), bulgaria, false)
                   .problems.empty());
}

}  // namespace
}  // namespace places
