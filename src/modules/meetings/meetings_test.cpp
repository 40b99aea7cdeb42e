#include "modules/meetings/meetings.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <sstream>

#include "support/legal_clock_rules.hpp"

namespace meetings {
namespace {

Meeting Session(std::string starts = "2027-01-14T10:00", std::string ends = "2027-01-14T12:00") {
  Meeting meeting;
  meeting.id = 7;
  meeting.body_id = 3;
  meeting.title = "Заседание; с „кавички“, запетаи и дълго заглавие, което се пренася на няколко реда във файла";
  meeting.starts_at = std::move(starts);
  meeting.ends_at = std::move(ends);
  meeting.location = "Община Лом, зала 2";
  return meeting;
}

std::vector<std::string> FieldsOf(const std::vector<core::FieldProblem>& problems) {
  std::vector<std::string> fields;
  for (const core::FieldProblem& problem : problems) fields.push_back(problem.field);
  return fields;
}

TEST(Meetings, RefuseAMeetingThatEndsBeforeItStartsAndAFollowUpWithoutAnOwner) {
  EXPECT_TRUE(MeetingProblems(Session()).empty());
  EXPECT_EQ(FieldsOf(MeetingProblems(Session("2027-01-14T10:00", "2027-01-14T09:30"))),
            std::vector<std::string>{"ends_at"});
  EXPECT_EQ(FieldsOf(MeetingProblems(Session("2027-01-14T10:00", "2027-01-13T11:00"))),
            std::vector<std::string>{"ends_at"});
  EXPECT_EQ(FieldsOf(MeetingProblems(Session("2027-01-14 10:00", "2027-01-14T25:00"))),
            (std::vector<std::string>{"starts_at", "ends_at"}));
  Meeting nowhere = Session();
  nowhere.location.clear();
  nowhere.link = "javascript:alert(1)";
  EXPECT_EQ(FieldsOf(MeetingProblems(nowhere)), std::vector<std::string>{"link"});
  nowhere.link.clear();
  EXPECT_EQ(FieldsOf(MeetingProblems(nowhere)), std::vector<std::string>{"location"}) << "somewhere, or online";
  nowhere.link = "https://meet.example.org/lom";
  EXPECT_TRUE(MeetingProblems(nowhere).empty()) << "an online meeting needs no room";

  FollowUp follow_up{0, 1, std::nullopt, "Да се предоставят договорите", "  ", "2027-01-31", "open", ""};
  EXPECT_EQ(FieldsOf(FollowUpProblems(follow_up)), std::vector<std::string>{"owner"});
  follow_up.owner = "Община Лом";
  follow_up.due_on = "31.01.2027";
  EXPECT_EQ(FieldsOf(FollowUpProblems(follow_up)), std::vector<std::string>{"due_on"});
}

TEST(Meetings, WarnWhenACouncilSessionIsAnnouncedFewerThanSixDaysAhead) {
  const requests::Rules rules = test_support::Shipped();
  Body council{1, "municipal_council", "Общински съвет Лом", "MON24", false};
  Meeting session = Session();
  session.announced_on = "2027-01-08";
  EXPECT_EQ(NoticeDaysShort(council, session, rules), 0) << "six days ahead";
  session.announced_on = "2027-01-11";
  EXPECT_EQ(NoticeDaysShort(council, session, rules), 3);
  session.is_public = false;
  EXPECT_EQ(NoticeDaysShort(council, session, rules), 0) << "the rule is for public sessions";
  session.is_public = true;
  Body working_group{2, "working_group", "Работна група", "MON24", false};
  EXPECT_EQ(NoticeDaysShort(working_group, session, rules), 0) << "nor for other bodies";
}

TEST(Meetings, KnowWhatAnAgendaItemLinksTo) {
  EXPECT_EQ(LinkKind("/requests/12"), "filing");
  EXPECT_EQ(LinkKind("/policies/items/40"), "measure");
  EXPECT_EQ(LinkKind("/consultations/proposals/3"), "proposal");
  EXPECT_EQ(LinkKind("/monitoring/cycles/2"), "monitoring");
  EXPECT_EQ(LinkKind("https://evil.example/requests/1"), "");
  EXPECT_EQ(LinkKind("//evil.example/requests/1"), "");
  EXPECT_EQ(LinkKind("/requests/1\"><script>"), "");
  EXPECT_EQ(LinkKind("/admin/users"), "");
  EXPECT_EQ(FieldsOf(AgendaItemProblems({0, 1, 0, "Отказ", "/admin/users", std::nullopt})),
            std::vector<std::string>{"link"});
}

TEST(Meetings, WriteAnICalendarThatRfc5545ParsersAccept) {
  Body body{3, "council_for_cooperation", "Съвет за сътрудничество – Лом", "MON24", false};
  Meeting winter = Session();
  Meeting summer = Session("2027-07-01T18:30", "2027-07-01T20:00");
  summer.id = 8;
  summer.location.clear();
  summer.link = "https://meet.example.org/lom";
  const std::string ical = ICalendar({{winter, body}, {summer, body}}, "Съвет за сътрудничество – Лом",
                                     "https://khetane.example.org", 1'796'472'000);
  std::istringstream lines(ical);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\r') << "every line ends in CRLF: " << line;
    EXPECT_LE(line.size(), 76u) << "folded at 75 octets: " << line;
  }
  EXPECT_GT(count, 10);
  EXPECT_NE(ical.find("DTSTART:20270114T080000Z"), std::string::npos) << "10:00 in Sofia in winter is 08:00 UTC";
  EXPECT_NE(ical.find("DTSTART:20270701T153000Z"), std::string::npos) << "18:30 in Sofia in summer is 15:30 UTC";
  EXPECT_NE(ical.find("UID:meeting-7@khetane"), std::string::npos);
  EXPECT_NE(ical.find("URL:https://khetane.example.org/meetings/8"), std::string::npos);
  EXPECT_NE(ical.find("Заседание\\; с „кавички“\\, запетаи"), std::string::npos) << "TEXT values escaped";

  icalcomponent* parsed = icalparser_parse_string(ical.c_str());
  ASSERT_NE(parsed, nullptr);
  EXPECT_EQ(icalcomponent_isa(parsed), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_count_components(parsed, ICAL_VEVENT_COMPONENT), 2);
  EXPECT_EQ(icalrestriction_check(parsed), 1) << "required properties present, none repeated";
  EXPECT_EQ(icalcomponent_count_errors(parsed), 0);
  icalcomponent* first = icalcomponent_get_first_component(parsed, ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_location(first), "Община Лом, зала 2");
  const std::string summary = icalcomponent_get_summary(first);
  EXPECT_EQ(summary, body.name + ": " + winter.title) << "unfolded and unescaped as written";
  icalcomponent_free(parsed);
}

TEST(Meetings, WriteControlCharactersTypedIntoATitleAsSpacesAndLineBreaks) {
  EXPECT_EQ(CalendarText("  Заседание\r\nвтори ред\tс\x01табулация\r "), "Заседание\nвтори ред с табулация");
  EXPECT_EQ(CalendarText("\x11\x01"), "");
  Meeting typed = Session();
  typed.title = "Заседание\rс\x07звънец";
  const std::string ical = ICalendar({{typed, Body{3, "working_group", "Група", "MON24", false}}}, "x", "", 0);
  icalcomponent* parsed = icalparser_parse_string(ical.c_str());
  ASSERT_NE(parsed, nullptr);
  EXPECT_STREQ(icalcomponent_get_summary(icalcomponent_get_first_component(parsed, ICAL_VEVENT_COMPONENT)),
               "Група: Заседание\nс звънец");
  icalcomponent_free(parsed);
}

}  // namespace
}  // namespace meetings
