#include "modules/accounts/permissions.hpp"

#include <array>

namespace accounts {
namespace {

using http::Method;

struct Rule {
  Method method;
  std::string_view pattern;
  Access access;
};

constexpr std::array kRules = {
    // Public pages and open data.
    Rule{Method::kGet, "/", Access::kAnyone},
    Rule{Method::kGet, "/healthz", Access::kAnyone},
    Rule{Method::kGet, "/language/{code}", Access::kAnyone},
    Rule{Method::kGet, "/places", Access::kAnyone},
    Rule{Method::kGet, "/places/oblasts/{code}", Access::kAnyone},
    Rule{Method::kGet, "/places/municipalities/{code}", Access::kAnyone},
    Rule{Method::kGet, "/places/search", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/openapi.json", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/places/oblasts", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/places/municipalities", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/places/municipalities/{code}", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/places/search", Access::kAnyone},
    // The policy cascade: reading is open; changing is for the signed-in, and the service checks their scope.
    Rule{Method::kGet, "/policies", Access::kAnyone},
    Rule{Method::kGet, "/policies/documents/{id}", Access::kAnyone},
    Rule{Method::kGet, "/policies/items/{id}", Access::kAnyone},
    Rule{Method::kGet, "/policies/gaps", Access::kAnyone},
    Rule{Method::kGet, "/policies/gaps.csv", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/policies/areas", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/policies/documents", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/policies/documents/{id}", Access::kAnyone},
    Rule{Method::kGet, "/api/v1/policies/gaps", Access::kAnyone},
    Rule{Method::kGet, "/policies/documents/new", Access::kSignedIn},
    Rule{Method::kPost, "/policies/documents", Access::kSignedIn},
    Rule{Method::kGet, "/policies/documents/{id}/edit", Access::kSignedIn},
    Rule{Method::kPost, "/policies/documents/{id}", Access::kSignedIn},
    Rule{Method::kGet, "/policies/documents/{id}/items/new", Access::kSignedIn},
    Rule{Method::kPost, "/policies/documents/{id}/items", Access::kSignedIn},
    Rule{Method::kGet, "/policies/items/{id}/edit", Access::kSignedIn},
    Rule{Method::kPost, "/policies/items/{id}", Access::kSignedIn},
    Rule{Method::kPost, "/policies/items/{id}/links", Access::kSignedIn},
    Rule{Method::kPost, "/policies/items/{id}/links/{target}/remove", Access::kSignedIn},
    Rule{Method::kGet, "/policies/items/{id}/withdraw", Access::kSignedIn},
    Rule{Method::kPost, "/policies/items/{id}/withdraw", Access::kSignedIn},
    Rule{Method::kPost, "/policies/items/{id}/restore", Access::kSignedIn},
    Rule{Method::kGet, "/policies/documents/{id}/carry-over", Access::kSignedIn},
    Rule{Method::kGet, "/policies/documents/{id}/export.csv", Access::kAnyone},
    Rule{Method::kGet, "/policies/documents/{id}/export.xlsx", Access::kAnyone},
    Rule{Method::kGet, "/policies/documents/{id}/import", Access::kSignedIn},
    Rule{Method::kPost, "/policies/documents/{id}/import", Access::kSignedIn},
    Rule{Method::kPost, "/policies/documents/{id}/carry-over", Access::kSignedIn},
    Rule{Method::kGet, "/policies/documents/{id}/delete", Access::kSignedIn},
    Rule{Method::kPost, "/policies/documents/{id}/delete", Access::kSignedIn},
    // Signing in and out.
    Rule{Method::kGet, "/signin", Access::kAnyone},
    Rule{Method::kPost, "/signin", Access::kAnyone},
    Rule{Method::kPost, "/signout", Access::kAnyone},
    // One's own account.
    Rule{Method::kGet, "/account", Access::kSignedIn},
    Rule{Method::kGet, "/api/v1/me", Access::kSignedIn},
    Rule{Method::kGet, "/account/data.json", Access::kSignedIn},
    Rule{Method::kGet, "/account/delete", Access::kSignedIn},
    Rule{Method::kPost, "/account/delete", Access::kSignedIn},
    // Invitations and password resets by one-time links: the token in the path is the permission.
    Rule{Method::kGet, "/invitations/{token}", Access::kAnyone},
    Rule{Method::kPost, "/invitations/{token}", Access::kAnyone},
    Rule{Method::kGet, "/password-reset", Access::kAnyone},
    Rule{Method::kPost, "/password-reset", Access::kAnyone},
    Rule{Method::kGet, "/password-reset/{token}", Access::kAnyone},
    Rule{Method::kPost, "/password-reset/{token}", Access::kAnyone},
    // Self-registration as a community monitor: the route answers 404 unless the installation allows it.
    Rule{Method::kGet, "/register", Access::kAnyone},
    Rule{Method::kPost, "/register", Access::kAnyone},
    // Administration.
    Rule{Method::kGet, "/admin/audit", Access::kAdministrator},
    Rule{Method::kGet, "/admin/outbox", Access::kAdministrator},
    Rule{Method::kGet, "/admin/users", Access::kAdministrator},
    Rule{Method::kGet, "/admin/users/{id}", Access::kAdministrator},
    Rule{Method::kPost, "/admin/users/{id}/roles", Access::kAdministrator},
    Rule{Method::kGet, "/admin/users/{id}/roles/revoke", Access::kAdministrator},
    Rule{Method::kPost, "/admin/users/{id}/roles/revoke", Access::kAdministrator},
    Rule{Method::kGet, "/admin/invitations/new", Access::kAdministrator},
    Rule{Method::kPost, "/admin/invitations", Access::kAdministrator},
    Rule{Method::kGet, "/admin/organisations", Access::kAdministrator},
    Rule{Method::kGet, "/admin/organisations/new", Access::kAdministrator},
    Rule{Method::kPost, "/admin/organisations", Access::kAdministrator},
    Rule{Method::kGet, "/admin/organisations/{id}", Access::kAdministrator},
    Rule{Method::kPost, "/admin/organisations/{id}", Access::kAdministrator},
    Rule{Method::kPost, "/admin/organisations/{id}/members", Access::kAdministrator},
    Rule{Method::kGet, "/admin/organisations/{id}/members/{user}/remove", Access::kAdministrator},
    Rule{Method::kPost, "/admin/organisations/{id}/members/{user}/remove", Access::kAdministrator},
    Rule{Method::kGet, "/admin/registrations", Access::kAdministrator},
    Rule{Method::kPost, "/admin/registrations/{id}/approve", Access::kAdministrator},
    Rule{Method::kGet, "/admin/registrations/{id}/reject", Access::kAdministrator},
    Rule{Method::kPost, "/admin/registrations/{id}/reject", Access::kAdministrator},
};

}  // namespace

std::optional<Access> AccessFor(http::Method method, std::string_view pattern_shape) {
  const Method wanted = method == Method::kHead ? Method::kGet : method;
  for (const Rule& rule : kRules) {
    if (rule.method == wanted && rule.pattern == pattern_shape) return rule.access;
  }
  return std::nullopt;
}

bool Allows(Access access, const CurrentSession* session) {
  switch (access) {
    case Access::kAnyone:
      return true;
    case Access::kSignedIn:
      return session != nullptr;
    case Access::kAdministrator:
      if (session == nullptr) return false;
      for (const auto& assignment : session->roles) {
        if (assignment.role == Role::kAdministrator && assignment.scope.kind == ScopeKind::kInstallation) return true;
      }
      return false;
  }
  return false;
}

}  // namespace accounts
