#include "modules/accounts/accounts_routes.hpp"

#include <fmt/chrono.h>
#include <spdlog/spdlog.h>

#include <map>

#include "http/multipart.hpp"
#include "modules/accounts/form_support.hpp"

namespace accounts {
namespace {

using nlohmann::json;

bool ChangesState(http::Method method) {
  return method == http::Method::kPost || method == http::Method::kPut || method == http::Method::kPatch ||
         method == http::Method::kDelete;
}

http::SetCookie Cookie(std::string_view name, std::string value, const web::App& app) {
  http::SetCookie cookie;
  cookie.name = std::string(name);
  cookie.value = std::move(value);
  cookie.secure = app.options().secure_cookies;
  return cookie;
}

core::SignedIn SignedInFrom(const CurrentSession& session, const http::Request& request) {
  return {session.user.id, session.user.display_name, session.roles, OriginOf(request)};
}

// Loads the session named by the cookie, for the routes and the layout that follow.
std::optional<http::Response> LoadSession(http::Request& request, SessionService& sessions) {
  // An API token (Authorization: Bearer …) comes first; a wrong one is an error, never a fall-back to the cookie.
  if (const auto authorization = request.Header("authorization");
      authorization && authorization->starts_with("Bearer ")) {
    auto caller = sessions.ResumeApiToken(std::string(authorization->substr(7)));
    if (!caller) {
      return web::Site::JsonError(request, web::StatusOf(core::ErrorKind::kUnauthenticated),
                                  "the API token is unknown or revoked");
    }
    request.SetAttribute("authenticated_by", "api_token");
    request.context[core::kSignedInContext] = SignedInFrom(*caller, request);
    request.context["session"] = std::move(*caller);
    return std::nullopt;
  }
  const auto token = request.Cookie(kSessionCookie);
  if (!token) return std::nullopt;
  auto session = sessions.Resume(*token);
  if (!session) return std::nullopt;
  request.SetAttribute("user_id", std::to_string(session->user.id));
  request.SetAttribute("user_name", session->user.display_name);
  request.SetAttribute("csrf_token", session->csrf_token);
  request.context[core::kSignedInContext] = SignedInFrom(*session, request);
  request.context["session"] = std::move(*session);
  return std::nullopt;
}

// The first gate: the access the route declared. Anonymous visitors are sent to sign in (API callers get 401);
// signed-in users without the right get a 403 page, and an audit entry.
std::optional<http::Response> Authorise(http::Request& request, const web::Site& site, kernel::AuditLog& audit) {
  if (!request.access) return std::nullopt;  // no route: a 404 or 405 follows
  const core::SignedIn* user = kernel::SignedInOf(request);
  if (request.access->Allows(user ? &user->actor() : nullptr)) return std::nullopt;
  const CurrentSession* session = CurrentSessionOf(request);

  if (session == nullptr) {
    if (web::IsApiRequest(request)) {
      return web::Site::JsonError(request, web::StatusOf(core::ErrorKind::kUnauthenticated),
                                  "sign in or send an API token");
    }
    if (request.method == http::Method::kGet) {
      return http::Response::Redirect("/signin?next=" + http::PercentEncode(request.path));
    }
  } else {
    audit.Write(kernel::ActorOf(request), "access_denied",
                std::string(http::MethodName(request.method)) + " " + request.path);
  }
  const std::string heading = site.Translate(request, "You may not open this page");
  const json data = {{"heading", heading},
                     {"explanation", site.Translate(request,
                                                    "Your account has no role that gives access to this page. "
                                                    "Ask an administrator if you need it.")},
                     {"back", "/"}};
  // Says which gate refused: the route's declared access, not a service checking a scope (operators and the route
  // walk read it).
  http::Response refused =
      site.Page(request, heading, "accounts/forbidden", data, web::StatusOf(core::ErrorKind::kForbidden));
  refused.SetHeader(std::string(kRefusedByHeader), "route-access");
  return refused;
}

// Every state-changing request carries the CSRF token of its session (or, before sign-in, of its csrf cookie)
// in the form field `csrf` or the header X-CSRF-Token. Another site can make a browser send the cookies,
// but it cannot read the token.
std::optional<http::Response> CheckCsrf(http::Request& request, const web::Site& site, kernel::AuditLog& audit) {
  // Nothing happens at an address without a route: it gets its 404 or 405.
  if (!ChangesState(request.method) || !request.Attribute("route")) return std::nullopt;
  // A bearer token is sent by a program, never by a browser on another site's behalf.
  if (request.Attribute("authenticated_by") == std::optional<std::string_view>("api_token")) return std::nullopt;
  const std::optional<std::string> expected = request.Attribute("csrf_token")
                                                  ? std::optional<std::string>(*request.Attribute("csrf_token"))
                                                  : request.Cookie(kAnonymousCsrfCookie);
  std::optional<std::string> provided = request.Form("csrf");
  if (!provided) {  // a form that uploads a file
    if (const auto* part = http::FindPart(http::CachedMultipartParts(request), "csrf"); part && !part->filename) {
      provided = part->body;
    }
  }
  if (!provided) {
    if (const auto header = request.Header("x-csrf-token")) provided = std::string(*header);
  }
  // A token Khetane made is 43 characters: a shorter pair of cookie and field is one the client made up (a cookie
  // set by a neighbouring subdomain), which proves nothing. And a browser that says the form comes from another site
  // (Sec-Fetch-Site, sent by every current browser) is believed, whatever the tokens.
  const auto site_of_form = request.Header("sec-fetch-site");
  const bool from_elsewhere = site_of_form && (*site_of_form == "cross-site" || *site_of_form == "same-site");
  if (!from_elsewhere && expected && provided && expected->size() >= kCsrfTokenCharacters &&
      TokensMatch(*expected, *provided)) {
    return std::nullopt;
  }

  // Written as the access log writes it: a one-time link's token never reaches the audit log.
  audit.Write(kernel::ActorOf(request), "csrf_rejected",
              std::string(http::MethodName(request.method)) + " " + web::LoggedPath(request));
  const std::string heading = site.Translate(request, "This form has expired");
  if (web::IsApiRequest(request)) {
    return web::Site::JsonError(request, web::StatusOf(core::ErrorKind::kForbidden),
                                "missing or wrong CSRF token: send the X-CSRF-Token header");
  }
  const json data = {{"heading", heading},
                     {"explanation", site.Translate(request,
                                                    "For your safety, a form can only be sent from a page of "
                                                    "this site that is still fresh. Go back, reload the page "
                                                    "and send the form again.")},
                     {"back", web::SafeLocalPath(request.path)}};
  return site.Page(request, heading, "accounts/forbidden", data, web::StatusOf(core::ErrorKind::kForbidden));
}

http::Response AuditPage(http::Request& request, const core::SignedIn& reader, const web::Site& site,
                         AccountsService& accounts, const kernel::Catalogue& catalogue) {
  constexpr std::int64_t kPerPage = 50;
  const std::string action = request.Query("action").value_or("");
  std::int64_t offset = 0;
  try {
    offset = std::max<std::int64_t>(0, std::stoll(request.Query("offset").value_or("0")));
  } catch (const std::exception&) {
    return site.Fail(request, core::Error::InvalidInput("offset must be a whole number, 0 or more"));
  }
  const auto listing = accounts.ListAudit(reader, action, kPerPage, offset);
  if (!listing) return site.Fail(request, listing.error());
  // In words: the action as its module titled it, the account by its name with a link to it.
  std::map<std::string, std::string, std::less<>> titles;
  for (const kernel::AuditAction& each : catalogue.audit_actions)
    titles[each.code] = site.Translate(request, each.title);
  std::map<std::int64_t, json> accounts_named;
  const web::Reader shown = site.ReaderOf(request);
  json entries = json::array();
  for (const auto& entry : listing->entries) {
    json actor = nullptr;
    if (entry.actor_user_id) {
      auto [known, added] = accounts_named.try_emplace(*entry.actor_user_id);
      if (added) {
        const auto user = accounts.FindUser(reader, *entry.actor_user_id);
        known->second = {{"name", user ? user->user.display_name : "#" + std::to_string(*entry.actor_user_id)},
                         {"url", "/admin/users/" + std::to_string(*entry.actor_user_id)}};
      }
      actor = known->second;
    }
    const auto title = titles.find(entry.action);
    entries.push_back({{"at", shown.DateTime(entry.at)},
                       {"actor", actor},
                       {"action", title == titles.end() ? entry.action : title->second},
                       {"subject", entry.subject},
                       {"remote_address", entry.remote_address},
                       {"request_id", entry.request_id}});
  }
  const std::int64_t total = listing->total;
  // Every module's actions, as each module declared them, with their titles in the reader's language.
  json actions = json::array();
  actions.push_back({{"value", ""}, {"label", site.Translate(request, "every action")}, {"selected", action.empty()}});
  for (const kernel::AuditAction& each : catalogue.audit_actions) {
    actions.push_back(
        {{"value", each.code}, {"label", site.Translate(request, each.title)}, {"selected", action == each.code}});
  }
  const std::string base = "/admin/audit?action=" + http::PercentEncode(action);
  json data = {{"entries", entries}, {"has_entries", !entries.empty()}, {"actions", actions}, {"total", total}};
  data["pager"] = web::ui::Pager(shown, total, kPerPage, offset, base);
  return site.Page(request, site.Translate(request, "Audit log"), "accounts/audit", data);
}

http::Response SignInPage(http::Request& request, const web::Site& site, const web::App& app, const std::string& email,
                          const std::string& error, int status) {
  const FormCsrf csrf = FormCsrfOf(request);
  const json data = {
      {"csrf", csrf.token},
      {"registration_open", app.options().allow_registration},
      {"email", email},
      {"error", error},
      {"password_set", request.Query("password_set").has_value()},
      {"next", web::SafeLocalPath(request.Form("next").value_or(request.Query("next").value_or("")), "")}};
  return WithFormCsrf(site.Page(request, site.Translate(request, "Sign in"), "accounts/signin", data, status), csrf,
                      app);
}

http::Response DeleteAccountPage(http::Request& request, const web::Site& site, const std::string& error, int status) {
  const json data = {{"csrf", std::string(request.Attribute("csrf_token").value_or(""))}, {"error", error}};
  return site.Page(request, site.Translate(request, "Delete your account"), "accounts/delete_account", data, status);
}

// /account/security: where the person is signed in, with a form to end each other session, and the form that changes
// the password (sent back with `refusal` beside its fields; passwords are never typed back in).
http::Response SecurityPage(http::Request& request, const web::Site& site, SessionService& sessions,
                            const core::SignedIn& user, const std::string& notice, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  json listed = json::array();
  bool others = false;
  for (const auto& each : sessions.SessionsOf(user.user_id(), request.Cookie(kSessionCookie).value_or(""))) {
    others = others || !each.current;
    listed.push_back({{"key", each.key},
                      {"created", reader.DateTime(each.created_at)},
                      {"last_seen", reader.DateTime(each.last_seen_at)},
                      {"current", each.current}});
  }
  const auto field = [&](std::string name, std::string label, std::string autocomplete_hint) {
    return web::ui::TextField({.name = name,
                               .id = "password-" + name,
                               .label = site.Translate(request, label),
                               .value = "",
                               .hint = autocomplete_hint.empty() ? "" : site.Translate(request, autocomplete_hint),
                               .type = "password",
                               .required = true,
                               .maxlength = 0},
                              refusal.ProblemOf(reader, name));
  };
  json data = {{"csrf", web::CsrfOf(request)},
               {"notice", notice},
               {"sessions", listed},
               {"has_others", others},
               {"current_password", field("current_password", "Your current password", "")},
               {"new_password", field("new_password", "New password", "At least 10 characters.")},
               {"repeat_password", field("repeat_password", "The new password again", "")}};
  if (!refusal.Empty()) {
    data["refusal"] = refusal.Data(reader, [](std::string_view name) { return "password-" + std::string(name); });
  }
  return site.Page(request, site.Translate(request, "Sign-in and sessions"), "accounts/account_security", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

// The session the signed-in user came with (a cookie's or an API token's): LoadSession keeps the two together.
const CurrentSession& SessionOf(const http::Request& request, const core::SignedIn& user) {
  const CurrentSession* session = CurrentSessionOf(request);
  if (session == nullptr || session->user.id != user.user_id()) throw std::logic_error("a user without a session");
  return *session;
}

}  // namespace

std::string ScopeLabel(const http::Request& request, const web::Site& site, AccountsService& accounts,
                       const Scope& scope) {
  return ScopeLabel(site.translations(), web::Site::LanguageOf(request), accounts, scope);
}

std::string ScopeLabel(const web::Translations& translations, web::Language language, AccountsService& accounts,
                       const Scope& scope) {
  if (scope.kind == ScopeKind::kInstallation) return translations.Translate(language, "the whole installation");
  const auto names = accounts.NamesOf(scope);
  const std::string& name = language == web::Language::kBulgarian ? names.bulgarian : names.latin;
  const std::string kind = translations.Translate(language, std::string(ScopeKindName(scope.kind)));
  // "Лом (община)": people know a place by its name; its code is for the data.
  return scope.kind == ScopeKind::kOrganisation ? name : fmt::format("{} ({})", name, kind);
}

void AddAccountRoutes(kernel::Routes& routes, const web::Site& site, const AccountServices& services) {
  const web::App& app = routes.app();
  SessionService& sessions = services.sessions;
  kernel::AuditLog& audit = services.audit;
  AccountsService& accounts = services.accounts;
  OrganisationService& organisations = services.organisations;
  RegistrationService& registrations = services.registrations;
  const kernel::Catalogue& catalogue = services.catalogue;
  routes.Use([&sessions](http::Request& request) { return LoadSession(request, sessions); });
  routes.Use([&site, &audit](http::Request& request) { return Authorise(request, site, audit); });
  routes.Use([&site, &audit](http::Request& request) { return CheckCsrf(request, site, audit); });

  routes.Get("/signin", core::Access::Anyone(),
             [&site, &app](http::Request& request) { return SignInPage(request, site, app, "", "", 200); });

  routes.Post("/signin", core::Access::Anyone(), [&site, &app, &sessions](http::Request& request) {
    const std::string email = request.Form("email").value_or("");
    const std::string password = request.Form("password").value_or("");
    if (email.empty() || password.empty()) {
      const auto missing = core::Error::InvalidInput("Enter your email address and your password.");
      return SignInPage(request, site, app, email, site.Translate(request, missing.message), FormStatusOf(missing));
    }
    auto signed_in = sessions.SignIn(email, password, OriginOf(request));
    if (!signed_in) {
      const core::Error& refused = signed_in.error();
      http::Response page =
          SignInPage(request, site, app, email, site.ReaderOf(request).Say(refused.message, refused.arguments),
                     FormStatusOf(refused));
      if (refused.retry_after_seconds > 0) page.SetHeader("Retry-After", std::to_string(refused.retry_after_seconds));
      return page;
    }
    // Whoever was signed in on this browser is signed out: one browser, one session, never a forgotten one.
    if (const auto earlier = request.Cookie(kSessionCookie)) sessions.SignOut(*earlier, OriginOf(request));
    http::Response response = http::Response::Redirect(web::SafeLocalPath(request.Form("next").value_or(""), "/"));
    response.AddCookie(Cookie(kSessionCookie, signed_in->session_token, app));
    return response;
  });

  routes.Post("/signout", core::Access::Anyone(), [&app, &sessions](http::Request& request) {
    if (const auto token = request.Cookie(kSessionCookie)) sessions.SignOut(*token, OriginOf(request));
    http::Response response = http::Response::Redirect("/");
    http::SetCookie expired = Cookie(kSessionCookie, "", app);
    response.headers.emplace_back("Set-Cookie", expired.Header() + "; Max-Age=0");
    return response;
  });

  routes.Get("/account", core::Access::SignedIn(),
             [&site, &accounts, &organisations, &registrations](http::Request& request, const core::SignedIn& user) {
               const CurrentSession& session = SessionOf(request, user);
               json roles = json::array();
               for (const auto& assignment : session.roles) {
                 roles.push_back({{"role", site.Translate(request, RoleTitle(assignment.role))},
                                  {"scope", ScopeLabel(request, site, accounts, assignment.scope)}});
               }
               json memberships = json::array();
               for (const auto& organisation : organisations.OrganisationsOf(session.user.id)) {
                 memberships.push_back({{"name", organisation.name},
                                        {"kind", site.Translate(request, OrganisationKindTitle(organisation.kind))}});
               }
               const web::Reader shown = site.ReaderOf(request);
               json requests = json::array();
               for (const auto& each : registrations.OfUser(session.user.id)) {
                 const Scope place{ScopeKind::kMunicipality, each.municipality_code};
                 requests.push_back({{"municipality", ScopeLabel(request, site, accounts, place)},
                                     {"at", shown.DateTime(each.created_at)},
                                     {"state", site.Translate(request, RegistrationStateTitle(each.state))},
                                     {"note", each.decision_note}});
               }
               const json data = {{"name", session.user.display_name},
                                  {"email", session.user.email},
                                  {"roles", roles},
                                  {"has_roles", !roles.empty()},
                                  {"organisations", memberships},
                                  {"has_organisations", !memberships.empty()},
                                  {"registrations", requests}};
               return site.Page(request, site.Translate(request, "Your account"), "accounts/account", data);
             });

  routes.Get("/api/v1/me", core::Access::SignedIn(), [](http::Request& request, const core::SignedIn& user) {
    const CurrentSession& caller = SessionOf(request, user);
    json roles = json::array();
    for (const auto& assignment : caller.roles) {
      roles.push_back({{"role", RoleName(assignment.role)},
                       {"scope", {{"kind", ScopeKindName(assignment.scope.kind)}, {"code", assignment.scope.code}}}});
    }
    http::Response response = web::Site::Json({{"id", caller.user.id},
                                               {"email", caller.user.email},
                                               {"display_name", caller.user.display_name},
                                               {"roles", roles}});
    response.SetHeader("Cache-Control", "private, no-store");  // a person's own data: no cache keeps it
    return response;
  });

  routes.Get("/account/data.json", core::Access::SignedIn(), [&accounts](http::Request&, const core::SignedIn& user) {
    http::Response response = web::Site::Json(accounts.PersonalData(user.user_id()));
    response.SetHeader("Content-Disposition", "attachment; filename=\"khetane-my-data.json\"");
    response.SetHeader("Cache-Control", "private, no-store");
    return response;
  });

  routes.Get("/account/security", core::Access::SignedIn(),
             [&site, &sessions](http::Request& request, const core::SignedIn& user) {
               const std::string notice = request.Query("ended") == "others" ? "You are signed out everywhere else."
                                          : request.Query("ended") == "one"  ? "The session has ended."
                                          : request.Query("changed") == "1"  ? "Your password is changed."
                                                                             : "";
               return SecurityPage(request, site, sessions, user, notice.empty() ? "" : site.Translate(request, notice),
                                   {});
             });

  routes.Post("/account/sessions/end", core::Access::SignedIn(),
              [&site, &sessions](http::Request& request, const core::SignedIn& user) {
                const auto ended =
                    sessions.EndSession(user.user_id(), request.Form("key").value_or(""), OriginOf(request));
                if (!ended) return site.Fail(request, ended.error());
                return http::Response::Redirect("/account/security?ended=one");
              });

  routes.Post("/account/sessions/end-others", core::Access::SignedIn(),
              [&sessions](http::Request& request, const core::SignedIn& user) {
                sessions.EndOtherSessions(user.user_id(), request.Cookie(kSessionCookie).value_or(""),
                                          OriginOf(request));
                return http::Response::Redirect("/account/security?ended=others");
              });

  routes.Post("/account/password", core::Access::SignedIn(),
              [&site, &sessions](http::Request& request, const core::SignedIn& user) {
                const PasswordChange change{request.Form("current_password").value_or(""),
                                            request.Form("new_password").value_or(""),
                                            request.Form("repeat_password").value_or("")};
                const auto changed = sessions.ChangePassword(
                    user.user_id(), change, request.Cookie(kSessionCookie).value_or(""), OriginOf(request));
                if (!changed) {
                  http::Response page =
                      SecurityPage(request, site, sessions, user, "", web::Refusal::Of(changed.error()));
                  if (changed.error().retry_after_seconds > 0) {
                    page.SetHeader("Retry-After", std::to_string(changed.error().retry_after_seconds));
                  }
                  return page;
                }
                return http::Response::Redirect("/account/security?changed=1");
              });

  routes.Get("/account/delete", core::Access::SignedIn(), [&site](http::Request& request, const core::SignedIn&) {
    return DeleteAccountPage(request, site, "", 200);
  });

  routes.Post("/account/delete", core::Access::SignedIn(),
              [&site, &app, &accounts](http::Request& request, const core::SignedIn& user) {
                const auto deleted = accounts.DeleteAccount(user.user_id(), request.Form("password").value_or(""),
                                                            request.remote_address, request.request_id);
                if (!deleted) {
                  return DeleteAccountPage(request, site, site.Translate(request, deleted.error().message),
                                           FormStatusOf(deleted.error()));
                }
                http::Response response = http::Response::Redirect("/?account=deleted");
                http::SetCookie expired = Cookie(kSessionCookie, "", app);
                response.headers.emplace_back("Set-Cookie", expired.Header() + "; Max-Age=0");
                return response;
              });

  routes.Get("/admin/audit", core::Access::Administrator(),
             [&site, &accounts, &catalogue](http::Request& request, const core::SignedIn& reader) {
               return AuditPage(request, reader, site, accounts, catalogue);
             });
}

}  // namespace accounts
