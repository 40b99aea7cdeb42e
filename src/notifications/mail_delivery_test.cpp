#include "notifications/mail_delivery.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "db/migrator.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"

namespace {

using namespace std::chrono_literals;
using test_support::DecodedBody;
using test_support::DecodeEncodedWords;
using test_support::HeaderOf;

constexpr std::int64_t kNow = 1795251600;  // 2026-11-21 09:00 UTC

// A loopback port with nothing listening on it.
int ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

notifications::MailSettings SettingsFor(const std::string& url) {
  notifications::MailSettings settings;
  settings.smtp_url = url;
  settings.from = "khetane@obshtina-lom.bg";
  settings.connect_timeout = 5s;
  settings.timeout = 10s;
  return settings;
}

class MailDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_,
                {{"places", "src/modules/places/migrations"}, {"accounts", "src/modules/accounts/migrations"}});
  }

  std::int64_t AddMessage(const std::string& recipient, std::optional<std::int64_t> expires_at = kNow + 3600) {
    auto connection = database_->Acquire();
    connection->Execute(
        "INSERT INTO outbox (recipient, subject, body_text, purpose, created_at, expires_at) "
        "VALUES ($1, $2, $3, 'invitation', $4, $5)",
        {recipient, std::string("Покана за Khetane"),
         std::string("Здравейте,\n\nhttps://khetane.example.org/invitations/" + recipient + "\n"), kNow - 10,
         expires_at ? db::Value(*expires_at) : db::Value(nullptr)});
    return connection->QueryOne("SELECT MAX(id) FROM outbox")->Int(0);
  }

  notifications::OutboxMessage Message(std::int64_t id) {
    for (const auto& message : store_.List(100, 0)) {
      if (message.id == id) return message;
    }
    ADD_FAILURE() << "no outbox message " << id;
    return {};
  }

  test_support::TestDatabase database_;
  notifications::OutboxStore store_{*database_};
  test_support::SmtpSink sink_;
  notifications::SmtpSender sender_{SettingsFor(sink_.url())};
  notifications::MailDelivery delivery_{store_, sender_};
};

TEST_F(MailDeliveryTest, SendsADueMessageAndMarksItSent) {
  const std::int64_t id = AddMessage("official@lom.bg");
  const auto report = delivery_.DeliverDue(kNow);
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(report.failed, 0);

  const auto received = sink_.messages();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].mail_from, "khetane@obshtina-lom.bg");
  EXPECT_EQ(received[0].recipients, std::vector<std::string>{"official@lom.bg"});
  EXPECT_EQ(DecodeEncodedWords(HeaderOf(received[0].data, "Subject")), "Покана за Khetane");
  EXPECT_EQ(HeaderOf(received[0].data, "To"), "official@lom.bg");
  EXPECT_EQ(DecodedBody(received[0].data),
            "Здравейте,\r\n\r\nhttps://khetane.example.org/invitations/official@lom.bg\r\n");

  const auto message = Message(id);
  EXPECT_EQ(message.sent_at, kNow);
  EXPECT_EQ(message.attempts, 1);
  EXPECT_FALSE(message.last_error.has_value());

  EXPECT_EQ(delivery_.DeliverDue(kNow + 60).sent, 0) << "a sent message is sent once";
  EXPECT_EQ(sink_.messages().size(), 1u);
}

TEST_F(MailDeliveryTest, AMessageTheServerRefusesStaysInTheOutboxWithTheErrorAndIsTriedAgainLater) {
  const std::int64_t id = AddMessage("official@lom.bg");
  sink_.RefuseRecipients("451 4.7.1 Try again later");
  const auto report = delivery_.DeliverDue(kNow);
  EXPECT_EQ(report.sent, 0);
  EXPECT_EQ(report.failed, 1);

  auto message = Message(id);
  EXPECT_FALSE(message.sent_at.has_value());
  EXPECT_FALSE(message.given_up_at.has_value());
  EXPECT_EQ(message.attempts, 1);
  ASSERT_TRUE(message.last_error.has_value());
  EXPECT_NE(message.last_error->find("451 4.7.1 Try again later"), std::string::npos) << *message.last_error;
  EXPECT_EQ(message.next_attempt_at, kNow + 60);

  const int sessions = sink_.sessions();
  EXPECT_EQ(delivery_.DeliverDue(kNow + 59).failed, 0);
  EXPECT_EQ(sink_.sessions(), sessions) << "not tried before its time";

  sink_.RefuseRecipients("");
  EXPECT_EQ(delivery_.DeliverDue(kNow + 60).sent, 1);
  message = Message(id);
  EXPECT_EQ(message.sent_at, kNow + 60);
  EXPECT_EQ(message.attempts, 2);
  ASSERT_EQ(sink_.messages().size(), 1u);
}

