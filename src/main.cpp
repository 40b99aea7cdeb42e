// khetane: one binary for the web server and the command line.
// `serve`, `migrate`, `seed` and `mail send` are the host's; every other subcommand is declared by a module
// (kernel::Command) and runs over the services of all modules. Flags have KHETANE_* environment variables as defaults.

#include <fmt/chrono.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#ifdef KHETANE_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "application/application.hpp"
#include "application/modules.hpp"
#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "db/backup.hpp"
#include "db/database.hpp"
#include "http/server.hpp"
#include "kernel/data_version.hpp"
#include "notifications/mail_delivery.hpp"
#include "notifications/outbox_store.hpp"
#include "web/i18n.hpp"
#include "web/open_data_dump.hpp"

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
  std::string time_zone = EnvironmentOr("KHETANE_TIME_ZONE", std::string(core::kDefaultTimeZone));
};

void AddCommonOptions(CLI::App& command, CommonOptions& options) {
  command.add_option("--database", options.database, "SQLite file path or postgresql:// URL (env KHETANE_DATABASE)")
      ->capture_default_str();
  command
      .add_option("--share-dir", options.share_directory,
                  "Directory with templates, static files, data and migrations (env KHETANE_SHARE_DIR)")
      ->capture_default_str();
  // Instants are stored in UTC and shown, with "today", in this zone; dates without a time never move.
  command.add_option("--time-zone", options.time_zone, "IANA time zone people read times in (env KHETANE_TIME_ZONE)")
      ->capture_default_str();
}

bool IsPostgresUrl(const std::string& target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

// Opens the database; a SQLite file gets its directory created. Errors end the process with one line.
std::unique_ptr<db::Database> OpenDatabase(const CommonOptions& options, std::size_t pool_size = 8,
                                           db::Durability durability = db::Durability::kNormal) {
  if (!IsPostgresUrl(options.database)) {
    const fs::path parent = fs::path(options.database).parent_path();
    std::error_code ignored;  // if it cannot be made, opening the file says so
    if (!parent.empty()) fs::create_directories(parent, ignored);
  }
  return db::Database::Open({.target = options.database, .pool_size = pool_size, .durability = durability});
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

// The first line of a file that holds a secret (a password, an API key), without its line end.
std::string ReadSecretFile(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the " + what + " " + path);
  std::string secret;
  std::getline(in, secret);
  if (secret.ends_with('\r')) secret.pop_back();
  return secret;
}

// The mail settings, or nullopt without --smtp-url. Settings that cannot work end the process with one line, before
// anything starts.
std::optional<notifications::MailSettings> MailSettingsFrom(const MailOptions& options) {
  if (options.smtp_url.empty()) return std::nullopt;
  notifications::MailSettings settings;
  settings.smtp_url = options.smtp_url;
  settings.from = options.from;
  settings.username = options.user;
  if (!options.password_file.empty()) settings.password = ReadSecretFile(options.password_file, "SMTP password file");
  if (const auto problem = notifications::MailSettingsProblem(settings)) throw std::runtime_error(*problem);
  return settings;
}

// libcurl, told not to use signals (we have threads), leaves SIGPIPE to us: a mail server that hangs up in the middle
// of a message must not end the process.
void IgnoreBrokenPipes() { std::signal(SIGPIPE, SIG_IGN); }

// The outbox's delivery while serving, on a thread of its own.
struct BackgroundMail {
  BackgroundMail(db::Database& database, notifications::MailSettings settings)
      : store(database), sender(std::move(settings)), delivery(store, sender), loop(delivery, clock, kMailInterval) {}
  core::SystemClock clock;
  notifications::OutboxStore store;
  notifications::SmtpSender sender;
  notifications::MailDelivery delivery;
  notifications::MailDeliveryLoop loop;  // last: stops first
};

int SendMail(const CommonOptions& common, const MailOptions& options) {
  const auto settings = MailSettingsFrom(options);
  if (!settings) throw std::runtime_error("--smtp-url (or KHETANE_SMTP_URL) is required");
  IgnoreBrokenPipes();
  auto database = OpenDatabase(common, 1);
  application::MigrateDatabase(*database, common.share_directory);
  notifications::OutboxStore store(*database);
  const notifications::SmtpSender sender(*settings);
  notifications::MailDelivery delivery(store, sender);
  const auto report = delivery.DeliverDue(core::SystemClock().Now());
  std::cout << "sent " << report.sent << ", failed " << report.failed << " (to be tried again), given up "
            << report.given_up << "\n";
  return report.failed + report.given_up == 0 ? 0 : 1;
}

// "a, b" → {"a", "b"}: a list given in one environment variable.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    std::string item = core::TrimSpaces(std::string_view(text).substr(start, comma - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = comma + 1;
  }
  return items;
}

