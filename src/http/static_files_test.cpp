#include "http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/gunzip.hpp"

namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("khetane-static-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
    for (int rule = 0; rule < 200; ++rule) css_ += ".rule-" + std::to_string(rule) + " { margin: 0 0 1rem; }\n";
    std::ofstream(directory_ / "app.css") << css_;
    std::ofstream(directory_ / "favicon.svg") << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    std::ofstream(directory_ / "logo.png", std::ios::binary) << std::string("\x89PNG", 4) << std::string(4000, 'x');
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  http::Response Get(const std::string& path, http::Fields headers = {}, http::Method method = http::Method::kGet) {
    http::Request request;
    request.method = method;
    request.path = path;
    request.headers = std::move(headers);
    auto response = http::StaticFiles("/static/", directory_).Serve(request);
    EXPECT_TRUE(response.has_value()) << path;
    return response.value_or(http::Response{});
  }

  std::filesystem::path directory_;
  std::string css_;
};

TEST_F(StaticFilesTest, AStylesheetIsSentGzippedToAClientThatAcceptsIt) {
  const http::Response gzipped = Get("/static/app.css", {{"accept-encoding", "gzip, deflate, br"}});
  EXPECT_EQ(gzipped.status, 200);
  EXPECT_EQ(gzipped.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzipped.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(gzipped.Header("Vary"), "Accept-Encoding");
  EXPECT_LT(gzipped.body.size(), css_.size() / 4);
  EXPECT_EQ(test_support::Gunzip(gzipped.body), css_);

  const http::Response plain = Get("/static/app.css");
  EXPECT_EQ(plain.body, css_);
  EXPECT_FALSE(plain.Header("Content-Encoding"));
  EXPECT_EQ(plain.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(std::string(*gzipped.Header("ETag")),
            std::string(plain.Header("ETag")->substr(0, plain.Header("ETag")->size() - 1)) + "-gzip\"");
}

TEST_F(StaticFilesTest, EitherFormOfTheTagRevalidates) {
  const std::string identity_tag(*Get("/static/app.css").Header("ETag"));
  const std::string gzip_tag(*Get("/static/app.css", {{"accept-encoding", "gzip"}}).Header("ETag"));
  ASSERT_NE(identity_tag, gzip_tag);
  for (const auto& accept : {"gzip", "identity"}) {
    for (const auto& tag : {identity_tag, gzip_tag}) {
      const http::Response response = Get("/static/app.css", {{"accept-encoding", accept}, {"if-none-match", tag}});
      EXPECT_EQ(response.status, 304) << accept << " " << tag;
      EXPECT_EQ(response.Header("ETag"), tag) << "the form the client holds";
      EXPECT_TRUE(response.body.empty());
    }
  }
  EXPECT_EQ(Get("/static/app.css", {{"if-none-match", "\"other\""}}).status, 200);
}

TEST_F(StaticFilesTest, HeadGetsTheIdentityHeaders) {
  const http::Response head = Get("/static/app.css", {{"accept-encoding", "gzip"}}, http::Method::kHead);
  EXPECT_FALSE(head.Header("Content-Encoding"));
  EXPECT_EQ(head.Header("ETag"), Get("/static/app.css").Header("ETag"));
}

TEST_F(StaticFilesTest, TinyFilesAndImagesAreSentAsTheyAre) {
  for (const char* path : {"/static/favicon.svg", "/static/logo.png"}) {
    const http::Response response = Get(path, {{"accept-encoding", "gzip"}});
    EXPECT_FALSE(response.Header("Content-Encoding")) << path;
    EXPECT_FALSE(response.Header("Vary")) << path;
  }
}

}  // namespace