TEST_F(MailDeliveryTest, KhetaneGivesUpAfterTheLastAttemptAndKeepsTheMessage) {
  const std::int64_t id = AddMessage("nobody@lom.bg", std::nullopt);
  sink_.RefuseRecipients("550 5.1.1 No such user");
  std::int64_t now = kNow;
  const auto attempts = static_cast<std::int64_t>(notifications::kRetryDelays.size()) + 1;
  for (std::int64_t attempt = 1; attempt <= attempts; ++attempt) {
    const auto report = delivery_.DeliverDue(now);
    EXPECT_EQ(report.failed + report.given_up, 1) << "attempt " << attempt;
    const auto message = Message(id);
    EXPECT_EQ(message.attempts, attempt);
    if (attempt < attempts) {
      EXPECT_EQ(message.next_attempt_at - now, notifications::kRetryDelays[attempt - 1].count());
      EXPECT_FALSE(message.given_up_at.has_value());
    }
    now = message.next_attempt_at;
  }
  const auto message = Message(id);
  EXPECT_TRUE(message.given_up_at.has_value());
  EXPECT_FALSE(message.sent_at.has_value());
  EXPECT_NE(message.last_error.value_or("").find("550 5.1.1 No such user"), std::string::npos);

  const int sessions = sink_.sessions();
  sink_.RefuseRecipients("");
  EXPECT_EQ(delivery_.DeliverDue(kNow + 365 * 24 * 3600).sent, 0);
  EXPECT_EQ(sink_.sessions(), sessions);
  EXPECT_EQ(store_.Count(), 1) << "nothing is deleted";
}

TEST_F(MailDeliveryTest, AMessageWhoseLinkExpiredIsNotSent) {
  const std::int64_t id = AddMessage("late@lom.bg", kNow);
  const auto report = delivery_.DeliverDue(kNow);
  EXPECT_EQ(report.given_up, 1);
  EXPECT_EQ(sink_.sessions(), 0);
  const auto message = Message(id);
  EXPECT_EQ(message.given_up_at, kNow);
  EXPECT_EQ(message.attempts, 0);
  EXPECT_EQ(message.last_error, std::string(notifications::kExpiredBeforeSending));
}

TEST_F(MailDeliveryTest, AnUnreachableServerEndsTheRoundAfterOneMessage) {
  const std::int64_t first = AddMessage("first@lom.bg");
  const std::int64_t second = AddMessage("second@lom.bg");
  const notifications::SmtpSender nowhere(SettingsFor("smtp://127.0.0.1:" + std::to_string(ClosedPort())));
  notifications::MailDelivery delivery(store_, nowhere);
  const auto report = delivery.DeliverDue(kNow);
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(Message(first).attempts, 1);
  EXPECT_FALSE(Message(first).last_error.value_or("").empty());
  EXPECT_EQ(Message(second).attempts, 0) << "left for the next round, not failed alike";
  EXPECT_EQ(Message(second).next_attempt_at, 0);
}

TEST_F(MailDeliveryTest, AMessageClaimedByAnotherProcessIsNotSentTwice) {
  const std::int64_t id = AddMessage("official@lom.bg");
  EXPECT_TRUE(store_.Claim(id, kNow, kNow + 900));
  EXPECT_FALSE(store_.Claim(id, kNow, kNow + 900)) << "one claim at a time";
  EXPECT_EQ(delivery_.DeliverDue(kNow).sent, 0);
  EXPECT_EQ(sink_.sessions(), 0);
  // The other process died while sending: after its claim runs out, the message goes.
  EXPECT_EQ(delivery_.DeliverDue(kNow + 900).sent, 1);
}

