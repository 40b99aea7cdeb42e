#include "modules/places/places_store.hpp"

#include <map>
#include <set>
#include <string_view>

#include "core/text.hpp"
#include "db/bulk_insert.hpp"

namespace places {
namespace {

constexpr std::string_view kListOblasts = R"(
  SELECT o.code, o.ekatte, o.name_bg, o.name_en, o.nuts2, o.nuts3, COUNT(m.code), o.country_code
  FROM oblasts o LEFT JOIN municipalities m ON m.oblast_code = o.code
  WHERE o.country_code = 'BG'
  GROUP BY o.code, o.ekatte, o.name_bg, o.name_en, o.nuts2, o.nuts3, o.country_code
  ORDER BY o.code LIMIT $1 OFFSET $2)";
constexpr std::string_view kCountOblasts = "SELECT COUNT(*) FROM oblasts WHERE country_code = 'BG'";
constexpr std::string_view kFindOblast = R"(
  SELECT o.code, o.ekatte, o.name_bg, o.name_en, o.nuts2, o.nuts3,
         (SELECT COUNT(*) FROM municipalities m WHERE m.oblast_code = o.code), o.country_code
  FROM oblasts o WHERE o.code = $1)";

// The latest year with figures in Bulgaria, from the municipalities' own (2023 on) or else the settlements'
// (2002–2017). Other countries' figures have years of their own (kLatestOwnPopulation).
constexpr std::string_view kLatestYear = R"(
  SELECT MAX(year) FROM (
    SELECT year FROM (SELECT mp.year AS year FROM municipality_population mp
                      WHERE EXISTS (SELECT 1 FROM municipalities m
                                    WHERE m.code = mp.municipality_code AND m.country_code = 'BG')
                      ORDER BY mp.year DESC LIMIT 1) AS own
    UNION ALL SELECT MAX(year) FROM settlement_population) AS latest)";

// A municipality's population in year $2: its own figure where the NSI gives one, otherwise the sum over its
// settlements. (Written out in each query, as "m" names the municipality.)
#define KH_POPULATION_IN_YEAR                                             \
  "COALESCE(mp.population, (SELECT SUM(p.population) FROM settlements s " \
  "JOIN settlement_population p ON p.ekatte = s.ekatte AND p.year = $2 WHERE s.municipality_code = m.code))"
#define KH_JOIN_OWN_FIGURE " LEFT JOIN municipality_population mp ON mp.municipality_code = m.code AND mp.year = $2 "

// $1: oblast code or '' for all; $2: the year whose population is shown.
constexpr std::string_view kListMunicipalitiesHead =
    "SELECT * FROM (SELECT m.code, m.oblast_code, m.ekatte, m.name_bg, m.name_en, m.nuts3, " KH_POPULATION_IN_YEAR
    " AS population, m.country_code, m.lau_code FROM municipalities m" KH_JOIN_OWN_FIGURE
    "WHERE m.country_code = 'BG' AND ($1 = '' OR m.oblast_code = $1)) AS listed";

// The population of each oblast in year $2: the sum of its municipalities'. $1: an oblast code or '' for all.
constexpr std::string_view kOblastPopulations =
    "SELECT m.oblast_code, SUM(" KH_POPULATION_IN_YEAR ") FROM municipalities m" KH_JOIN_OWN_FIGURE
    "WHERE m.country_code = 'BG' AND ($1 = '' OR m.oblast_code = $1) GROUP BY m.oblast_code";
#undef KH_POPULATION_IN_YEAR
#undef KH_JOIN_OWN_FIGURE

// An oblast's population by year: the sums of its municipalities' figures, each year taken from the municipality's
// own figure where there is one and from its settlements otherwise.
constexpr std::string_view kOblastPopulation = R"(
  SELECT year, SUM(population) FROM (
    SELECT mp.year AS year, mp.population AS population
    FROM municipality_population mp JOIN municipalities m ON m.code = mp.municipality_code
    WHERE m.oblast_code = $1
    UNION ALL
    SELECT p.year, p.population
    FROM settlement_population p JOIN settlements s ON s.ekatte = p.ekatte
    JOIN municipalities m ON m.code = s.municipality_code
    WHERE m.oblast_code = $1 AND NOT EXISTS (
      SELECT 1 FROM municipality_population own WHERE own.municipality_code = m.code AND own.year = p.year)
  ) AS figures
  GROUP BY year ORDER BY year)";

