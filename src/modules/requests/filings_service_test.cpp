#include "modules/requests/filings_service.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "modules/accounts/organisation_store.hpp"
#include "modules/indicators/indicators_store.hpp"
#include "support/policies_fixture.hpp"

namespace requests {
namespace {

using core::Role;
using core::ScopeKind;

// Filings on the policies' fixture (Лом and Благоевград): an organisation with a CSO editor, another resident, an
// official of Лом and one of Благоевград; the clock at 5 December 2026.
class FilingsServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"indicators", "src/modules/indicators/migrations"},
                             {"requests", "src/modules/requests/migrations"}});
    ASSERT_TRUE(*legal_clock_.LoadReferenceData("data/requests"));
    ASSERT_TRUE(filings_.EnsureIndicator());
    const auto group = organisations_.Create(admin_, {"Сдружение „Заедно“", "cso", "MON24"});
    ASSERT_TRUE(group.ok()) << group.error().message;
    group_ = group->id;
    rosa_ = Person("rosa@zaedno.bg", "Роза", {Role::kCsoEditor, {ScopeKind::kMunicipality, "MON24"}});
    ASSERT_TRUE(organisations_.AddMember(admin_, group_, "rosa@zaedno.bg").ok());
    mira_ = Person("mira@zaedno.bg", "Мира", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});
    ASSERT_TRUE(organisations_.AddMember(admin_, group_, "mira@zaedno.bg").ok());
    asen_ = Person("asen@example.bg", "Асен", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});
    official_ = Person("official@lom.bg", "Служител", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    elsewhere_ = Person("official@blg.bg", "Другаде", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
  }

  Filing Typed(std::string registered = "2026-12-01") const {
    Filing filing;
    filing.place_code = "MON24";
    filing.subject = "Здравни медиатори";
    filing.body = "Колко здравни медиатори работят в общината?";
    filing.filed_on = registered;
    filing.organisation_id = group_;
    return filing;
  }

  Filing Filed(std::string registered = "2026-12-01") {
    const auto filed = filings_.File(rosa_, Typed(std::move(registered)));
    EXPECT_TRUE(filed.ok()) << (filed.ok() ? "" : filed.error().message);
    return filed.ok() ? *filed : Filing{};
  }

  FilingEvent Step(std::string kind, std::string day, std::string detail = "", std::string grounds = "") {
    FilingEvent event;
    event.kind = std::move(kind);
    event.day = std::move(day);
    event.detail = std::move(detail);
    event.grounds = std::move(grounds);
    return event;
  }

  std::int64_t Outbox(const std::string& recipient) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM outbox WHERE recipient = $1", {recipient})->Int(0);
  }

  std::optional<double> Fed(const std::string& period) {
    const auto row = database_->Acquire()->QueryOne(
        "SELECT o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.code = $1 AND "
        "o.place = 'MON24' AND o.period = $2 AND o.current = 1",
        {std::string(kAnsweredOnTime), period});
    return row ? std::optional(row->Double(0)) : std::nullopt;
  }

  core::FixedClock fixed_clock_{1'796'472'000};  // 2026-12-05 12:00 UTC
  accounts::OrganisationStore organisation_store_{*database_};
  accounts::OrganisationService organisations_{organisation_store_, accounts_, audit_, fixed_clock_, *database_};
  indicators::IndicatorsStore indicator_store_{*database_};
  indicators::IndicatorsService indicators_{indicator_store_, places_, service_, audit_, fixed_clock_, 5};
  RequestsStore legal_clock_store_{*database_};
  RequestsService legal_clock_{legal_clock_store_, audit_, fixed_clock_};
  FilingsStore store_f_{*database_};
  FilingsService filings_{store_f_, legal_clock_, places_, organisations_, indicators_, outbox_, audit_, fixed_clock_};
  std::int64_t group_ = 0;
  core::SignedIn rosa_{0, "", {}, {}}, mira_{0, "", {}, {}}, asen_{0, "", {}, {}}, official_{0, "", {}, {}},
      elsewhere_{0, "", {}, {}};
};

TEST_F(FilingsServiceTest, FilingNamesTheInstitutionAndKeepsTheOrganisationItWasFiledFor) {
  const Filing filed = Filed();
  EXPECT_EQ(filed.addressee, "Община Лом");
  EXPECT_EQ(filed.registered_on, "2026-12-01") << "registered the day it was filed unless told otherwise";
  EXPECT_EQ(filed.organisation_name, "Сдружение „Заедно“");
  const auto view = filings_.Read(asen_, filed.id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(IsoOf(*view->clock.decide_by), "2026-12-15");
  EXPECT_FALSE(view->may_record) << "a resident reads a public request but records nothing on it";
  Filing foreign = Typed();
  foreign.organisation_id = group_;
  const auto refused = filings_.File(asen_, foreign);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().problems.at(0).field, "organisation");
  Filing nowhere = Typed();
  nowhere.place_code = "XYZ99";
  EXPECT_EQ(filings_.File(rosa_, nowhere).error().problems.at(0).field, "place");
}

