#pragma once
// Roles hold for a scope: one organisation, one municipality, one oblast, or the whole installation
// (ARCHITECTURE.md, "Who uses it"). Visitors need no role: anything public is open to everyone.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accounts {

enum class Role {
  kCommunityMonitor,
  kCsoEditor,
  kMunicipalOfficial,
  kCoordinator,  // regional or national coordinator
  kProgrammeOperator,
  kAdministrator,
};

enum class ScopeKind { kInstallation, kOblast, kMunicipality, kOrganisation };

struct Scope {
  ScopeKind kind = ScopeKind::kInstallation;
  std::string code;  // oblast 'BLG', municipality 'MON24', organisation id; empty for the installation

  bool operator==(const Scope&) const = default;
};

struct RoleAssignment {
  Role role;
  Scope scope;
};

std::string_view RoleName(Role role);  // "municipal_official"
std::optional<Role> RoleFromName(std::string_view name);
const std::vector<Role>& AllRoles();
std::string_view RoleTitle(Role role);           // "Municipal official": a msgid for the translator
std::string_view ScopeKindName(ScopeKind kind);  // "municipality"
std::optional<ScopeKind> ScopeKindFromName(std::string_view name);

// "installation", "oblast:BLG", "municipality:MON24", "organisation:12"; nullopt for anything else.
std::optional<Scope> ParseScope(std::string_view text);
std::string ScopeText(const Scope& scope);

// Whether a role held for `held` reaches a place in `wanted`: the installation reaches everything, an oblast its
// municipalities (a municipality code starts with its oblast's code), anything reaches itself.
bool ScopeCovers(const Scope& held, const Scope& wanted);

}  // namespace accounts
