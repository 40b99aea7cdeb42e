// An administrator invites a municipal official of Лом through the real binary; the official opens the link, chooses a
// password, signs in and sees the role. The link works once.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/server_suite.hpp"
#include "support/test_database.hpp"

namespace {

using test_support::CookieFrom;
using test_support::Get;
using test_support::HiddenCsrf;
using test_support::HttpResponse;
using test_support::PostForm;

class InvitationTest : public test_support::ServerSuite<InvitationTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(AddUser("admin@example.org", {"--name", "Administrator", "--role", "administrator"}));
    Serve();
  }
};

TEST_F(InvitationTest, AnAdministratorInvitesAnOfficialOfLomWhoSetsAPasswordAndSignsIn) {
  // The administrator prepares the invitation and sees the link.
  const std::string admin = test_support::SignIn(port(), "admin@example.org", "correct horse battery");
  ASSERT_FALSE(admin.empty());
  const HttpResponse form = Get(port(), "/admin/invitations/new", {"Cookie: session=" + admin});
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Общински служител"), std::string::npos) << "the roles, in Bulgarian";
  const std::string admin_csrf = HiddenCsrf(form.body);
  ASSERT_FALSE(admin_csrf.empty());

  const HttpResponse bad = PostForm(
      port(), "/admin/invitations",
      "csrf=" + admin_csrf + "&email=official%40lom.bg&name=Official&role=" + "municipal_official&scope=somewhere",
      "session=" + admin);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"official@lom.bg\""), std::string::npos) << "what was typed stays";

  const HttpResponse created = PostForm(port(), "/admin/invitations",
                                        "csrf=" + admin_csrf + "&email=official%40lom.bg&name=Official+of+Lom&role=" +
                                            "municipal_official&scope=municipality%3AMON24&language=bg",
                                        "session=" + admin);
  ASSERT_EQ(created.status, 201) << created.body;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(created.body, match, std::regex(R"(href="(/invitations/[A-Za-z0-9_-]+)\")")));
  const std::string link = match[1].str();
  const auto outbox =
      (*database_)
          ->Acquire()
          ->QueryOne("SELECT subject, body_text FROM outbox WHERE recipient = $1", {std::string("official@lom.bg")});
  ASSERT_TRUE(outbox.has_value());
  EXPECT_EQ(outbox->Text(0), "Покана за Khetane");
  EXPECT_NE(outbox->Text(1).find(link), std::string::npos);
  EXPECT_NE(outbox->Text(1).find("Лом (община)"), std::string::npos) << "the message names the place";

  // The official opens the link: a form, with the anonymous CSRF cookie.
  const HttpResponse choose = Get(port(), link);
  ASSERT_EQ(choose.status, 200);
  const std::string csrf_cookie = CookieFrom(choose, "csrf");
  ASSERT_FALSE(csrf_cookie.empty());
  EXPECT_EQ(HiddenCsrf(choose.body), csrf_cookie);
  EXPECT_EQ(choose.Header("cache-control"), "no-store");

  const HttpResponse mismatch =
      PostForm(port(), link, "csrf=" + csrf_cookie + "&password=a+good+long+password&password_again=other",
               "csrf=" + csrf_cookie);
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_NE(mismatch.body.find("Двете пароли не са еднакви."), std::string::npos);

  const HttpResponse set = PostForm(
      port(), link, "csrf=" + csrf_cookie + "&password=a+good+long+password&password_again=a+good+long+password",
      "csrf=" + csrf_cookie);
  ASSERT_EQ(set.status, 303) << set.body;
  EXPECT_EQ(set.Header("location"), "/signin?password_set=1");

  // The official signs in and sees the role for Лом.
  const std::string official = test_support::SignIn(port(), "official@lom.bg", "a good long password");
  ASSERT_FALSE(official.empty());
  const HttpResponse account = Get(port(), "/account", {"Cookie: session=" + official});
  ASSERT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("Общински служител"), std::string::npos);
  EXPECT_NE(account.body.find("Лом (община)"), std::string::npos) << "the scope by its name";

  // The link works once: a second use gets a clear page in Bulgarian.
  const HttpResponse reused = Get(port(), link);
  EXPECT_EQ(reused.status, 410);
  EXPECT_NE(reused.body.find("Тази връзка вече е използвана."), std::string::npos);
  const HttpResponse reposted = PostForm(
      port(), link, "csrf=" + csrf_cookie + "&password=another+long+password&password_again=another+long+password",
      "csrf=" + csrf_cookie);
  EXPECT_EQ(reposted.status, 410);
  const auto refused =
      (*database_)->Acquire()->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'link_refused'");
  EXPECT_GE(refused->Int(0), 2);
}

TEST_F(InvitationTest, AnExpiredLinkIsGoneWithAClearPage) {
  const std::string admin = test_support::SignIn(port(), "admin@example.org", "correct horse battery");
  ASSERT_FALSE(admin.empty());
  const HttpResponse form = Get(port(), "/admin/invitations/new", {"Cookie: session=" + admin});
  const HttpResponse created = PostForm(
      port(), "/admin/invitations",
      "csrf=" + HiddenCsrf(form.body) + "&email=late%40lom.bg&role=community_monitor&scope=municipality%3AMON24",
      "session=" + admin);
  ASSERT_EQ(created.status, 201) << created.body;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(created.body, match, std::regex(R"(href="(/invitations/[A-Za-z0-9_-]+)\")")));
  (*database_)
      ->Acquire()
      ->Execute(
          "UPDATE one_time_links SET expires_at = created_at - 1 WHERE user_id = (SELECT id FROM users WHERE email = "
          "$1)",
          {std::string("late@lom.bg")});
  const HttpResponse expired = Get(port(), match[1].str());
  EXPECT_EQ(expired.status, 410);
  EXPECT_NE(expired.body.find("Срокът на тази връзка е изтекъл."), std::string::npos);
}

TEST_F(InvitationTest, AnUnknownLinkGetsAClearPageAndNotAnError) {
  const HttpResponse unknown = Get(port(), "/invitations/not-a-real-token");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("Тази връзка не е позната."), std::string::npos);
}

TEST_F(InvitationTest, APasswordResetAnswersTheSameWhetherOrNotTheAccountExists) {
  const HttpResponse page = Get(port(), "/password-reset");
  ASSERT_EQ(page.status, 200);
  const std::string cookie = CookieFrom(page, "csrf");
  const std::string token = HiddenCsrf(page.body);
  const HttpResponse known =
      PostForm(port(), "/password-reset", "csrf=" + token + "&email=admin%40example.org", "csrf=" + cookie);
  const HttpResponse unknown =
      PostForm(port(), "/password-reset", "csrf=" + token + "&email=nobody%40example.org", "csrf=" + cookie);
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(known.status, unknown.status);
  EXPECT_NE(known.body.find("Ако има профил с този имейл адрес"), std::string::npos);
  EXPECT_EQ(std::regex_replace(known.body, std::regex("req-[^\"<]*|[0-9a-f]{16,}"), ""),
            std::regex_replace(unknown.body, std::regex("req-[^\"<]*|[0-9a-f]{16,}"), ""));
  const auto outbox = (*database_)->Acquire()->QueryOne("SELECT COUNT(*) FROM outbox WHERE purpose = 'password_reset'");
  EXPECT_EQ(outbox->Int(0), 1);
}

}  // namespace
