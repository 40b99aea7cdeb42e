#pragma once

#include "http/router.hpp"
#include "modules/accounts/session.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace accounts {

inline constexpr std::string_view kSessionCookie = "session";
// Before sign-in there is no session to hold a CSRF token: the sign-in form pairs a cookie with a hidden field.
inline constexpr std::string_view kAnonymousCsrfCookie = "csrf";

// The session and CSRF middleware, and /signin, /signout, /account.
void AddAccountRoutes(http::Router& router, web::App& app, const web::Site& site, SessionService& sessions);

}  // namespace accounts
