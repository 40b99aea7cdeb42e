#include "application/application.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <set>
#include <stdexcept>

#include "application/modules.hpp"
#include "core/clock.hpp"
#include "core/full_text.hpp"
#include "kernel/agenda_sources.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/data_version.hpp"
#include "kernel/discussed_sections.hpp"
#include "kernel/document_sections.hpp"
#include "kernel/gap_sections.hpp"
#include "kernel/home.hpp"
#include "kernel/item_sections.hpp"
#include "kernel/place_marks.hpp"
#include "kernel/place_measures.hpp"
#include "kernel/place_sections.hpp"
#include "kernel/recent_changes.hpp"
#include "kernel/scorecard_parts.hpp"
#include "notifications/outbox.hpp"
#include "notifications/outbox_store.hpp"
#include "web/list_formats.hpp"

namespace application {
namespace {

namespace fs = std::filesystem;

nlohmann::json ReadJson(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);  // shipped with the product; a parse error is a packaging bug
}

// docs/api/openapi.json (what the site itself serves, and what every module shares) with each module's openapi.json
// merged in; every operation is tagged with its module's name.
// Every GET of a list (web::Site::List; "x-list" in its description) is paged and is CSV and XLSX too
// (web/list_formats.hpp): say so in its description.
void DescribeLists(nlohmann::json& description) {
  for (auto& [path, operations] : description["paths"].items()) {
    if (!operations.contains("get") || !operations["get"].contains("x-list")) continue;
    nlohmann::json& get = operations["get"];
    nlohmann::json& content = get["responses"]["200"]["content"];
    content["text/csv"] = {{"schema", {{"type", "string"}}}};
    content[std::string(web::kXlsxType)] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    nlohmann::json& parameters = get["parameters"];
    if (parameters.is_null()) parameters = nlohmann::json::array();
    const auto has = [&parameters](std::string_view name) {
      for (const auto& parameter : parameters) {
        if (parameter.value("name", "") == name) return true;
      }
      return false;
    };
    for (const auto& [name, reference] :
         {std::pair{"limit", "ListLimit"}, {"offset", "ListOffset"}, {"format", "ListFormat"}}) {
      if (!has(name)) parameters.push_back({{"$ref", std::string("#/components/parameters/") + reference}});
    }
  }
}

nlohmann::json AssembleOpenApi(const fs::path& share_directory) {
  nlohmann::json description = ReadJson(share_directory / "docs" / "api" / "openapi.json");
  nlohmann::json& paths = description["paths"];
  nlohmann::json& schemas = description["components"]["schemas"];
  for (const kernel::Module& module : Modules()) {
    const fs::path file = module.Folder(share_directory) / "openapi.json";
    if (!fs::exists(file)) continue;
    const nlohmann::json part = ReadJson(file);
    const nlohmann::json none = nlohmann::json::object();
    const nlohmann::json part_paths = part.value("paths", none);
    const nlohmann::json part_schemas = part.value("components", none).value("schemas", none);
    for (const auto& [path, operations] : part_paths.items()) {
      if (paths.contains(path))
        throw std::logic_error(module.name() + ": the API path " + path + " is described twice");
      nlohmann::json tagged = operations;
      for (auto& [method, operation] : tagged.items()) {
        if (operation.is_object()) operation["tags"] = nlohmann::json::array({module.name()});
      }
      paths[path] = std::move(tagged);
    }
    for (const auto& [name, schema] : part_schemas.items()) {
      if (schemas.contains(name)) throw std::logic_error(module.name() + ": the API schema " + name + " is twice");
      schemas[name] = schema;
    }
  }
  DescribeLists(description);
  return description;
}

kernel::Catalogue CatalogueOfModules() {
  kernel::Catalogue catalogue;
  for (const kernel::Module& module : Modules()) {
    catalogue.audit_actions.insert(catalogue.audit_actions.end(), module.audit_actions().begin(),
                                   module.audit_actions().end());
    catalogue.navigation.insert(catalogue.navigation.end(), module.navigation().begin(), module.navigation().end());
  }
  return catalogue;
}

// Whether a client address is this machine's own (127.0.0.0/8, ::1): who may read /metrics.
bool IsLoopback(std::string_view address) {
  return address == "::1" || address.starts_with("127.") || address.starts_with("::ffff:127.");
}

}  // namespace

