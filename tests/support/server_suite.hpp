#pragma once
// A suite of tests against the real binary: one fresh database for the whole suite, its users added with
// `khetane user add`, and the binary serving it. Each suite gets its own database and server (hence the template):
//
//   class PoliciesTest : public test_support::ServerSuite<PoliciesTest> {
//    protected:
//     static void SetUpTestSuite() {
//       OpenDatabase();
//       ASSERT_NO_FATAL_FAILURE(AddUser("official@lom.bg", {"--role", "municipal_official", "--scope", …}));
//       Serve();
//     }
//   };

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace test_support {

template <typename Suite>
class ServerSuite : public ::testing::Test {
 protected:
  // The password of every user that AddUser adds.
  static constexpr const char* kPassword = "correct horse battery";

  static void TearDownTestSuite() {
    server_.reset();  // the server stops before its database goes
    database_.reset();
  }

  static void OpenDatabase() { database_ = std::make_unique<TestDatabase>(); }

  // `khetane user add EMAIL ARGUMENTS…` with kPassword; a fatal failure of the suite's set-up when it is refused.
  static void AddUser(const std::string& email, const std::vector<std::string>& arguments = {}) {
    const ProcessResult result = test_support::AddUser(database_->target(), email, kPassword, arguments);
    ASSERT_EQ(result.exit_code, 0) << result.output;
  }

  // Starts the binary serving the database, with `arguments` added to `khetane serve`.
  static void Serve(const std::vector<std::string>& arguments = {}) {
    server_ = std::make_unique<ServerProcess>(database_->target(), arguments);
  }
  static int port() { return server_->port(); }

  // A page as the user signed in with `session` (a session cookie's value) sees it.
  static HttpResponse GetAs(const std::string& session, const std::string& path) {
    return Get(port(), path, {"Cookie: session=" + session});
  }
  // A form sent by the user signed in with `session`, with the session's CSRF token (read from their account page).
  static HttpResponse PostAs(const std::string& session, const std::string& path, const std::string& body) {
    const std::string csrf = HiddenCsrf(GetAs(session, "/account").body);
    return PostForm(port(), path, "csrf=" + csrf + "&" + body, "session=" + session);
  }

  static inline std::unique_ptr<TestDatabase> database_;
  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace test_support
