#pragma once
// Roles by name and title, and scopes as text: how accounts grants them (the types are in core/actor.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"

namespace accounts {

// The types are the shared kernel's (core/actor.hpp); how they are named and parsed is the accounts module's.
using core::Role;
using core::RoleAssignment;
using core::Scope;
using core::ScopeKind;

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
