#include "modules/meetings/meetings_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/meetings_fixture.hpp"
#include "support/saves_at_once.hpp"

namespace meetings {
namespace {

using core::Role;
using core::ScopeKind;

// Meetings on the policies' fixture (Лом and Благоевград): an official of Лом organises, a CSO editor of Лом files
// an information request, a resident registers; the clock at 5 December 2026.
class MeetingsServiceTest : public test_support::MeetingsFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MeetingsFixture::SetUp());
    official_ = Person("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    editor_ = Person("editor@lom.bg", {Role::kCsoEditor, {ScopeKind::kMunicipality, "MON24"}});
    resident_ = Person("asen@example.bg", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});
    elsewhere_ = Person("official@blg.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
    const auto body = meetings_.CreateBody(official_, {0, "council_for_cooperation", "Съвет – Лом", "MON24", false});
    ASSERT_TRUE(body.ok()) << body.error().message;
    body_ = body->id;
  }

  Meeting Typed(std::string day, bool is_public = true) const {
    Meeting meeting;
    meeting.body_id = body_;
    meeting.title = "Заседание";
    meeting.starts_at = day + "T10:00";
    meeting.ends_at = day + "T12:00";
    meeting.location = "Община Лом";
    meeting.is_public = is_public;
    return meeting;
  }

  Meeting Scheduled(std::string day) {
    const auto scheduled = meetings_.Schedule(official_, Typed(std::move(day)));
    EXPECT_TRUE(scheduled.ok()) << (scheduled.ok() ? "" : scheduled.error().message);
    return scheduled.ok() ? *scheduled : Meeting{};
  }

  std::int64_t body_ = 0;
  core::SignedIn official_{0, "", {}, {}}, editor_{0, "", {}, {}}, resident_{0, "", {}, {}}, elsewhere_{0, "", {}, {}};
};

TEST_F(MeetingsServiceTest, FollowUpsNotDoneComeBackOnTheNextAgendaUntilTheyAreDone) {
  const Meeting first = Scheduled("2026-12-01");
  ASSERT_TRUE(
      meetings_.AddFollowUp(official_, {0, first.id, std::nullopt, "Медиатори", "Община Лом", "2026-12-20", "open", ""})
          .ok());
  const auto done =
      meetings_.AddFollowUp(official_, {0, first.id, std::nullopt, "Отчет", "Секретар", "2026-12-10", "open", ""});
  ASSERT_TRUE(done.ok());
  const auto without_owner =
      meetings_.AddFollowUp(official_, {0, first.id, std::nullopt, "Нещо", " ", "2026-12-10", "open", ""});
  ASSERT_FALSE(without_owner.ok());
  EXPECT_EQ(without_owner.error().problems.at(0).field, "owner");
  FollowUp closed = *done;
  closed.state = "done";
  const auto changed = meetings_.ChangeFollowUp(official_, closed);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->done_on, "2026-12-05");

  const Meeting second = Scheduled("2026-12-15");
  const auto view = meetings_.Read(resident_, second.id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->agenda.size(), 1u) << "only the follow-up not done";
  EXPECT_EQ(view->agenda[0].item.title, "Медиатори (Община Лом)");
  EXPECT_EQ(view->agenda[0].follow_up->state, "open");
  EXPECT_FALSE(view->may_organise);
}

