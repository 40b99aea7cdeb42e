// IATI 2.03 activities files (issue 17's promise: import of 1,000 activities in at most 5 s, export in at most 5 s).
// It generates a file of 1,000 activities as a donor's projects look (two titles, three participating organisations,
// three budgets, six transactions, two results with two indicators of three periods each, a target and two actuals a
// period) and times, first apart: reading it (programmes::IatiActivitiesSchema::Read: the DOCTYPE pass, the parse,
// the schema, the activities taken apart), writing the activities again (programmes::WriteIatiActivities) and checking
// that file against the schema; then end to end, as `khetane import iati` and `khetane export iati` run, into a new
// SQLite file: the import of the 1,000 projects with their programme (added, then updated) and the programme's export.
//
//   cmake --preset release -B build/bench-iati
//   cmake --build build/bench-iati --target iati_activities_bench -j2
//   build/bench-iati/iati_activities_bench [--activities N] [--runs N]
//   scripts/with-postgres build/bench-iati/iati_activities_bench   # the end-to-end part on PostgreSQL
//
// Run from the repository's root (it reads data/iati).

#include "modules/programmes/iati_activities.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "db/migrator.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/data_version.hpp"
#include "modules/programmes/iati_export.hpp"
#include "modules/programmes/programmes_service.hpp"

namespace {

std::string Activity(int number) {
  const std::string id = "CH-4-2026-" + std::to_string(number);
  std::string xml =
      "  <iati-activity last-updated-datetime=\"2026-11-30T10:00:00Z\" xml:lang=\"en\" "
      "default-currency=\"CHF\">\n    <iati-identifier>" +
      id +
      "</iati-identifier>\n"
      "    <reporting-org ref=\"CH-4\" type=\"10\"><narrative>Swiss Agency for Development and "
      "Cooperation</narrative></reporting-org>\n"
      "    <title><narrative>Social inclusion of Roma, project " +
      std::to_string(number) + "</narrative><narrative xml:lang=\"bg\">Социално включване на роми, проект " +
      std::to_string(number) +
      "</narrative></title>\n"
      "    <description><narrative>Kindergartens, health mediators and legal housing for the "
      "neighbourhoods of the municipality.</narrative></description>\n"
      "    <participating-org role=\"1\" ref=\"CH-4\" type=\"10\"><narrative>SDC</narrative>"
      "</participating-org>\n"
      "    <participating-org role=\"2\" type=\"10\"><narrative>Ministry of Labour</narrative>"
      "</participating-org>\n"
      "    <participating-org role=\"4\" type=\"40\"><narrative>Municipality</narrative>"
      "</participating-org>\n"
      "    <activity-status code=\"2\"/>\n"
      "    <activity-date type=\"1\" iso-date=\"2027-01-01\"/>\n"
      "    <activity-date type=\"3\" iso-date=\"2029-12-31\"/>\n"
      "    <recipient-country code=\"BG\"/>\n";
  for (int year = 2027; year <= 2029; ++year) {
    const std::string y = std::to_string(year);
    xml += "    <budget type=\"1\" status=\"2\"><period-start iso-date=\"" + y + "-01-01\"/><period-end iso-date=\"" +
           y + "-12-31\"/><value value-date=\"" + y + "-01-01\">250000.00</value></budget>\n";
  }
  for (int month = 1; month <= 6; ++month) {
    const std::string date = "2027-0" + std::to_string(month) + "-15";
    xml += "    <transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"" + date +
           "\"/><value value-date=\"" + date + "\">40000</value></transaction>\n";
  }
  for (int result = 1; result <= 2; ++result) {
    xml += "    <result type=\"2\" aggregation-status=\"0\"><title><narrative>Outcome " + std::to_string(result) +
           "</narrative></title>\n";
    for (int indicator = 1; indicator <= 2; ++indicator) {
      xml += "      <indicator measure=\"1\" ascending=\"1\"><title><narrative>Indicator " + std::to_string(indicator) +
             "</narrative></title><baseline year=\"2026\" value=\"34\"/>\n";
      for (int year = 2027; year <= 2029; ++year) {
        const std::string y = std::to_string(year);
        xml += "        <period><period-start iso-date=\"" + y + "-01-01\"/><period-end iso-date=\"" + y +
               "-12-31\"/><target value=\"45\"/><actual value=\"41\"><dimension name=\"sex\" value=\"female\"/>"
               "</actual><actual value=\"39\"><dimension name=\"sex\" value=\"male\"/></actual></period>\n";
      }
      xml += "      </indicator>\n";
    }
    xml += "    </result>\n";
  }
  return xml + "  </iati-activity>\n";
}

}  // namespace

