#pragma once
// Who acts, and what a route asks of them. Roles hold for a scope: one organisation, one municipality, one oblast, or
// the whole installation (ARCHITECTURE.md, "Who uses it"). Visitors need no role: anything public is open to everyone.
// Pure types, shared by every module: accounts knows how roles are granted; the others only read them.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace core {

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

// Where a request came from, for the audit log.
struct Origin {
  std::string remote_address;
  std::string request_id;
};

// Who acts: a signed-in user with their roles, a visitor (no user, no roles), or the command line and reference loads
// (no user, acting as the installation's administrator).
struct Actor {
  std::optional<std::int64_t> user_id;
  std::vector<RoleAssignment> roles;
  Origin origin;

  bool Holds(Role role, ScopeKind scope) const {
    for (const RoleAssignment& assignment : roles) {
      if (assignment.role == role && assignment.scope.kind == scope) return true;
    }
    return false;
  }
  bool IsAdministrator() const { return Holds(Role::kAdministrator, ScopeKind::kInstallation); }
};

// The command line acts as an administrator of the installation: whoever runs it operates the server. It names no
// user; the audit log records it as coming from "command line".
inline Actor CommandLineActor() {
  return {std::nullopt, {{Role::kAdministrator, {ScopeKind::kInstallation, ""}}}, {"command line", ""}};
}

// A signed-in user: an actor who certainly has a user id. Handlers of routes for the signed-in receive one, so a
// handler that needs a user cannot run without one.
class SignedIn {
 public:
  SignedIn(std::int64_t user_id, std::string display_name, std::vector<RoleAssignment> roles, Origin origin)
      : actor_{user_id, std::move(roles), std::move(origin)}, display_name_(std::move(display_name)) {}

  std::int64_t user_id() const { return *actor_.user_id; }
  const std::string& display_name() const { return display_name_; }
  const std::vector<RoleAssignment>& roles() const { return actor_.roles; }
  const Origin& origin() const { return actor_.origin; }
  const Actor& actor() const { return actor_; }
  operator const Actor&() const { return actor_; }  // NOLINT: a signed-in user is an actor wherever one is asked for

 private:
  Actor actor_;
  std::string display_name_;
};

// Where the request pipeline keeps the signed-in user of a request (http::Request::context).
inline constexpr const char* kSignedInContext = "signed_in";

// What a route asks of whoever calls it; declared beside the route, read by the request pipeline and the route walk
// test. Whether a user may touch a given record (an official of Лом edits Лом's plan) is the service's decision.
struct Access {
  enum class Kind { kAnyone, kSignedIn, kRole };
  Kind kind = Kind::kRole;  // unresolved access means no
  Role role = Role::kAdministrator;
  ScopeKind scope = ScopeKind::kInstallation;

  static constexpr Access Anyone() { return {Kind::kAnyone, Role::kAdministrator, ScopeKind::kInstallation}; }
  static constexpr Access SignedIn() { return {Kind::kSignedIn, Role::kAdministrator, ScopeKind::kInstallation}; }
  // A role held for a scope of this kind, e.g. administrator of the whole installation.
  static constexpr Access RoleFor(Role role, ScopeKind scope) { return {Kind::kRole, role, scope}; }
  static constexpr Access Administrator() { return RoleFor(Role::kAdministrator, ScopeKind::kInstallation); }

  bool Allows(const Actor* actor) const {
    switch (kind) {
      case Kind::kAnyone:
        return true;
      case Kind::kSignedIn:
        return actor != nullptr && actor->user_id.has_value();
      case Kind::kRole:
        return actor != nullptr && actor->user_id.has_value() && actor->Holds(role, scope);
    }
    return false;
  }
  bool operator==(const Access&) const = default;
};

}  // namespace core
