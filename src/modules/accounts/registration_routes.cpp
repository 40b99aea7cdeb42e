#include "modules/accounts/registration_routes.hpp"

#include <fmt/format.h>

#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/form_support.hpp"

namespace accounts {
namespace {

using nlohmann::json;

constexpr std::int64_t kPerPage = 50;
constexpr std::string_view kClosed = "Registration is closed here. Ask an administrator for an invitation.";

// The form with what was typed (never the password) and, after an error, what to fix.
http::Response RegisterPage(http::Request& request, const web::Site& site, const web::App& app,
                            places::PlacesService& places, const RegistrationForm& form, const std::string& error,
                            int status) {
  const FormCsrf csrf = FormCsrfOf(request);
  const json data = {{"csrf", csrf.token},
                     {"email", form.email},
                     {"name", form.name},
                     {"motivation", form.motivation},
                     {"municipalities", MunicipalityOptions(site.ReaderOf(request), places, form.municipality_code)},
                     {"error", error.empty() ? "" : site.Translate(request, error)}};
  return WithFormCsrf(
      site.Page(request, site.Translate(request, "Register as a community monitor"), "accounts/register", data, status),
      csrf, app);
}

std::string RegistrationPath(std::int64_t id) { return "/admin/registrations/" + std::to_string(id); }

}  // namespace

void AddRegistrationRoutes(kernel::Routes& routes, const web::Site& site, const web::App& app,
                           RegistrationService& registrations, AccountsService& accounts,
                           places::PlacesService& places) {
  routes.Get("/register", core::Access::Anyone(), [&site, &app, &places](http::Request& request) {
    if (!app.options().allow_registration) return site.Fail(request, core::Error::NotFound(std::string(kClosed)));
    if (kernel::SignedInOf(request)) return http::Response::Redirect("/account");
    return RegisterPage(request, site, app, places, {}, "", 200);
  });

  routes.Post("/register", core::Access::Anyone(), [&site, &app, &registrations, &places](http::Request& request) {
    if (!app.options().allow_registration) return site.Fail(request, core::Error::NotFound(std::string(kClosed)));
    const RegistrationForm form{request.Form("email").value_or(""), request.Form("name").value_or(""),
                                request.Form("password").value_or(""), request.Form("municipality").value_or(""),
                                request.Form("motivation").value_or("")};
    const auto registered = registrations.Register(form, OriginOf(request));
    if (!registered) {
      return RegisterPage(request, site, app, places, form, registered.error().message,
                          FormStatusOf(registered.error()));
    }
    const json data = {{"email", form.email}};
    return site.Page(request, site.Translate(request, "Your request is recorded"), "accounts/registered", data);
  });

  routes.Get("/admin/registrations", core::Access::Administrator(),
             [&site, &registrations, &accounts](http::Request& request, const core::SignedIn&) {
               std::string state = request.Query("state").value_or("pending");
               if (state != "pending" && state != "approved" && state != "rejected") state = "pending";
               const auto offset = OffsetOf(request);
               if (!offset)
                 return site.Fail(request, core::Error::InvalidInput("offset must be a whole number, 0 or more"));
               const web::Reader shown = site.ReaderOf(request);
               json rows = json::array();
               for (const auto& each : registrations.List(state, kPerPage, *offset)) {
                 rows.push_back({{"email", each.email},
                                 {"name", each.display_name},
                                 {"municipality", ScopeLabel(request, site, accounts,
                                                             {ScopeKind::kMunicipality, each.municipality_code})},
                                 {"motivation", each.motivation},
                                 {"note", each.decision_note},
                                 {"at", shown.DateTime(each.created_at)},
                                 {"pending", each.state == "pending"},
                                 {"approve_url", RegistrationPath(each.id) + "/approve"},
                                 {"reject_url", RegistrationPath(each.id) + "/reject"}});
               }
               json states = json::array();
               for (const char* each : {"pending", "approved", "rejected"}) {
                 states.push_back({{"value", each},
                                   {"label", site.Translate(request, RegistrationStateTitle(each))},
                                   {"selected", state == each}});
               }
               const std::int64_t total = registrations.Count(state);
               const std::string base = "/admin/registrations?state=" + state;
               json data = {{"requests", rows},
                            {"has_requests", !rows.empty()},
                            {"states", states},
                            {"total", total},
                            {"csrf", std::string(request.Attribute("csrf_token").value_or(""))}};
               data["pager"] = web::ui::Pager(shown, total, kPerPage, *offset, base);
               return site.Page(request, site.Translate(request, "Registration requests"),
                                "accounts/admin_registrations", data);
             });

  routes.Post("/admin/registrations/{id:int}/approve", core::Access::Administrator(),
              [&site, &registrations](http::Request& request, const core::SignedIn& user) {
                const auto approved = registrations.Approve(user, request.IntParameter("id"));
                if (!approved) return site.Fail(request, approved.error());
                return http::Response::Redirect("/admin/registrations?decided=approved");
              });

  // Rejecting takes two steps: this page asks (and takes a note), the form on it does it.
  routes.Get("/admin/registrations/{id:int}/reject", core::Access::Administrator(),
             [&site, &registrations, &accounts](http::Request& request, const core::SignedIn&) {
               const auto found = registrations.Find(request.IntParameter("id"));
               if (!found) return site.Fail(request, core::Error::NotFound("There is no such registration request."));
               if (found->state != "pending") {
                 return site.Fail(request, core::Error::Conflict("This request has been decided already."));
               }
               const json data = {{"email", found->email},
                                  {"name", found->display_name},
                                  {"municipality", ScopeLabel(request, site, accounts,
                                                              {ScopeKind::kMunicipality, found->municipality_code})},
                                  {"action", request.path},
                                  {"csrf", std::string(request.Attribute("csrf_token").value_or(""))}};
               return site.Page(request, site.Translate(request, "Reject a registration"),
                                "accounts/admin_reject_registration", data);
             });

  routes.Post("/admin/registrations/{id:int}/reject", core::Access::Administrator(),
              [&site, &registrations](http::Request& request, const core::SignedIn& user) {
                const auto rejected =
                    registrations.Reject(user, request.IntParameter("id"), request.Form("note").value_or(""));
                if (!rejected) return site.Fail(request, rejected.error());
                return http::Response::Redirect("/admin/registrations?decided=rejected");
              });
}

}  // namespace accounts
