#include "modules/practices/events_service.hpp"

#include <gtest/gtest.h>

#include "kernel/data_version.hpp"
#include "support/meetings_fixture.hpp"

namespace practices {
namespace {

using core::Role;
using core::ScopeKind;

// The platform's events and studies on the meetings' fixture (Лом and Благоевград), with Gent loaded as `khetane
// import places` loads it: a platform of Лом and Gent, organised from Лом.
class EventsServiceTest : public test_support::MeetingsFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MeetingsFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"indicators", "src/modules/indicators/migrations"},
                             {"requests", "src/modules/requests/migrations"},
                             {"meetings", "src/modules/meetings/migrations"},
                             {"practices", "src/modules/practices/migrations"}});
    ASSERT_NO_FATAL_FAILURE(ImportBelgianMunicipalities("44021,Gent,BE234,Arr. Gent,265086,2022\n"));
    lom_ = Person("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    gent_ = Person("official@gent.be", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BE-44021"}});
    blagoevgrad_ = Person("official@blg.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
    const auto platform = meetings_.CreateBody(*lom_, {0, "platform", "Платформа Лом – Гент", "MON24", false});
    ASSERT_TRUE(platform.ok()) << platform.error().message;
    platform_ = platform->id;
    const auto council = meetings_.CreateBody(*lom_, {0, "municipal_council", "Общински съвет Лом", "MON24", false});
    ASSERT_TRUE(council.ok());
    council_ = council->id;
  }

  EventFields Visit() const {
    EventFields fields;
    fields.body_id = std::to_string(platform_);
    fields.title = "Посещение в Гент";
    fields.starts_at = "2027-03-10T09:00";
    fields.ends_at = "2027-03-12T13:00";
    fields.location = "Gent, Stadhuis";
    fields.kind = "exchange_visit";
    fields.host = "BE-44021";
    fields.municipalities = {{"MON24", "4"}, {"BE-44021", " 6 "}};
    return fields;
  }

  std::int64_t PracticeOfLom() {
    PracticeFields fields;
    fields.municipality_code = "MON24";
    fields.evidence_level = "promising";
    fields.areas = {"education"};
    fields.text.language = "bg";
    fields.text.texts[0] = "Родителски клубове";
    const auto id = practices_.Publish(*lom_, fields);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
  }

  static std::vector<std::string> FieldsOf(const core::Error& error) {
    std::vector<std::string> fields;
    for (const core::FieldProblem& problem : error.problems) fields.push_back(problem.field);
    return fields;
  }

  kernel::DataVersion version_{*database_};
  PracticesStore practices_store_{*database_};
  PracticesService practices_{practices_store_, places_, audit_, fixed_clock_, version_};
  EventsStore store_{*database_};
  EventsService events_{store_, practices_, meetings_, audit_, fixed_clock_};
  std::int64_t platform_ = 0, council_ = 0;
  std::optional<core::SignedIn> lom_, gent_, blagoevgrad_;
};

TEST_F(EventsServiceTest, AnExchangeVisitIsAMeetingOfThePlatformWithTheMunicipalitiesAndPeopleTakingPart) {
  const auto id = events_.Create(*lom_, Visit());
  ASSERT_TRUE(id.ok()) << id.error().message;
  const auto event = events_.Find(*gent_, *id);
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->kind, EventKind::kExchangeVisit);
  ASSERT_TRUE(event->host);
  EXPECT_EQ(event->host->name_en, "Gent");
  ASSERT_EQ(event->municipalities.size(), 2u);
  EXPECT_EQ(event->Participants(), 10);
  // The programme, report and follow-ups are the meeting's: it is there, in the platform's body.
  const auto meeting = meetings_.Read(*gent_, *id);
  ASSERT_TRUE(meeting.ok());
  EXPECT_EQ(meeting->meeting.title, "Посещение в Гент");
  EXPECT_EQ(meeting->body.id, platform_);
  EXPECT_EQ(events_.EventsOf(*gent_, "BE-44021").size(), 1u) << "Gent hosts it";
  EXPECT_EQ(events_.EventsOf(*gent_, "BLG03").size(), 0u);
}

TEST_F(EventsServiceTest, ARefusedEventSaysWhatIsWrongInWhichRowAndSchedulesNothing) {
  EventFields fields = Visit();
  fields.body_id = std::to_string(council_);  // a municipal council's sessions are not the platform's events
  fields.kind = "party";
  fields.ends_at = "2027-03-09T09:00";
  fields.municipalities = {{"MON24", "-3"}, {"XX-1", "2"}, {"MON24", "1"}, {"", "5"}};
  const auto refused = events_.Create(*lom_, fields);
  ASSERT_FALSE(refused.ok());
  const auto problems = FieldsOf(refused.error());
  for (const char* field :
       {"body", "kind", "ends_at", "participants_1", "municipality_2", "municipality_3", "municipality_4"}) {
    EXPECT_NE(std::find(problems.begin(), problems.end(), field), problems.end()) << field;
  }
  EXPECT_TRUE(events_.Events(*lom_).empty());
  EXPECT_TRUE(meetings_.Meetings(*lom_, std::nullopt).empty()) << "no meeting was scheduled";
}

