// With a mail server configured, an administrator invites an official of Лом through the real binary: the invitation
// goes out by SMTP with a full link built from the public URL, and the outbox shows it sent. When the mail server
// refuses it, the message stays in the outbox, marked failed with the server's reason. `khetane mail send` sends what
// is due once.

#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/server_suite.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"

namespace {

using namespace std::chrono_literals;
using test_support::CookieFrom;
using test_support::DecodedBody;
using test_support::DecodeEncodedWords;
using test_support::Get;
using test_support::HeaderOf;
using test_support::HiddenCsrf;
using test_support::HttpResponse;
using test_support::PostForm;

constexpr const char* kPublicUrl = "http://khetane.test";
constexpr const char* kSender = "khetane@khetane.test";

// The suite's database, served by a server of each test's own (ServeWithMail).
class MailTest : public test_support::ServerSuite<MailTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(AddUser("admin@example.org", {"--name", "Administrator", "--role", "administrator"}));
  }

  // `khetane serve` sending its outbox through `sink`.
  static std::unique_ptr<test_support::ServerProcess> ServeWithMail(const test_support::SmtpSink& sink) {
    return std::make_unique<test_support::ServerProcess>(
        database_->target(),
        std::vector<std::string>{"--smtp-url", sink.url(), "--mail-from", kSender, "--public-url", kPublicUrl});
  }

  // The administrator invites `email_encoded` as an official of Лом, in Bulgarian; returns the page that follows.
  static HttpResponse Invite(int port, const std::string& session, const std::string& email_encoded) {
    const HttpResponse form = Get(port, "/admin/invitations/new", {"Cookie: session=" + session});
    EXPECT_EQ(form.status, 200);
    return PostForm(port, "/admin/invitations",
                    "csrf=" + HiddenCsrf(form.body) + "&email=" + email_encoded +
                        "&name=Official+of+Lom&role=municipal_official&scope=municipality%3AMON24&language=bg",
                    "session=" + session);
  }

  // The delivery columns of the outbox message to `recipient` once `done` holds for them, within `timeout`.
  static std::optional<db::Row> WaitForOutbox(const std::string& recipient,
                                              const std::function<bool(const db::Row&)>& done,
                                              std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::optional<db::Row> row;
    while (std::chrono::steady_clock::now() < deadline) {
      row = (*database_)
                ->Acquire()
                ->QueryOne("SELECT sent_at, attempts, last_error, given_up_at FROM outbox WHERE recipient = $1",
                           {recipient});
      if (row && done(*row)) return row;
      std::this_thread::sleep_for(100ms);
    }
    return row;
  }
};

