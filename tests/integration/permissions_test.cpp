// Walks every route of the application with every kind of user and checks each answer against the access the route
// declared where it is registered (kernel::Routes). A route cannot be registered without one.

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "application/application.hpp"
#include "core/clock.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "notifications/outbox.hpp"
#include "support/test_database.hpp"

namespace {

struct Persona {
  std::string name;
  std::string cookie;  // the Cookie header
  std::string csrf;
  std::optional<core::Actor> actor;  // what the route's declared access judges
};

// A path that the router sends to `route`: each parameter gets a sample value, tried until one fits.
std::optional<std::string> SamplePath(const http::Router& router, const http::Router::Route& route,
                                      const std::string& partial) {
  // A municipality, an oblast, a language, an id, 64 hex digits (a file's SHA-256, a receipt's key), a country and a
  // NUTS 3 region.
  static const std::vector<std::string> kSamples = {"MON24", "MON", "bg", "1", std::string(64, 'a'), "CZ", "CZ080"};
  static const std::regex kParameter(R"(\{[^/]*\})");
  std::smatch parameter;
  if (!std::regex_search(partial, parameter, kParameter)) {
    const auto match = router.Find(route.method, partial);
    return match.route == &route ? std::optional(partial) : std::nullopt;
  }
  for (const auto& sample : kSamples) {
    auto path = SamplePath(router, route, parameter.prefix().str() + sample + parameter.suffix().str());
    if (path) return path;
  }
  return std::nullopt;
}

class PermissionWalk : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new test_support::TestDatabase();
    app_ = new application::Application(**database_, {KHETANE_SOURCE_DIR, KHETANE_LOCALE_DIR_FOR_TESTS});
    const core::SystemClock clock;
    kernel::AuditLog audit(**database_, clock);
    notifications::Outbox outbox(**database_, clock);
    accounts::AccountsStore store(**database_);
    accounts::AccountsService users(store, audit, outbox, clock, **database_);
    accounts::SessionService sessions(store, audit, clock);
    personas_.push_back({"anonymous", "csrf=anonymous-token-of-enough-length-0000000000",
                         "anonymous-token-of-enough-length-0000000000", std::nullopt});
    const std::vector<std::pair<std::string, std::optional<accounts::RoleAssignment>>> people = {
        {"member@example.org", std::nullopt},
        {"official@lom.bg",
         accounts::RoleAssignment{accounts::Role::kMunicipalOfficial, {accounts::ScopeKind::kMunicipality, "MON24"}}},
        {"monitor@example.org",
         accounts::RoleAssignment{accounts::Role::kCommunityMonitor, {accounts::ScopeKind::kOblast, "BLG"}}},
        {"admin@example.org",
         accounts::RoleAssignment{accounts::Role::kAdministrator, {accounts::ScopeKind::kInstallation, ""}}},
    };
    for (const auto& [email, role] : people) {
      ASSERT_TRUE(users.AddUser(email, "", "correct horse battery").ok());
      if (role) {
        ASSERT_TRUE(users.GrantRole(core::CommandLineActor(), email, *role).ok());
      }
      auto signed_in = sessions.SignIn(email, "correct horse battery", {"127.0.0.1", "walk"});
      ASSERT_TRUE(signed_in.ok());
      const auto session = sessions.Resume(signed_in->session_token);
      ASSERT_TRUE(session.has_value());
      personas_.push_back({email, "session=" + signed_in->session_token, signed_in->csrf_token,
                           core::Actor{session->user.id, session->roles, {}}});
    }
  }
  static void TearDownTestSuite() {
    delete app_;
    delete database_;
  }

  static test_support::TestDatabase* database_;
  static application::Application* app_;
  static std::vector<Persona> personas_;
};
test_support::TestDatabase* PermissionWalk::database_ = nullptr;
application::Application* PermissionWalk::app_ = nullptr;
std::vector<Persona> PermissionWalk::personas_;

