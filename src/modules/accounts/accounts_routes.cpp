#include "modules/accounts/accounts_routes.hpp"

#include <spdlog/spdlog.h>

namespace accounts {
namespace {

using nlohmann::json;

bool ChangesState(http::Method method) {
  return method == http::Method::kPost || method == http::Method::kPut || method == http::Method::kPatch ||
         method == http::Method::kDelete;
}

Origin OriginOf(const http::Request& request) { return {request.remote_address, request.request_id}; }

std::optional<std::int64_t> SignedInUser(const http::Request& request) {
  const auto id = request.Attribute("user_id");
  if (!id) return std::nullopt;
  return std::stoll(std::string(*id));
}

http::SetCookie Cookie(std::string_view name, std::string value, const web::App& app) {
  http::SetCookie cookie;
  cookie.name = std::string(name);
  cookie.value = std::move(value);
  cookie.secure = app.options().secure_cookies;
  return cookie;
}

// Loads the session named by the cookie, for the routes and the layout that follow.
std::optional<http::Response> LoadSession(http::Request& request, SessionService& sessions) {
  const auto token = request.Cookie(kSessionCookie);
  if (!token) return std::nullopt;
  const auto session = sessions.Resume(*token);
  if (!session) return std::nullopt;
  request.SetAttribute("user_id", std::to_string(session->user.id));
  request.SetAttribute("user_name", session->user.display_name);
  request.SetAttribute("user_email", session->user.email);
  request.SetAttribute("csrf_token", session->csrf_token);
  return std::nullopt;
}

// Every state-changing request carries the CSRF token of its session (or, before sign-in, of its csrf cookie)
// in the form field `csrf` or the header X-CSRF-Token. Another site can make a browser send the cookies,
// but it cannot read the token.
std::optional<http::Response> CheckCsrf(http::Request& request, const web::Site& site, SessionService& sessions) {
  // Nothing happens at an address without a route: it gets its 404 or 405.
  if (!ChangesState(request.method) || !request.Attribute("route")) return std::nullopt;
  const std::optional<std::string> expected = request.Attribute("csrf_token")
                                                  ? std::optional<std::string>(*request.Attribute("csrf_token"))
                                                  : request.Cookie(kAnonymousCsrfCookie);
  std::optional<std::string> provided = request.Form("csrf");
  if (!provided) {
    if (const auto header = request.Header("x-csrf-token")) provided = std::string(*header);
  }
  if (expected && provided && TokensMatch(*expected, *provided)) return std::nullopt;

  sessions.Audit(SignedInUser(request), "csrf_rejected",
                 std::string(http::MethodName(request.method)) + " " + request.path, OriginOf(request));
  const std::string heading = site.Translate(request, "This form has expired");
  if (web::IsApiRequest(request)) {
    return web::Site::Json({{"error",
                             {{"status", 403},
                              {"message", "missing or wrong CSRF token: send the X-CSRF-Token header"},
                              {"request_id", request.request_id}}}},
                           403);
  }
  const json data = {{"heading", heading},
                     {"explanation", site.Translate(request,
                                                    "For your safety, a form can only be sent from a page of "
                                                    "this site that is still fresh. Go back, reload the page "
                                                    "and send the form again.")},
                     {"back", web::SafeLocalPath(request.path)}};
  return site.Page(request, heading, "accounts/forbidden", data, 403);
}

http::Response SignInPage(http::Request& request, const web::Site& site, const web::App& app, const std::string& email,
                          const std::string& error, int status) {
  // The anonymous CSRF token: kept while the cookie lives, made when there is none.
  std::string csrf = request.Cookie(kAnonymousCsrfCookie).value_or("");
  const bool new_token = csrf.size() < 32;
  if (new_token) csrf = NewToken();
  const json data = {
      {"csrf", csrf},
      {"email", email},
      {"error", error},
      {"next", web::SafeLocalPath(request.Form("next").value_or(request.Query("next").value_or("")), "")}};
  http::Response response = site.Page(request, site.Translate(request, "Sign in"), "accounts/signin", data, status);
  if (new_token) response.AddCookie(Cookie(kAnonymousCsrfCookie, csrf, app));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddAccountRoutes(http::Router& router, web::App& app, const web::Site& site, SessionService& sessions) {
  app.Use([&sessions](http::Request& request) { return LoadSession(request, sessions); });
  app.Use([&site, &sessions](http::Request& request) { return CheckCsrf(request, site, sessions); });

  router.Get("/signin", [&site, &app](http::Request& request) { return SignInPage(request, site, app, "", "", 200); });

  router.Post("/signin", [&site, &app, &sessions](http::Request& request) {
    const std::string email = request.Form("email").value_or("");
    const std::string password = request.Form("password").value_or("");
    if (email.empty() || password.empty()) {
      return SignInPage(request, site, app, email,
                        site.Translate(request, "Enter your email address and your password."), 422);
    }
    auto signed_in = sessions.SignIn(email, password, OriginOf(request));
    if (!signed_in) {
      return SignInPage(request, site, app, email, site.Translate(request, signed_in.error().message),
                        signed_in.error().kind == core::ErrorKind::kForbidden ? 429 : 401);
    }
    http::Response response =
        http::Response::Redirect(web::SafeLocalPath(request.Form("next").value_or(""), "/account"));
    response.AddCookie(Cookie(kSessionCookie, signed_in->session_token, app));
    return response;
  });

  router.Post("/signout", [&app, &sessions](http::Request& request) {
    if (const auto token = request.Cookie(kSessionCookie)) sessions.SignOut(*token, OriginOf(request));
    http::Response response = http::Response::Redirect("/");
    http::SetCookie expired = Cookie(kSessionCookie, "", app);
    response.headers.emplace_back("Set-Cookie", expired.Header() + "; Max-Age=0");
    return response;
  });

  router.Get("/account", [&site](http::Request& request) {
    if (!request.Attribute("user_id")) return http::Response::Redirect("/signin?next=/account");
    const json data = {{"name", std::string(*request.Attribute("user_name"))},
                       {"email", std::string(request.Attribute("user_email").value_or(""))}};
    return site.Page(request, site.Translate(request, "Your account"), "accounts/account", data);
  });
}

}  // namespace accounts
