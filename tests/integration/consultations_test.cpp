// The consultations in-process over the seeded demo: the consultation that came before Лом's demo plan was adopted
// (three proposals answered, the statement published) and the one open on the draft for the next period. What a
// visitor reads on the list, a consultation, its statement and the plan's pages, and what a program downloads.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "application/application.hpp"
#include "formats/table.hpp"
#include "support/in_process_site.hpp"

namespace {

using nlohmann::json;

class ConsultationsTest : public test_support::InProcessSite {
 protected:
  // The demo consultation in `state` ("active", "completed").
  json Demo(std::string_view state) {
    const json list = Json("/api/v1/consultations");
    for (const json& each : list["consultations"]) {
      if (each["state"] == state) return each;
    }
    ADD_FAILURE() << "no demo consultation " << state;
    return json::object();
  }
};

TEST_F(ConsultationsTest, TheListShowsTheOpenConsultationFirstWithTheDaysLeftAndTheClosedOneBelow) {
  const http::Response page = Get("/consultations");
  ASSERT_EQ(page.status, 200);
  const auto open = page.body.find("Open for proposals");
  const auto closed = page.body.find(">Closed<");
  ASSERT_NE(open, std::string::npos);
  ASSERT_NE(closed, std::string::npos);
  EXPECT_LT(open, closed);
  EXPECT_NE(page.body.find("Closes in 30 days"), std::string::npos) << "the demo opens on the day it is loaded";
  EXPECT_NE(page.body.find("Demo data"), std::string::npos);
  EXPECT_NE(Get("/consultations", "", "bg").body.find("Обществени консултации"), std::string::npos);
  EXPECT_NE(Get("/").body.find("Open for your proposals"), std::string::npos) << "announced on the home page";
}

TEST_F(ConsultationsTest, TheStatementSaysHowManyWereAcceptedWithTheReasonsForTheOthers) {
  const json past = Demo("completed");
  const std::string path = "/consultations/" + std::to_string(past["id"].get<std::int64_t>());
  const http::Response page = Get(path + "/report");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("1 of 3 answered proposals accepted in full (33"), std::string::npos);
  EXPECT_NE(page.body.find("Общината вече осигурява транспорт"), std::string::npos) << "a rejection's reasons";
  EXPECT_NE(page.body.find("Published on"), std::string::npos);

  const http::Response csv = Get(path + "/report", "format=csv");
  ASSERT_EQ(csv.status, 200);
  const auto table = formats::ReadTable(csv.body);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 4u) << "a header and the three proposals";
  EXPECT_EQ(table->rows[0].fields[8], "answer");
  EXPECT_EQ(table->rows[3].fields[8], "rejected");
  EXPECT_FALSE(table->rows[3].fields[9].empty());

  const json record = Json("/api/v1/consultations/" + std::to_string(past["id"].get<std::int64_t>()));
  EXPECT_EQ(record["statement"]["accepted"], 1);
  EXPECT_EQ(record["statement"]["partly_accepted"], 1);
  EXPECT_EQ(record["statement"]["rejected"], 1);
  EXPECT_NEAR(record["statement"]["accepted_share"].get<double>(), 33.3, 0.01);
}

TEST_F(ConsultationsTest, AnAcceptedProposalIsNamedOnTheItemItBecame) {
  const json past = Demo("completed");
  const json record = Json("/api/v1/consultations/" + std::to_string(past["id"].get<std::int64_t>()));
  const json& accepted = record["proposals"][0];
  ASSERT_EQ(accepted["answer"], "accepted");
  ASSERT_TRUE(accepted["became_item_id"].is_number());
  const http::Response item = Get("/policies/items/" + std::to_string(accepted["became_item_id"].get<std::int64_t>()));
  ASSERT_EQ(item.status, 200);
  EXPECT_NE(item.body.find("Came from proposal 1 by Милена for Инициативна група „Младеново“"), std::string::npos);
  const http::Response proposal = Get(accepted["url"].get<std::string>());
  ASSERT_EQ(proposal.status, 200);
  EXPECT_NE(proposal.body.find("The item of the plan it became"), std::string::npos);
}

TEST_F(ConsultationsTest, AVisitorReadsTheDraftItemByItemIsAskedToSignInAndFindsTheGuideOneClickAway) {
  const json open = Demo("active");
  const http::Response page = Get(open["url"].get<std::string>());
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Sign in to comment and make proposals"), std::string::npos);
  EXPECT_EQ(page.body.find("name=\"body\""), std::string::npos) << "no comment form for a visitor";
  EXPECT_NE(page.body.find("Education mediators in the schools of the Kosharnik quarter"), std::string::npos)
      << "the draft's items";
  EXPECT_NE(page.body.find("<h2>Защо е нужен планът</h2>"), std::string::npos) << "the motives, as Markdown renders";
  EXPECT_NE(page.body.find("href=\"/guides/public-consultation\""), std::string::npos);
  const http::Response guide = Get("/guides/public-consultation");
  ASSERT_EQ(guide.status, 200);
  EXPECT_NE(guide.body.find("Art. 26(4)"), std::string::npos);
  EXPECT_NE(Get("/guides/public-consultation", "", "bg").body.find("чл. 26"), std::string::npos);
  EXPECT_EQ(Get("/guides/nonsense").status, 404);

  const http::Response document = Get("/policies/documents/" + std::to_string(open["document_id"].get<std::int64_t>()));
  ASSERT_EQ(document.status, 200);
  EXPECT_NE(document.body.find("Closes in 30 days"), std::string::npos) << "announced on the draft's page";
  const http::Response place = Get("/places/municipalities/MON29");
  EXPECT_NE(place.body.find("Public consultations"), std::string::npos) << "and on the municipality's page";
}

TEST_F(ConsultationsTest, TheOpenConsultFieldsAreThereForEveryConsultationAsJsonAndCsv) {
  const json list = Json("/api/v1/consultations/openconsult");
  ASSERT_EQ(list["consultations"].size(), 2u);
  for (const json& each : list["consultations"]) {
    for (const char* field : {"ConsultationId", "Title", "StatusCurrent", "Description", "GeographicScope",
                              "OrganizationName", "StatusCurrentMapped"}) {
      EXPECT_TRUE(each.contains(field)) << field;
    }
  }
  EXPECT_EQ(list["consultations"][0]["StatusCurrentMapped"], "Active");
  EXPECT_EQ(list["consultations"][0]["OrganizationName"], "Община Монтана");
  EXPECT_EQ(list["consultations"][0]["GeographicScope"], "Монтана");
  EXPECT_EQ(list["consultations"][1]["StatusCurrentMapped"], "Completed");
  EXPECT_EQ(list["consultations"][1]["OrganizationName"], "Община Лом");
  const http::Response csv = Get("/api/v1/consultations/openconsult", "format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("StatusCurrentMapped"), std::string::npos);
}

}  // namespace
