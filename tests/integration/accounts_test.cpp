// Signing in and out through the real binary, as a browser does: cookies, CSRF tokens, pages in Bulgarian.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "http/request.hpp"
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

class SignInTest : public test_support::ServerSuite<SignInTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(AddUser("lom@example.org", {"--name", "Official of Lom"}));
    Serve();
  }

  // Opens the sign-in page; returns the anonymous CSRF cookie and the token of its form.
  static std::pair<std::string, std::string> OpenSignInPage() {
    const HttpResponse page = Get(port(), "/signin");
    EXPECT_EQ(page.status, 200);
    return {CookieFrom(page, "csrf"), HiddenCsrf(page.body)};
  }
};

TEST_F(SignInTest, AWrongPasswordShowsAMessageInBulgarianAndKeepsTheEmail) {
  const auto [cookie, token] = OpenSignInPage();
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(cookie, token);
  const HttpResponse answer =
      PostForm(port(), "/signin", "csrf=" + token + "&email=lom%40example.org&password=wrong", "csrf=" + cookie);
  EXPECT_EQ(answer.status, 401);
  EXPECT_NE(answer.body.find("Имейл адресът или паролата не са верни."), std::string::npos);
  EXPECT_NE(answer.body.find("value=\"lom@example.org\""), std::string::npos) << "what was typed stays";
  EXPECT_TRUE(CookieFrom(answer, "session").empty());
}

TEST_F(SignInTest, TooManyFailedSignInsGetTooManyRequestsAndTheFormComesBackWithTheEmail) {
  const auto [cookie, token] = OpenSignInPage();
  const std::string form = "csrf=" + token + "&email=guesser%40example.org&password=guess";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(PostForm(port(), "/signin", form, "csrf=" + cookie).status, 401);
  // The next try waits a second after the third failure (2 s after a fourth, if the clock turned a second between).
  HttpResponse throttled = PostForm(port(), "/signin", form, "csrf=" + cookie);
  if (throttled.status == 401) throttled = PostForm(port(), "/signin", form, "csrf=" + cookie);
  EXPECT_EQ(throttled.status, 429);
  const std::string wait = throttled.Header("retry-after");
  EXPECT_TRUE(wait == "1" || wait == "2") << wait;
  EXPECT_NE(throttled.body.find("Твърде много неуспешни опити за вход. Изчакайте " + wait + " с и опитайте отново."),
            std::string::npos);
  EXPECT_NE(throttled.body.find("value=\"guesser@example.org\""), std::string::npos) << "what was typed stays";
}

TEST_F(SignInTest, AFormWithoutItsCsrfTokenIsRefusedAndAudited) {
  const HttpResponse answer =
      PostForm(port(), "/signin", "email=lom%40example.org&password=correct+horse+battery", "csrf=forged");
  EXPECT_EQ(answer.status, 403);
  EXPECT_NE(answer.body.find("Формулярът е изтекъл"), std::string::npos);
  EXPECT_TRUE(CookieFrom(answer, "session").empty());
  const auto audited =
      (*database_)->Acquire()->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'csrf_rejected'");
  EXPECT_GE(audited->Int(0), 1);
}

TEST_F(SignInTest, ACookieAndAFieldThatAreNotATokenOfOursAreRefusedThoughTheyMatch) {
  EXPECT_EQ(
      PostForm(port(), "/signin", "csrf=a&email=lom%40example.org&password=correct+horse+battery", "csrf=a").status,
      403);
  EXPECT_EQ(PostForm(port(), "/signin", "csrf=&email=lom%40example.org&password=x", "csrf=").status, 403);
}

