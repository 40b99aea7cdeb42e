#include "modules/accounts/roles.hpp"

#include <array>
#include <utility>

#include "modules/places/places.hpp"

namespace accounts {
namespace {

struct RoleNames {
  Role role;
  std::string_view name;
  std::string_view title;
};

constexpr std::array<RoleNames, 6> kRoles = {{
    {Role::kCommunityMonitor, "community_monitor", "Community monitor"},
    {Role::kCsoEditor, "cso_editor", "Civil-society editor"},
    {Role::kMunicipalOfficial, "municipal_official", "Municipal official"},
    {Role::kCoordinator, "coordinator", "Regional or national coordinator"},
    {Role::kProgrammeOperator, "programme_operator", "Programme operator"},
    {Role::kAdministrator, "administrator", "Administrator"},
}};

constexpr std::array<std::pair<ScopeKind, std::string_view>, 4> kScopeKinds = {{
    {ScopeKind::kInstallation, "installation"},
    {ScopeKind::kOblast, "oblast"},
    {ScopeKind::kMunicipality, "municipality"},
    {ScopeKind::kOrganisation, "organisation"},
}};

bool IsDigits(std::string_view text) {
  return !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& entry : kRoles) {
    if (entry.role == role) return entry.name;
  }
  return "";
}

std::string_view RoleTitle(Role role) {
  for (const auto& entry : kRoles) {
    if (entry.role == role) return entry.title;
  }
  return "";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (const auto& entry : kRoles) {
    if (entry.name == name) return entry.role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = [] {
    std::vector<Role> all;
    for (const auto& entry : kRoles) all.push_back(entry.role);
    return all;
  }();
  return kAll;
}

std::string_view ScopeKindName(ScopeKind kind) {
  for (const auto& [each, name] : kScopeKinds) {
    if (each == kind) return name;
  }
  return "";
}

std::optional<ScopeKind> ScopeKindFromName(std::string_view name) {
  for (const auto& [kind, each] : kScopeKinds) {
    if (each == name) return kind;
  }
  return std::nullopt;
}

std::optional<Scope> ParseScope(std::string_view text) {
  if (text == "installation") return Scope{ScopeKind::kInstallation, ""};
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto kind = ScopeKindFromName(text.substr(0, colon));
  const std::string_view code = text.substr(colon + 1);
  if (!kind) return std::nullopt;
  switch (*kind) {
    case ScopeKind::kInstallation:
      return std::nullopt;
    case ScopeKind::kOblast:
      if (!places::IsOblastCode(code)) return std::nullopt;
      break;
    case ScopeKind::kMunicipality:
      if (!places::IsMunicipalityCode(code)) return std::nullopt;
      break;
    case ScopeKind::kOrganisation:
      if (!IsDigits(code)) return std::nullopt;
      break;
  }
  return Scope{*kind, std::string(code)};
}

std::string ScopeText(const Scope& scope) {
  if (scope.kind == ScopeKind::kInstallation) return "installation";
  return std::string(ScopeKindName(scope.kind)) + ":" + scope.code;
}

bool ScopeCovers(const Scope& held, const Scope& wanted) {
  if (held.kind == ScopeKind::kInstallation) return true;
  if (held == wanted) return true;
  return held.kind == ScopeKind::kOblast && wanted.kind == ScopeKind::kMunicipality &&
         wanted.code.starts_with(held.code);
}

}  // namespace accounts
