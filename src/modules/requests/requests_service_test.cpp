#include "modules/requests/requests_service.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "db/migrator.hpp"
#include "kernel/audit_log.hpp"
#include "support/saves_at_once.hpp"
#include "support/test_database.hpp"

namespace requests {
namespace {

// The legal clock in the database: loaded once from data/requests, read back as the rules every deadline uses, and
// corrected by an administrator only.
class RequestsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"requests", "src/modules/requests/migrations"}});
    const auto loaded = service_r_.LoadReferenceData("data/requests");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_TRUE(*loaded);
  }

  std::int64_t CountRows(const std::string& table) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
  }

  test_support::TestDatabase database_;
  core::FixedClock fixed_clock_{1'796'472'000};  // 2026-12-05 12:00 UTC
  kernel::AuditLog audit_{*database_, fixed_clock_};
  const core::Actor admin_ = core::CommandLineActor();
  RequestsStore store_r_{*database_};
  RequestsService service_r_{store_r_, audit_, fixed_clock_};
};

TEST_F(RequestsServiceTest, LoadsTheShippedRulesOnceAndCountsWithThemFromTheDatabase) {
  EXPECT_FALSE(*service_r_.LoadReferenceData("data/requests")) << "loaded once: corrections are not overwritten";
  const Rules rules = service_r_.CurrentRules();
  EXPECT_EQ(rules.all().size(), 14u);
  EXPECT_EQ(rules.all().front().code, "info_request_decision") << "in the shipped table's order";
  EXPECT_FALSE(rules.Find("info_request_decision").checked);
  EXPECT_TRUE(rules.Find("appeal_decision").checked);
  EXPECT_EQ(IsoOf(Due(rules.Find("info_request_decision"), *DayOf("2026-03-27"), rules.calendar())), "2026-04-14")
      << "past Good Friday to Easter Monday, as the holidays in the database say";
  EXPECT_EQ(IsoOf(service_r_.Today()), "2026-12-05");
}

TEST_F(RequestsServiceTest, OnlyAnAdministratorCorrectsARuleAndTheChangeIsAudited) {
  DeadlineRule rule = service_r_.CurrentRules().Find("info_request_decision");
  const core::Actor official{7, {{core::Role::kMunicipalOfficial, {core::ScopeKind::kMunicipality, "MON24"}}}, {}};
  EXPECT_EQ(service_r_.ChangeRule(official, rule).error().kind, core::ErrorKind::kForbidden);
  rule.checked = true;
  rule.checked_on = "2026-12-04";
  rule.days = -3;
  rule.title_en = " ";
  const auto refused = service_r_.ChangeRule(admin_, rule);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().problems.size(), 2u);
  EXPECT_EQ(refused.error().problems[0].field, "days");
  EXPECT_EQ(refused.error().problems[1].field, "title_en");
  rule.days = 14;
  rule.title_en = "Decision on a request for public information";
  const auto changed = service_r_.ChangeRule(admin_, rule);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_TRUE(service_r_.CurrentRules().Find("info_request_decision").checked);
  EXPECT_EQ(service_r_.CurrentRules().Find("info_request_decision").checked_on, "2026-12-04");
  EXPECT_EQ(CountRows("audit_log WHERE action = 'deadline_rule_changed'"), 1);
  rule.code = "no_such_rule";
  EXPECT_EQ(service_r_.ChangeRule(admin_, rule).error().kind, core::ErrorKind::kNotFound);
}

TEST_F(RequestsServiceTest, ACorrectionFromAStaleFormIsAConflictAndTheFirstCorrectionStays) {
  // Two administrators open the rule's form at one version; the first stores a correction.
  const DeadlineRule opened = service_r_.CurrentRules().Find("info_request_decision");
  DeadlineRule first = opened;
  first.checked = true;
  first.checked_on = "2026-12-04";
  const auto stored = service_r_.ChangeRule(admin_, first);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->version, opened.version + 1);
  DeadlineRule second = opened;
  second.days = 7;
  const auto stale = service_r_.ChangeRule(admin_, second);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  const DeadlineRule now = service_r_.CurrentRules().Find("info_request_decision");
  EXPECT_TRUE(now.checked);
  EXPECT_EQ(now.checked_on, "2026-12-04");
  EXPECT_EQ(now.days, opened.days) << "the second correction changed nothing";
  EXPECT_EQ(now.version, opened.version + 1);
  EXPECT_EQ(CountRows("audit_log WHERE action = 'deadline_rule_changed'"), 1);
  // Having seen the rule as saved now, the second stores the correction from it.
  second = now;
  second.days = 7;
  ASSERT_TRUE(service_r_.ChangeRule(admin_, second).ok());
  EXPECT_EQ(service_r_.CurrentRules().Find("info_request_decision").days, 7);
}

TEST_F(RequestsServiceTest, CorrectionsAtTheSameMomentFromOneVersionLeaveExactlyOneChange) {
  // Eight administrators store the rule they all opened at one version, at once: the store's write checks the
  // version, so one correction wins and the others are told.
  const DeadlineRule opened = service_r_.CurrentRules().Find("info_request_decision");
  const auto saves = test_support::SaveAtOnce(8, [&](int i) {
    DeadlineRule corrected = opened;
    corrected.days = 10 + i;
    return service_r_.ChangeRule(admin_, corrected);
  });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts, 7);
  EXPECT_EQ(service_r_.CurrentRules().Find("info_request_decision").version, opened.version + 1);
  EXPECT_EQ(CountRows("audit_log WHERE action = 'deadline_rule_changed'"), 1) << "one change recorded, as one was made";
}

}  // namespace
}  // namespace requests
