// khetane: one binary for the web server and the command line.
// Wires the modules together; each subcommand takes flags, with KHETANE_* environment variables as defaults.

#include <spdlog/spdlog.h>
#include <unistd.h>
#ifdef KHETANE_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "application/application.hpp"
#include "db/database.hpp"
#include "formats/table.hpp"
#include "http/server.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/invitation_store.hpp"
#include "modules/accounts/mail_delivery.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/accounts/session.hpp"
#include "modules/policies/policies_service.hpp"

namespace {

namespace fs = std::filesystem;

std::string EnvironmentOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : std::move(fallback);
}

struct CommonOptions {
  std::string database = EnvironmentOr("KHETANE_DATABASE", "var/khetane.db");
  std::string share_directory = EnvironmentOr("KHETANE_SHARE_DIR", KHETANE_DEFAULT_SHARE_DIR);
  std::string locale_directory = EnvironmentOr("KHETANE_LOCALE_DIR", KHETANE_DEFAULT_LOCALE_DIR);
};

void AddCommonOptions(CLI::App& command, CommonOptions& options) {
  command.add_option("--database", options.database, "SQLite file path or postgresql:// URL (env KHETANE_DATABASE)")
      ->capture_default_str();
  command
      .add_option("--share-dir", options.share_directory,
                  "Directory with templates, static files, data and migrations (env KHETANE_SHARE_DIR)")
      ->capture_default_str();
}