constexpr std::string_view kFindCensus = R"(
  SELECT code, population, male, female, age_0_14, age_15_29, age_30_44, age_45_64, age_65_plus, ethnic_bulgarian,
         ethnic_turkish, ethnic_roma, ethnic_other, ethnic_cannot_determine, ethnic_not_willing_to_answer,
         ethnic_not_stated
  FROM census_2021 WHERE code = $1)";
constexpr std::string_view kInsertCensus = R"(
  INSERT INTO census_2021 (code, level, population, male, female, age_0_14, age_15_29, age_30_44, age_45_64,
    age_65_plus, ethnic_bulgarian, ethnic_turkish, ethnic_roma, ethnic_other, ethnic_cannot_determine,
    ethnic_not_willing_to_answer, ethnic_not_stated))";
constexpr std::string_view kCountCensus = "SELECT COUNT(*) FROM census_2021";
constexpr std::string_view kCountMunicipalities =
    "SELECT COUNT(*) FROM municipalities WHERE country_code = 'BG' AND ($1 = '' OR oblast_code = $1)";

constexpr std::string_view kFindMunicipality = R"(
  SELECT m.code, m.oblast_code, m.ekatte, m.name_bg, m.name_en, m.nuts3,
         (SELECT COUNT(*) FROM settlements s WHERE s.municipality_code = m.code), m.country_code, m.lau_code
  FROM municipalities m WHERE m.code = $1)";
// The municipality's own figures, and the sums over its settlements for the other years.
constexpr std::string_view kMunicipalityPopulation = R"(
  SELECT year, population FROM municipality_population WHERE municipality_code = $1
  UNION ALL
  SELECT p.year, SUM(p.population)
  FROM settlement_population p JOIN settlements s ON s.ekatte = p.ekatte
  WHERE s.municipality_code = $1
    AND NOT EXISTS (SELECT 1 FROM municipality_population own WHERE own.municipality_code = $1 AND own.year = p.year)
  GROUP BY p.year
  ORDER BY 1)";

constexpr std::string_view kListSettlements = R"(
  SELECT s.ekatte, s.kind, s.name_bg, s.name_en, p.population
  FROM settlements s LEFT JOIN settlement_population p ON p.ekatte = s.ekatte AND p.year = $2
  WHERE s.municipality_code = $1
  ORDER BY CASE s.kind WHEN 'city' THEN 0 ELSE 1 END, s.name_bg COLLATE "bg-x-icu", s.ekatte)";

// $1 LIKE pattern for anywhere, $2 the key itself, $3 LIKE pattern for a prefix.
constexpr std::string_view kSearchMunicipalities = R"(
  SELECT m.code, m.oblast_code, m.ekatte, m.name_bg, m.name_en, m.nuts3, NULL, m.country_code, m.lau_code
  FROM municipalities m
  WHERE m.search_key LIKE $1
  ORDER BY CASE WHEN m.search_key = $2 THEN 0 WHEN m.search_key LIKE $3 THEN 1 ELSE 2 END, m.name_bg COLLATE "bg-x-icu",
           m.code
  LIMIT $4 OFFSET $5)";
constexpr std::string_view kCountSearchMunicipalities = "SELECT COUNT(*) FROM municipalities WHERE search_key LIKE $1";
constexpr std::string_view kSearchSettlements = R"(
  SELECT s.ekatte, s.kind, s.name_bg, s.name_en, m.code, m.name_bg, m.name_en
  FROM settlements s JOIN municipalities m ON m.code = s.municipality_code
  WHERE s.search_key LIKE $1
  ORDER BY CASE WHEN s.search_key = $2 THEN 0 WHEN s.search_key LIKE $3 THEN 1 ELSE 2 END,
           CASE s.kind WHEN 'city' THEN 0 ELSE 1 END, s.name_bg COLLATE "bg-x-icu", s.ekatte
  LIMIT $4)";

// Bulgaria's: the maps that draw them are Bulgaria's.
constexpr std::string_view kBoundaries = R"(
  SELECT b.code, b.geometry FROM place_boundaries b
  WHERE b.level = $1 AND (EXISTS (SELECT 1 FROM oblasts o WHERE o.code = b.code AND o.country_code = 'BG')
                          OR EXISTS (SELECT 1 FROM municipalities m WHERE m.code = b.code AND m.country_code = 'BG'))
  ORDER BY b.code)";
