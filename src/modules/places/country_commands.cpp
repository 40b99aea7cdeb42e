#include "modules/places/country_commands.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>

#include "formats/table.hpp"
#include "modules/places/places_service.hpp"

namespace places {
namespace {

// The largest country has some 35,000 municipalities (France): a few megabytes.
constexpr std::size_t kLargestFile = 64 * 1024 * 1024;

struct ImportOptions {
  std::string file;
  std::string boundaries;
  Country country;
  bool dry_run = false;
};

formats::Table TableOf(const std::string& path) {
  formats::ReadLimits limits;
  limits.max_bytes = kLargestFile;
  const auto table = formats::ReadTable(formats::ReadWholeFile(path, kLargestFile), limits);
  if (!table) {
    const auto& error = table.error();
    throw std::runtime_error(path + (error.line ? ": line " + std::to_string(*error.line) : "") + ": " + error.message);
  }
  return std::move(*table);
}

// "municipalities.csv: line 12 (44021), column population: '12x' is not a count of people"
std::string Describe(const std::string& file, const PlacesProblem& problem, std::string_view line_word) {
  std::string where = file;
  if (problem.line > 0) where += fmt::format(": {} {}", line_word, problem.line);
  if (!problem.code.empty()) where += " (" + problem.code + ")";
  if (!problem.column.empty()) where += ", column " + problem.column;
  return where + ": " + problem.message;
}

// The options not given take the country's values in the database, if it is there.
Country CountryWithDefaults(PlacesService& places, Country given) {
  const auto known = places.FindCountry(given.code);
  if (!known) return given;
  for (const auto& [value, stored] :
       {std::pair{&given.name_bg, &known->name_bg}, std::pair{&given.name_en, &known->name_en},
        std::pair{&given.name_local, &known->name_local}, std::pair{&given.languages, &known->languages},
        std::pair{&given.population_source, &known->population_source}}) {
    if (value->empty()) *value = *stored;
  }
  return given;
}

int RunImport(const ImportOptions& options, kernel::CommandContext& context) {
  auto& places = context.services.Get<PlacesService>();
  const auto started = std::chrono::steady_clock::now();
  const Country country = CountryWithDefaults(places, options.country);
  context.err << "reading " << options.file << " ...\n";
  const formats::Table table = TableOf(options.file);
  context.err << "checking " << (table.rows.empty() ? 0 : table.rows.size() - 1) << " rows ...\n";
  const auto report = places.ImportCountryPlaces(core::CommandLineActor(), table, country, options.dry_run);
  for (const PlacesProblem& problem : report.problems) context.err << Describe(options.file, problem, "line") << "\n";
  if (!report.problems.empty()) {
    context.err << "nothing was stored: " << report.problems.size() << " problems in " << report.rows << " rows\n";
    return 1;
  }
  if (options.dry_run) {
    context.out << "the file is correct: " << report.rows << " municipalities of " << country.name_en
                << " would be stored\n";
  } else {
    context.out << fmt::format("{}: {} municipalities added, {} updated, {} population figures", country.name_en,
                               report.saved.added, report.saved.updated, report.saved.population_figures);
    if (report.saved.not_in_file > 0) {
      context.out << fmt::format("; {} municipalities already there are not in the file and were kept",
                                 report.saved.not_in_file);
    }
    context.out << "\n";
  }
  if (!options.boundaries.empty()) {
    context.err << "reading " << options.boundaries << " ...\n";
    const auto boundaries = places.ImportCountryBoundaries(core::CommandLineActor(),
                                                           formats::ReadWholeFile(options.boundaries, kLargestFile * 4),
                                                           country.code, options.dry_run);
    for (const PlacesProblem& problem : boundaries.problems) {
      context.err << Describe(options.boundaries, problem, "feature") << "\n";
    }
    if (!boundaries.problems.empty() && boundaries.saved.updated == 0) return 1;
    context.out << (options.dry_run ? "boundaries checked: " : "boundaries stored: ")
                << (options.dry_run ? boundaries.rows : boundaries.saved.updated) << "\n";
    if (!boundaries.problems.empty()) return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  context.err << "done in " << static_cast<long>(seconds * 1000) << " ms\n";
  return 0;
}

}  // namespace

void AddPlacesCommands(kernel::Module& module) {
  module.AddCommand(
      {{"import", "places"},
       "Add or update the municipalities of a country other than Bulgaria from a CSV or XLSX file (docs/PLACES.md)",
       kernel::Prepare::kMigrateAndSeed,
       [](CLI::App& command) -> kernel::CommandRun {
         auto options = std::make_shared<ImportOptions>();
         command.add_option("file", options->file, "The CSV or XLSX file: lau_code, name, nuts3_code, nuts3_name …")
             ->required()
             ->check(CLI::ExistingFile);
         command.add_option("--country", options->country.code, "The country's two capital letters: BE, CZ, EL …")
             ->required();
         command.add_option("--name-en", options->country.name_en, "The country's English name (for a new country)");
         command.add_option("--name-bg", options->country.name_bg, "Its Bulgarian name (for a new country)");
         command.add_option("--name-local", options->country.name_local, "Its name in its own language(s)");
         command.add_option("--languages", options->country.languages, "Its official languages: \"nl fr de\"");
         command.add_option("--source", options->country.population_source,
                            "Who published the population figures, as they ask to be named");
         command
             .add_option("--boundaries", options->boundaries,
                         "A GeoJSON FeatureCollection of the municipalities' boundaries (lon/lat), by LAU code")
             ->check(CLI::ExistingFile);
         command.add_flag("--dry-run", options->dry_run, "Check every row and store nothing");
         return [options](kernel::CommandContext& context) { return RunImport(*options, context); };
       }});
}

bool SeedCountries(kernel::SeedContext& context) {
  PlacesService& places = context.services.Get<PlacesService>();
  const std::filesystem::path list = context.data_directory / "countries.csv";
  if (!std::filesystem::exists(list)) return false;
  const formats::Table countries = TableOf(list.string());
  bool loaded = false;
  for (std::size_t r = 1; r < countries.rows.size(); ++r) {
    const auto& fields = countries.rows[r].fields;
    if (fields.size() < 7) throw std::runtime_error(fmt::format("{}: line {}: 7 columns needed", list.string(), r + 1));
    const Country country{fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], 0, 0};
    if (const auto known = places.FindCountry(country.code); known && known->municipality_count > 0) continue;
    const std::filesystem::path file = context.data_directory / fields[6];
    const auto report = places.ImportCountryPlaces(core::CommandLineActor(), TableOf(file.string()), country, false);
    if (!report.problems.empty()) {
      throw std::runtime_error("reference data: " + Describe(file.string(), report.problems.front(), "line"));
    }
    if (context.log) {
      context.log(
          fmt::format("loaded {} municipalities of {} from {}", report.saved.added, country.name_en, file.string()));
    }
    loaded = true;
  }
  return loaded;
}

}  // namespace places
