#pragma once
// Who may reach which route: the one permission table of Khetane. Every route the router knows has an entry;
// a route without one is refused to everybody (and a test fails). Services check scopes in detail (an official of
// Лом edits Лом's plan); this table is the first gate.

#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "modules/accounts/session.hpp"

namespace accounts {

enum class Access {
  kAnyone,         // visitors included
  kSignedIn,       // any account
  kAdministrator,  // an administrator of the whole installation
};

// The entry for a route, by method and pattern shape ("/places/municipalities/{code}").
std::optional<Access> AccessFor(http::Method method, std::string_view pattern_shape);
bool Allows(Access access, const CurrentSession* session);

}  // namespace accounts
