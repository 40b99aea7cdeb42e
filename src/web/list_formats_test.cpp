#include "web/list_formats.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "formats/table.hpp"

namespace {

using nlohmann::json;

http::Request ListRequest(std::string query = "", std::string accept = "") {
  http::Request request;
  request.path = "/api/v1/monitoring/cycles";
  request.query_string = std::move(query);
  if (!accept.empty()) request.headers.emplace_back("accept", std::move(accept));
  return request;
}

http::Response ListOf(int count) {
  json items = json::array();
  for (int i = 1; i <= count; ++i) items.push_back({{"id", i}, {"title", "Cycle " + std::to_string(i)}});
  http::Response response = http::Response::Json(json{{"cycles", items}}.dump());
  response.list_member = "cycles";
  return response;
}

TEST(ListFormats, CsvIsAskedByTheQueryOrByAnAcceptHeaderThatPrefersIt) {
  EXPECT_TRUE(web::AsksForCsv(ListRequest("format=csv")));
  EXPECT_FALSE(web::AsksForCsv(ListRequest("format=json")));
  EXPECT_TRUE(web::AsksForCsv(ListRequest("", "text/csv")));
  EXPECT_TRUE(web::AsksForCsv(ListRequest("", "application/json;q=0.5, text/csv")));
  EXPECT_FALSE(web::AsksForCsv(ListRequest("", "application/json, text/csv;q=0.9")));
  EXPECT_FALSE(web::AsksForCsv(ListRequest("", "text/html,application/xhtml+xml,*/*;q=0.8")));
  EXPECT_FALSE(web::AsksForCsv(ListRequest()));
}

TEST(ListFormats, FlattensNestedFieldsIntoColumnsInTheOrderTheyFirstAppear) {
  const json list = {{{"code", "MON24"}, {"population", {{"value", 18000}, {"year", 2025}}}, {"tags", {"a", "b"}}},
                     {{"code", "BLG03"}, {"extra", nullptr}, {"population", {{"value", 70000}, {"year", 2025}}}}};
  const auto table = web::TableOfList(list);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0], (std::vector<std::string>{"code", "population.value", "population.year", "tags", "extra"}));
  EXPECT_EQ(table[1], (std::vector<std::string>{"MON24", "18000", "2025", "a; b", ""}));
  EXPECT_EQ(table[2], (std::vector<std::string>{"BLG03", "70000", "2025", "", ""}));
}

TEST(ListFormats, PagesAListThatDoesNotPageItself) {
  http::Response response = ListOf(5);
  ASSERT_TRUE(web::ShapeList(ListRequest("limit=2&offset=3"), response).value());
  const json body = json::parse(response.body);
  EXPECT_EQ(body["total"], 5);
  EXPECT_EQ(body["limit"], 2);
  EXPECT_EQ(body["offset"], 3);
  ASSERT_EQ(body["cycles"].size(), 2u);
  EXPECT_EQ(body["cycles"][0]["id"], 4);
  EXPECT_EQ(body["cycles"][1]["id"], 5);
  EXPECT_TRUE(body["next"].is_null()) << "the last page";

  http::Response first = ListOf(5);
  ASSERT_TRUE(web::ShapeList(ListRequest("municipality=MON24&limit=2"), first).value());
  EXPECT_EQ(json::parse(first.body)["next"], "/api/v1/monitoring/cycles?municipality=MON24&limit=2&offset=2");

  http::Response beyond = ListOf(5);
  ASSERT_TRUE(web::ShapeList(ListRequest("offset=50"), beyond).value());
  EXPECT_TRUE(json::parse(beyond.body)["cycles"].empty());
}

TEST(ListFormats, LeavesAListThatPagesItselfAsItIs) {
  http::Response response = http::Response::Json(R"({"items":[{"code":"a"}],"total":300,"next":"/x?offset=1"})");
  response.list_member = "items";
  ASSERT_TRUE(web::ShapeList(ListRequest("limit=1"), response).value());
  const json body = json::parse(response.body);
  EXPECT_EQ(body["total"], 300);
  EXPECT_EQ(body["next"], "/x?offset=1");
}

TEST(ListFormats, RefusesALimitOrOffsetThatIsNoWholeNumberInRange) {
  for (const char* query : {"limit=0", "limit=10001", "limit=ten", "offset=-1", "limit=2.5"}) {
    http::Response response = ListOf(3);
    const auto shaped = web::ShapeList(ListRequest(query), response);
    ASSERT_FALSE(shaped) << query;
    EXPECT_EQ(shaped.error().kind, core::ErrorKind::kInvalidInput) << query;
  }
}

TEST(ListFormats, TurnsTheListIntoACsvDownloadNamedAfterTheAddress) {
  http::Response response = ListOf(2);
  ASSERT_TRUE(web::ShapeList(ListRequest("format=csv"), response).value());
  EXPECT_EQ(response.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(response.Header("Content-Disposition")->find("khetane-monitoring-cycles.csv"), std::string_view::npos);
  EXPECT_NE(response.body.find("id,title\r\n1,Cycle 1\r\n2,Cycle 2\r\n"), std::string::npos) << response.body;
}

TEST(ListFormats, TurnsTheListIntoASpreadsheetThatReadsBackAsTheSameTable) {
  EXPECT_TRUE(web::AsksForXlsx(ListRequest("format=xlsx")));
  EXPECT_TRUE(web::AsksForXlsx(ListRequest("", std::string(web::kXlsxType))));
  EXPECT_FALSE(web::AsksForXlsx(ListRequest("format=csv")));
  http::Response response = ListOf(3);
  ASSERT_TRUE(web::ShapeList(ListRequest("format=xlsx"), response).value());
  EXPECT_EQ(response.Header("Content-Type"), web::kXlsxType);
  EXPECT_EQ(response.Header("Content-Disposition"), "attachment; filename=\"khetane-monitoring-cycles.xlsx\"");
  const auto table = formats::ReadTable(response.body);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->kind, formats::FileKind::kXlsx);
  ASSERT_EQ(table->rows.size(), 4u);
  EXPECT_EQ(table->rows[0].fields, (std::vector<std::string>{"id", "title"}));
  EXPECT_EQ(table->rows[3].fields, (std::vector<std::string>{"3", "Cycle 3"}));
}

TEST(ListFormats, LeavesWhatIsNoListAsItWas) {
  // A record holding a list of its own (a shadow report's items) is not a list to page: it was not made as one.
  http::Response report = http::Response::Json(R"({"title":"Лом","items":[{"id":1}]})");
  EXPECT_FALSE(web::ShapeList(ListRequest("limit=1&format=csv"), report).value());
  EXPECT_EQ(report.body, R"({"title":"Лом","items":[{"id":1}]})");
  http::Response one = http::Response::Json(R"({"code":"MON24","name":"Лом"})");
  EXPECT_FALSE(web::ShapeList(ListRequest("format=csv"), one).value());
  EXPECT_EQ(one.body, R"({"code":"MON24","name":"Лом"})");
  http::Response refused = http::Response::Json(R"({"items":[]})", 404);
  refused.list_member = "items";
  EXPECT_FALSE(web::ShapeList(ListRequest(), refused).value());
}

}  // namespace