TEST_F(SignInTest, AFormABrowserSaysCameFromAnotherSiteIsRefusedWhateverItsTokens) {
  const auto [cookie, token] = OpenSignInPage();
  const std::string form = "csrf=" + token + "&email=lom%40example.org&password=correct+horse+battery";
  for (const char* elsewhere : {"cross-site", "same-site"}) {
    EXPECT_EQ(test_support::Request(port(), "POST", "/signin",
                                    {"Content-Type: application/x-www-form-urlencoded", "Cookie: csrf=" + cookie,
                                     std::string("Sec-Fetch-Site: ") + elsewhere},
                                    form)
                  .status,
              403)
        << elsewhere;
  }
  EXPECT_EQ(test_support::Request(port(), "POST", "/signin",
                                  {"Content-Type: application/x-www-form-urlencoded", "Cookie: csrf=" + cookie,
                                   "Sec-Fetch-Site: same-origin"},
                                  form)
                .status,
            303);
}

TEST_F(SignInTest, ARefusedFormAtAOneTimeLinkAuditsTheRouteNotTheToken) {
  const std::string token = "Zm9yZ2VkLXRva2VuLXRoYXQtbXVzdC1ub3QtbGVhaw";
  EXPECT_EQ(PostForm(port(), "/password-reset/" + token, "password=x", "csrf=forged").status, 403);
  const auto row =
      (*database_)
          ->Acquire()
          ->QueryOne("SELECT subject FROM audit_log WHERE action = 'csrf_rejected' ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Text(0).find(token), std::string::npos) << row->Text(0);
  EXPECT_NE(row->Text(0).find("/password-reset/"), std::string::npos) << row->Text(0);
}

TEST_F(SignInTest, SigningInLeadsHomeAndSigningOutEndsTheSession) {
  const auto [cookie, token] = OpenSignInPage();
  const HttpResponse signed_in = PostForm(
      port(), "/signin", "csrf=" + token + "&email=LOM%40example.org&password=correct+horse+battery", "csrf=" + cookie);
  ASSERT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.Header("location"), "/") << "home, where each module shows what the user's work needs";
  const std::string session = CookieFrom(signed_in, "session");
  ASSERT_FALSE(session.empty());
  EXPECT_NE(signed_in.Header("set-cookie").find("HttpOnly"), std::string::npos);
  EXPECT_NE(signed_in.Header("set-cookie").find("SameSite=Lax"), std::string::npos);

  const HttpResponse account = Get(port(), "/account", {"Cookie: session=" + session});
  EXPECT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("Official of Lom"), std::string::npos);
  EXPECT_EQ(account.Header("cache-control"), "private, no-store");
  const std::string session_csrf = HiddenCsrf(account.body);
  ASSERT_FALSE(session_csrf.empty());

  EXPECT_EQ(PostForm(port(), "/signout", "csrf=wrong", "session=" + session).status, 403);
  EXPECT_EQ(PostForm(port(), "/signout", "csrf=" + session_csrf, "session=" + session).status, 303);
  const HttpResponse after = Get(port(), "/account", {"Cookie: session=" + session});
  EXPECT_EQ(after.status, 303) << "the old cookie no longer opens the account";
  EXPECT_EQ(after.Header("location"), "/signin?next=/account");
}

// Signs in through the form and returns the session cookie and its CSRF token.
std::pair<std::string, std::string> SignInOverHttp(int port, const std::string& email, const std::string& password) {
  const HttpResponse page = Get(port, "/signin");
  const std::string cookie = CookieFrom(page, "csrf");
  const HttpResponse signed_in = PostForm(port, "/signin",
                                          "csrf=" + HiddenCsrf(page.body) + "&email=" + http::PercentEncode(email) +
                                              "&password=" + http::PercentEncode(password),
                                          "csrf=" + cookie);
  const std::string session = CookieFrom(signed_in, "session");
  const HttpResponse account = Get(port, "/account", {"Cookie: session=" + session});
  return {session, HiddenCsrf(account.body)};
}

TEST_F(SignInTest, SigningInAsAnotherUserEndsTheFirstSession) {
  ASSERT_NO_FATAL_FAILURE(AddUser("other@example.org", {"--name", "Another official"}));
  const auto [first, first_csrf] = SignInOverHttp(port(), "lom@example.org", "correct horse battery");
  // The sign-in page as the first user's browser shows it: its form carries that session's token.
  const HttpResponse page = Get(port(), "/signin", {"Cookie: session=" + first});
  const HttpResponse second = PostForm(
      port(), "/signin", "csrf=" + HiddenCsrf(page.body) + "&email=other%40example.org&password=correct+horse+battery",
      "session=" + first);
  ASSERT_EQ(second.status, 303);
  EXPECT_EQ(Get(port(), "/account", {"Cookie: session=" + first}).status, 303)
      << "the first session no longer opens the account";
}