TEST_F(MeetingsServiceTest, OnlyThoseWhoWorkForThePlaceOrganiseAndPrivateMeetingsStayWithThem) {
  EXPECT_EQ(meetings_.Schedule(elsewhere_, Typed("2026-12-15")).error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(meetings_.Schedule(resident_, Typed("2026-12-15")).error().kind, core::ErrorKind::kForbidden);
  const auto ends_first = [&] {
    Meeting typed = Typed("2026-12-15");
    typed.ends_at = "2026-12-15T09:00";
    return meetings_.Schedule(editor_, typed);
  }();
  ASSERT_FALSE(ends_first.ok());
  EXPECT_EQ(ends_first.error().problems.at(0).field, "ends_at");
  const auto private_one = meetings_.Schedule(editor_, Typed("2026-12-15", false));
  ASSERT_TRUE(private_one.ok());
  EXPECT_EQ(meetings_.Read(resident_, private_one->id).error().kind, core::ErrorKind::kNotFound);
  EXPECT_TRUE(meetings_.Read(official_, private_one->id).ok());
  EXPECT_TRUE(meetings_.Meetings(resident_, body_).empty());
  EXPECT_EQ(meetings_.Register(resident_, private_one->id, true).error().kind, core::ErrorKind::kNotFound);
}

TEST_F(MeetingsServiceTest, AnInformationRequestGoesOnTheAgendaAndThePersonalCalendarHoldsWhatOneRegisteredFor) {
  requests::Filing filing;
  filing.place_code = "MON24";
  filing.subject = "Договорите за ремонта";
  filing.body = "Моля за копия на договорите.";
  filing.filed_on = "2026-11-20";
  const auto filed = filings_.File(editor_, filing);
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  const Meeting meeting = Scheduled("2026-12-15");
  const std::string link = requests::FilingPath(filed->id);
  EXPECT_EQ(meetings_.AddAgendaItem(official_, {0, meeting.id, 0, "Отказът", "/requests/999", std::nullopt})
                .error()
                .problems.at(0)
                .field,
            "link");
  ASSERT_TRUE(meetings_.AddAgendaItem(official_, {0, meeting.id, 0, "Договорите", link, std::nullopt}).ok());
  const auto discussing = meetings_.Discussing(link);
  ASSERT_EQ(discussing.size(), 1u);
  EXPECT_EQ(discussing[0].meeting.id, meeting.id);

  EXPECT_TRUE(*meetings_.Register(resident_, meeting.id, true));
  EXPECT_FALSE(*meetings_.Register(resident_, meeting.id, true)) << "once";
  EXPECT_EQ(meetings_.Read(official_, meeting.id)->registrations, 1);
  EXPECT_FALSE(meetings_.PersonCalendar("not-a-token-of-anyone-at-all", ""));
  const std::string token = meetings_.NewCalendarAddress(resident_);
  const auto calendar = meetings_.PersonCalendar(token, "https://khetane.example.org");
  ASSERT_TRUE(calendar.has_value());
  EXPECT_NE(calendar->find("UID:meeting-" + std::to_string(meeting.id) + "@khetane"), std::string::npos);
  const std::string renewed = meetings_.NewCalendarAddress(resident_);
  EXPECT_FALSE(meetings_.PersonCalendar(token, "")) << "a new address stops the old one";
  EXPECT_TRUE(meetings_.PersonCalendar(renewed, ""));
}

TEST_F(MeetingsServiceTest, AFollowUpsStateChangedFromAStaleFormIsRefusedAndKeepsTheOwnerAndDaySavedMeanwhile) {
  const Meeting meeting = Scheduled("2026-12-01");
  const auto agreed = meetings_.AddFollowUp(
      official_, {0, meeting.id, std::nullopt, "Медиатори", "Община Лом", "2026-12-20", "open", ""});
  ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  // Two organisers open the meeting's page; the first gives the follow-up to another owner and a later day.
  FollowUp moved = *agreed;
  moved.owner = "Читалище „Развитие“";
  moved.due_on = "2027-01-15";
  const auto first = meetings_.ChangeFollowUp(official_, moved);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->version, 2);
  // The second's form sends the state with the owner and the day it showed.
  FollowUp started = *agreed;
  started.state = "in_progress";
  const auto stale = meetings_.ChangeFollowUp(editor_, started);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  const auto stored = store_m_.FindFollowUp(agreed->id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->owner, "Читалище „Развитие“");
  EXPECT_EQ(stored->due_on, "2027-01-15");
  EXPECT_EQ(stored->state, "open");
  EXPECT_EQ(stored->version, 2);
  // From the page as it is now, the state changes and the owner and the day saved meanwhile stay.
  started = *stored;
  started.state = "in_progress";
  ASSERT_TRUE(meetings_.ChangeFollowUp(editor_, started).ok());
  const auto now = store_m_.FindFollowUp(agreed->id);
  EXPECT_EQ(now->state, "in_progress");
  EXPECT_EQ(now->owner, "Читалище „Развитие“");
  EXPECT_EQ(now->due_on, "2027-01-15");
}

TEST_F(MeetingsServiceTest, FollowUpChangesAtTheSameMomentFromOneVersionLeaveExactlyOneChange) {
  const Meeting meeting = Scheduled("2026-12-01");
  const auto agreed = meetings_.AddFollowUp(
      official_, {0, meeting.id, std::nullopt, "Медиатори", "Община Лом", "2026-12-20", "open", ""});
  ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  const auto saves = test_support::SaveAtOnce(8, [&](int i) {
    FollowUp changed = *agreed;
    changed.owner = "Секретар " + std::to_string(i);
    return meetings_.ChangeFollowUp(official_, changed);
  });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts, 7);
  EXPECT_EQ(store_m_.FindFollowUp(agreed->id)->version, 2);
}

TEST_F(MeetingsServiceTest, AttendanceFromAStaleFormIsRefusedAndTheFirstCountStays) {
  // Two organisers open the meeting's page at one version; the first records who came.
  const Meeting meeting = Scheduled("2026-12-01");
  ASSERT_TRUE(
      meetings_.SetAttendance(official_, meeting.id, meeting.version, {{"institution", 3}, {"resident", 9}}).ok());
  const auto stale = meetings_.SetAttendance(editor_, meeting.id, meeting.version, {{"resident", 12}});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  const auto view = meetings_.Read(official_, meeting.id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->attendance.size(), 2u);
  EXPECT_EQ(view->attendance[0].kind, "institution");
  EXPECT_EQ(view->attendance[0].count, 3);
  EXPECT_EQ(view->attendance[1].kind, "resident");
  EXPECT_EQ(view->attendance[1].count, 9);
  EXPECT_EQ(view->meeting.version, meeting.version + 1) << "attendance moves the meeting's version on";
  // From the page as it is now, the second records the count.
  ASSERT_TRUE(meetings_.SetAttendance(editor_, meeting.id, view->meeting.version, {{"resident", 12}}).ok());
  EXPECT_EQ(meetings_.Read(official_, meeting.id)->attendance.at(0).count, 12);
}

TEST_F(MeetingsServiceTest, AttendanceRecordedAtTheSameMomentFromOneVersionLeavesExactlyOneChange) {
  const Meeting meeting = Scheduled("2026-12-01");
  const auto saves = test_support::SaveAtOnce(8, [&](int i) {
    return meetings_.SetAttendance(official_, meeting.id, meeting.version, {{"resident", 10 + i}});
  });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts, 7);
  const auto view = meetings_.Read(official_, meeting.id);
  EXPECT_EQ(view->meeting.version, meeting.version + 1);
  EXPECT_EQ(view->attendance.size(), 1u) << "one count stored, as one was recorded";
}

}  // namespace
}  // namespace meetings
