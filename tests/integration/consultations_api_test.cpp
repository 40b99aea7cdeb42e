// The consultations' write API through the real binary, with hostile bodies: a member of an initiative group holding
// an API token comments and proposes on the open demo consultation (Монтана's draft); wrong types, a script, 100,000
// characters, a closed consultation and an answer from another municipality's official are each refused with a
// clear message and store nothing.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/server_suite.hpp"

namespace {

using nlohmann::json;
using test_support::Get;
using test_support::HttpResponse;

class ConsultationsApiTest : public test_support::ServerSuite<ConsultationsApiTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(
        AddUser("member@example.org", {"--role", "community_monitor", "--scope", "municipality:MON29"}));
    ASSERT_NO_FATAL_FAILURE(
        AddUser("official@montana.bg", {"--role", "municipal_official", "--scope", "municipality:MON29"}));
    ASSERT_NO_FATAL_FAILURE(
        AddUser("official@lom.bg", {"--role", "municipal_official", "--scope", "municipality:MON24"}));
    Serve();
    member_ = TokenOf("member@example.org");
    montana_ = TokenOf("official@montana.bg");
    lom_ = TokenOf("official@lom.bg");
    const json list = json::parse(Get(port(), "/api/v1/consultations").body);
    for (const json& each : list["consultations"]) {
      (each["state"] == "active" ? open_ : closed_) = each["id"].get<std::int64_t>();
    }
    ASSERT_GT(open_, 0);
    ASSERT_GT(closed_, 0);
  }

  static std::string TokenOf(const std::string& email) {
    const auto issued = test_support::RunKhetane({"user", "token", email, "--database", database_->target()});
    EXPECT_EQ(issued.exit_code, 0) << issued.output;
    return issued.output.substr(0, issued.output.find('\n'));
  }
  static HttpResponse Call(const std::string& token, const std::string& path, const std::string& body) {
    return test_support::Request(port(), "POST", path,
                                 {"Content-Type: application/json", "Authorization: Bearer " + token}, body);
  }
  static std::string Comments(std::int64_t consultation) {
    return "/api/v1/consultations/" + std::to_string(consultation) + "/comments";
  }
  static json Record(std::int64_t consultation) {
    return json::parse(Get(port(), "/api/v1/consultations/" + std::to_string(consultation)).body);
  }
  static json ErrorOf(const HttpResponse& response) { return json::parse(response.body)["error"]; }

  static inline std::string member_, montana_, lom_;
  static inline std::int64_t open_ = 0, closed_ = 0;
};

TEST_F(ConsultationsApiTest, AProgramCommentsAndProposesAsThePeopleDo) {
  const HttpResponse comment = Call(member_, Comments(open_), json{{"body", "Нужни са повече медиатори."}}.dump());
  ASSERT_EQ(comment.status, 201) << comment.body;
  const HttpResponse proposal =
      Call(member_, "/api/v1/consultations/" + std::to_string(open_) + "/proposals",
           json{{"kind", "new_measure"}, {"title", "Стипендии"}, {"body", "Петдесет стипендии годишно."}}.dump());
  ASSERT_EQ(proposal.status, 201) << proposal.body;
  EXPECT_EQ(json::parse(proposal.body)["number"], 2) << "the demo's proposal is number 1";
}

TEST_F(ConsultationsApiTest, WrongTypesScriptsAndHugeTextsAreRefusedByFieldAndStoreNothing) {
  const std::size_t before = Record(open_)["comments"].size();
  const HttpResponse number = Call(member_, Comments(open_), R"({"body": 42, "item_id": "12"})");
  ASSERT_EQ(number.status, 400) << number.body;
  EXPECT_EQ(ErrorOf(number)["message"], "This field is text.");
  const HttpResponse script = Call(member_, Comments(open_), json{{"body", "<script>alert(1)</script>"}}.dump());
  ASSERT_EQ(script.status, 400);
  EXPECT_NE(ErrorOf(script)["message"].get<std::string>().find("plain text"), std::string::npos);
  const HttpResponse huge = Call(member_, Comments(open_), json{{"body", std::string(100'000, 'a')}}.dump());
  ASSERT_EQ(huge.status, 400);
  EXPECT_EQ(ErrorOf(huge)["message"], "A comment is at most 5,000 characters: shorten it.");
  EXPECT_EQ(Call(member_, Comments(open_), "not json").status, 400);
  EXPECT_EQ(Call(member_, Comments(open_), "[1, 2]").status, 400);
  EXPECT_EQ(Record(open_)["comments"].size(), before);
}

TEST_F(ConsultationsApiTest, AClosedConsultationTakesNothingAndSaysSince) {
  const HttpResponse late = Call(member_, Comments(closed_), json{{"body", "Късно."}}.dump());
  ASSERT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(ErrorOf(late)["message"],
            "The consultation closed on 2026-10-01: proposals and comments are no longer taken.");
}

TEST_F(ConsultationsApiTest, OnlyTheDraftsAuthorityAnswersAProposal) {
  const json proposal = Record(open_)["proposals"][0];
  const std::string path = "/api/v1/consultations/proposals/" + proposal["id"].dump() + "/answer";
  const HttpResponse stranger = Call(lom_, path, json{{"answer", "accepted"}}.dump());
  ASSERT_EQ(stranger.status, 403) << stranger.body;
  EXPECT_NE(ErrorOf(stranger)["message"].get<std::string>().find("Only the authority that drafted"), std::string::npos);
  const HttpResponse no_reason = Call(montana_, path, json{{"answer", "rejected"}}.dump());
  ASSERT_EQ(no_reason.status, 400);
  EXPECT_EQ(ErrorOf(no_reason)["problems"][0]["field"], "answer_reason");
  const HttpResponse answered =
      Call(montana_, path, json{{"answer", "partly_accepted"}, {"reason", "Веднъж на тримесечие."}}.dump());
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(json::parse(answered.body)["answer"], "partly_accepted") << "the authority reads its prepared answer";
  EXPECT_TRUE(json::parse(Get(port(), "/api/v1/consultations/" + std::to_string(open_)).body)["proposals"][0]["answer"]
                  .is_null())
      << "a visitor does not, until it is published";
}

}  // namespace