bool IsPostgresUrl(const std::string& target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

// Opens the database; a SQLite file gets its directory created. Errors end the process with one line.
std::unique_ptr<db::Database> OpenDatabase(const CommonOptions& options, std::size_t pool_size = 8) {
  if (!IsPostgresUrl(options.database)) {
    const fs::path parent = fs::path(options.database).parent_path();
    std::error_code ignored;  // if it cannot be made, opening the file says so
    if (!parent.empty()) fs::create_directories(parent, ignored);
  }
  return db::Database::Open({options.database, pool_size});
}

void PrintLine(const std::string& line) { std::cout << line << std::endl; }

// How often `serve` looks for messages to send.
constexpr std::chrono::seconds kMailInterval{5};

struct MailOptions {
  std::string smtp_url = EnvironmentOr("KHETANE_SMTP_URL", "");
  std::string from = EnvironmentOr("KHETANE_MAIL_FROM", "");
  std::string user = EnvironmentOr("KHETANE_SMTP_USER", "");
  std::string password_file = EnvironmentOr("KHETANE_SMTP_PASSWORD_FILE", "");
};

void AddMailOptions(CLI::App& command, MailOptions& options) {
  command.add_option("--smtp-url", options.smtp_url,
                     "Send the outbox through this SMTP server: smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT "
                     "(env KHETANE_SMTP_URL)");
  command.add_option("--mail-from", options.from, "Sender address of messages (env KHETANE_MAIL_FROM)");
  command.add_option("--smtp-user", options.user, "User name at the SMTP server (env KHETANE_SMTP_USER)");
  command.add_option("--smtp-password-file", options.password_file,
                     "Read the SMTP password from this file's first line (env KHETANE_SMTP_PASSWORD_FILE)");
}

// The mail settings, or nullopt without --smtp-url. Settings that cannot work end the process with one line, before
// anything starts.
std::optional<accounts::MailSettings> MailSettingsFrom(const MailOptions& options) {
  if (options.smtp_url.empty()) return std::nullopt;
  accounts::MailSettings settings;
  settings.smtp_url = options.smtp_url;
  settings.from = options.from;
  settings.username = options.user;
  if (!options.password_file.empty()) {
    std::ifstream in(options.password_file);
    if (!in) throw std::runtime_error("cannot read the SMTP password file " + options.password_file);
    std::getline(in, settings.password);
    if (settings.password.ends_with('\r')) settings.password.pop_back();
  }
  if (const auto problem = accounts::MailSettingsProblem(settings)) throw std::runtime_error(*problem);
  return settings;
}

// libcurl, told not to use signals (we have threads), leaves SIGPIPE to us: a mail server that hangs up in the middle
// of a message must not end the process.
void IgnoreBrokenPipes() { std::signal(SIGPIPE, SIG_IGN); }

// The outbox's delivery while serving, on a thread of its own.
struct BackgroundMail {
  BackgroundMail(db::Database& database, accounts::MailSettings settings)
      : store(database), sender(std::move(settings)), delivery(store, sender), loop(delivery, kMailInterval) {}
  accounts::InvitationStore store;
  accounts::SmtpSender sender;
  accounts::MailDelivery delivery;
  accounts::MailDeliveryLoop loop;  // last: stops first
};

int SendMail(const CommonOptions& common, const MailOptions& options) {
  const auto settings = MailSettingsFrom(options);
  if (!settings) throw std::runtime_error("--smtp-url (or KHETANE_SMTP_URL) is required");
  IgnoreBrokenPipes();
  auto database = OpenDatabase(common, 1);
  application::MigrateDatabase(*database, common.share_directory);
  accounts::InvitationStore store(*database);
  const accounts::SmtpSender sender(*settings);
  accounts::MailDelivery delivery(store, sender);
  const auto report = delivery.DeliverDue(accounts::UnixNow());
  std::cout << "sent " << report.sent << ", failed " << report.failed << " (to be tried again), given up "
            << report.given_up << "\n";
  return report.failed + report.given_up == 0 ? 0 : 1;
}

struct ServeOptions {
  std::string listen = EnvironmentOr("KHETANE_LISTEN", "127.0.0.1:8080");
  std::string data_directory = EnvironmentOr("KHETANE_DATA_DIR", "var/files");
  std::size_t max_body_bytes = std::stoull(EnvironmentOr("KHETANE_MAX_BODY_BYTES", std::to_string(32 * 1024 * 1024)));
  std::size_t threads = std::stoull(EnvironmentOr("KHETANE_THREADS", "0"));
  bool secure_cookies = EnvironmentOr("KHETANE_SECURE_COOKIES", "") == "1";
  bool quiet = EnvironmentOr("KHETANE_QUIET", "") == "1";
  bool allow_registration = EnvironmentOr("KHETANE_ALLOW_REGISTRATION", "") == "1";
  std::string public_url = EnvironmentOr("KHETANE_PUBLIC_URL", "");
  MailOptions mail;
};

int Serve(const CommonOptions& common, const ServeOptions& options) {
#ifdef KHETANE_WITH_MIMALLOC
  // mimalloc gives freed memory back to the system 25 ms after a request, and the next page of a big plan faults it
  // in again: a 33 ms page took 105 ms after a pause (docs/PERFORMANCE.md). The server keeps what it has used
  // instead (some 85 MB after the largest pages), as glibc's allocator mostly does; these two settings together were
  // what kept pages fast after pauses of 3 and 12 s.
  mi_option_disable(mi_option_allow_decommit);
  mi_option_set(mi_option_decommit_delay, 10'000);
#endif
  const auto colon = options.listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  http::ServerOptions server_options;
  server_options.address = options.listen.substr(0, colon);
  try {
    const int port = std::stoi(options.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    server_options.port = static_cast<std::uint16_t>(port);
  } catch (const std::exception&) {
    throw std::runtime_error("--listen: '" + options.listen.substr(colon + 1) + "' is not a port number");
  }
  server_options.max_body_bytes = options.max_body_bytes;
  server_options.threads = options.threads;
  web::AppOptions app_options;
  app_options.secure_cookies = options.secure_cookies;
  app_options.allow_registration = options.allow_registration;
  if (!options.public_url.empty()) {
    const auto public_url = web::PublicUrl(options.public_url);
    if (!public_url) {
      throw std::runtime_error(
          "--public-url must be an http:// or https:// address without a query, such as "
          "https://khetane.example.org");
    }
    app_options.public_url = *public_url;
  }
  const auto mail_settings = MailSettingsFrom(options.mail);
  app_options.mail_delivery = mail_settings.has_value();
  std::error_code ignored;
  fs::create_directories(options.data_directory, ignored);

  auto database = OpenDatabase(common, std::max<std::size_t>(4, options.threads * 2 + 2));
  application::MigrateDatabase(*database, common.share_directory);
  application::SeedReferenceData(*database, fs::path(common.share_directory) / "data", PrintLine);
  application::Application app(*database, {common.share_directory, common.locale_directory}, app_options);

  if (options.quiet) spdlog::set_level(spdlog::level::warn);
  std::unique_ptr<BackgroundMail> mail;
  if (mail_settings) {
    spdlog::info("mail: sending the outbox through {} every {} s", mail_settings->smtp_url, kMailInterval.count());
    IgnoreBrokenPipes();
    mail = std::make_unique<BackgroundMail>(*database, *mail_settings);
  }
  http::Server server(server_options, [&app](http::Request& request) { return app.Handle(request); });
  server.Run([](const std::string& url) { spdlog::warn("Khetane is serving {}", url); });
  // The requests are done; the mail thread ends before the database closes.
  if (mail) mail->loop.Stop();
  return 0;
}

struct NewUser {
  std::string email;
  std::string name;
  std::string password_file;
  std::string role;
  std::string scope = "installation";
};

int AddUser(const CommonOptions& common, const NewUser& new_user) {
  std::optional<accounts::RoleAssignment> assignment;
  if (!new_user.role.empty()) {
    const auto role = accounts::RoleFromName(new_user.role);
    if (!role) throw std::runtime_error("--role: '" + new_user.role + "' is not a role");
    const auto scope = accounts::ParseScope(new_user.scope);
    if (!scope) {
      throw std::runtime_error("--scope: '" + new_user.scope +
                               "' is not a scope (installation, oblast:BLG, municipality:MON24 or organisation:ID)");
    }
    assignment = accounts::RoleAssignment{*role, *scope};
  }
  const std::string& email = new_user.email;
  const std::string& name = new_user.name;
  const std::string& password_file = new_user.password_file;
  std::string password;
  if (!password_file.empty()) {
    std::ifstream in(password_file);
    if (!in) throw std::runtime_error("cannot read the password file " + password_file);
    std::getline(in, password);
  } else {
    std::getline(std::cin, password);  // the first line of standard input
  }
  auto database = OpenDatabase(common);
  application::MigrateDatabase(*database, common.share_directory);
  // Scopes name places: they must be there before a role can be checked.
  application::SeedReferenceData(*database, fs::path(common.share_directory) / "data", PrintLine);
  accounts::AccountsStore store(*database);
  accounts::AccountsService service(store, *database);
  if (assignment && !service.ScopeExists(assignment->scope)) {
    throw std::runtime_error("--scope: there is no " + accounts::ScopeText(assignment->scope));
  }
  const auto user = service.AddUser(email, name, password);
  if (!user) throw std::runtime_error(user.error().message);
  std::cout << "added user " << user->id << " <" << user->email << ">\n";
  if (assignment) {
    const auto granted = service.GrantRole(user->email, *assignment, std::nullopt);
    if (!granted) throw std::runtime_error(granted.error().message);
    std::cout << "granted " << accounts::RoleName(assignment->role) << " for " << accounts::ScopeText(assignment->scope)
              << "\n";
  }
  return 0;
}

struct OrganisationCommand {
  accounts::OrganisationFields fields;
  std::int64_t id = 0;
  std::string email;
};

// `organisation add` and `organisation add-member`: the same checks and audit entries as the administration pages.
int ManageOrganisation(const CommonOptions& common, const OrganisationCommand& command, bool add_member) {
  auto database = OpenDatabase(common, 2);
  application::MigrateDatabase(*database, common.share_directory);
  application::SeedReferenceData(*database, fs::path(common.share_directory) / "data", PrintLine);
  accounts::AccountsStore accounts_store(*database);
  accounts::OrganisationStore store(*database);
  accounts::OrganisationService organisations(store, accounts_store, *database);
  const accounts::Origin origin{"command line", ""};
  if (add_member) {
    const auto member = organisations.AddMember(command.id, command.email, std::nullopt, origin);
    if (!member) throw std::runtime_error(member.error().message);
    std::cout << "<" << member->email << "> is a member of organisation " << command.id << "\n";
    return 0;
  }
  const auto created = organisations.Create(command.fields, std::nullopt, origin);
  if (!created) throw std::runtime_error(created.error().message);
  std::cout << "added organisation " << created->id << " (" << created->name
            << "); its scope is organisation:" << created->id << "\n";
  return 0;
}

struct PlanImportOptions {
  std::string file;
  std::int64_t document_id = 0;
  bool dry_run = false;
};

struct PlanExportOptions {
  std::int64_t document_id = 0;
  std::string format = "csv";
  std::string output;
};

// The command line acts as the installation's administrator: whoever runs it operates the server.
policies::Actor CommandLineActor() {
  return {std::nullopt,
          {{accounts::Role::kAdministrator, {accounts::ScopeKind::kInstallation, ""}}},
          accounts::Origin{"command line", ""}};
}

// Where a problem is, as "line 8, column start: " ("" when the file as a whole has it).
std::string Where(std::optional<std::size_t> line, const std::string& column) {
  std::string where;
  if (line) where = "line " + std::to_string(*line);
  if (!column.empty()) where += (where.empty() ? "" : ", ") + std::string("column ") + column;
  return where.empty() ? "" : where + ": ";
}

std::string ReadWholeFile(const std::string& path, std::size_t limit) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) throw std::runtime_error("cannot read " + path + ": " + error.message());
  if (size > limit)
    throw std::runtime_error(path + ": the file is larger than allowed (" + std::to_string(limit) + " bytes)");
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) throw std::runtime_error("cannot read " + path);
  return bytes;
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
int ImportPlan(const CommonOptions& common, const PlanImportOptions& options) {
  const formats::ReadLimits limits;
  const auto table = formats::ReadTable(ReadWholeFile(options.file, limits.max_bytes), limits);
  if (!table) {
    const formats::FormatError& error = table.error();
    std::cerr << "khetane: " << options.file << ": "
              << Where(error.line, error.column ? formats::ColumnName(*error.column) : "") << error.message
              << std::endl;
    return 1;
  }
  auto database = OpenDatabase(common, 2);
  application::MigrateDatabase(*database, common.share_directory);
  accounts::AccountsStore accounts_store(*database);
  policies::PoliciesStore store(*database);
  policies::PoliciesService service(store, accounts_store, *database);
  std::optional<policies::ImportReport> report;
  {
    ProgressBar bar;
    auto imported = service.ImportPlan(CommandLineActor(), options.document_id, *table, options.dry_run,
                                       [&bar](std::size_t done, std::size_t total) { bar.Update(done, total); });
    if (!imported) throw std::runtime_error(imported.error().message);
    report = std::move(imported).value();
  }
  for (const policies::ImportProblem& problem : report->problems) {
    std::cout << Where(problem.line, problem.column) << problem.message
              << (problem.value.empty() ? "" : " (" + problem.value + ")") << "\n";
  }
  if (!report->problems.empty()) {
    std::cout << report->problems.size() << (report->problems.size() == 1 ? " problem" : " problems")
              << ": nothing was stored\n";
    return 1;
  }
  if (report->dry_run) {
    std::cout << "dry run, nothing was stored: would create " << report->created << ", change " << report->changed
              << ", leave " << report->unchanged << " unchanged\n";
  } else {
    std::cout << "created " << report->created << ", changed " << report->changed << ", unchanged " << report->unchanged
              << "\n";
  }
  return 0;
}

// `export plan`: CSV or XLSX to a file, or to standard output.
int ExportPlan(const CommonOptions& common, const PlanExportOptions& options) {
  if (options.format == "xlsx" && options.output.empty() && ::isatty(STDOUT_FILENO) == 1) {
    throw std::runtime_error("an XLSX workbook is binary: name a file with --output, or redirect standard output");
  }
  auto database = OpenDatabase(common, 2);
  application::MigrateDatabase(*database, common.share_directory);
  accounts::AccountsStore accounts_store(*database);
  policies::PoliciesStore store(*database);
  policies::PoliciesService service(store, accounts_store, *database);
  const auto rows = service.ExportPlan(options.document_id);
  if (!rows) throw std::runtime_error(rows.error().message);
  std::string bytes;
  if (options.format == "xlsx") {
    auto workbook = formats::WriteXlsx(*rows, {.sheet_name = "План за действие", .numeric_columns = {}});
    if (!workbook) throw std::runtime_error(formats::ToError(workbook.error()).message);
    bytes = std::move(workbook).value();
  } else {
    bytes = formats::WriteCsv(*rows);
  }
  if (options.output.empty()) {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    return std::cout ? 0 : 1;
  }
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + options.output);
  std::cout << "wrote " << rows->size() - 1 << " items of document " << options.document_id << " to " << options.output
            << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "Khetane: Roma communities, civil society and local authorities plan and monitor inclusion policies "
      "together."};
  cli.set_version_flag("--version", KHETANE_VERSION);
  cli.require_subcommand(1);
  CommonOptions common;

  ServeOptions serve_options;
  auto* serve = cli.add_subcommand("serve", "Serve the web application and the JSON API");
  AddCommonOptions(*serve, common);
  serve->add_option("--listen", serve_options.listen, "HOST:PORT to listen on (env KHETANE_LISTEN)")
      ->capture_default_str();
  serve->add_option("--data-dir", serve_options.data_directory, "Directory for uploaded files (env KHETANE_DATA_DIR)")
      ->capture_default_str();
  serve
      ->add_option("--max-body-bytes", serve_options.max_body_bytes,
                   "Largest request body accepted; larger ones get 413 (env KHETANE_MAX_BODY_BYTES)")
      ->capture_default_str();
  serve->add_option("--threads", serve_options.threads, "Worker threads; 0 = one per core (env KHETANE_THREADS)")
      ->capture_default_str();
  serve->add_flag("--secure-cookies", serve_options.secure_cookies,
                  "Mark cookies Secure, when a proxy serves the site over TLS (env KHETANE_SECURE_COOKIES=1)");
  serve->add_flag("--allow-registration", serve_options.allow_registration,
                  "Let anyone register as a community monitor at /register; an administrator approves each request "
                  "(env KHETANE_ALLOW_REGISTRATION=1)");
  serve->add_flag("--quiet", serve_options.quiet, "Log warnings and errors only, no access log (env KHETANE_QUIET=1)");
  serve->add_option("--public-url", serve_options.public_url,
                    "Where users reach the site, e.g. https://khetane.example.org: links in messages begin with it "
                    "(env KHETANE_PUBLIC_URL; without it they are paths)");
  AddMailOptions(*serve, serve_options.mail);

  MailOptions mail_options;
  auto* mail = cli.add_subcommand("mail", "Deliver the outbox by email");
  mail->require_subcommand(1);
  auto* mail_send = mail->add_subcommand(
      "send", "Send the messages that are due, once, and say how many were sent (exit status 1 if any was not)");
  AddCommonOptions(*mail_send, common);
  AddMailOptions(*mail_send, mail_options);

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations that have not been applied yet");
  AddCommonOptions(*migrate, common);

  std::string reference_directory;
  auto* seed = cli.add_subcommand(
      "seed",
      "Load the reference data (Bulgarian places, the EU framework and national strategy) into an empty database");
  AddCommonOptions(*seed, common);
  seed->add_option("--reference-data", reference_directory,
                   "Directory with bg/ (EKATTE places) and policy/ (the cascade) (default: SHARE/data)");

  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  NewUser new_user;
  auto* user_add = user->add_subcommand("add", "Add a user; the password is read from standard input");
  AddCommonOptions(*user_add, common);
  user_add->add_option("email", new_user.email, "Email address")->required();
  user_add->add_option("--name", new_user.name, "Display name (default: the part of the email before @)");
  user_add->add_option("--password-file", new_user.password_file, "Read the password from this file's first line");
  user_add->add_option("--role", new_user.role,
                       "Grant a role: community_monitor, cso_editor, municipal_official, coordinator, "
                       "programme_operator or administrator");
  user_add
      ->add_option("--scope", new_user.scope,
                   "Where the role holds: installation, oblast:BLG, municipality:MON24 or organisation:ID")
      ->capture_default_str();

  std::string token_email, token_label;
  auto* user_token =
      user->add_subcommand("token", "Print a new API token for a user (send it as Authorization: Bearer)");
  AddCommonOptions(*user_token, common);
  user_token->add_option("email", token_email, "Email address")->required();
  user_token->add_option("--label", token_label, "What the token is for, e.g. \"reporting script\"");
  auto* user_revoke = user->add_subcommand("revoke-tokens", "Revoke every API token of a user");
  AddCommonOptions(*user_revoke, common);
  user_revoke->add_option("email", token_email, "Email address")->required();

  auto* organisation = cli.add_subcommand("organisation", "Manage organisations and their members");
  organisation->require_subcommand(1);
  OrganisationCommand organisation_command;
  auto* organisation_add = organisation->add_subcommand("add", "Add an organisation and print its id");
  AddCommonOptions(*organisation_add, common);
  organisation_add->add_option("name", organisation_command.fields.name, "Name")->required();
  std::string kinds;
  for (const auto kind : accounts::OrganisationKinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(kind);
  organisation_add->add_option("--kind", organisation_command.fields.kind, "One of: " + kinds)->required();
  organisation_add->add_option("--municipality", organisation_command.fields.municipality_code,
                               "Code of the municipality it works in, e.g. MON24");
  auto* organisation_member =
      organisation->add_subcommand("add-member", "Add a user (by email) to an organisation (by id)");
  AddCommonOptions(*organisation_member, common);
  organisation_member->add_option("id", organisation_command.id, "Organisation id")->required();
  organisation_member->add_option("email", organisation_command.email, "Email address of the user")->required();

  PlanImportOptions plan_import;
  auto* import_command = cli.add_subcommand("import", "Import data from a file");
  import_command->require_subcommand(1);
  auto* import_plan = import_command->add_subcommand(
      "plan",
      "Import an action plan (CSV or XLSX, see docs/formats/action-plan.md) into a document, all or nothing; exit "
      "status 1 when a line has a problem");
  AddCommonOptions(*import_plan, common);
  import_plan->add_option("file", plan_import.file, "The CSV or XLSX file")->required();
  import_plan->add_option("--document", plan_import.document_id, "Id of the document to import into")->required();
  import_plan->add_flag("--dry-run", plan_import.dry_run, "Check the file and say what would change; store nothing");

  PlanExportOptions plan_export;
  auto* export_command = cli.add_subcommand("export", "Export data to a file");
  export_command->require_subcommand(1);
  auto* export_plan = export_command->add_subcommand(
      "plan", "Export a document's objectives, measures and activities in the action-plan layout");
  AddCommonOptions(*export_plan, common);
  export_plan->add_option("id", plan_export.document_id, "Id of the document")->required();
  export_plan->add_option("--format", plan_export.format, "csv or xlsx")
      ->check(CLI::IsMember({"csv", "xlsx"}))
      ->capture_default_str();
  export_plan->add_option("--output", plan_export.output, "Write to this file (default: standard output)");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (serve->parsed()) return Serve(common, serve_options);
    if (migrate->parsed()) {
      auto database = OpenDatabase(common, 1);
      const int applied = application::MigrateDatabase(
          *database, common.share_directory, [](std::string_view id) { std::cout << "applied " << id << "\n"; });
      std::cout << (applied == 0 ? "the database is up to date\n" : "done\n");
      return 0;
    }
    if (seed->parsed()) {
      auto database = OpenDatabase(common, 1);
      application::MigrateDatabase(*database, common.share_directory);
      const fs::path directory =
          reference_directory.empty() ? fs::path(common.share_directory) / "data" : fs::path(reference_directory);
      const bool loaded = application::SeedReferenceData(*database, directory, PrintLine);
      std::cout << (loaded ? "reference data loaded\n" : "reference data present already\n");
      return 0;
    }
    if (user_add->parsed()) return AddUser(common, new_user);
    if (organisation_add->parsed()) return ManageOrganisation(common, organisation_command, false);
    if (organisation_member->parsed()) return ManageOrganisation(common, organisation_command, true);
    if (mail_send->parsed()) return SendMail(common, mail_options);
    if (import_plan->parsed()) return ImportPlan(common, plan_import);
    if (export_plan->parsed()) return ExportPlan(common, plan_export);
    if (user_token->parsed() || user_revoke->parsed()) {
      auto database = OpenDatabase(common, 1);
      application::MigrateDatabase(*database, common.share_directory);
      accounts::AccountsStore store(*database);
      accounts::SessionService sessions(store);
      const accounts::Origin origin{"command line", ""};
      if (user_token->parsed()) {
        const auto token = sessions.IssueApiToken(token_email, token_label, origin);
        if (!token) throw std::runtime_error(token.error().message);
        std::cout << *token << "\n";
      } else {
        const auto revoked = sessions.RevokeApiTokens(token_email, origin);
        if (!revoked) throw std::runtime_error(revoked.error().message);
        std::cout << "revoked " << *revoked << " tokens\n";
      }
      return 0;
    }
  } catch (const std::exception& error) {
    std::cerr << "khetane: " << error.what() << std::endl;
    return 1;
  }
  return 0;
}