constexpr std::string_view kFindBoundary = "SELECT code, geometry FROM place_boundaries WHERE code = $1";

constexpr std::string_view kMunicipalityNames =
    "SELECT language, name FROM municipality_names WHERE municipality_code = $1 ORDER BY language";

constexpr std::string_view kCountryColumns = R"(
  SELECT c.code, c.name_bg, c.name_en, c.name_local, c.languages, c.population_source,
         (SELECT COUNT(*) FROM oblasts o WHERE o.country_code = c.code),
         (SELECT COUNT(*) FROM municipalities m WHERE m.country_code = c.code)
  FROM countries c)";

// A municipality of another country with its latest figure, whatever its year: countries count in years of their own.
#define KH_LATEST_OWN(column)                                                      \
  "(SELECT mp." column                                                             \
  " FROM municipality_population mp WHERE mp.municipality_code = m.code ORDER BY " \
  "mp.year DESC LIMIT 1)"
constexpr std::string_view kListCountryMunicipalitiesHead =
    "SELECT * FROM (SELECT m.code, m.oblast_code, m.ekatte, m.name_bg, m.name_en, m.nuts3, " KH_LATEST_OWN(
        "population") " AS population, m.country_code, m.lau_code, " KH_LATEST_OWN("year") " AS year "
                      "FROM municipalities m WHERE m.country_code = $1 AND ($2 = '' OR m.oblast_code = $2)) AS listed";
#undef KH_LATEST_OWN
constexpr std::string_view kCountCountryMunicipalities =
    "SELECT COUNT(*) FROM municipalities WHERE country_code = $1 AND ($2 = '' OR oblast_code = $2)";

// The regions of a country with their number of municipalities and the sum of their figures in year $2.
constexpr std::string_view kListRegions = R"(
  SELECT o.code, o.ekatte, o.name_bg, o.name_en, o.nuts2, o.nuts3, COUNT(m.code), o.country_code,
         SUM((SELECT mp.population FROM municipality_population mp WHERE mp.municipality_code = m.code
              AND mp.year = $2))
  FROM oblasts o LEFT JOIN municipalities m ON m.oblast_code = o.code
  WHERE o.country_code = $1
  GROUP BY o.code, o.ekatte, o.name_bg, o.name_en, o.nuts2, o.nuts3, o.country_code
  ORDER BY o.code)";
constexpr std::string_view kLatestCountryYear = R"(
  SELECT MAX(mp.year) FROM municipality_population mp JOIN municipalities m ON m.code = mp.municipality_code
  WHERE m.country_code = $1)";

Oblast OblastFrom(const db::Row& row) {
  return Oblast{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4),
                row.Text(5), row.Int(6),  {},          row.Text(7)};
}

// Each oblast's (or one oblast's) population in `year`, by code.
std::map<std::string, std::int64_t> OblastPopulations(db::Connection& connection, const std::string& oblast_code,
                                                      int year) {
  std::map<std::string, std::int64_t> populations;
  for (const auto& row : connection.Query(kOblastPopulations, {oblast_code, std::int64_t{year}})) {
    if (!row.IsNull(1)) populations.emplace(row.Text(0), row.Int(1));
  }
  return populations;
}

void AddLatestPopulation(Oblast& oblast, const std::map<std::string, std::int64_t>& populations,
                         std::optional<int> year) {
  const auto found = populations.find(oblast.code);
  if (year && found != populations.end()) oblast.latest_population = PopulationPoint{*year, found->second};
}

// Columns: code, oblast_code, ekatte, name_bg, name_en, nuts3, population (in `year`), country_code, lau_code.
Municipality MunicipalityFrom(const db::Row& row, std::optional<int> year) {
  Municipality municipality{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4),
                            row.Text(5), {},          row.Text(7), row.Text(8)};
  if (year && !row.IsNull(6)) municipality.latest_population = PopulationPoint{*year, row.Int(6)};
  return municipality;
}

Country CountryFrom(const db::Row& row) {
  return Country{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Int(6), row.Int(7)};
}

}  // namespace