TEST_F(EventsServiceTest, OnlyThoseWhoOrganiseThePlatformRecordAndChangeItsEventsAndAStaleChangeIsRefused) {
  EXPECT_EQ(events_.Create(*blagoevgrad_, Visit()).error().kind, core::ErrorKind::kForbidden);
  EXPECT_TRUE(events_.BodiesFor(*blagoevgrad_).empty());
  ASSERT_EQ(events_.BodiesFor(*lom_).size(), 1u) << "the platform, not the council";
  const auto id = events_.Create(*lom_, Visit());
  ASSERT_TRUE(id.ok());
  EventFields change;
  change.kind = "platform_meeting";
  change.host = "MON24";
  change.municipalities = {{"MON24", "12"}, {"BE-44021", "5"}, {"BLG03", "2"}};
  change.version = 1;
  EXPECT_EQ(events_.Change(*gent_, *id, change).error().kind, core::ErrorKind::kForbidden);
  ASSERT_TRUE(events_.Change(*lom_, *id, change).ok());
  const auto changed = events_.Find(*lom_, *id);
  EXPECT_EQ(changed->Participants(), 19);
  EXPECT_EQ(changed->host->code, "MON24");
  // Someone opened the form before that change: theirs is refused, and what is stored stays.
  change.municipalities = {{"MON24", "1"}};
  EXPECT_EQ(events_.Change(*lom_, *id, change).error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(events_.Find(*lom_, *id)->Participants(), 19);
}

TEST_F(EventsServiceTest, AMeetingOfThePlatformPutsAPracticeOnItsAgenda) {
  const std::int64_t practice = PracticeOfLom();
  const auto id = events_.Create(*lom_, Visit());
  ASSERT_TRUE(id.ok());
  const auto item = meetings_.AddAgendaItem(
      *lom_, {0, *id, 0, "Родителските клубове на Лом", "/practices/" + std::to_string(practice), std::nullopt});
  ASSERT_TRUE(item.ok()) << item.error().message;
  const auto discussing = meetings_.Discussing("/practices/" + std::to_string(practice));
  ASSERT_EQ(discussing.size(), 1u);
  EXPECT_EQ(discussing[0].meeting.id, *id);
}

TEST_F(EventsServiceTest, AStudyOfTwoMunicipalitiesLinksItsFindingsToThePracticesItFound) {
  const std::int64_t practice = PracticeOfLom();
  StudyFields fields;
  fields.title = "Сравнение на Лом и Гент";
  fields.authors = "Изследователски екип";
  fields.year = "2026";
  fields.link = "https://example.org/study.pdf";
  fields.municipalities = {"MON24", "", "BE-44021"};
  fields.findings = {{"Родителите идват, когато медиатор води срещите.", "/practices/" + std::to_string(practice)},
                     {"Малко общини измерват участието.", ""}};
  const auto id = events_.PublishStudy(*gent_, fields);
  ASSERT_TRUE(id.ok()) << id.error().message;
  const auto study = events_.FindStudy(*id, "en");
  ASSERT_TRUE(study.ok());
  EXPECT_EQ(study->municipalities.size(), 2u);
  ASSERT_EQ(study->findings.size(), 2u);
  EXPECT_EQ(study->findings[0].practice_title, "Родителски клубове");
  EXPECT_FALSE(study->findings[1].practice_id);
  const auto about = events_.FindingsAbout(practice);
  ASSERT_EQ(about.size(), 1u);
  EXPECT_EQ(about[0].study_title, "Сравнение на Лом и Гент");
  EXPECT_EQ(events_.StudiesOf("BE-44021").size(), 1u);
}

TEST_F(EventsServiceTest, AStudyIsPublishedOnlyByThoseWhoWorkForAMunicipalityItStudiedAndWithRealPractices) {
  StudyFields fields;
  fields.title = "Гент";
  fields.municipalities = {"BE-44021"};
  EXPECT_EQ(events_.PublishStudy(*blagoevgrad_, fields).error().kind, core::ErrorKind::kForbidden);
  fields.year = "1492";
  fields.link = "javascript:alert(1)";
  fields.municipalities = {};
  fields.findings = {{"", "/practices/999999"}, {"Намерено.", "somewhere"}};
  const auto refused = events_.PublishStudy(*gent_, fields);
  ASSERT_FALSE(refused.ok());
  const auto problems = FieldsOf(refused.error());
  for (const char* field : {"year", "link", "municipality_1", "finding_1", "practice_2"}) {
    EXPECT_NE(std::find(problems.begin(), problems.end(), field), problems.end()) << field;
  }
  EXPECT_TRUE(events_.Studies().empty());
}

}  // namespace
}  // namespace practices
