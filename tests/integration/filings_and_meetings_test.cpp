// Information requests and meetings in-process over the seeded demo: what a visitor reads of a refused request (its
// deadlines with their articles, the appeal it offers, the meeting that discusses it), of the institutions' record,
// of the council's meetings with their carried follow-ups and the late notice, and the calendars and open data.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/in_process_site.hpp"

namespace {

using nlohmann::json;

class FilingsAndMeetingsTest : public test_support::InProcessSite {
 protected:
  // The demo filing whose subject starts with `subject`.
  json Filing(std::string_view subject) {
    const json list = Json("/api/v1/requests");
    for (const json& filing : list["requests"]) {
      if (filing["subject"].get<std::string>().starts_with(subject)) return filing;
    }
    ADD_FAILURE() << "no demo filing " << subject;
    return json::object();
  }
};

TEST_F(FilingsAndMeetingsTest, ARefusedRequestShowsItsDeadlinesTheAppealAndTheMeetingThatDiscussesIt) {
  const json refused = Filing("Разходи за ремонт");
  EXPECT_EQ(refused["state"], "decided");
  EXPECT_EQ(refused["decision"], "refused");
  EXPECT_TRUE(refused["decided_late"]) << "decided a day after the extended deadline";
  const http::Response page = Get(refused["url"].get<std::string>());
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Access refused"), std::string::npos);
  EXPECT_NE(page.body.find("days after the deadline."), std::string::npos);
  EXPECT_NE(page.body.find("You may appeal the decision to the administrative court until"), std::string::npos);
  EXPECT_NE(page.body.find("ЗДОИ, чл. 30"), std::string::npos) << "the extension's rule is cited";
  EXPECT_NE(page.body.find("not checked against the law&apos;s current text"), std::string::npos);
  EXPECT_NE(page.body.find("A refusal must state its legal and factual grounds"), std::string::npos);
  EXPECT_NE(page.body.find("On the agenda of"), std::string::npos);
  EXPECT_EQ(page.body.find("Record</button>"), std::string::npos) << "a visitor records nothing";
  EXPECT_NE(Get(refused["url"].get<std::string>(), "", "bg").body.find("Можете да обжалвате решението"),
            std::string::npos);

  const http::Response letter = Get(refused["url"].get<std::string>() + "/letter");
  ASSERT_EQ(letter.status, 200);
  EXPECT_NE(letter.body.find("ЗАЯВЛЕНИЕ\nза достъп до обществена информация"), std::string::npos);
  EXPECT_NE(letter.body.find("До\nОбщина Лом"), std::string::npos);
  EXPECT_EQ(Get("/requests/987654").status, 404);
}

TEST_F(FilingsAndMeetingsTest, TheInstitutionsRecordAndTheListsAreOpenData) {
  const json institutions = Json("/api/v1/requests/institutions")["institutions"];
  ASSERT_FALSE(institutions.empty());
  const auto lom = std::find_if(institutions.begin(), institutions.end(),
                                [](const json& each) { return each["addressee"] == "Община Лом"; });
  ASSERT_NE(lom, institutions.end());
  EXPECT_EQ((*lom)["on_time"], 1);
  EXPECT_EQ((*lom)["late"], 1);
  EXPECT_EQ((*lom)["on_time_share"], 50.0);
  const http::Response page = Get("/requests/institutions");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Община Лом"), std::string::npos);
  EXPECT_NE(page.body.find("50"), std::string::npos);
  const http::Response csv = Get("/api/v1/requests", "format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("decide_by"), std::string::npos);
  const http::Response list = Get("/requests");
  EXPECT_NE(list.body.find("Overdue"), std::string::npos);
  EXPECT_NE(list.body.find("Demo data"), std::string::npos);
}

TEST_F(FilingsAndMeetingsTest, AMeetingCarriesTheFollowUpsNotDoneAndACouncilSessionAnnouncedLateWarns) {
  // Лом's: the demo platform of the practices module meets elsewhere.
  const json meetings = Json("/api/v1/meetings", "place=MON24")["meetings"];
  ASSERT_EQ(meetings.size(), 3u);
  json next, session;
  for (const json& meeting : meetings) {
    if (meeting["title"] == "Заседание на съвета") next = meeting;
    if (meeting["title"] == "Редовно заседание") session = meeting;
  }
  const json record = Json("/api/v1" + next["url"].get<std::string>());
  ASSERT_EQ(record["agenda"].size(), 2u) << "the two follow-ups not done, carried";
  EXPECT_FALSE(record["agenda"][0]["follow_up_id"].is_null());
  const http::Response page = Get(session["url"].get<std::string>());
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Announced 3 days later than the law asks"), std::string::npos);

  const http::Response calendar = Get("/meetings/places/MON24/calendar");
  ASSERT_EQ(calendar.status, 200);
  EXPECT_EQ(calendar.Header("Content-Type").value_or(""), "text/calendar; charset=utf-8");
  EXPECT_EQ(calendar.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(calendar.body.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_EQ(Get("/meetings/places/XXX99/calendar").status, 404);
  EXPECT_EQ(Get("/meetings/calendar/not-a-real-calendar-token-at-all").status, 404);
  EXPECT_EQ(Get("/api/v1/meetings/follow-ups", "format=csv").status, 200);
}

}  // namespace
