#include "modules/meetings/meetings_service.hpp"

#include <gtest/gtest.h>

#include "support/meetings_fixture.hpp"

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

}  // namespace
}  // namespace meetings