struct ServeOptions {
  std::string listen = EnvironmentOr("KHETANE_LISTEN", "127.0.0.1:8080");
  std::string data_directory = EnvironmentOr("KHETANE_DATA_DIR", "var/files");
  std::size_t max_body_bytes = std::stoull(EnvironmentOr("KHETANE_MAX_BODY_BYTES", std::to_string(32 * 1024 * 1024)));
  std::size_t max_form_bytes = std::stoull(EnvironmentOr("KHETANE_MAX_FORM_BYTES", std::to_string(1024 * 1024)));
  std::size_t max_upload_memory =
      std::stoull(EnvironmentOr("KHETANE_MAX_UPLOAD_MEMORY", std::to_string(128 * 1024 * 1024)));
  std::size_t threads = std::stoull(EnvironmentOr("KHETANE_THREADS", "0"));
  bool secure_cookies = EnvironmentOr("KHETANE_SECURE_COOKIES", "") == "1";
  bool quiet = EnvironmentOr("KHETANE_QUIET", "") == "1";
  bool allow_registration = EnvironmentOr("KHETANE_ALLOW_REGISTRATION", "") == "1";
  std::string public_url = EnvironmentOr("KHETANE_PUBLIC_URL", "");
  int suppress_below = std::stoi(EnvironmentOr("KHETANE_SUPPRESS_BELOW", "5"));
  int discrepancy_threshold = std::stoi(EnvironmentOr("KHETANE_DISCREPANCY_THRESHOLD", "30"));
  std::string durability = EnvironmentOr("KHETANE_DURABILITY", "normal");
  std::vector<std::string> trusted_proxies = SplitList(EnvironmentOr("KHETANE_TRUSTED_PROXY", ""));
  std::string translation_url = EnvironmentOr("KHETANE_TRANSLATION_URL", "");
  std::string translation_api_key_file = EnvironmentOr("KHETANE_TRANSLATION_API_KEY_FILE", "");
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
  // Yet memory it keeps and no longer uses is marked free for the kernel (MADV_FREE), which takes it back when the
  // machine needs it and otherwise leaves it in place, so that reusing it costs nothing: without this, a ten-minute
  // soak's resident memory grew by 41% while the heap stayed level (docs/PERFORMANCE.md, "Soak").
  mi_option_enable(mi_option_page_reset);
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
  server_options.max_form_bytes = options.max_form_bytes;
  server_options.max_upload_memory = options.max_upload_memory;
  server_options.threads = options.threads;
  web::AppOptions app_options;
  app_options.secure_cookies = options.secure_cookies;
  app_options.trusted_proxies = options.trusted_proxies;
  app_options.allow_registration = options.allow_registration;
  app_options.suppress_below = options.suppress_below;
  app_options.discrepancy_threshold = options.discrepancy_threshold;
  if (!options.public_url.empty()) {
    const auto public_url = web::PublicUrl(options.public_url);
    if (!public_url) {
      throw std::runtime_error(
          "--public-url must be an http:// or https:// address without a query, such as "
          "https://khetane.example.org");
    }
    app_options.public_url = *public_url;
  }
  if (!options.translation_url.empty()) {
    const auto translation_url = web::PublicUrl(options.translation_url);
    if (!translation_url) {
      throw std::runtime_error(
          "--translation-url must be an http:// or https:// address of a LibreTranslate server, such as "
          "https://translate.example.org");
    }
    app_options.translation_url = *translation_url;
    if (!options.translation_api_key_file.empty()) {
      app_options.translation_api_key = ReadSecretFile(options.translation_api_key_file, "translation API key file");
    }
  }
  const auto mail_settings = MailSettingsFrom(options.mail);
  app_options.mail_delivery = mail_settings.has_value();
  std::error_code ignored;
  fs::create_directories(options.data_directory, ignored);

