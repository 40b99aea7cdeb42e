#include "web/response_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

http::Request RequestFor(std::string path, std::string query = "", std::string language = "bg") {
  http::Request request;
  request.path = std::move(path);
  request.query_string = std::move(query);
  request.SetAttribute("lang", std::move(language));
  return request;
}

TEST(ResponseCache, GivesTheKeptPageOnlyForTheVersionItWasMadeFrom) {
  web::ResponseCache cache;
  const std::string key = web::ResponseCache::KeyOf(RequestFor("/places"));
  cache.Keep(key, 7, http::Response::Html("<p>seven</p>"));
  ASSERT_NE(cache.Find(key, 7), nullptr);
  EXPECT_EQ(cache.Find(key, 7)->response.body, "<p>seven</p>");
  EXPECT_EQ(cache.Find(key, 8), nullptr) << "after a change the page is made again";
  cache.Keep(key, 8, http::Response::Html("<p>eight</p>"));
  EXPECT_EQ(cache.Find(key, 8)->response.body, "<p>eight</p>");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ResponseCache, MakesAPageAgainOnTheNextDayThoughTheDataStayed) {
  web::ResponseCache cache;
  const std::string key = web::ResponseCache::KeyOf(RequestFor("/consultations"));
  cache.Keep(key, 7, http::Response::Html("<p>closes in 3 days</p>"), 20'000);
  EXPECT_NE(cache.Find(key, 7, 20'000), nullptr);
  EXPECT_EQ(cache.Find(key, 7, 20'001), nullptr) << "a page that counts days is made again the next day";
}

TEST(ResponseCache, KeepsLanguagesQueriesAndCsvApart) {
  const auto key = [](http::Request request) { return web::ResponseCache::KeyOf(request); };
  EXPECT_NE(key(RequestFor("/", "", "bg")), key(RequestFor("/", "", "en")));
  EXPECT_NE(key(RequestFor("/", "measure=overdue")), key(RequestFor("/", "measure=score")));
  http::Request csv = RequestFor("/api/v1/indicators");
  csv.headers.emplace_back("accept", "text/csv");
  EXPECT_NE(key(csv), key(RequestFor("/api/v1/indicators")));
}

TEST(ResponseCache, GivesAKeptPageAWeakValidatorAndAsksBrowsersToCheckIt) {
  web::ResponseCache cache;
  const auto kept = cache.Keep("k", 1, http::Response::Html("<p>page</p>"));
  const auto etag = kept->response.Header("ETag");
  ASSERT_TRUE(etag);
  EXPECT_TRUE(etag->starts_with("W/\""));
  EXPECT_EQ(kept->response.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(*etag, web::WeakEtagOf("<p>page</p>")) << "the same bytes, the same validator";
  EXPECT_NE(*etag, web::WeakEtagOf("<p>other page</p>"));
}

TEST(ResponseCache, KeepsNoPageThatSetsACookieOrIsNotA200) {
  EXPECT_TRUE(web::KeepsWell(http::Response::Html("x")));
  EXPECT_FALSE(web::KeepsWell(http::Response::Html("x", 404)));
  http::Response with_cookie = http::Response::Html("x");
  with_cookie.AddCookie({"session", "secret"});
  EXPECT_FALSE(web::KeepsWell(with_cookie));
  http::Response private_page = http::Response::Html("x");
  private_page.SetHeader("Cache-Control", "no-store");
  EXPECT_FALSE(web::KeepsWell(private_page));
}

http::Request Asking(std::vector<std::pair<std::string, std::string>> headers) {
  http::Request request = RequestFor("/places");
  for (auto& [name, value] : headers) request.headers.emplace_back(std::move(name), std::move(value));
  return request;
}

// Visitors asking at once for a page nobody has made since the data changed: one makes it, the others get its bytes.
TEST(ResponseCache, VisitorsArrivingTogetherAtAnUnmadePageMakeItOnce) {
  web::ResponseCache cache;
  std::atomic<int> made = 0;
  constexpr int kVisitors = 8;
  std::latch start(kVisitors);
  std::vector<std::string> bodies(kVisitors);
  std::vector<std::thread> visitors;
  for (int i = 0; i < kVisitors; ++i) {
    visitors.emplace_back([&, i] {
      start.arrive_and_wait();
      const auto answer = cache.FindOrMake("/gaps", 3, 0, [&] {
        ++made;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a slow page: the others arrive meanwhile
        return http::Response::Html("<p>gaps</p>");
      });
      bodies[i] = answer.kept ? answer.kept->response.body : "not kept";
    });
  }
  for (auto& visitor : visitors) visitor.join();
  EXPECT_EQ(made, 1) << "each visitor made the page itself";
  for (const auto& body : bodies) EXPECT_EQ(body, "<p>gaps</p>");
  EXPECT_EQ(cache.FindOrMake("/gaps", 4, 0, [] { return http::Response::Html("<p>new</p>"); }).kept->response.body,
            "<p>new</p>")
      << "after a change it is made again";
}

TEST(ResponseCache, WhatMayNotBeKeptOrFailedIsMadeByEachRequest) {
  web::ResponseCache cache;
  int made = 0;
  const auto missing = [&] {
    ++made;
    http::Response response = http::Response::Html("<p>no such plan</p>");
    response.status = 404;
    return response;
  };
  EXPECT_EQ(cache.FindOrMake("/plans/9", 1, 0, missing).response.status, 404);
  EXPECT_EQ(cache.FindOrMake("/plans/9", 1, 0, missing).response.status, 404);
  EXPECT_EQ(made, 2) << "a 404 is not kept";
  EXPECT_THROW(cache.FindOrMake("/plans/8", 1, 0, []() -> http::Response { throw std::runtime_error("lost"); }),
               std::runtime_error);
  EXPECT_EQ(cache.FindOrMake("/plans/8", 1, 0, [] { return http::Response::Html("<p>back</p>"); }).kept->response.body,
            "<p>back</p>")
      << "a failed making leaves nothing behind that would hold the next request";
}

TEST(KeptAnswers, AValidatorTheBrowserHoldsGetsA304WithoutABody) {
  web::ResponseCache cache;
  const auto kept = cache.Keep("k", 1, http::Response::Html(std::string(4000, 'x')));
  const std::string etag(*kept->response.Header("ETag"));
  for (const std::string& held : {etag, etag.substr(2), "\"zzz\", " + etag, std::string("*")}) {
    const http::Response answer = web::AnswerFromKept(Asking({{"if-none-match", held}}), *kept);
    EXPECT_EQ(answer.status, 304) << held << " (a proxy may strip W/: the comparison is weak)";
    EXPECT_TRUE(answer.body.empty());
    EXPECT_EQ(answer.Header("ETag"), etag);
  }
  EXPECT_EQ(web::AnswerFromKept(Asking({{"if-none-match", "W/\"other\""}}), *kept).status, 200);
}

TEST(KeptAnswers, AGzipClientGetsTheBytesGzippedOnceAndOthersThePlainPage) {
  web::ResponseCache cache;
  const auto kept = cache.Keep("k", 1, http::Response::Html(std::string(4000, 'x')));
  ASSERT_FALSE(kept->gzip_body.empty());
  EXPECT_LT(kept->gzip_body.size(), 200u);
  const http::Response gzipped = web::AnswerFromKept(Asking({{"accept-encoding", "gzip, br"}}), *kept);
  EXPECT_EQ(gzipped.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzipped.body, kept->gzip_body);
  EXPECT_NE(gzipped.Header("Vary")->find("Accept-Encoding"), std::string_view::npos);
  const http::Response plain = web::AnswerFromKept(Asking({}), *kept);
  EXPECT_FALSE(plain.Header("Content-Encoding"));
  EXPECT_EQ(plain.body, std::string(4000, 'x'));
  // A small page is not worth gzipping.
  EXPECT_TRUE(cache.Keep("small", 1, http::Response::Html("<p>hi</p>"))->gzip_body.empty());
}

}  // namespace
