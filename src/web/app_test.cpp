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

TEST(ClientAddress, IsTheProxysClientOnlyWhenTheProxyIsTrusted) {
  http::Request request;
  request.remote_address = "127.0.0.1";
  request.headers.emplace_back("x-forwarded-for", "6.6.6.6, 203.0.113.9");
  // Without a trusted proxy the header is anyone's to write: the connection's address stands.
  EXPECT_EQ(web::ClientAddress(request, {}), "127.0.0.1");
  EXPECT_EQ(web::ClientAddress(request, {"10.0.0.1"}), "127.0.0.1");
  // Behind nginx on this machine: the address nginx heard from, not what the client wrote before it.
  EXPECT_EQ(web::ClientAddress(request, {"127.0.0.1"}), "203.0.113.9");
  // Two proxies of ours in a row are passed over.
  request.headers.back().second = "6.6.6.6, 203.0.113.9, 10.0.0.1";
  EXPECT_EQ(web::ClientAddress(request, {"127.0.0.1", "10.0.0.1"}), "203.0.113.9");
  // A proxy that names nobody leaves the proxy's address.
  request.headers.back().second = " , ";
  EXPECT_EQ(web::ClientAddress(request, {"127.0.0.1"}), "127.0.0.1");
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

namespace {

// Text that PostgreSQL would refuse never reaches a route, whichever way it comes: the address, the query, a form.
class SentTextTest : public ::testing::Test {
 protected:
  http::Response Send(std::string path, std::string query, std::string content_type = "", std::string body = "") {
    http::Request request;
    request.method = body.empty() ? http::Method::kGet : http::Method::kPost;
    request.path = std::move(path);
    request.query_string = std::move(query);
    if (!content_type.empty()) request.headers.emplace_back("content-type", std::move(content_type));
    request.body = std::move(body);
    request.request_id = "text-1";
    return app_.Handle(request);
  }
  void SetUp() override {
    for (const http::Method method : {http::Method::kGet, http::Method::kPost}) {
      router_.Add(method, "/echo", core::Access::Anyone(), [this](http::Request& request) {
        ++reached_;
        return http::Response::Text(request.Query("q").value_or("") + request.Form("q").value_or(""));
      });
    }
  }
  web::Site site_{{KHETANE_SOURCE_DIR_FOR_WEB, std::getenv("KHETANE_LOCALE_DIR")}};
  http::Router router_;
  web::App app_{site_, router_};
  int reached_ = 0;
};

TEST_F(SentTextTest, InvalidUtf8OrANulIsRefusedBeforeTheRoute) {
  EXPECT_EQ(Send("/echo", "q=%D0%9B%D0%BE%D0%BC").body, "Лом");
  const char* hostile[] = {"q=%C0%AF", "q=%ED%A0%80", "q=%F4%90%80%80", "q=a%00b", "%FF=1"};
  for (const char* query : hostile) EXPECT_EQ(Send("/echo", query).status, 400) << query;
  EXPECT_EQ(Send("/echo", "", "application/x-www-form-urlencoded", "q=%C3").status, 400);
  EXPECT_EQ(Send(std::string("/ec\0ho", 6), "").status, 400) << "a NUL decoded from the address";
  EXPECT_EQ(Send("/echo", "", "multipart/form-data; boundary=b",
                 "--b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n\xC0\xAF\r\n--b--\r\n")
                .status,
            400);
  EXPECT_EQ(reached_, 1) << "only the first, valid request reached the route";
  EXPECT_EQ(
      Send("/echo", "", "multipart/form-data; boundary=b",
           "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n\xC0\xAF\r\n--b--\r\n")
          .status,
      200)
      << "a file's bytes are not text";
}

TEST_F(SentTextTest, ASearchOfMoreThanTwoThousandCharactersIsA400BeforeTheRoute) {
  EXPECT_EQ(Send("/echo", "q=" + std::string(2000, 'a')).status, 200);
  const http::Response refused = Send("/echo", "q=" + std::string(60000, 'a'));
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("най-много 2000 знака"), std::string::npos) << "a clear message, in Bulgarian by default";
  EXPECT_EQ(Send("/echo", "q=" + std::string(2001, 'a')).status, 400);
  EXPECT_EQ(Send("/echo", "q=" + std::string(4000, 'a'), "application/x-www-form-urlencoded", "q=b").status, 400);
  EXPECT_EQ(reached_, 1);
}

TEST(LoggedPath, WritesControlCharactersAsEscapesAndAOneTimeLinkAsItsRoute) {
  http::Request forged;
  forged.path = "/places\n127.0.0.1 GET /admin 200 0.1ms x\\";
  EXPECT_EQ(web::LoggedPath(forged), "/places\\x0A127.0.0.1 GET /admin 200 0.1ms x\\x5C");
  http::Request reset;
  reset.path = "/password-reset/s3cr3t-t0k3n";
  reset.SetAttribute("route", "/password-reset/{token}");
  EXPECT_EQ(web::LoggedPath(reset).find("s3cr3t"), std::string::npos);
  EXPECT_NE(web::LoggedPath(reset).find("/password-reset/"), std::string::npos);
}

TEST_F(SentTextTest, AStaticFileIsTheSameForEveryReaderAndSaysSo) {
  const http::Response icon = Send("/static/favicon.svg", "");
  ASSERT_EQ(icon.status, 200);
  EXPECT_EQ(std::string(icon.Header("Vary").value_or("")).find("Cookie"), std::string::npos)
      << "not on the cookie or the language";
  EXPECT_EQ(Send("/echo", "").Header("Vary").value_or(""), "Cookie, Accept-Language") << "a page varies by reader";
}

TEST(PercentDecode, ReadsAPlusAsASpaceInAFormAndAsAPlusInAPath) {
  EXPECT_EQ(http::PercentDecode("a+b%2Bc"), "a b+c");
  EXPECT_EQ(http::PercentDecode("/places/a+b%20c", http::PlusIs::kPlus), "/places/a+b c");
}

}  // namespace
