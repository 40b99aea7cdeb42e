#include "web/json_body.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

http::Request JsonRequest(std::string body) {
  http::Request request;
  request.method = http::Method::kPost;
  request.headers = {{"content-type", "application/json"}};
  request.body = std::move(body);
  return request;
}

// {"a": [[…]]} with `depth` levels of arrays and objects in all.
std::string Nested(int depth) { return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}"; }

TEST(JsonBody, ReadsAnObjectAndRefusesFieldsOfTheWrongTypeByName) {
  const auto body =
      web::JsonBodyOf(JsonRequest(R"({"title":"Лом","item_id":42,"public":true})"), {"title"}, {"item_id"}, {"public"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(web::TextIn(*body, "title"), "Лом");
  EXPECT_EQ(web::IdIn(*body, "item_id"), 42);
  EXPECT_TRUE(web::FlagIn(*body, "public", false));

  const auto wrong = web::JsonBodyOf(JsonRequest(R"({"title":7,"item_id":"42"})"), {"title"}, {"item_id"});
  ASSERT_FALSE(wrong.ok());
  ASSERT_EQ(wrong.error().problems.size(), 2u);
  EXPECT_EQ(wrong.error().problems[0].field, "title");
  EXPECT_EQ(wrong.error().problems[1].field, "item_id");
  EXPECT_FALSE(web::JsonBodyOf(JsonRequest("[1]"), {}, {}).ok()) << "not an object";
  EXPECT_FALSE(web::JsonBodyOf(JsonRequest(R"({"title":"a\u0000b"})"), {"title"}, {}).ok()) << "a NUL";
}

// Found while writing fuzz/http_request_fuzz.cpp: the check of every text walked the document by recursion, and a body
// of 50,000 nested arrays (100 KB) overflowed a thread's 8 MB stack when built with g++ -O3, which ends the whole
// server (5,000 to 10,000 levels under AddressSanitizer). Such a body is now refused before it is parsed, as not JSON.
TEST(JsonBody, RefusesArraysAndObjectsNestedDeeperThanTheLimitBeforeWalkingThem) {
  EXPECT_TRUE(web::JsonBodyOf(JsonRequest(Nested(web::kMaxJsonBodyDepth)), {}, {}).ok());
  const auto deeper = web::JsonBodyOf(JsonRequest(Nested(web::kMaxJsonBodyDepth + 1)), {}, {});
  ASSERT_FALSE(deeper.ok());
  EXPECT_EQ(deeper.error().kind, core::ErrorKind::kInvalidInput);
  EXPECT_EQ(deeper.error().message, "The request body is not JSON.");
  EXPECT_FALSE(web::JsonBodyOf(JsonRequest(Nested(200'000)), {}, {}).ok()) << "crashed on a stack overflow before";

  // Brackets inside strings, an escaped quote among them, are text, not nesting.
  const std::string brackets(200, '[');
  const auto text = web::JsonBodyOf(JsonRequest(R"({"title":"\")" + brackets + R"(\"{"})"), {"title"}, {});
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(web::TextIn(*text, "title"), "\"" + brackets + "\"{");
}

}  // namespace
