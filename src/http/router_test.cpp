#include "http/router.hpp"

#include <gtest/gtest.h>

namespace {

http::Handler Answer(std::string text) {
  return [text](http::Request&) { return http::Response::Text(text); };
}

TEST(Router, MatchesTypedParametersAndHandsThemToTheRoute) {
  http::Router router;
  router.Get("/places/municipalities/{code:[A-Z]{3}[0-9]{2}}", core::Access::Anyone(), Answer("municipality"));
  router.Get("/measures/{id:int}", core::Access::Anyone(), Answer("measure"));
  const auto match = router.Find(http::Method::kGet, "/places/municipalities/BLG03");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.parameters, (http::Fields{{"code", "BLG03"}}));
  EXPECT_NE(router.Find(http::Method::kGet, "/measures/42").route, nullptr);
}

TEST(Router, AParameterOfTheWrongShapeMatchesNothing) {
  http::Router router;
  router.Get("/places/municipalities/{code:[A-Z]{3}[0-9]{2}}", core::Access::Anyone(), Answer("municipality"));
  router.Get("/measures/{id:int}", core::Access::Anyone(), Answer("measure"));
  EXPECT_EQ(router.Find(http::Method::kGet, "/places/municipalities/abc").route, nullptr);
  EXPECT_EQ(router.Find(http::Method::kGet, "/places/municipalities/BLG034").route, nullptr);
  EXPECT_EQ(router.Find(http::Method::kGet, "/measures/12a").route, nullptr);
  EXPECT_EQ(router.Find(http::Method::kGet, "/measures/9999999999999999999").route, nullptr) << "over int64";
}

TEST(Router, TellsAWrongMethodApartFromAnUnknownPath) {
  http::Router router;
  router.Get("/places", core::Access::Anyone(), Answer("places"));
  const auto post = router.Find(http::Method::kPost, "/places");
  EXPECT_EQ(post.route, nullptr);
  EXPECT_TRUE(post.other_method_matches);
  EXPECT_FALSE(router.Find(http::Method::kPost, "/nowhere").other_method_matches);
  EXPECT_NE(router.Find(http::Method::kHead, "/places").route, nullptr) << "HEAD is answered by GET";
}

TEST(Router, RefusesARouteDeclaredTwice) {
  http::Router router;
  router.Add(http::Method::kGet, "/measures/{id:int}", core::Access::Anyone(), Answer("measure"), "policies");
  try {
    router.Add(http::Method::kGet, "/measures/{number}", core::Access::SignedIn(), Answer("again"), "indicators");
    FAIL() << "the second declaration was accepted";
  } catch (const std::logic_error& error) {
    EXPECT_EQ(std::string(error.what()), "GET /measures/{number} is declared twice (by policies and indicators)");
  }
  router.Post("/measures/{id:int}", core::Access::SignedIn(), Answer("changed"));
  EXPECT_EQ(router.Find(http::Method::kPost, "/measures/1").route->access, core::Access::SignedIn())
      << "another method on the same path is another route";
}

TEST(PatternShape, DropsParameterTypes) {
  EXPECT_EQ(http::PatternShape("/places/municipalities/{code:[A-Z]{3}[0-9]{2}}"), "/places/municipalities/{code}");
  EXPECT_EQ(http::PatternShape("/measures/{id:int}/history"), "/measures/{id}/history");
  EXPECT_EQ(http::PatternShape("/places/{code}"), "/places/{code}");
  EXPECT_EQ(http::PatternShape("/"), "/");
}

TEST(Request, DecodesQueriesAndCookies) {
  http::Request request;
  request.query_string = "q=%D0%9B%D0%BE%D0%BC+%D1%81%D0%B5%D0%B2%D0%B5%D1%80&limit=10&bad=%zz";
  request.headers = {{"cookie", "lang=en; session=\"abc\"; broken"}};
  EXPECT_EQ(request.Query("q"), "Лом север");
  EXPECT_EQ(request.Query("limit"), "10");
  EXPECT_EQ(request.Query("bad"), "%zz") << "a stray % stays as typed";
  EXPECT_FALSE(request.Query("missing").has_value());
  EXPECT_EQ(request.Cookie("lang"), "en");
  EXPECT_EQ(request.Cookie("session"), "abc");
  EXPECT_FALSE(request.Cookie("broken").has_value());
}

TEST(SetCookie, CarriesTheSecurityAttributes) {
  http::SetCookie cookie{"lang", "bg", std::chrono::hours(1), true, true, http::SameSite::kLax};
  EXPECT_EQ(cookie.Header(), "lang=bg; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax");
}

}  // namespace