TEST_F(MailDeliveryTest, CredentialsAreNeverSentWithoutTls) {
  AddMessage("official@lom.bg");
  auto settings = SettingsFor(sink_.url());
  settings.username = "khetane";
  settings.password = "secret password";
  const notifications::SmtpSender sender(settings);
  notifications::MailDelivery delivery(store_, sender);
  EXPECT_EQ(delivery.DeliverDue(kNow).failed, 1);
  for (const auto& command : sink_.commands()) {
    EXPECT_FALSE(command.starts_with("AUTH")) << command;
    EXPECT_EQ(command.find("secret"), std::string::npos) << command;
  }
  EXPECT_TRUE(sink_.messages().empty());
  EXPECT_NE(store_.List(1, 0)[0].last_error.value_or("").find("STARTTLS"), std::string::npos);
}

TEST_F(MailDeliveryTest, TheLoopSendsInTheBackgroundAndStopsPromptly) {
  AddMessage("official@lom.bg", std::nullopt);
  {
    const core::SystemClock clock;
    notifications::MailDeliveryLoop loop(delivery_, clock, std::chrono::hours(1));
    ASSERT_TRUE(sink_.WaitForMessages(1, 20s));
    const auto before = std::chrono::steady_clock::now();
    loop.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s) << "no waiting out the interval";
  }
  EXPECT_TRUE(store_.List(1, 0)[0].sent_at.has_value());
}

TEST(MailDelivery, WaitsLongerAfterEachFailureThenGivesUp) {
  EXPECT_EQ(notifications::RetryDelay(1), std::chrono::seconds(60));
  EXPECT_EQ(notifications::RetryDelay(2), std::chrono::seconds(300));
  EXPECT_EQ(notifications::RetryDelay(3), std::chrono::seconds(1800));
  EXPECT_EQ(notifications::RetryDelay(6), std::chrono::seconds(12 * 3600));
  EXPECT_EQ(notifications::RetryDelay(7), std::nullopt);
  EXPECT_EQ(notifications::RetryDelay(0), std::nullopt);
}

TEST(MailSettings, RefuseWhatCannotWork) {
  auto settings = SettingsFor("smtp://mail.example.org:587");
  EXPECT_EQ(notifications::MailSettingsProblem(settings), std::nullopt);
  settings.smtp_url = "smtps://mail.example.org";
  EXPECT_EQ(notifications::MailSettingsProblem(settings), std::nullopt);

  for (const std::string url : {"http://mail.example.org", "mail.example.org:25", "smtp://", "smtp://:25",
                                "smtp://user:secret@mail.example.org", "smtp://mail.example.org /x"}) {
    settings.smtp_url = url;
    EXPECT_NE(notifications::MailSettingsProblem(settings), std::nullopt) << url;
  }
  settings.smtp_url = "smtp://mail.example.org:587";
  settings.from = "Khetane <khetane@example.org>";
  EXPECT_NE(notifications::MailSettingsProblem(settings), std::nullopt);
  settings.from = "khetane@example.org";
  settings.username = "khetane";
  EXPECT_NE(notifications::MailSettingsProblem(settings), std::nullopt) << "a user without a password";
}

TEST(MailSettings, ProtectTheConnectionAsTheUrlAndTheUserAsk) {
  auto settings = SettingsFor("smtps://mail.example.org");
  EXPECT_EQ(notifications::TlsFor(settings), notifications::SmtpTls::kImplicit);
  settings.smtp_url = "smtp://mail.example.org:587";
  EXPECT_EQ(notifications::TlsFor(settings), notifications::SmtpTls::kOpportunistic);
  settings.smtp_url = "smtp://localhost:25";
  EXPECT_EQ(notifications::TlsFor(settings), notifications::SmtpTls::kNone);
  settings.smtp_url = "smtp://127.0.0.1:25";
  EXPECT_EQ(notifications::TlsFor(settings), notifications::SmtpTls::kNone);
  settings.username = "khetane";
  settings.password = "secret";
  EXPECT_EQ(notifications::TlsFor(settings), notifications::SmtpTls::kRequired) << "a password never goes in clear";
}

}  // namespace