std::optional<Country> PlacesStore::FindCountry(db::Connection& connection, const std::string& code) {
  static const std::string kFind = std::string(kCountryColumns) + " WHERE c.code = $1";
  const auto row = connection.QueryOne(kFind, {code});
  if (!row) return std::nullopt;
  return CountryFrom(*row);
}

std::optional<Country> PlacesStore::FindCountry(const std::string& code) {
  auto connection = database_.Acquire();
  return FindCountry(*connection, code);
}

std::vector<Country> PlacesStore::ListCountries() {
  static const std::string kList = std::string(kCountryColumns) + " ORDER BY c.code";
  std::vector<Country> countries;
  for (const auto& row : database_.Acquire()->Query(kList)) countries.push_back(CountryFrom(row));
  return countries;
}

std::vector<Oblast> PlacesStore::ListRegions(const std::string& country) {
  auto connection = database_.Acquire();
  const auto latest = connection->QueryOne(kLatestCountryYear, {country});
  const std::optional<int> year =
      latest && !latest->IsNull(0) ? std::optional<int>(static_cast<int>(latest->Int(0))) : std::nullopt;
  std::vector<Oblast> regions;
  for (const auto& row : connection->Query(kListRegions, {country, std::int64_t{year.value_or(0)}})) {
    regions.push_back(OblastFrom(row));
    if (year && !row.IsNull(8)) regions.back().latest_population = PopulationPoint{*year, row.Int(8)};
  }
  return regions;
}

Listing<Municipality> PlacesStore::ListCountryMunicipalities(const std::string& country, const std::string& region,
                                                             SortMunicipalities sort, const Page& page) {
  // By name in the order of the country's language; the collation is one of db::kCollationLanguages.
  const std::string language = country == "CZ" ? "cs" : country == "BE" || country == "NL" ? "nl" : "und";
  const std::string order = sort == SortMunicipalities::kByPopulation ? "population DESC NULLS LAST, code"
                            : sort == SortMunicipalities::kByCode
                                ? "code"
                                : "name_bg COLLATE " + db::CollationOf(language) + ", code";
  const std::string sql = std::string(kListCountryMunicipalitiesHead) + " ORDER BY " + order + " LIMIT $3 OFFSET $4";
  auto connection = database_.Acquire();
  Listing<Municipality> listing;
  for (const auto& row : connection->Query(sql, {country, region, page.limit, page.offset})) {
    listing.items.push_back(
        MunicipalityFrom(row, row.IsNull(9) ? std::nullopt : std::optional<int>(static_cast<int>(row.Int(9)))));
  }
  listing.total = connection->QueryOne(kCountCountryMunicipalities, {country, region})->Int(0);
  return listing;
}