TEST_F(PermissionWalk, EveryRouteAnswersEveryKindOfUserAsItsDeclaredAccessSays) {
  // Signing out ends the personas' sessions: walk it last.
  auto routes = app_->router().routes();
  std::stable_partition(routes.begin(), routes.end(), [](const auto* route) { return route->pattern != "/signout"; });
  std::size_t checked = 0;
  for (const auto* route : routes) {
    const core::Access access = route->access;
    EXPECT_FALSE(route->module.empty()) << route->pattern << ": every route says which module declared it";
    const auto path = SamplePath(app_->router(), *route, route->pattern);
    ASSERT_TRUE(path.has_value()) << "no sample path for " << route->pattern;

    for (const Persona& persona : personas_) {
      http::Request request;
      request.method = route->method;
      request.path = *path;
      request.request_id = "walk";
      request.remote_address = "127.0.0.1";
      request.headers = {{"cookie", persona.cookie}};
      if (route->method == http::Method::kPost) {
        request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
        request.body = "csrf=" + persona.csrf;
      }
      const http::Response response = app_->Handle(request);
      const std::string where = std::string(http::MethodName(route->method)) + " " + *path + " as " + persona.name +
                                ": " + std::to_string(response.status);
      const bool sent_to_sign_in =
          response.status == 303 && response.Header("Location").value_or("").starts_with("/signin");
      // A 403 from the route's access says so; a service may still refuse a signed-in user outside their scope.
      const bool refused_by_access = response.status == 403 && response.Header(accounts::kRefusedByHeader) ==
                                                                   std::optional<std::string>("route-access");
      const bool denied = response.status == 401 || refused_by_access || sent_to_sign_in;
      const bool allowed = access.Allows(persona.actor ? &*persona.actor : nullptr);
      EXPECT_EQ(denied, !allowed) << where;
      EXPECT_LT(response.status, 500) << where << ": a sample request, even a form sent to a JSON route, is no crash";
      if (response.status == 403 && !refused_by_access) {
        EXPECT_EQ(access, core::Access::SignedIn()) << where << ": only scoped routes refuse in their service";
        EXPECT_NE(persona.name, "admin@example.org") << where << ": an administrator's scope covers everything";
      }
      if (!allowed && !persona.actor) {
        EXPECT_TRUE(sent_to_sign_in || response.status == 401 || route->method != http::Method::kGet) << where;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, routes.size() * personas_.size());
  EXPECT_GE(routes.size(), 17u);
}

TEST_F(PermissionWalk, OnlyAnAdministratorReadsTheAuditLog) {
  const core::SystemClock clock;
  kernel::AuditLog audit(**database_, clock);
  accounts::AccountsStore store(**database_);
  accounts::SessionService sessions(store, audit, clock);
  // Fresh sessions: the walk above signs everybody out at its end.
  for (const char* email : {"admin@example.org", "official@lom.bg", "member@example.org"}) {
    auto signed_in = sessions.SignIn(email, "correct horse battery", {"127.0.0.1", "audit"});
    ASSERT_TRUE(signed_in.ok());
    http::Request request;
    request.path = "/admin/audit";
    request.query_string = "action=sign_in";
    request.request_id = "audit";
    request.headers = {{"cookie", "session=" + signed_in->session_token}};
    const http::Response response = app_->Handle(request);
    if (std::string(email) == "admin@example.org") {
      EXPECT_EQ(response.status, 200);
      EXPECT_NE(response.body.find("official@lom.bg"), std::string::npos) << "the sign-ins are listed";
      EXPECT_EQ(response.body.find("csrf_rejected</td>"), std::string::npos) << "the filter keeps only sign-ins";
    } else {
      EXPECT_EQ(response.status, 403) << email;
    }
  }
}

}  // namespace

namespace {

TEST_F(PermissionWalk, AnAdministratorGrantsARoleAndRevokesItAfterConfirming) {
  const core::SystemClock clock;
  kernel::AuditLog audit(**database_, clock);
  accounts::AccountsStore store(**database_);
  accounts::SessionService sessions(store, audit, clock);
  auto admin = sessions.SignIn("admin@example.org", "correct horse battery", {"127.0.0.1", "grant"});
  ASSERT_TRUE(admin.ok());
  const auto member = store.FindUserByEmail("member@example.org");
  ASSERT_TRUE(member.has_value());
  const std::string user_path = "/admin/users/" + std::to_string(member->id);
  const auto send = [&](http::Method method, const std::string& target, const std::string& body = "") {
    http::Request request;
    request.method = method;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query_string = target.substr(question + 1);
    request.request_id = "grant";
    request.headers = {{"cookie", "session=" + admin->session_token},
                       {"content-type", "application/x-www-form-urlencoded"}};
    request.body = body.empty() ? "" : "csrf=" + admin->csrf_token + "&" + body;
    return app_->Handle(request);
  };

  const http::Response bad = send(http::Method::kPost, user_path + "/roles", "role=coordinator&scope=oblast%3AXYZ");
  EXPECT_EQ(bad.status, 422) << "an oblast that does not exist";
  EXPECT_NE(bad.body.find("Няма място или организация с този обхват."), std::string::npos);
  const http::Response typo = send(http::Method::kPost, user_path + "/roles", "role=coordinator&scope=oblast-MON");
  EXPECT_EQ(typo.status, 422);
  EXPECT_NE(typo.body.find("value=\"oblast-MON\""), std::string::npos) << "what was typed stays";

  EXPECT_EQ(send(http::Method::kPost, user_path + "/roles", "role=coordinator&scope=oblast%3AMON").status, 303);
  ASSERT_EQ(store.ListRoles(member->id).size(), 1u);
  const http::Response page = send(http::Method::kGet, user_path);
  EXPECT_NE(page.body.find("Монтана (област)"), std::string::npos);

  const http::Response confirm =
      send(http::Method::kGet, user_path + "/roles/revoke?role=coordinator&scope=oblast%3AMON");
  EXPECT_EQ(confirm.status, 200);
  EXPECT_EQ(store.ListRoles(member->id).size(), 1u) << "asking changes nothing";
  EXPECT_EQ(send(http::Method::kPost, user_path + "/roles/revoke", "role=coordinator&scope=oblast%3AMON").status, 303);
  EXPECT_TRUE(store.ListRoles(member->id).empty());
  EXPECT_EQ(store.RecentAudit(1).front().action, "role_revoked");
}

}  // namespace

namespace {

TEST_F(PermissionWalk, AnAdministratorReadsAResetLinkInTheOutbox) {
  http::Request ask;
  ask.method = http::Method::kPost;
  ask.path = "/password-reset";
  ask.request_id = "outbox";
  ask.headers = {{"cookie", "csrf=anonymous-token-of-enough-length-0000000000"},
                 {"content-type", "application/x-www-form-urlencoded"}};
  ask.body = "csrf=anonymous-token-of-enough-length-0000000000&email=member%40example.org";
  const http::Response asked = app_->Handle(ask);
  EXPECT_LT(asked.status, 400) << asked.body.substr(0, 300);

  const core::SystemClock clock;
  kernel::AuditLog audit(**database_, clock);
  accounts::AccountsStore store(**database_);
  accounts::SessionService sessions(store, audit, clock);
  auto admin = sessions.SignIn("admin@example.org", "correct horse battery", {"127.0.0.1", "outbox"});
  ASSERT_TRUE(admin.ok());
  http::Request read;
  read.path = "/admin/outbox";
  read.request_id = "outbox";
  read.headers = {{"cookie", "session=" + admin->session_token}};
  const http::Response outbox = app_->Handle(read);
  EXPECT_EQ(outbox.status, 200);
  EXPECT_NE(outbox.body.find("member@example.org"), std::string::npos);
  EXPECT_NE(outbox.body.find("/password-reset/"), std::string::npos) << "the link to pass on";
  EXPECT_EQ(outbox.Header("Cache-Control").value_or(""), "private, no-store");
}

}  // namespace