std::vector<db::MigrationSource> MigrationSources(const fs::path& share_directory) {
  // The kernel's own tables first (the data version), then each module's.
  std::vector<db::MigrationSource> sources{{"kernel", share_directory / "src" / "kernel" / "migrations"}};
  for (const kernel::Module& module : Modules()) {
    const fs::path directory = module.Folder(share_directory) / "migrations";
    if (fs::is_directory(directory)) sources.push_back({module.name(), directory});
  }
  return sources;
}

int MigrateDatabase(db::Database& database, const fs::path& share_directory,
                    const std::function<void(std::string_view)>& on_applied) {
  const auto sources = MigrationSources(share_directory);
  if (const auto unknown = db::UnknownMigrations(database, sources); !unknown.empty()) {
    // Older code over a newer schema could write what the newer one misreads: going back is restoring a backup.
    throw std::runtime_error(fmt::format(
        "this database was migrated by a newer version of Khetane ({} unknown to this one: {}): install that version "
        "again, or restore the backup taken before the upgrade (khetane restore FILE)",
        unknown.size() == 1 ? "a migration" : std::to_string(unknown.size()) + " migrations",
        fmt::join(unknown, ", ")));
  }
  const int applied = db::Migrate(database, sources, on_applied);
  std::vector<kernel::SearchKeyColumn> keyed;
  for (const kernel::Module& module : Modules()) {
    keyed.insert(keyed.end(), module.search_keys().begin(), module.search_keys().end());
  }
  kernel::RefreshSearchKeys(
      database, keyed, [](std::string_view table) { spdlog::info("the search keys of {} are made again", table); });
  std::vector<kernel::FullTextIndex> indexes;
  for (const kernel::Module& module : Modules()) {
    indexes.insert(indexes.end(), module.full_text_indexes().begin(), module.full_text_indexes().end());
  }
  kernel::RefreshFullTextIndexes(database, indexes, core::TheFullTextAnalyser().Fingerprint(),
                                 [](std::string_view index, std::int64_t rows) {
                                   spdlog::info("the full-text terms of {} ({} rows) are made again", index, rows);
                                 });
  return applied;
}

std::unique_ptr<kernel::Services> ProvideServices(db::Database& database, const web::AppOptions& options) {
  auto services = std::make_unique<kernel::Services>();
  kernel::Catalogue& catalogue = services->Make<kernel::Catalogue>(CatalogueOfModules());
  const core::Clock& clock = services->Provide<core::Clock>(std::make_unique<core::SystemClock>());
  std::set<std::string, std::less<>> actions;
  for (const kernel::AuditAction& action : catalogue.audit_actions) actions.insert(action.code);
  services->Make<kernel::AuditLog>(database, clock).Declare(std::move(actions));
  // Any module may queue a message (an invitation, a deadline reminder, a digest); `khetane serve` and
  // `khetane mail send` deliver them.
  services->Make<notifications::Outbox>(database, clock);
  // Every module may add what a signed-in person's home shows of its work (kernel/home.hpp).
  services->Make<kernel::Home>();
  services->Make<kernel::PlaceSections>();
  services->Make<kernel::ItemSections>();
  services->Make<kernel::DocumentSections>();
  services->Make<kernel::GapSections>();
  services->Make<kernel::DiscussedSections>();
  services->Make<kernel::AgendaSources>();
  services->Make<kernel::PlaceMarks>();
  // What the dashboards draw and the scorecards hold, from every module (kernel/place_measures.hpp and beside it).
  services->Make<kernel::PlaceMeasures>();
  services->Make<kernel::ScorecardParts>();
  services->Make<kernel::RecentChanges>();
  // What pages are kept for visitors under, moved on by every change (kernel/data_version.hpp).
  services->Make<kernel::DataVersion>(database);
  kernel::ModuleContext context{database, *services, options};
  for (const kernel::Module& module : Modules()) {
    if (module.provide()) module.provide()(context);
  }
  return services;
}

bool SeedReferenceData(kernel::Services& services, const fs::path& data_directory,
                       const std::function<void(const std::string&)>& log) {
  kernel::SeedContext context{services, data_directory, log};
  bool loaded = false;
  for (const kernel::Module& module : Modules()) {
    if (module.seed() && module.seed()(context)) loaded = true;
  }
  if (loaded) services.Get<kernel::DataVersion>().Changed();
  return loaded;
}

bool SeedReferenceData(db::Database& database, const fs::path& data_directory,
                       const std::function<void(const std::string&)>& log) {
  const auto services = ProvideServices(database);
  return SeedReferenceData(*services, data_directory, log);
}