CountryPlacesSaved PlacesStore::SaveCountryPlaces(const CountryPlaces& places) {
  CountryPlacesSaved saved;
  database_.Transaction([&](db::Connection& connection) {
    const Country& country = places.country;
    connection.Execute(
        "INSERT INTO countries (code, name_bg, name_en, name_local, languages, population_source) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET name_bg = excluded.name_bg, "
        "name_en = excluded.name_en, name_local = excluded.name_local, languages = excluded.languages, "
        "population_source = excluded.population_source",
        {country.code, country.name_bg, country.name_en, country.name_local, country.languages,
         country.population_source});
    std::set<std::string, std::less<>> known;
    for (const auto& row : connection.Query("SELECT code FROM municipalities WHERE country_code = $1", {country.code}))
      known.insert(row.Text(0));

    std::vector<db::Params> rows;
    for (const Oblast& region : places.regions) {
      rows.push_back({region.code, region.ekatte, region.name_bg, region.name_en, region.nuts2, region.nuts3,
                      core::SearchKey(region.name_bg), country.code});
    }
    db::InsertRows(connection,
                   "INSERT INTO oblasts (code, ekatte, name_bg, name_en, nuts2, nuts3, search_key, country_code)", rows,
                   250,
                   "ON CONFLICT (code) DO UPDATE SET name_bg = excluded.name_bg, name_en = excluded.name_en, "
                   "nuts2 = excluded.nuts2, nuts3 = excluded.nuts3, search_key = excluded.search_key");
    rows.clear();
    std::vector<db::Params> figures;
    for (const Municipality& m : places.municipalities) {
      rows.push_back({m.code, m.oblast_code, m.ekatte, m.name_bg, m.name_en, m.nuts3, core::SearchKey(m.name_bg),
                      country.code, m.lau_code});
      if (m.latest_population) {
        figures.push_back({m.code, std::int64_t{m.latest_population->year}, m.latest_population->population});
      }
      ++(known.contains(m.code) ? saved.updated : saved.added);
    }
    db::InsertRows(connection,
                   "INSERT INTO municipalities (code, oblast_code, ekatte, name_bg, name_en, nuts3, search_key, "
                   "country_code, lau_code)",
                   rows, 250,
                   "ON CONFLICT (code) DO UPDATE SET oblast_code = excluded.oblast_code, name_bg = excluded.name_bg, "
                   "name_en = excluded.name_en, nuts3 = excluded.nuts3, search_key = excluded.search_key");
    db::InsertRows(connection, "INSERT INTO municipality_population (municipality_code, year, population)", figures,
                   500, "ON CONFLICT (municipality_code, year) DO UPDATE SET population = excluded.population");
    saved.population_figures = figures.size();
    rows.clear();
    for (const auto& [code, name] : places.names) rows.push_back({code, name.language, name.name});
    db::InsertRows(connection, "INSERT INTO municipality_names (municipality_code, language, name)", rows, 500,
                   "ON CONFLICT (municipality_code, language) DO UPDATE SET name = excluded.name");
    std::set<std::string, std::less<>> in_file;
    for (const Municipality& m : places.municipalities) in_file.insert(m.code);
    for (const std::string& code : known) saved.not_in_file += in_file.contains(code) ? 0 : 1;
  });
  return saved;
}

std::vector<std::string> PlacesStore::SaveBoundaries(const std::vector<BoundaryOf>& boundaries) {
  std::vector<std::string> unknown;
  database_.Transaction([&](db::Connection& connection) {
    std::vector<db::Params> rows;
    for (const BoundaryOf& boundary : boundaries) {
      if (!connection.QueryOne("SELECT 1 FROM municipalities WHERE code = $1", {boundary.municipality_code})) {
        unknown.push_back(boundary.municipality_code);
        continue;
      }
      rows.push_back({boundary.municipality_code, std::string("municipality"), boundary.geometry});
    }
    db::InsertRows(connection, "INSERT INTO place_boundaries (code, level, geometry)", rows, 50,
                   "ON CONFLICT (code) DO UPDATE SET geometry = excluded.geometry");
  });
  return unknown;
}

std::optional<int> PlacesStore::LatestPopulationYear(db::Connection& connection) {
  const auto row = connection.QueryOne(kLatestYear);
  if (!row || row->IsNull(0)) return std::nullopt;
  return static_cast<int>(row->Int(0));
}

Listing<Oblast> PlacesStore::ListOblasts(const Page& page) {
  auto connection = database_.Acquire();
  Listing<Oblast> listing;
  const auto year = LatestPopulationYear(*connection);
  const auto populations = year ? OblastPopulations(*connection, "", *year) : std::map<std::string, std::int64_t>{};
  for (const auto& row : connection->Query(kListOblasts, {page.limit, page.offset})) {
    listing.items.push_back(OblastFrom(row));
    AddLatestPopulation(listing.items.back(), populations, year);
  }
  listing.total = connection->QueryOne(kCountOblasts)->Int(0);
  return listing;
}

std::optional<Oblast> PlacesStore::FindOblast(const std::string& code) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindOblast, {code});
  if (!row) return std::nullopt;
  Oblast oblast = OblastFrom(*row);
  if (const auto year = LatestPopulationYear(*connection)) {
    AddLatestPopulation(oblast, OblastPopulations(*connection, code, *year), year);
  }
  return oblast;
}

std::optional<OblastDetail> PlacesStore::FindOblastDetail(const std::string& code) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindOblast, {code});
  if (!row) return std::nullopt;
  OblastDetail detail{OblastFrom(*row), {}, FindCensus(*connection, code)};
  for (const auto& point : connection->Query(kOblastPopulation, {code})) {
    detail.population.push_back({static_cast<int>(point.Int(0)), point.Int(1)});
  }
  if (!detail.population.empty()) detail.oblast.latest_population = detail.population.back();
  return detail;
}