int main(int argc, char** argv) {
  int activities = 1000;
  int runs = 10;
  // PostgreSQL when KHETANE_TEST_POSTGRES_URL is set (scripts/with-postgres sets it): a new schema, dropped after.
  const char* postgres = std::getenv("KHETANE_TEST_POSTGRES_URL");
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--activities") activities = std::atoi(argv[i + 1]);
    if (option == "--runs") runs = std::atoi(argv[i + 1]);
  }
  std::string file =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" "
      "generated-datetime=\"2026-11-30T10:00:00Z\">\n";
  for (int i = 0; i < activities; ++i) file += Activity(i + 1);
  file += "</iati-activities>\n";
  const auto loading = std::chrono::steady_clock::now();
  const programmes::IatiActivitiesSchema schema("data/iati/iati-activities-schema.xsd");
  std::printf("schema read in %.1f ms\n",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - loading).count());
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const programmes::IatiRead read = schema.Read(file);
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!read.problems.empty() || read.activities.size() != static_cast<std::size_t>(activities)) {
      std::fprintf(stderr, "the generated file was refused: line %zu: %s\n",
                   read.problems.empty() ? 0 : read.problems[0].line,
                   read.problems.empty() ? "too few activities" : read.problems[0].message.c_str());
      return 1;
    }
  }
  std::sort(times.begin(), times.end());
  std::printf(
      "IatiActivitiesSchema::Read of %d activities (%.1f MB), %d runs: min %.0f ms, median %.0f ms, max %.0f ms\n",
      activities, static_cast<double>(file.size()) / 1e6, runs, times.front(), times[times.size() / 2], times.back());
  // The export: the activities written as a file, then checked against the schema as every export is.
  const std::vector<programmes::IatiActivity> read = schema.Read(file).activities;
  std::vector<double> writing;
  std::vector<double> checking;
  std::size_t written_bytes = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const std::string written = programmes::WriteIatiActivities(read, "2026-12-06T15:00:00Z");
    const auto wrote = std::chrono::steady_clock::now();
    const programmes::IatiRead check = schema.Read(written);
    const auto checked = std::chrono::steady_clock::now();
    if (!check.problems.empty()) {
      std::fprintf(stderr, "the written file was refused: line %zu: %s\n", check.problems[0].line,
                   check.problems[0].message.c_str());
      return 1;
    }
    written_bytes = written.size();
    writing.push_back(std::chrono::duration<double, std::milli>(wrote - start).count());
    checking.push_back(std::chrono::duration<double, std::milli>(checked - wrote).count());
  }
  std::sort(writing.begin(), writing.end());
  std::sort(checking.begin(), checking.end());
  std::printf(
      "WriteIatiActivities of %d activities (%.1f MB): median %.0f ms (max %.0f); checked against the schema: "
      "median %.0f ms (max %.0f)\n",
      activities, static_cast<double>(written_bytes) / 1e6, writing[writing.size() / 2], writing.back(),
      checking[checking.size() / 2], checking.back());
  // End to end, as `khetane import iati` and `khetane export iati` run: into a new SQLite file (or PostgreSQL schema),
  // the generated activities as projects of one programme (first as added, then as updated), and the programme
  // written out again.
  std::string directory_pattern = (std::filesystem::temp_directory_path() / "khetane-iati-XXXXXX").string();
  if (::mkdtemp(directory_pattern.data()) == nullptr) return 1;
  const std::filesystem::path directory = directory_pattern;
  const std::string schema_name = "bench_iati_" + std::to_string(::getpid());
  std::unique_ptr<db::Database> admin;
  std::string target = (directory / "bench.db").string();
  if (postgres != nullptr) {
    admin = db::Database::Open({.target = postgres, .pool_size = 1});
    admin->Acquire()->Execute("CREATE SCHEMA " + schema_name);
    target = std::string(postgres) + (std::string_view(postgres).find('?') == std::string_view::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_name;
  }
  const char* where = postgres != nullptr ? "PostgreSQL" : "SQLite";
  {
    auto database = db::Database::Open({.target = target, .pool_size = 2});
    db::Migrate(*database, {{"kernel", "src/kernel/migrations"},
                            {"places", "src/modules/places/migrations"},
                            {"accounts", "src/modules/accounts/migrations"},
                            {"policies", "src/modules/policies/migrations"},
                            {"meetings", "src/modules/meetings/migrations"},
                            {"programmes", "src/modules/programmes/migrations"}});
    const core::SystemClock clock;
    kernel::AuditLog audit(*database, clock);
    audit.Declare({"iati_imported"});
    kernel::DataVersion version(*database);
    places::PlacesStore places_store(*database);
    places::PlacesService places(places_store, audit);
    programmes::ProgrammesStore store(*database);
    programmes::ProgrammesService service(store, places, audit, clock, version);
    std::string with_programme = file;
    with_programme.insert(with_programme.find("  <iati-activity "),
                          "  <iati-activity hierarchy=\"1\" default-currency=\"CHF\"><iati-identifier>CH-4-2026"
                          "</iati-identifier><reporting-org ref=\"CH-4\" type=\"10\"><narrative>SDC</narrative>"
                          "</reporting-org><title><narrative>The programme</narrative></title><description>"
                          "<narrative>All of it</narrative></description><participating-org role=\"1\" ref=\"CH-4\"/>"
                          "<activity-status code=\"2\"/><activity-date type=\"1\" iso-date=\"2027-01-01\"/>"
                          "</iati-activity>\n");
    for (const char* round : {"added", "updated"}) {
      const auto start = std::chrono::steady_clock::now();
      const auto report = service.ImportIati(core::CommandLineActor(), schema, with_programme, "CH-4-2026", false);
      const double milliseconds =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (!report.stored()) {
        std::fprintf(stderr, "the import was refused\n");
        return 1;
      }
      std::printf("ProgrammesService::ImportIati of %zu projects into %s (%s): %.0f ms\n", report.projects, where,
                  round, milliseconds);
    }
    const auto start = std::chrono::steady_clock::now();
    const auto exported = service.ExportIati(schema, "CH-4-2026", {"CH-4", "10", "", {{"", "SDC"}}});
    const double milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("ProgrammesService::ExportIati of the programme and its %d projects (%.1f MB, checked): %.0f ms\n",
                activities, exported ? static_cast<double>(exported->size()) / 1e6 : 0.0, milliseconds);
  }
  if (admin) admin->Acquire()->Execute("DROP SCHEMA " + schema_name + " CASCADE");
  std::filesystem::remove_all(directory);
  return 0;
}
