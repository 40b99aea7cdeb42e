// The whole application in-process: what holds across every route and every page.

#include "application/application.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

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
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kPaths.share_directory)) {
    if (entry.path().extension() != ".mustache" || entry.path().string().find("/build/") != std::string::npos) {
      continue;
    }
    const std::string text = ReadFile(entry.path());
    for (auto match = std::sregex_iterator(text.begin(), text.end(), translatable); match != std::sregex_iterator();
         ++match) {
      const std::string msgid = (*match)[1];
      ++checked;
      EXPECT_NE(translations.Translate(web::Language::kBulgarian, msgid), msgid)
          << entry.path().filename() << ": \"" << msgid << "\" has no Bulgarian translation in po/bg.po";
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

}  // namespace
