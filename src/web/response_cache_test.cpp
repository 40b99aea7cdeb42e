#include "web/response_cache.hpp"

#include <gtest/gtest.h>

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

TEST(IfNoneMatch, MatchesWeaklyInListsAndForAStar) {
  const std::string etag = "W/\"abc-1\"";
  EXPECT_TRUE(web::NoneMatchHolds("W/\"abc-1\"", etag));
  EXPECT_TRUE(web::NoneMatchHolds("\"abc-1\"", etag)) << "a proxy may strip W/; the weak comparison ignores it";
  EXPECT_TRUE(web::NoneMatchHolds("\"zzz\", W/\"abc-1\"", etag));
  EXPECT_TRUE(web::NoneMatchHolds(" * ", etag));
  EXPECT_FALSE(web::NoneMatchHolds("W/\"abc-2\"", etag));
  EXPECT_FALSE(web::NoneMatchHolds("", etag));
  EXPECT_FALSE(web::NoneMatchHolds("abc-1", etag)) << "an unquoted tag is not the quoted one";
}

TEST(IfNoneMatch, NotModifiedCarriesTheValidatorAndNoBody) {
  web::ResponseCache cache;
  const auto kept = cache.Keep("k", 1, http::Response::Html("<p>page</p>"));
  const http::Response answer = web::NotModified(kept->response);
  EXPECT_EQ(answer.status, 304);
  EXPECT_TRUE(answer.body.empty());
  EXPECT_EQ(answer.Header("ETag"), kept->response.Header("ETag"));
}

}  // namespace
