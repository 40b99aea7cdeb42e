#include "modules/accounts/admin_routes.hpp"

#include <fmt/format.h>

#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/form_support.hpp"

namespace accounts {
namespace {

using nlohmann::json;

constexpr std::int64_t kUsersPerPage = 50;

std::string UserPath(std::int64_t id) { return "/admin/users/" + std::to_string(id); }

json RoleOptions(const http::Request& request, const web::Site& site, const std::string& selected) {
  json options = json::array();
  for (const Role role : AllRoles()) {
    options.push_back({{"value", RoleName(role)},
                       {"label", site.Translate(request, RoleTitle(role))},
                       {"selected", RoleName(role) == selected}});
  }
  return options;
}

// The user's page: their roles with a revoke link each, and the form to grant one (with what was typed, after an
// error).
http::Response UserPage(http::Request& request, const web::Site& site, AccountsService& accounts,
                        OrganisationService& organisations, const UserWithRoles& found, const std::string& role,
                        const std::string& scope, const std::string& error, int status) {
  const User& user = found.user;
  json roles = json::array();
  for (const auto& assignment : found.roles) {
    roles.push_back({{"role", site.Translate(request, RoleTitle(assignment.role))},
                     {"scope", ScopeLabel(request, site, accounts, assignment.scope)},
                     {"revoke_url", UserPath(user.id) + "/roles/revoke?role=" + std::string(RoleName(assignment.role)) +
                                        "&scope=" + http::PercentEncode(ScopeText(assignment.scope))}});
  }
  json memberships = json::array();
  for (const auto& organisation : organisations.OrganisationsOf(user.id)) {
    memberships.push_back(
        {{"name", organisation.name}, {"url", "/admin/organisations/" + std::to_string(organisation.id)}});
  }
  const json data = {{"id", user.id},
                     {"organisations", memberships},
                     {"has_organisations", !memberships.empty()},
                     {"email", user.email},
                     {"name", user.display_name},
                     {"roles", roles},
                     {"has_roles", !roles.empty()},
                     {"role_options", RoleOptions(request, site, role)},
                     {"scope", scope},
                     {"error", error},
                     {"grant_url", UserPath(user.id) + "/roles"},
                     {"csrf", std::string(request.Attribute("csrf_token").value_or(""))}};
  return site.Page(request, user.email, "accounts/admin_user", data, status);
}

std::optional<RoleAssignment> ParseAssignment(const std::string& role_name, const std::string& scope_text) {
  const auto role = RoleFromName(role_name);
  const auto scope = ParseScope(scope_text);
  if (!role || !scope) return std::nullopt;
  return RoleAssignment{*role, *scope};
}

}  // namespace

void AddAdminRoutes(kernel::Routes& routes, const web::Site& site, AccountsService& accounts,
                    OrganisationService& organisations) {
  routes.Get(
      "/admin/users", core::Access::Administrator(),
      [&site, &accounts](http::Request& request, const core::SignedIn& administrator) {
        const std::string search = request.Query("q").value_or("");
        std::int64_t offset = 0;
        try {
          offset = std::max<std::int64_t>(0, std::stoll(request.Query("offset").value_or("0")));
        } catch (const std::exception&) {
          return site.Fail(request, core::Error::InvalidInput("offset must be a whole number, 0 or more"));
        }
        const auto listing = accounts.ListUsers(administrator, search, kUsersPerPage, offset);
        if (!listing) return site.Fail(request, listing.error());
        json users = json::array();
        for (const auto& [user, assignments] : listing->users) {
          json roles = json::array();
          for (const auto& assignment : assignments) {
            roles.push_back(site.Translate(request, RoleTitle(assignment.role)) + " · " + ScopeText(assignment.scope));
          }
          users.push_back(
              {{"email", user.email}, {"name", user.display_name}, {"url", UserPath(user.id)}, {"roles", roles}});
        }
        const std::int64_t total = listing->total;
        const std::string base = "/admin/users?q=" + http::PercentEncode(search);
        json data = {{"users", users}, {"has_users", !users.empty()}, {"q", search}, {"total", total}};
        data["pager"] = web::ui::Pager(site.ReaderOf(request), total, kUsersPerPage, offset, base);
        return site.Page(request, site.Translate(request, "Users"), "accounts/admin_users", data);
      });

  routes.Get("/admin/users/{id:int}", core::Access::Administrator(),
             [&site, &accounts, &organisations](http::Request& request, const core::SignedIn& administrator) {
               const auto user = accounts.FindUser(administrator, request.IntParameter("id"));
               if (!user) return site.Fail(request, user.error());
               return UserPage(request, site, accounts, organisations, *user, "", "", "", 200);
             });

  routes.Post("/admin/users/{id:int}/roles", core::Access::Administrator(),
              [&site, &accounts, &organisations](http::Request& request, const core::SignedIn& administrator) {
                const auto user = accounts.FindUser(administrator, request.IntParameter("id"));
                if (!user) return site.Fail(request, user.error());
                const std::string role = request.Form("role").value_or("");
                const std::string scope = request.Form("scope").value_or("");
                const auto assignment = ParseAssignment(role, scope);
                if (!assignment) {
                  const auto error = core::Error::InvalidInput(
                      "Choose a role, and write the scope as installation, oblast:BLG, municipality:MON24 or "
                      "organisation:ID.");
                  return UserPage(request, site, accounts, organisations, *user, role, scope,
                                  site.Translate(request, error.message), FormStatusOf(error));
                }
                const auto granted = accounts.GrantRole(administrator, user->user.email, *assignment);
                if (!granted) {
                  return UserPage(request, site, accounts, organisations, *user, role, scope,
                                  site.Translate(request, granted.error().message), FormStatusOf(granted.error()));
                }
                return http::Response::Redirect(UserPath(user->user.id));
              });

  // Revoking takes two steps: this page asks, the form on it does it.
  routes.Get("/admin/users/{id:int}/roles/revoke", core::Access::Administrator(),
             [&site, &accounts](http::Request& request, const core::SignedIn& administrator) {
               const auto user = accounts.FindUser(administrator, request.IntParameter("id"));
               if (!user && user.error().kind != core::ErrorKind::kNotFound) return site.Fail(request, user.error());
               const auto assignment =
                   ParseAssignment(request.Query("role").value_or(""), request.Query("scope").value_or(""));
               if (!user || !assignment)
                 return site.Fail(request, core::Error::NotFound("This user does not hold this role."));
               const User& holder = user->user;
               const json data = {{"email", holder.email},
                                  {"role", site.Translate(request, RoleTitle(assignment->role))},
                                  {"role_name", RoleName(assignment->role)},
                                  {"scope", ScopeLabel(request, site, accounts, assignment->scope)},
                                  {"scope_text", ScopeText(assignment->scope)},
                                  {"action", UserPath(holder.id) + "/roles/revoke"},
                                  {"back", UserPath(holder.id)},
                                  {"csrf", std::string(request.Attribute("csrf_token").value_or(""))}};
               return site.Page(request, site.Translate(request, "Revoke a role"), "accounts/admin_revoke_role", data);
             });

  routes.Post("/admin/users/{id:int}/roles/revoke", core::Access::Administrator(),
              [&site, &accounts](http::Request& request, const core::SignedIn& administrator) {
                const auto assignment =
                    ParseAssignment(request.Form("role").value_or(""), request.Form("scope").value_or(""));
                if (!assignment) return site.Fail(request, core::Error::NotFound("This user does not hold this role."));
                const auto revoked = accounts.RevokeRole(administrator, request.IntParameter("id"), *assignment);
                if (!revoked) return site.Fail(request, revoked.error());
                return http::Response::Redirect(UserPath(request.IntParameter("id")));
              });
}

}  // namespace accounts
