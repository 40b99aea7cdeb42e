#pragma once

#include <cstddef>

#include "kernel/module.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/accounts/registrations.hpp"
#include "modules/accounts/session.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace accounts {

inline constexpr std::string_view kSessionCookie = "session";
// Before sign-in there is no session to hold a CSRF token: the sign-in form pairs a cookie with a hidden field.
inline constexpr std::string_view kAnonymousCsrfCookie = "csrf";
// The length of a token accounts::NewToken makes (32 random bytes in unpadded base64url).
inline constexpr std::size_t kCsrfTokenCharacters = 43;
// On a 403 from a route's declared access (a service refusing a scope answers 403 without it).
inline constexpr std::string_view kRefusedByHeader = "X-Refused-By";

// The signed-in user's session, or nullptr for a visitor.
inline const CurrentSession* CurrentSessionOf(const http::Request& request) {
  return request.Context<CurrentSession>("session");
}

// "Лом (община MON24)": a scope as a reader knows it, in the request's language (or in `language`, for a message).
std::string ScopeLabel(const http::Request& request, const web::Site& site, AccountsService& accounts,
                       const Scope& scope);
std::string ScopeLabel(const web::Translations& translations, web::Language language, AccountsService& accounts,
                       const Scope& scope);

struct AccountServices {
  SessionService& sessions;
  kernel::AuditLog& audit;  // the request pipeline records refused pages and forms
  AccountsService& accounts;
  OrganisationService& organisations;
  RegistrationService& registrations;
  const kernel::Catalogue& catalogue;  // every module's audit actions, for /admin/audit
};

// The session, permission and CSRF middleware, and /signin, /signout, /account (with the user's data and the
// deletion of their account), /api/v1/me, /admin/audit.
void AddAccountRoutes(kernel::Routes& routes, const web::Site& site, const AccountServices& services);

}  // namespace accounts