  // Two connections per worker thread and two more, the threads counted as the server counts them (0: one per core):
  // counted from the flag alone, the pool had 4 connections on any machine, too few for the threads of 8 cores.
  const std::size_t workers =
      options.threads > 0 ? options.threads : std::max<std::size_t>(2, std::thread::hardware_concurrency());
  auto database = OpenDatabase(common, workers * 2 + 2,
                               options.durability == "full" ? db::Durability::kFull : db::Durability::kNormal);
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
  server_options.body_of = [&app](http::Method method, std::string_view path) { return app.BodyOf(method, path); };
  // `systemctl reload`: the SMTP password file is read again (a password changed at the mail provider), without a
  // restart that would cut the requests in progress. Other settings need a restart.
  server_options.on_reload = [&mail, &options] {
    if (!mail || options.mail.password_file.empty()) return;
    try {
      mail->sender.ChangePassword(ReadSecretFile(options.mail.password_file, "SMTP password file"));
      spdlog::warn("reload: the SMTP password was read again from {}", options.mail.password_file);
    } catch (const std::exception& error) {
      spdlog::error("reload: {}; the password read before stays", error.what());
    }
  };
  http::Server server(server_options, [&app](http::Request& request) { return app.Handle(request); });
  server.Run([](const std::string& url) { spdlog::warn("Khetane is serving {}", url); });
  // The requests are done; the mail thread ends before the database closes.
  if (mail) mail->loop.Stop();
  return 0;
}