TEST_F(SignInTest, AUserDownloadsTheirDataAndDeletesTheirAccountKeepingNothingThatNamesThem) {
  ASSERT_EQ(
      test_support::AddUser(database_->target(), "leaver@example.org", "leaving for good 123", {"--name", "Leaver"})
          .exit_code,
      0);
  const auto [session, csrf] = SignInOverHttp(port(), "leaver@example.org", "leaving for good 123");
  ASSERT_FALSE(session.empty());

  const HttpResponse data = Get(port(), "/account/data.json", {"Cookie: session=" + session});
  EXPECT_EQ(data.status, 200);
  EXPECT_NE(data.Header("content-disposition").find("attachment"), std::string::npos);
  const auto exported = nlohmann::json::parse(data.body);
  EXPECT_EQ(exported["account"]["email"], "leaver@example.org");
  EXPECT_EQ(exported["sign_in_attempts"].size(), 1u);
  EXPECT_EQ(exported["sessions"].size(), 1u);
  EXPECT_EQ(data.body.find("argon2"), std::string::npos) << "no password hash in the copy";

  const HttpResponse wrong =
      PostForm(port(), "/account/delete", "csrf=" + csrf + "&password=not+mine", "session=" + session);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Паролата не е вярна"), std::string::npos);
  EXPECT_EQ(Get(port(), "/account", {"Cookie: session=" + session}).status, 200) << "nothing changed";

  const HttpResponse deleted =
      PostForm(port(), "/account/delete", "csrf=" + csrf + "&password=leaving+for+good+123", "session=" + session);
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(Get(port(), "/account", {"Cookie: session=" + session}).status, 303) << "the session is gone";

  auto connection = (*database_)->Acquire();
  EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM users WHERE email = 'leaver@example.org'")->Int(0), 0);
  EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM users WHERE display_name LIKE 'Former user %'")->Int(0), 1);
  EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM audit_log WHERE subject LIKE '%leaver@example.org%'")->Int(0),
            0);
  EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'account_deleted'")->Int(0), 1);
  EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM sign_in_attempts WHERE email = 'leaver@example.org'")->Int(0),
            0);
  // The old email and password open nothing.
  EXPECT_TRUE(SignInOverHttp(port(), "leaver@example.org", "leaving for good 123").first.empty());
}

TEST_F(SignInTest, AnApiTokenFromTheCommandLineOpensTheApiAndRevokingItClosesIt) {
  EXPECT_EQ(Get(port(), "/api/v1/me").status, 401);
  const auto issued = test_support::RunKhetane({"user", "token", "lom@example.org", "--database", database_->target()});
  ASSERT_EQ(issued.exit_code, 0) << issued.output;
  const std::string token = issued.output.substr(0, issued.output.find('\n'));
  ASSERT_TRUE(token.starts_with("kht_")) << issued.output;

  const HttpResponse me = Get(port(), "/api/v1/me", {"Authorization: Bearer " + token});
  EXPECT_EQ(me.status, 200);
  EXPECT_NE(me.body.find("\"email\":\"lom@example.org\""), std::string::npos) << me.body;
  EXPECT_EQ(me.Header("cache-control"), "private, no-store") << "a person's own data stays in no cache";
  // A program with a token needs no CSRF token: a POST is judged by the permission table, not refused as forged.
  EXPECT_EQ(test_support::Request(port(), "POST", "/signout", {"Authorization: Bearer " + token}).status, 303);

  ASSERT_EQ(test_support::RunKhetane({"user", "revoke-tokens", "lom@example.org", "--database", database_->target()})
                .exit_code,
            0);
  EXPECT_EQ(Get(port(), "/api/v1/me", {"Authorization: Bearer " + token}).status, 401);
}

}  // namespace
