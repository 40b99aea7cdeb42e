#include "notifications/outbox.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "support/test_database.hpp"

namespace {

constexpr std::int64_t kNow = 1795251600;  // 2026-11-21 09:00 UTC

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_,
                {{"places", "src/modules/places/migrations"}, {"accounts", "src/modules/accounts/migrations"}});
  }

  static core::Actor Administrator() {
    return {1, {{core::Role::kAdministrator, {core::ScopeKind::kInstallation, ""}}}, {"192.0.2.7", "req-1"}};
  }

  test_support::TestDatabase database_;
  core::FixedClock clock_{kNow};
  notifications::Outbox outbox_{*database_, clock_};
  notifications::OutboxStore store_{*database_};
};

TEST_F(OutboxTest, AQueuedMessageCarriesItsLinkAndIsNotWorthSendingOnceTheLinkExpires) {
  const std::int64_t id =
      outbox_.Queue({"official@lom.bg", "Your invitation", "Open {link} to choose your password. ({link})",
                     "invitation", notifications::ExpiringLink{"https://khetane.example.org/i/abc", kNow + 60}});
  const auto messages = store_.ListFor("official@lom.bg");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].id, id);
  EXPECT_EQ(messages[0].subject, "Your invitation");
  EXPECT_EQ(messages[0].body_text,
            "Open https://khetane.example.org/i/abc to choose your password. (https://khetane.example.org/i/abc)");
  EXPECT_EQ(messages[0].purpose, "invitation");
  EXPECT_EQ(messages[0].created_at, kNow) << "written at the clock's time";
  EXPECT_EQ(messages[0].expires_at, kNow + 60);
  EXPECT_FALSE(messages[0].sent_at.has_value());
}

TEST_F(OutboxTest, AMessageWithoutALinkNeverExpiresAndKeepsItsTextAsWritten) {
  outbox_.Queue({"official@lom.bg", "A deadline", "The answer is due in {days} days.", "deadline_reminder", {}});
  const auto messages = store_.ListFor("official@lom.bg");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].body_text, "The answer is due in {days} days.");
  EXPECT_FALSE(messages[0].expires_at.has_value());
}

TEST_F(OutboxTest, AQueuedMessageGoesWithTheTransactionItBelongsTo) {
  EXPECT_THROW(database_->Transaction([&](db::Connection& connection) {
    outbox_.Queue(connection, {"official@lom.bg", "s", "t", "invitation", {}});
    throw std::runtime_error("what the message tells of failed");
  }),
               std::runtime_error);
  EXPECT_TRUE(store_.ListFor("official@lom.bg").empty());
}

TEST_F(OutboxTest, OnlyAnAdministratorReadsTheOutbox) {
  outbox_.Queue({"official@lom.bg", "s", "{link}", "invitation", notifications::ExpiringLink{"/i/abc", kNow + 60}});
  const auto listed = outbox_.List(Administrator(), 10, 0);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 1);
  ASSERT_EQ(listed->messages.size(), 1u);
  EXPECT_EQ(listed->messages[0].body_text, "/i/abc");

  const core::Actor official{2, {{core::Role::kMunicipalOfficial, {core::ScopeKind::kMunicipality, "MON24"}}}, {}};
  const auto refused = outbox_.List(official, 10, 0);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
  EXPECT_FALSE(outbox_.List(core::Actor{}, 10, 0).ok()) << "nor a visitor";
}

TEST_F(OutboxTest, ForgettingARecipientRemovesEveryMessageToThem) {
  outbox_.Queue({"leaver@example.org", "s", "t", "password_reset", {}});
  outbox_.Queue({"stayer@example.org", "s", "t", "password_reset", {}});
  database_->Transaction([&](db::Connection& connection) { outbox_.Forget(connection, "leaver@example.org"); });
  EXPECT_TRUE(store_.ListFor("leaver@example.org").empty());
  EXPECT_EQ(store_.ListFor("stayer@example.org").size(), 1u);
}

}  // namespace
