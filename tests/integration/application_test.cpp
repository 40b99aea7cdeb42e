// The whole application in-process: what holds across every route and every page.

#include "application/application.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "kernel/data_version.hpp"
#include "support/test_database.hpp"
#include "web/i18n.hpp"

namespace {

const application::Paths kPaths{KHETANE_SOURCE_DIR, KHETANE_LOCALE_DIR_FOR_TESTS};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "/api/v1/places/municipalities/{code:[A-Z]{3}[0-9]{2}}" → "/api/v1/places/municipalities/{code}"
std::string OpenApiPath(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{([a-z_]+):[^/]*\})"), "{$1}");
}

TEST(Application, EveryJsonRouteIsInTheOpenApiDescription) {
  test_support::TestDatabase database;
  application::Application app(*database, kPaths);
  const nlohmann::json& openapi = app.openapi();  // docs/api/openapi.json and each module's openapi.json
  std::set<std::string> described;
  for (const auto& [path, operations] : openapi["paths"].items()) described.insert(path);

  int json_routes = 0;
  for (const auto* route : app.router().routes()) {
    if (!route->pattern.starts_with("/api/") && route->pattern != "/healthz") continue;
    ++json_routes;
    EXPECT_TRUE(described.contains(OpenApiPath(route->pattern))) << route->pattern << " is not in openapi.json";
  }
  EXPECT_GE(json_routes, 6);
  for (const auto& path : described) {
    bool routed = false;
    for (const auto* route : app.router().routes()) routed = routed || OpenApiPath(route->pattern) == path;
    EXPECT_TRUE(routed) << path << " is described but not routed";
  }
}

TEST(Application, EveryTextInTheTemplatesHasABulgarianTranslation) {
  web::Translations translations(kPaths.locale_directory);
  const std::regex translatable(R"(\{\{#t\}\}(.*?)\{\{/t\}\})");
  int checked = 0;
  // The templates are in src/ and templates/: the build's folders (a package's Debian root among them, with folders
  // only their owners may read) and the browser tests' packages hold none of ours.
  for (auto entry = std::filesystem::recursive_directory_iterator(kPaths.share_directory);
       entry != std::filesystem::recursive_directory_iterator(); ++entry) {
    const std::string name = entry->path().filename().string();
    if (entry.depth() == 0 && (name == "build" || name == "node_modules" || name.starts_with("."))) {
      entry.disable_recursion_pending();
      continue;
    }
    if (entry->path().extension() != ".mustache") continue;
    const std::string text = ReadFile(entry->path());
    for (auto match = std::sregex_iterator(text.begin(), text.end(), translatable); match != std::sregex_iterator();
         ++match) {
      const std::string msgid = (*match)[1];
      ++checked;
      EXPECT_NE(translations.Translate(web::Language::kBulgarian, msgid), msgid)
          << entry->path().filename() << ": \"" << msgid << "\" has no Bulgarian translation in po/bg.po";
    }
  }
  EXPECT_GT(checked, 40);
}

TEST(Application, AnExceptionInARouteBecomesA500PageWithARequestIdAndNoInternals) {
  test_support::TestDatabase database;
  application::Application app(*database, kPaths);
  // Break the database under the running application: every query now fails.
  database->Acquire()->ExecuteScript("DROP TABLE settlement_population");
  http::Request request;
  request.path = "/places/municipalities/BLG03";
  request.request_id = "test-42";
  const http::Response response = app.Handle(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("test-42"), std::string::npos);
  EXPECT_NE(response.body.find("Нещо се обърка"), std::string::npos);
  EXPECT_EQ(response.body.find("settlement_population"), std::string::npos) << "no SQL in what the user sees";
}

// What a visitor's browser asks; `app.Handle` takes the request it may change (its attributes).
http::Request VisitorAsks(std::string path, std::string if_none_match = "") {
  http::Request request;
  request.path = std::move(path);
  request.request_id = "test";
  if (!if_none_match.empty()) request.headers.emplace_back("if-none-match", std::move(if_none_match));
  return request;
}

