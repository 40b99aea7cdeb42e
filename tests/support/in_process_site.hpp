#pragma once
// The whole application in-process over a fresh, seeded database (tests/integration only: it needs the paths CMake
// gives that binary), asked as a visitor's browser asks: a fixture for tests that read pages and the API.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "application/application.hpp"
#include "support/test_database.hpp"

namespace test_support {

inline const application::Paths kInProcessPaths{KHETANE_SOURCE_DIR, KHETANE_LOCALE_DIR_FOR_TESTS};

class InProcessSite : public ::testing::Test {
 protected:
  // GET `path?query` as a visitor whose browser prefers `language`.
  http::Response Get(std::string path, std::string query = "", std::string language = "en") {
    http::Request request;
    request.path = std::move(path);
    request.query_string = std::move(query);
    request.request_id = "test";
    request.headers.emplace_back("accept-language", std::move(language));
    return app_.Handle(request);
  }
  // The JSON of a GET that must answer 200.
  nlohmann::json Json(std::string path, std::string query = "") {
    const http::Response response = Get(std::move(path), std::move(query));
    EXPECT_EQ(response.status, 200) << response.body;
    return nlohmann::json::parse(response.body);
  }

  TestDatabase database_;
  application::Application app_{*database_, kInProcessPaths};
};

}  // namespace test_support
