#include "modules/policies/plan_commands.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "formats/table.hpp"
#include "modules/policies/plan_languages.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/i18n.hpp"

namespace policies {
namespace {

namespace fs = std::filesystem;

struct PlanImportOptions {
  std::string file;
  std::int64_t document_id = 0;
  bool dry_run = false;
};

struct PlanExportOptions {
  std::int64_t document_id = 0;
  std::string format = "csv";
  std::string output;
  std::string language = "codes";
};

// The site's catalogues, when the command line was given them (khetane's subcommands are).
const web::Translations* TranslationsOf(kernel::CommandContext& context) {
  return context.services.Has<web::Translations>() ? &context.services.Get<web::Translations>() : nullptr;
}

// The command line acts as the installation's administrator: whoever runs it operates the server.
Actor CommandLineActor() {
  return {std::nullopt, {{core::Role::kAdministrator, {core::ScopeKind::kInstallation, ""}}}, {"command line", ""}};
}

// Where a problem is, as "line 8 (row 1.2.3, P-1a2b), column start: " ("" when the file as a whole has it).
std::string Where(std::optional<std::size_t> line, const std::string& code, const std::string& uid,
                  const std::string& column) {
  std::string where;
  if (line) where = "line " + std::to_string(*line);
  if (!code.empty() || !uid.empty()) {
    where += " (row " + code + (!code.empty() && !uid.empty() ? ", " : "") + uid + ")";
  }
  if (!column.empty()) where += (where.empty() ? "" : ", ") + std::string("column ") + column;
  return where.empty() ? "" : where + ": ";
}

// How far an import of a large file has come, on standard error: a bar redrawn at each percent on a terminal, a line
// at each quarter otherwise (a log gets a few lines, not a hundred).
class ProgressBar {
 public:
  static constexpr std::size_t kLargeFile = 1000;  // lines; smaller files are stored before anyone would look

  void Update(std::size_t done, std::size_t total) {
    if (total < kLargeFile) return;
    const std::size_t percent = done * 100 / total;
    if (terminal_) {
      if (percent == shown_) return;
      shown_ = percent;
      const std::size_t filled = percent / 2;
      std::cerr << "\rstoring [" << std::string(filled, '#') << std::string(50 - filled, ' ') << "] " << percent
                << "% (" << done << " of " << total << " lines)" << std::flush;
      open_line_ = true;
    } else if (percent / 25 > shown_ / 25) {
      shown_ = percent;
      std::cerr << "stored " << done << " of " << total << " lines (" << percent << "%)" << std::endl;
    }
  }
  ~ProgressBar() {
    if (open_line_) std::cerr << std::endl;
  }