TEST_F(MailTest, AnInvitationGoesOutByEmailWithAFullLinkAndTheOutboxShowsItSent) {
  test_support::SmtpSink sink;
  const auto server = ServeWithMail(sink);
  const std::string admin = test_support::SignIn(server->port(), "admin@example.org", "correct horse battery");
  ASSERT_FALSE(admin.empty());

  const HttpResponse created = Invite(server->port(), admin, "official%40lom.bg");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_NE(created.body.find("Khetane изпраща поканата по имейл"), std::string::npos);
  std::smatch shown;
  ASSERT_TRUE(std::regex_search(created.body, shown,
                                std::regex(R"(href="(http://khetane\.test/invitations/[A-Za-z0-9_-]+)\")")))
      << "the administrator sees the link the message carries";

  ASSERT_TRUE(sink.WaitForMessages(1, 30s)) << "no message reached the mail server";
  const auto received = sink.messages();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].mail_from, kSender);
  EXPECT_EQ(received[0].recipients, std::vector<std::string>{"official@lom.bg"});
  EXPECT_EQ(HeaderOf(received[0].data, "To"), "official@lom.bg");
  EXPECT_EQ(DecodeEncodedWords(HeaderOf(received[0].data, "Subject")), "Покана за Khetane");
  const std::string body = DecodedBody(received[0].data);
  std::smatch link;
  ASSERT_TRUE(std::regex_search(body, link, std::regex(R"(http://khetane\.test/invitations/[A-Za-z0-9_-]+)"))) << body;
  EXPECT_EQ(link[0].str(), shown[1].str());

  // The link in the message works.
  const std::string path = link[0].str().substr(std::string(kPublicUrl).size());
  EXPECT_EQ(Get(server->port(), path).status, 200);

  const auto row = WaitForOutbox(
      "official@lom.bg", [](const db::Row& r) { return !r.IsNull(0); }, 10s);
  ASSERT_TRUE(row && !row->IsNull(0)) << "the outbox does not say it was sent";
  EXPECT_EQ(row->Int(1), 1);
  const HttpResponse outbox = Get(server->port(), "/admin/outbox", {"Cookie: session=" + admin});
  ASSERT_EQ(outbox.status, 200);
  EXPECT_NE(outbox.body.find("Изпращат се по имейл"), std::string::npos);
  EXPECT_NE(outbox.body.find("Изпратено: "), std::string::npos) << outbox.body;
  EXPECT_EQ(server->Stop(), 0) << "the mail thread stops with the server";
}

TEST_F(MailTest, AMessageTheMailServerRefusesStaysInTheOutboxMarkedFailedWithTheReason) {
  test_support::SmtpSink sink;
  sink.RefuseRecipients("451 4.7.1 Greylisted, try again later");
  const auto server = ServeWithMail(sink);
  const std::string admin = test_support::SignIn(server->port(), "admin@example.org", "correct horse battery");
  ASSERT_EQ(Invite(server->port(), admin, "refused%40lom.bg").status, 201);

  const auto row = WaitForOutbox(
      "refused@lom.bg", [](const db::Row& r) { return r.Int(1) >= 1; }, 30s);
  ASSERT_TRUE(row.has_value()) << "the message is not in the outbox";
  ASSERT_GE(row->Int(1), 1) << "no attempt was made";
  EXPECT_TRUE(row->IsNull(0)) << "not sent";
  EXPECT_TRUE(row->IsNull(3)) << "not given up after one refusal";
  EXPECT_NE(row->Text(2).find("451 4.7.1 Greylisted, try again later"), std::string::npos) << row->Text(2);
  EXPECT_TRUE(sink.messages().empty());

  const HttpResponse outbox = Get(server->port(), "/admin/outbox", {"Cookie: session=" + admin});
  ASSERT_EQ(outbox.status, 200);
  EXPECT_NE(outbox.body.find("refused@lom.bg"), std::string::npos);
  EXPECT_NE(outbox.body.find("Неуспешни опити: 1"), std::string::npos) << outbox.body;
  EXPECT_NE(outbox.body.find("Следващ опит"), std::string::npos);
  EXPECT_NE(outbox.body.find("451 4.7.1 Greylisted, try again later"), std::string::npos);
  EXPECT_NE(outbox.body.find("http://khetane.test/invitations/"), std::string::npos) << "the link, to pass on by hand";
}

TEST(MailCommand, SendsWhatIsDueOnceAndSaysHowMany) {
  test_support::TestDatabase database;
  const auto migrated = test_support::RunKhetane({"migrate", "--database", database.target()});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.output;
  database->Acquire()->Execute(
      "INSERT INTO outbox (recipient, subject, body_text, purpose, created_at) VALUES ($1, $2, $3, 'invitation', $4)",
      {std::string("official@lom.bg"), std::string("Покана за Khetane"), std::string("Здравейте"),
       std::int64_t{1795251600}});

  test_support::SmtpSink sink;
  const auto sent = test_support::RunKhetane(
      {"mail", "send", "--database", database.target(), "--smtp-url", sink.url(), "--mail-from", kSender});
  EXPECT_EQ(sent.exit_code, 0) << sent.output;
  EXPECT_NE(sent.output.find("sent 1, failed 0"), std::string::npos) << sent.output;
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(DecodedBody(sink.messages()[0].data), "Здравейте");

  const auto again = test_support::RunKhetane(
      {"mail", "send", "--database", database.target(), "--smtp-url", sink.url(), "--mail-from", kSender});
  EXPECT_NE(again.output.find("sent 0, failed 0"), std::string::npos) << again.output;
  EXPECT_EQ(sink.messages().size(), 1u);

  const auto unconfigured = test_support::RunKhetane({"mail", "send", "--database", database.target()});
  EXPECT_EQ(unconfigured.exit_code, 1);
  EXPECT_NE(unconfigured.output.find("--smtp-url"), std::string::npos) << unconfigured.output;
  const auto credentials_in_url =
      test_support::RunKhetane({"mail", "send", "--database", database.target(), "--smtp-url",
                                "smtp://user:secret@127.0.0.1:25", "--mail-from", kSender});
  EXPECT_EQ(credentials_in_url.exit_code, 1);
  EXPECT_NE(credentials_in_url.output.find("--smtp-password-file"), std::string::npos) << credentials_in_url.output;
}

}  // namespace