Application::Application(db::Database& database, const Paths& paths, web::AppOptions options)
    : database_(database), site_({paths.share_directory, paths.locale_directory}) {
  MigrateDatabase(database_, paths.share_directory);
  services_ = ProvideServices(database_, options);
  SeedReferenceData(*services_, paths.share_directory / "data");
  app_ = std::make_unique<web::App>(site_, router_, options);
  auto& version = services_->Get<kernel::DataVersion>();
  app_->KeepPagesUnder({[&version] { return version.Current(); }, [&version] { version.Changed(); }});

  for (const kernel::Module& module : Modules()) {
    if (fs::is_directory(module.Folder(paths.share_directory) / "templates")) site_.LoadModuleTemplates(module.name());
    if (!module.routes()) continue;
    kernel::Routes routes(router_, *app_, module.name());
    module.routes()(routes, *services_, site_);
  }

  // What the site answers itself: its health and its API description.
  // For load balancers and monitoring: 200 when the database answers, 503 when it does not.
  router_.Add(
      http::Method::kGet, "/healthz", core::Access::Anyone(),
      [&database](http::Request& request) {
        if (database.Answers()) return web::Site::Json({{"status", "ok"}, {"database", "ok"}});
        spdlog::error("request {}: health check: the database does not answer", request.request_id);
        return web::Site::Json({{"status", "unavailable"}, {"database", "unreachable"}}, 503);
      },
      "site");
  // For Prometheus, scraping the server directly on the machine itself: a request from elsewhere, or one a proxy in
  // front passed on (it says whom it came from), is answered as if there were no such page.
  router_.Add(
      http::Method::kGet, "/metrics", core::Access::Anyone(),
      [this](http::Request& request) {
        if (!IsLoopback(request.remote_address) || request.Header("x-forwarded-for") || request.Header("forwarded")) {
          return site_.ErrorPage(request, 404);
        }
        http::Response response;
        response.body = app_->metrics().Exposition(Gauges());
        response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        response.SetHeader("Cache-Control", "no-store");
        return response;
      },
      "site");
  openapi_ = AssembleOpenApi(paths.share_directory);
  const auto openapi_text = std::make_shared<const std::string>(openapi_.dump(2));
  router_.Add(
      http::Method::kGet, "/api/v1/openapi.json", core::Access::Anyone(),
      [openapi_text](http::Request&) { return http::Response::Json(*openapi_text); }, "site");

  // A navigation entry leads to a GET route and shows to whom that route admits.
  std::vector<web::NavigationEntry> navigation = services_->Get<kernel::Catalogue>().navigation;
  for (web::NavigationEntry& entry : navigation) {
    const auto match = router_.Find(http::Method::kGet, entry.path);
    if (!match.route) throw std::logic_error(entry.module + ": the navigation entry " + entry.path + " has no route");
    entry.access = match.route->access;
  }
  site_.SetNavigation(std::move(navigation));
}

Application::~Application() = default;

std::vector<web::Gauge> Application::Gauges() const {
  std::vector<web::Gauge> gauges;
  const auto pool = database_.Use();
  gauges.push_back({"khetane_db_connections", "Database connections open, by whether a request holds them.",
                    "state=\"in_use\"", static_cast<double>(pool.in_use)});
  gauges.push_back({"khetane_db_connections", "", "state=\"idle\"", static_cast<double>(pool.open - pool.in_use)});
  gauges.push_back(
      {"khetane_db_pool_size", "The most database connections the process opens.", "", static_cast<double>(pool.size)});
  if (const auto bytes = database_.LibraryMemoryBytes()) {
    gauges.push_back({"khetane_sqlite_memory_bytes", "Memory SQLite holds: page caches, statements, schemas.", "",
                      static_cast<double>(*bytes)});
  }
  try {
    gauges.push_back({"khetane_outbox_pending", "Messages in the outbox neither sent nor given up.", "",
                      static_cast<double>(notifications::OutboxStore(database_).CountWaiting())});
  } catch (const std::exception&) {
    // The database does not answer: the other figures still tell, and /healthz says what is wrong.
  }
  gauges.push_back({"khetane_response_cache_entries", "Pages kept whole for visitors.", "",
                    static_cast<double>(app_->kept_pages())});
  gauges.push_back({"khetane_build_info", "The version of Khetane that serves, in its label; always 1.",
                    "version=\"" KHETANE_VERSION "\"", 1});
  for (web::Gauge& gauge : web::ProcessGauges()) gauges.push_back(std::move(gauge));
  return gauges;
}

}  // namespace application