 private:
  bool terminal_ = ::isatty(STDERR_FILENO) == 1;
  std::size_t shown_ = 0;
  bool open_line_ = false;
};

// `import plan`: the report on standard output, every problem as "line N, column C: message (value)"; exit status 1
// when there were problems (then nothing is stored).
int ImportPlan(kernel::CommandContext& context, const PlanImportOptions& options) {
  const formats::ReadLimits limits;
  const auto table = formats::ReadTable(formats::ReadWholeFile(options.file, limits.max_bytes), limits);
  if (!table) {
    const formats::FormatError& error = table.error();
    context.err << "khetane: " << options.file << ": "
                << Where(error.line, "", "", error.column ? formats::ColumnName(*error.column) : "") << error.message
                << std::endl;
    return 1;
  }
  PoliciesService& service = context.services.Get<PoliciesService>();
  std::optional<ImportReport> report;
  {
    ProgressBar bar;
    const web::Translations* translations = TranslationsOf(context);
    auto imported = service.ImportPlan(
        CommandLineActor(), options.document_id, *table, options.dry_run ? ImportMode::kDryRun : ImportMode::kStore,
        [&bar](std::size_t done, std::size_t total) { bar.Update(done, total); },
        translations ? EveryPlanLanguage(*translations) : std::vector<PlanLanguage>{});
    if (!imported) throw std::runtime_error(imported.error().message);
    report = std::move(imported).value();
  }
  std::ostream& out = context.out;
  for (const ImportProblem& problem : report->problems) {
    out << Where(problem.line, problem.code, problem.uid, problem.column) << problem.message
        << (problem.value.empty() ? "" : " (" + problem.value + ")") << "\n";
  }
  if (!report->problems.empty()) {
    out << report->problems.size() << (report->problems.size() == 1 ? " problem" : " problems")
        << ": nothing was stored\n";
    return 1;
  }
  for (const ImportProblem& warning : report->warnings) {
    out << "note: " << Where(warning.line, warning.code, warning.uid, warning.column) << warning.message << " ("
        << warning.value << ")\n";
  }
  if (report->dry_run) {
    out << "dry run, nothing was stored: would create " << report->created << ", change " << report->changed
        << ", leave " << report->unchanged << " unchanged\n";
  } else {
    out << "created " << report->created << ", changed " << report->changed << ", unchanged " << report->unchanged
        << "\n";
  }
  return 0;
}

// `export plan`: CSV or XLSX to a file, or to standard output.
int ExportPlan(kernel::CommandContext& context, const PlanExportOptions& options) {
  if (options.format == "xlsx" && options.output.empty() && ::isatty(STDOUT_FILENO) == 1) {
    throw std::runtime_error("an XLSX workbook is binary: name a file with --output, or redirect standard output");
  }
  PlanLanguage language;
  if (options.language != "codes") {
    const web::Translations* translations = TranslationsOf(context);
    if (!translations) throw std::runtime_error("the catalogues are missing: set KHETANE_LOCALE_DIR");
    language = PlanLanguageOf(*translations, *web::LanguageFromCode(options.language));
  }
  PoliciesService& service = context.services.Get<PoliciesService>();
  const auto rows = service.ExportPlan(options.document_id, language);
  if (!rows) throw std::runtime_error(rows.error().message);
  const auto totals = service.ExportTotals(options.document_id, language);
  if (!totals) throw std::runtime_error(totals.error().message);
  std::string bytes;
  if (options.format == "xlsx") {
    auto workbook = PlanXlsx(*rows, *totals, "План за действие", language, service.Areas());
    if (!workbook) throw std::runtime_error(formats::ToError(workbook.error()).message);
    bytes = std::move(workbook).value();
  } else {
    bytes = PlanCsv(*rows, *totals, language);
  }
  if (options.output.empty()) {
    context.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    context.out.flush();
    return context.out ? 0 : 1;
  }
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + options.output);
  context.out << "wrote " << rows->size() - 1 << " items of document " << options.document_id << " to "
              << options.output << "\n";
  return 0;
}

}  // namespace

void AddPlanCommands(kernel::Module& module) {
  module.AddCommand(
      {{"import", "plan"},
       "Import an action plan (CSV or XLSX, see docs/formats/action-plan.md) into a document, all or nothing; exit "
       "status 1 when a line has a problem",
       kernel::Prepare::kMigrate,
       [](CLI::App& command) -> kernel::CommandRun {
         auto options = std::make_shared<PlanImportOptions>();
         command.add_option("file", options->file, "The CSV or XLSX file")->required();
         command.add_option("--document", options->document_id, "Id of the document to import into")->required();
         command.add_flag("--dry-run", options->dry_run, "Check the file and say what would change; store nothing");
         return [options](kernel::CommandContext& context) { return ImportPlan(context, *options); };
       }});
  module.AddCommand({{"export", "plan"},
                     "Export a document's objectives, measures and activities in the action-plan layout",
                     kernel::Prepare::kMigrate,
                     [](CLI::App& command) -> kernel::CommandRun {
                       auto options = std::make_shared<PlanExportOptions>();
                       command.add_option("id", options->document_id, "Id of the document")->required();
                       command.add_option("--format", options->format, "csv or xlsx")
                           ->check(CLI::IsMember({"csv", "xlsx"}))
                           ->capture_default_str();
                       command.add_option("--output", options->output, "Write to this file (default: standard output)");
                       command
                           .add_option("--language", options->language,
                                       "codes (headers and values as codes), bg (in Bulgarian, ';'-separated CSV "
                                       "with decimal commas) or en")
                           ->check(CLI::IsMember({"codes", "bg", "en"}))
                           ->capture_default_str();
                       return [options](kernel::CommandContext& context) { return ExportPlan(context, *options); };
                     }});
}

}  // namespace policies