// `khetane backup` and `khetane restore`: one line of figures at the end, as every long job of the command line.
int BackUpOrRestore(const CommonOptions& common, bool backing_up, const std::string& backup_file,
                    const std::string& restore_file) {
  const auto started = std::chrono::steady_clock::now();
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  const auto figures_line = [&](const db::BackupFigures& figures) {
    return fmt::format("{} tables, {} rows, {:.1f} MB, {:.1f} s", figures.tables, figures.rows,
                       static_cast<double>(figures.bytes) / 1e6, seconds());
  };
  if (backing_up) {
    const auto figures = db::BackUp(common.database, backup_file);
    std::cout << "backup: " << backup_file << ": " << figures_line(figures) << std::endl;
    return 0;
  }
  std::string set_aside;
  if (!IsPostgresUrl(common.database)) {
    set_aside = fmt::format("{}.before-restore-{:%Y%m%d-%H%M%S}", common.database,
                            std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  }
  const auto figures = db::Restore(restore_file, common.database, set_aside);
  std::cout << "restore: " << common.database << " from " << restore_file << ": " << figures_line(figures)
            << (!set_aside.empty() && fs::exists(set_aside) ? "; what was there is kept as " + set_aside : "")
            << std::endl;
  return 0;
}

// Groups of the modules' subcommands, as `khetane --help` lists them.
std::string GroupDescription(const std::string& name) {
  if (name == "user") return "Manage users";
  if (name == "organisation") return "Manage organisations and their members";
  if (name == "import") return "Import data from a file";
  if (name == "export") return "Export data to a file";
  return "Commands about " + name;
}

// A module's subcommand: over a migrated database (with its reference data when it asks for them), with every
// module's services.
int RunModuleCommand(const CommonOptions& common, kernel::Prepare prepare, const kernel::CommandRun& run) {
  auto database = OpenDatabase(common, 2);
  application::MigrateDatabase(*database, common.share_directory);
  const auto services = application::ProvideServices(*database);
  // The catalogues, for a command that reads or writes words in the users' languages (an action-plan file).
  if (fs::is_directory(common.locale_directory)) {
    services->Provide(std::make_unique<web::Translations>(common.locale_directory));
  }
  if (prepare == kernel::Prepare::kMigrateAndSeed) {
    application::SeedReferenceData(*services, fs::path(common.share_directory) / "data", PrintLine);
  }
  kernel::CommandContext context{*services, std::cout, std::cerr, fs::path(common.share_directory) / "data"};
  const int status = run(context);
  // What the command changed reaches the visitors of a running server (kernel/data_version.hpp).
  services->Get<kernel::DataVersion>().Changed();
  return status;
}

int WriteOpenDataDump(const CommonOptions& common, const std::string& file) {
  auto database = OpenDatabase(common, 2);
  std::cerr << "making the open-data archive from every public list ..." << std::endl;
  const application::Application app(*database, {common.share_directory, common.locale_directory});
  const auto bytes = web::MakeOpenDataDump(
      app.router(), [&app](http::Request& request) { return app.Handle(request); }, common.share_directory, "");
  if (!bytes) throw std::runtime_error(bytes.error().detail);
  std::ofstream out(file, std::ios::binary);
  out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + file);
  std::cout << "wrote " << file << " (" << bytes->size() << " bytes)\n";
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
                   "Largest body of an upload or an import; larger ones get 413 unread (env KHETANE_MAX_BODY_BYTES)")
      ->capture_default_str();
  serve
      ->add_option("--max-form-bytes", serve_options.max_form_bytes,
                   "Largest body of any other request (a form, an API call); larger ones get 413 unread "
                   "(env KHETANE_MAX_FORM_BYTES)")
      ->capture_default_str();
  serve
      ->add_option("--max-upload-memory", serve_options.max_upload_memory,
                   "What uploads being received may hold in memory together; another gets 503 and comes back "
                   "(env KHETANE_MAX_UPLOAD_MEMORY)")
      ->capture_default_str();
  serve
      ->add_option("--trusted-proxy", serve_options.trusted_proxies,
                   "Address of a reverse proxy in front (repeat for several): requests from it are taken to come "
                   "from the client its X-Forwarded-For names (env KHETANE_TRUSTED_PROXY, comma-separated)")
      ->delimiter(',');
  serve
      ->add_option("--durability", serve_options.durability,
                   "normal: what was acknowledged survives a crash of the server; full: a power loss too, with an "
                   "fsync per write on SQLite (env KHETANE_DURABILITY; docs/SECURITY.md)")
      ->check(CLI::IsMember({"normal", "full"}))
      ->capture_default_str();
  serve->add_option("--threads", serve_options.threads, "Worker threads; 0 = one per core (env KHETANE_THREADS)")
      ->capture_default_str();
  serve->add_flag("--secure-cookies", serve_options.secure_cookies,
                  "Mark cookies Secure, when a proxy serves the site over TLS (env KHETANE_SECURE_COOKIES=1)");
  serve->add_flag("--allow-registration", serve_options.allow_registration,
                  "Let anyone register as a community monitor at /register; an administrator approves each request "
                  "(env KHETANE_ALLOW_REGISTRATION=1)");
  serve
      ->add_option("--suppress-below", serve_options.suppress_below,
                   "Public pages, the API and exports suppress counts of people below this, and shares of fewer "
                   "people (env KHETANE_SUPPRESS_BELOW)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  serve
      ->add_option("--discrepancy-threshold", serve_options.discrepancy_threshold,
                   "A measure's official progress ahead of the community's view by more than these points (0-100) is "
                   "a discrepancy (env KHETANE_DISCREPANCY_THRESHOLD)")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  serve->add_flag("--quiet", serve_options.quiet, "Log warnings and errors only, no access log (env KHETANE_QUIET=1)");
  serve->add_option("--public-url", serve_options.public_url,
                    "Where users reach the site, e.g. https://khetane.example.org: links in messages begin with it "
                    "(env KHETANE_PUBLIC_URL; without it they are paths)");
  serve->add_option("--translation-url", serve_options.translation_url,
                    "A LibreTranslate server, e.g. https://translate.example.org: readers may then ask for a good "
                    "practice in their language by machine, stored and marked so (env KHETANE_TRANSLATION_URL)");
  serve->add_option("--translation-api-key-file", serve_options.translation_api_key_file,
                    "A file whose first line is the LibreTranslate server's API key, when it asks for one "
                    "(env KHETANE_TRANSLATION_API_KEY_FILE)");
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

  // The modules' subcommands: `import plan` joins `import`, made by the first module that needs it.
  struct ModuleCommand {
    CLI::App* command;
    kernel::CommandRun run;
    kernel::Prepare prepare;
  };
  std::vector<ModuleCommand> module_commands;
  for (const kernel::Module& module : application::Modules()) {
    for (const kernel::Command& declared : module.commands()) {
      CLI::App* parent = &cli;
      for (std::size_t i = 0; i + 1 < declared.path.size(); ++i) {
        const std::string& name = declared.path[i];
        const auto found = parent->get_subcommands([&name](CLI::App* each) { return each->get_name() == name; });
        CLI::App* group = found.empty() ? nullptr : found.front();
        if (group == nullptr) {
          group = parent->add_subcommand(declared.path[i], GroupDescription(declared.path[i]));
          group->require_subcommand(1);
        }
        parent = group;
      }
      CLI::App* command = parent->add_subcommand(declared.path.back(), declared.description);
      AddCommonOptions(*command, common);
      module_commands.push_back({command, declared.define(*command), declared.prepare});
    }
  }

  // `khetane export dump FILE`: the open-data archive the site offers at /open-data, made now.
  std::string dump_file;
  CLI::App* export_group = nullptr;
  if (const auto found = cli.get_subcommands([](CLI::App* each) { return each->get_name() == "export"; });
      !found.empty()) {
    export_group = found.front();
  } else {
    export_group = cli.add_subcommand("export", GroupDescription("export"));
    export_group->require_subcommand(1);
  }
  auto* dump = export_group->add_subcommand(
      "dump", "Write the open-data archive: every public list as CSV, with a data card and the licence, in a zip");
  AddCommonOptions(*dump, common);
  dump->add_option("file", dump_file, "Where to write the zip")->required();

  // `khetane backup FILE` and `khetane restore FILE`: the whole installation, uploaded files included (they are in the
  // database), while it serves (docs/DEPLOYMENT.md, "Backups").
  std::string backup_file;
  auto* backup = cli.add_subcommand("backup", "Copy the database, uploaded files included, to FILE while it serves");
  AddCommonOptions(*backup, common);
  backup->add_option("file", backup_file, "Where to write the copy (a new file)")->required();
  std::string restore_file;
  auto* restore = cli.add_subcommand(
      "restore",
      "Put the database back to what a backup FILE holds (stop the server first; a SQLite database there is "
      "kept beside it as DATABASE.before-restore-TIME)");
  AddCommonOptions(*restore, common);
  restore->add_option("file", restore_file, "A file `khetane backup` wrote")->required()->check(CLI::ExistingFile);

  CLI11_PARSE(cli, argc, argv);

  try {
    core::SetLocalTimeZone(common.time_zone);  // before any thread starts; an unknown name stops here
    if (serve->parsed()) return Serve(common, serve_options);
    if (backup->parsed() || restore->parsed())
      return BackUpOrRestore(common, backup->parsed(), backup_file, restore_file);
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
    if (mail_send->parsed()) return SendMail(common, mail_options);
    if (dump->parsed()) return WriteOpenDataDump(common, dump_file);
    for (const ModuleCommand& each : module_commands) {
      if (each.command->parsed()) return RunModuleCommand(common, each.prepare, each.run);
    }
  } catch (const std::exception& error) {
    std::cerr << "khetane: " << error.what() << std::endl;
    return 1;
  }
  return 0;
}
