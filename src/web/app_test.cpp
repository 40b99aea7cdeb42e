#include "web/app.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace {

TEST(PublicUrl, KeepsAnHttpOrHttpsAddressWithoutItsTrailingSlash) {
  EXPECT_EQ(web::PublicUrl("https://khetane.example.org"), "https://khetane.example.org");
  EXPECT_EQ(web::PublicUrl("https://khetane.example.org/"), "https://khetane.example.org");
  EXPECT_EQ(web::PublicUrl("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(web::PublicUrl("https://example.org/khetane/"), "https://example.org/khetane");
}

TEST(PublicUrl, RefusesWhatCouldNotStartALink) {
  for (const std::string url :
       {"", "khetane.example.org", "ftp://khetane.example.org", "https://", "https:///x",
        "https://user@khetane.example.org", "https://khetane.example.org/?a=1", "https://khetane.example.org/#top",
        "https://khetane example.org", "javascript://khetane.example.org"}) {
    EXPECT_EQ(web::PublicUrl(url), std::nullopt) << url;
  }
}

}  // namespace

namespace {

class FailureTest : public ::testing::Test {
 protected:
  http::Response Answer(core::Error error, const std::string& path) {
    router_.Add(http::Method::kGet, path, core::Access::Anyone(), [error](http::Request&) -> http::Response {
      throw core::Failure(error, "UNIQUE constraint failed: users.email (in: INSERT INTO users …)");
    });
    http::Request request;
    request.path = path;
    request.request_id = "failure-1";
    return app_.Handle(request);
  }
  web::Site site_{{KHETANE_SOURCE_DIR_FOR_WEB, std::getenv("KHETANE_LOCALE_DIR")}};
  http::Router router_;
  web::App app_{site_, router_};
};

TEST_F(FailureTest, AConflictThrownFromBelowIsA409InTheReadersLanguageWithoutTheSql) {
  const http::Response page = Answer(core::Error::Conflict("This conflicts with what is stored already: someone may "
                                                           "have changed it meanwhile. Reload the page and try again."),
                                     "/conflict");
  EXPECT_EQ(page.status, 409);
  EXPECT_NE(page.body.find("Презаредете страницата"), std::string::npos) << "in Bulgarian, the default language";
  EXPECT_EQ(page.body.find("UNIQUE"), std::string::npos) << "the SQL stays in the log";

  const http::Response json = Answer(core::Error::Conflict("This conflicts."), "/api/v1/conflict");
  EXPECT_EQ(json.status, 409);
  EXPECT_NE(json.body.find(R"("request_id":"failure-1")"), std::string::npos) << json.body;
}

TEST_F(FailureTest, ALostDatabaseIsThe503Page) {
  const http::Response page = Answer(core::Error::Unavailable("lost the connection to PostgreSQL"), "/lost");
  EXPECT_EQ(page.status, 503);
  EXPECT_EQ(page.body.find("PostgreSQL"), std::string::npos);
}

}  // namespace