http::Response Ask(const application::Application& app, http::Request request) { return app.Handle(request); }

TEST(Application, AVisitorsPageIsKeptUntilAnyProcessChangesTheData) {
  test_support::TestDatabase database;
  application::Application app(*database, kPaths);
  const http::Response first = Ask(app, VisitorAsks("/places/municipalities/BLG03"));
  ASSERT_EQ(first.status, 200);
  ASSERT_TRUE(first.Header("ETag"));

  // Another process (a command, a second server) adds a plan, and has not yet said so: the kept page stands.
  database->Acquire()->Execute(
      "INSERT INTO policy_documents (level, kind, title, period_start, period_end, municipality_code, status, "
      "created_at, updated_at) VALUES ('municipal', 'action_plan', 'План за проверка на кеша', 2025, 2027, 'BLG03', "
      "'adopted', 0, 0)");
  EXPECT_EQ(Ask(app, VisitorAsks("/places/municipalities/BLG03")).body, first.body);
  const http::Response unchanged =
      Ask(app, VisitorAsks("/places/municipalities/BLG03", std::string(*first.Header("ETag"))));
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());

  kernel::DataVersion(*database).Changed();  // what that process does after its change
  std::this_thread::sleep_for(kernel::DataVersion::kRecheck + std::chrono::milliseconds(50));
  const http::Response changed =
      Ask(app, VisitorAsks("/places/municipalities/BLG03", std::string(*first.Header("ETag"))));
  EXPECT_EQ(changed.status, 200) << "the browser's copy is out of date";
  EXPECT_NE(changed.body.find("План за проверка на кеша"), std::string::npos);
  EXPECT_NE(changed.Header("ETag"), first.Header("ETag"));
}

TEST(Application, TheApiDescriptionSaysWhichAnswersAreListsAsTheRoutesMakeThem) {
  test_support::TestDatabase database;
  application::Application app(*database, kPaths);
  int lists = 0;
  for (const auto* route : app.router().routes()) {
    if (route->method != http::Method::kGet || !route->pattern.starts_with("/api/v1/")) continue;
    if (route->pattern.find('{') != std::string::npos || route->access.kind != core::Access::Kind::kAnyone) continue;
    http::Request request = VisitorAsks(route->pattern);
    const http::Response response = app.Handle(request);
    const auto& get = app.openapi()["paths"][route->pattern]["get"];
    EXPECT_EQ(response.list_member, get.value("x-list", "")) << route->pattern;
    if (!response.list_member.empty()) {
      ++lists;
      EXPECT_TRUE(get["responses"]["200"]["content"].contains("text/csv")) << route->pattern;
    }
  }
  EXPECT_GE(lists, 8);
}

TEST(Application, EveryPublicListIsAlsoCsvAndComesInPages) {
  test_support::TestDatabase database;
  application::Application app(*database, kPaths);
  http::Request csv = VisitorAsks("/api/v1/policies/areas");
  csv.query_string = "format=csv";
  const http::Response areas = app.Handle(csv);
  ASSERT_EQ(areas.status, 200) << areas.body;
  EXPECT_EQ(areas.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(areas.body.find("code,"), std::string::npos);
  EXPECT_NE(areas.body.find("education"), std::string::npos);

  http::Request page = VisitorAsks("/api/v1/policies/areas");
  page.query_string = "limit=2";
  const auto body = nlohmann::json::parse(app.Handle(page).body);
  EXPECT_EQ(body["items"].size(), 2u);
  EXPECT_GT(body["total"].get<int>(), 2);

  http::Request bad = VisitorAsks("/api/v1/policies/areas");
  bad.query_string = "limit=none";
  const http::Response refused = app.Handle(bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("limit"), std::string::npos);
}

}  // namespace