std::optional<Census2021> PlacesStore::FindCensus(const std::string& code) {
  auto connection = database_.Acquire();
  return FindCensus(*connection, code);
}

std::optional<Census2021> PlacesStore::FindCensus(db::Connection& connection, const std::string& code) {
  const auto row = connection.QueryOne(kFindCensus, {code});
  if (!row) return std::nullopt;
  Census2021 census;
  census.code = row->Text(0);
  census.population = row->Int(1);
  for (std::size_t i = 0; i < census.counts.size(); ++i) census.counts[i] = row->Int(i + 2);
  return census;
}

Listing<Municipality> PlacesStore::ListMunicipalities(const std::string& oblast_code, SortMunicipalities sort,
                                                      const Page& page) {
  // ORDER BY cannot be a parameter; each order is a fixed string chosen by the enum.
  // Names in the order of their language (db::CollationOf), the same on both databases.
  static const std::string kByName =
      std::string(kListMunicipalitiesHead) + " ORDER BY name_bg COLLATE \"bg-x-icu\", code LIMIT $3 OFFSET $4";
  static const std::string kByEnglishName =
      std::string(kListMunicipalitiesHead) + " ORDER BY name_en COLLATE \"en-x-icu\", code LIMIT $3 OFFSET $4";
  static const std::string kByPopulation =
      std::string(kListMunicipalitiesHead) + " ORDER BY population DESC, code LIMIT $3 OFFSET $4";
  static const std::string kByCode = std::string(kListMunicipalitiesHead) + " ORDER BY code LIMIT $3 OFFSET $4";
  const std::string& sql = sort == SortMunicipalities::kByPopulation    ? kByPopulation
                           : sort == SortMunicipalities::kByName        ? kByName
                           : sort == SortMunicipalities::kByEnglishName ? kByEnglishName
                                                                        : kByCode;
  auto connection = database_.Acquire();
  const auto year = LatestPopulationYear(*connection);
  Listing<Municipality> listing;
  for (const auto& row :
       connection->Query(sql, {oblast_code, std::int64_t{year.value_or(0)}, page.limit, page.offset})) {
    listing.items.push_back(MunicipalityFrom(row, year));
  }
  listing.total = connection->QueryOne(kCountMunicipalities, {oblast_code})->Int(0);
  return listing;
}

std::optional<MunicipalityDetail> PlacesStore::FindMunicipality(const std::string& code) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindMunicipality, {code});
  if (!row) return std::nullopt;
  MunicipalityDetail detail;
  detail.municipality = Municipality{row->Text(0), row->Text(1), row->Text(2), row->Text(3), row->Text(4),
                                     row->Text(5), {},           row->Text(7), row->Text(8)};
  detail.settlement_count = row->Int(6);
  if (auto country = FindCountry(*connection, detail.municipality.country_code)) detail.country = std::move(*country);
  for (const auto& name : connection->Query(kMunicipalityNames, {code})) {
    detail.names.push_back({name.Text(0), name.Text(1)});
  }
  detail.census = FindCensus(*connection, code);
  for (const auto& point : connection->Query(kMunicipalityPopulation, {code})) {
    detail.population.push_back({static_cast<int>(point.Int(0)), point.Int(1)});
  }
  if (!detail.population.empty()) detail.municipality.latest_population = detail.population.back();
  const auto oblast = connection->QueryOne(kFindOblast, {detail.municipality.oblast_code});
  if (oblast) detail.oblast = OblastFrom(*oblast);
  return detail;
}

std::optional<int> PlacesStore::LatestSettlementYear() {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne("SELECT MAX(year) FROM settlement_population");
  if (!row || row->IsNull(0)) return std::nullopt;
  return static_cast<int>(row->Int(0));
}

std::vector<Settlement> PlacesStore::ListSettlements(const std::string& municipality_code, std::optional<int> year) {
  auto connection = database_.Acquire();
  std::vector<Settlement> settlements;
  for (const auto& row : connection->Query(kListSettlements, {municipality_code, std::int64_t{year.value_or(0)}})) {
    settlements.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.OptionalInt(4)});
  }
  return settlements;
}

