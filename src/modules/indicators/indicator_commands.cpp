#include "modules/indicators/indicator_commands.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "formats/table.hpp"
#include "modules/indicators/indicators_service.hpp"

namespace indicators {
namespace {

constexpr std::size_t kLargestFile = 256 * 1024 * 1024;

formats::Table ReadFileTable(const std::string& path) {
  formats::ReadLimits limits;
  limits.max_bytes = kLargestFile;
  limits.max_rows = 5'000'000;
  limits.max_cells = 60'000'000;
  const auto table = formats::ReadTable(formats::ReadWholeFile(path, kLargestFile), limits);
  if (!table) {
    const auto& error = table.error();
    throw std::runtime_error(path + (error.line ? ": line " + std::to_string(*error.line) : "") + ": " + error.message);
  }
  return std::move(*table);
}

struct ImportOptions {
  std::string file;
  bool dry_run = false;
};

struct ExportOptions {
  std::string indicator;
  std::string place;
  std::string period;
  std::string output;
};

}  // namespace

void AddIndicatorCommands(kernel::Module& module) {
  module.AddCommand(
      {{"import", "values"},
       "Import indicator values from a DHIS2 dataValues file (CSV or XLSX): all or nothing",
       kernel::Prepare::kMigrateAndSeed,
       [](CLI::App& command) -> kernel::CommandRun {
         auto options = std::make_shared<ImportOptions>();
         command.add_option("file", options->file, "The CSV or XLSX file")->required()->check(CLI::ExistingFile);
         command.add_flag("--dry-run", options->dry_run, "Check every row and store nothing");
         return [options](kernel::CommandContext& context) {
           auto& service = context.services.Get<IndicatorsService>();
           const auto started = std::chrono::steady_clock::now();
           context.err << "reading " << options->file << " ...\n";
           const formats::Table table = ReadFileTable(options->file);
           context.err << "checking " << (table.rows.empty() ? 0 : table.rows.size() - 1) << " rows ...\n";
           const ValuesImport report = service.ImportDataValues(core::CommandLineActor(), table, options->dry_run);
           for (const ExchangeProblem& problem : report.problems) {
             context.err << options->file << ": line " << problem.line
                         << (problem.code.empty() ? "" : " (" + problem.code + ")")
                         << (problem.column.empty() ? "" : ", column " + problem.column) << ": "
                         << core::FillArguments(problem.message, problem.arguments,
                                                [](const core::MessageArgument& argument) {
                                                  return argument.value_en.empty() ? argument.value : argument.value_en;
                                                })
                         << (problem.value.empty() ? "" : " [" + problem.value + "]") << "\n";
           }
           const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
           if (!report.problems.empty()) {
             context.err << "nothing was stored: " << report.problems.size() << " problems in " << report.rows
                         << " rows\n";
             return 1;
           }
           context.out << (options->dry_run
                               ? "the file is correct: " + std::to_string(report.rows) + " values would be stored"
                               : std::to_string(report.stored) + " values stored")
                       << " (" << static_cast<long>(seconds * 1000) << " ms)\n";
           return 0;
         };
       }});
  module.AddCommand({{"import", "indicators"},
                     "Add indicators to the library from a CSV with the columns of data/indicators/indicators.csv",
                     kernel::Prepare::kMigrateAndSeed,
                     [](CLI::App& command) -> kernel::CommandRun {
                       auto file = std::make_shared<std::string>();
                       command.add_option("file", *file, "The CSV or XLSX file")->required()->check(CLI::ExistingFile);
                       return [file](kernel::CommandContext& context) {
                         auto& service = context.services.Get<IndicatorsService>();
                         const formats::Table table = ReadFileTable(*file);
                         const auto added = service.AddIndicators(core::CommandLineActor(), table);
                         if (!added) {
                           context.err << *file << ": " << added.error().message
                                       << (added.error().detail.empty() ? "" : " (" + added.error().detail + ")")
                                       << "\n";
                           return 1;
                         }
                         context.out << *added << " indicators added\n";
                         return 0;
                       };
                     }});
  module.AddCommand({{"export", "values"},
                     "Export the current indicator values as a DHIS2 dataValues CSV",
                     kernel::Prepare::kMigrate,
                     [](CLI::App& command) -> kernel::CommandRun {
                       auto options = std::make_shared<ExportOptions>();
                       command.add_option("--indicator", options->indicator, "Only this indicator (its code)");
                       command.add_option("--place", options->place, "Only this place (its code: BG, MON, MON24)");
                       command.add_option("--period", options->period, "Only this period (2026, 2026Q1 …)");
                       command.add_option("-o,--output", options->output, "The file to write (default: stdout)");
                       return [options](kernel::CommandContext& context) {
                         auto& service = context.services.Get<IndicatorsService>();
                         ObservationFilter filter;
                         if (!options->indicator.empty()) {
                           const auto indicator = service.Find(options->indicator);
                           if (!indicator) {
                             context.err << "no indicator has the code " << options->indicator << "\n";
                             return 1;
                           }
                           filter.indicator_ids.push_back(indicator->id);
                         }
                         if (!options->place.empty()) filter.places.push_back(options->place);
                         if (!options->period.empty()) filter.periods.push_back(options->period);
                         const std::string csv = formats::WriteCsv(
                             DataValuesTable(service.ExportDataValues(core::CommandLineActor(), filter)));
                         if (options->output.empty()) {
                           context.out << csv;
                         } else {
                           std::ofstream out(options->output, std::ios::binary);
                           out << csv;
                           if (!out) {
                             context.err << "cannot write " << options->output << "\n";
                             return 1;
                           }
                         }
                         return 0;
                       };
                     }});
}

}  // namespace indicators