TEST_F(FilingsServiceTest, APrivateFilingIsSeenOnlyByItsFilerOrganisationAndThePlace) {
  Filing typed = Typed();
  typed.is_public = false;
  const Filing filed = *filings_.File(rosa_, typed);
  EXPECT_TRUE(filings_.Read(mira_, filed.id).ok()) << "a member of the organisation";
  EXPECT_TRUE(filings_.Read(official_, filed.id).ok()) << "an official of Лом records the institution's steps";
  EXPECT_EQ(filings_.Read(asen_, filed.id).error().kind, core::ErrorKind::kNotFound);
  EXPECT_EQ(filings_.Read(core::Actor{}, filed.id).error().kind, core::ErrorKind::kNotFound);
  EXPECT_TRUE(filings_.List(core::Actor{}, {}).empty());
  EXPECT_EQ(filings_.List(mira_, {}).size(), 1u);
}

TEST_F(FilingsServiceTest, RecordingStepsMovesTheDeadlineAndADecisionFeedsTheIndicator) {
  const Filing filed = Filed("2026-11-02");
  EXPECT_EQ(filings_.Record(elsewhere_, filed.id, 1, Step("extended", "2026-11-10", "volume")).error().kind,
            core::ErrorKind::kForbidden);
  const auto extended = filings_.Record(official_, filed.id, 1, Step("extended", "2026-11-10", "volume"));
  ASSERT_TRUE(extended.ok()) << extended.error().message;
  EXPECT_EQ(IsoOf(*extended->clock.decide_by), "2026-11-26");
  EXPECT_EQ(filings_.Record(rosa_, filed.id, 1, Step("decided", "2026-11-20", "granted")).error().kind,
            core::ErrorKind::kConflict)
      << "a step recorded on an old version";
  const auto early = filings_.Record(rosa_, filed.id, 2, Step("decided", "2026-10-30", "granted"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().problems.at(0).field, "day") << "an answer dated before the request";
  EXPECT_FALSE(Fed("2026"));
  const auto refused = filings_.Record(rosa_, filed.id, 2, Step("decided", "2026-11-27", "refused", "none_stated"));
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_TRUE(refused->clock.decided_late);
  EXPECT_TRUE(refused->may_appeal);
  EXPECT_EQ(IsoOf(*refused->clock.appeal_by), "2026-12-11");
  EXPECT_EQ(Fed("2026"), 0.0) << "the one request of the year was decided late";
  const Filing second = Filed("2026-11-02");
  ASSERT_TRUE(filings_.Record(official_, second.id, 1, Step("decided", "2026-11-12", "granted")).ok());
  EXPECT_EQ(Fed("2026"), 50.0);
  const auto institutions = filings_.Institutions();
  ASSERT_EQ(institutions.size(), 1u);
  EXPECT_EQ(institutions[0].on_time, 1);
  EXPECT_EQ(institutions[0].late, 1);
}

TEST_F(FilingsServiceTest, RemindsTheFilerAndTheOrganisationOnceBeforeADeadlineAndWhenItPasses) {
  const Filing filed = Filed("2026-11-24");  // due 8 December: three days from the clock
  EXPECT_EQ(filings_.QueueReminders("https://khetane.example.org"), 2) << "Роза and Мира";
  EXPECT_EQ(Outbox("rosa@zaedno.bg"), 1);
  EXPECT_EQ(Outbox("mira@zaedno.bg"), 1);
  EXPECT_EQ(filings_.QueueReminders(""), 0) << "once";
  fixed_clock_.Advance(std::chrono::days(4));  // 9 December: the deadline passed unanswered
  EXPECT_EQ(filings_.QueueReminders(""), 2);
  EXPECT_EQ(Fed("2026"), 0.0) << "a silent refusal counts against the institution";
  const auto text = database_->Acquire()->QueryOne(
      "SELECT body_text FROM outbox WHERE recipient = 'rosa@zaedno.bg' ORDER BY id DESC LIMIT 1");
  EXPECT_NE(text->Text(0).find("2026-12-08"), std::string::npos) << text->Text(0);
  EXPECT_NE(text->Text(0).find("/requests/" + std::to_string(filed.id)), std::string::npos);
  EXPECT_EQ(filings_.QueueReminders(""), 0);
}

}  // namespace
}  // namespace requests