Listing<Municipality> PlacesStore::SearchMunicipalities(const std::string& key, const Page& page) {
  // Keys hold only [a-z0-9 ], so they carry no LIKE wildcards of their own.
  const std::string anywhere = "%" + key + "%";
  auto connection = database_.Acquire();
  Listing<Municipality> listing;
  for (const auto& row :
       connection->Query(kSearchMunicipalities, {anywhere, key, key + "%", page.limit, page.offset})) {
    listing.items.push_back(MunicipalityFrom(row, std::nullopt));
  }
  listing.total = connection->QueryOne(kCountSearchMunicipalities, {anywhere})->Int(0);
  return listing;
}

std::vector<SettlementHit> PlacesStore::SearchSettlements(const std::string& key, std::int64_t limit) {
  auto connection = database_.Acquire();
  std::vector<SettlementHit> hits;
  for (const auto& row : connection->Query(kSearchSettlements, {"%" + key + "%", key, key + "%", limit})) {
    hits.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6)});
  }
  return hits;
}

std::vector<Boundary> PlacesStore::Boundaries(const std::string& level) {
  auto connection = database_.Acquire();
  std::vector<Boundary> boundaries;
  for (const auto& row : connection->Query(kBoundaries, {level})) boundaries.push_back({row.Text(0), row.Text(1)});
  return boundaries;
}

std::optional<Boundary> PlacesStore::FindBoundary(const std::string& code) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindBoundary, {code});
  if (!row) return std::nullopt;
  return Boundary{row->Text(0), row->Text(1)};
}

bool PlacesStore::HasReferenceData() {
  auto connection = database_.Acquire();
  return connection->QueryOne(kCountOblasts)->Int(0) > 0;
}

bool PlacesStore::HasPopulationFigures() {
  auto connection = database_.Acquire();
  return connection->QueryOne(kCountCensus)->Int(0) > 0;
}

void PlacesStore::InsertPopulationFigures(const PopulationFigures& figures) {
  database_.Transaction([&](db::Connection& connection) {
    std::vector<db::Params> rows;
    for (const auto& figure : figures.municipality_population) {
      rows.push_back({figure.municipality_code, std::int64_t{figure.year}, figure.population});
    }
    db::InsertRows(connection, "INSERT INTO municipality_population (municipality_code, year, population)", rows, 500);
    rows.clear();
    for (const auto& [level, census] : figures.census) {
      db::Params row{census.code, level, census.population};
      for (const std::int64_t count : census.counts) row.push_back(count);
      rows.push_back(std::move(row));
    }
    db::InsertRows(connection, kInsertCensus, rows, 50);
  });
}

void PlacesStore::InsertReferenceData(const ReferenceData& data) {
  database_.Transaction([&](db::Connection& connection) {
    std::vector<db::Params> rows;
    for (const auto& o : data.oblasts) {
      rows.push_back({o.code, o.ekatte, o.name_bg, o.name_en, o.nuts2, o.nuts3, core::SearchKey(o.name_bg)});
    }
    db::InsertRows(connection, "INSERT INTO oblasts (code, ekatte, name_bg, name_en, nuts2, nuts3, search_key)", rows);
    rows.clear();
    for (const auto& m : data.municipalities) {
      rows.push_back(
          {m.code, m.oblast_code, m.ekatte, m.name_bg, m.name_en, m.nuts3, core::SearchKey(m.name_bg), m.code});
    }
    db::InsertRows(
        connection,
        "INSERT INTO municipalities (code, oblast_code, ekatte, name_bg, name_en, nuts3, search_key, lau_code)", rows);
    rows.clear();
    for (const auto& s : data.settlements) {
      rows.push_back({s.ekatte, s.municipality_code, s.kind, s.name_bg, s.name_en, core::SearchKey(s.name_bg)});
    }
    db::InsertRows(connection,
                   "INSERT INTO settlements (ekatte, municipality_code, kind, name_bg, name_en, search_key)", rows);
    rows.clear();
    for (const auto& p : data.population) rows.push_back({p.ekatte, std::int64_t{p.year}, p.population});
    db::InsertRows(connection, "INSERT INTO settlement_population (ekatte, year, population)", rows, 1000);
    rows.clear();
    for (const auto& b : data.boundaries) rows.push_back({b.code, b.level, b.geometry});
    db::InsertRows(connection, "INSERT INTO place_boundaries (code, level, geometry)", rows, 50);
  });
}

}  // namespace places
