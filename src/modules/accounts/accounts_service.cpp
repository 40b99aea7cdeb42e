#include "modules/accounts/accounts_service.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "modules/accounts/password.hpp"
#include "modules/accounts/session.hpp"
#include "modules/places/places_store.hpp"

namespace accounts {

std::optional<core::Error> RefuseUnlessAdministrator(const core::Actor& actor) {
  if (actor.IsAdministrator()) return std::nullopt;
  return core::Error::Forbidden(std::string(kAdministratorsOnly));
}

std::optional<std::string> NormaliseEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return std::nullopt;
  const std::string_view domain = email.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() || email.size() > 254) return std::nullopt;
  for (const char c : email) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c))) return std::nullopt;
  }
  std::string normalised(email);
  for (char& c : normalised) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return normalised;
}

core::Result<User> AccountsService::AddUser(const std::string& email, const std::string& display_name,
                                            const std::string& password) {
  const auto normalised = NormaliseEmail(email);
  if (!normalised) return core::Error::InvalidInput("This is not an email address.");
  if (password.size() < kMinimumPasswordLength) {
    return core::Error::InvalidInput(
        fmt::format("The password must have at least {} characters.", kMinimumPasswordLength));
  }
  // The name others read beside what the person does: the same rule as every text field (UTF-8 is checked before).
  if (core::CountCharacters(display_name) > 200) {
    return core::Error::InvalidInput("The name is too long: at most 200 characters.");
  }
  if (store_.FindUserByEmail(*normalised))
    return core::Error::Conflict("A user with this email address exists already.");
  User user{0, *normalised, display_name.empty() ? normalised->substr(0, normalised->find('@')) : display_name,
            HashPassword(password)};
  try {
    user.id = store_.InsertUser(user, clock_.Now());
  } catch (const db::Error& error) {
    if (error.kind() == db::ErrorKind::kUniqueViolation) {
      return core::Error::Conflict("A user with this email address exists already.");
    }
    throw;
  }
  return user;
}

core::Result<UserListing> AccountsService::ListUsers(const core::Actor& reader, const std::string& search,
                                                     std::int64_t limit, std::int64_t offset) {
  if (auto refused = RefuseUnlessAdministrator(reader)) return *refused;
  UserListing listing;
  for (User& user : store_.ListUsers(search, limit, offset)) {
    auto roles = store_.ListRoles(user.id);
    listing.users.push_back({std::move(user), std::move(roles)});
  }
  listing.total = store_.CountUsers(search);
  return listing;
}

core::Result<UserWithRoles> AccountsService::FindUser(const core::Actor& reader, std::int64_t user_id) {
  if (auto refused = RefuseUnlessAdministrator(reader)) return *refused;
  auto user = store_.FindUserById(user_id);
  if (!user) return core::Error::NotFound("There is no such account.");
  user->password_hash.clear();
  auto roles = store_.ListRoles(user_id);
  return UserWithRoles{std::move(*user), std::move(roles)};
}

core::Result<AuditListing> AccountsService::ListAudit(const core::Actor& reader, const std::string& action,
                                                      std::int64_t limit, std::int64_t offset) {
  if (auto refused = RefuseUnlessAdministrator(reader)) return *refused;
  return AuditListing{store_.ListAudit(action, limit, offset), store_.CountAudit(action)};
}

core::Result<std::string> AccountsService::DeleteAccount(std::int64_t user_id, const std::string& password,
                                                         const std::string& remote_address,
                                                         const std::string& request_id) {
  const auto user = store_.FindUserById(user_id);
  if (!user) return core::Error::NotFound("There is no such account.");
  if (!VerifyPassword(password, user->password_hash)) {
    return core::Error::InvalidInput("The password is not right. Your account is unchanged.");
  }
  const std::string pseudonym = "deleted-" + std::to_string(user->id) + "@deleted.invalid";
  const std::string unusable_password_hash = HashPassword(NewToken());
  const std::int64_t now = clock_.Now();
  database_.Transaction([&](db::Connection& connection) {
    store_.Pseudonymise(connection, *user, pseudonym, "Former user " + std::to_string(user->id), unusable_password_hash,
                        now);
    outbox_.Forget(connection, user->email);
    audit_.Write(connection, user->id, {remote_address, request_id}, "account_deleted", pseudonym);
  });
  return pseudonym;
}

AccountsService::ScopeNames AccountsService::NamesOf(const Scope& scope) {
  places::PlacesStore places(database_);
  switch (scope.kind) {
    case ScopeKind::kInstallation:
      return {};
    case ScopeKind::kOblast:
      if (const auto oblast = places.FindOblast(scope.code)) return {oblast->name_bg, oblast->name_en};
      break;
    case ScopeKind::kMunicipality:
      if (const auto municipality = places.FindMunicipality(scope.code)) {
        return {municipality->municipality.name_bg, municipality->municipality.name_en};
      }
      break;
    case ScopeKind::kOrganisation:
      if (const auto name = store_.OrganisationName(std::stoll(scope.code))) return {*name, *name};
      break;
  }
  return {scope.code, scope.code};
}

core::Result<RoleAssignment> AccountsService::RevokeRole(const core::Actor& revoker, std::int64_t user_id,
                                                         const RoleAssignment& assignment) {
  if (auto refused = RefuseUnlessAdministrator(revoker)) return *refused;
  const auto user = store_.FindUserById(user_id);
  if (!user) return core::Error::NotFound("There is no such account.");
  if (!store_.DeleteRole(user_id, assignment)) return core::Error::NotFound("This user does not hold this role.");
  audit_.Write(revoker, "role_revoked",
               user->email + ": " + std::string(RoleName(assignment.role)) + " for " + ScopeText(assignment.scope));
  return assignment;
}

bool AccountsService::ScopeExists(const Scope& scope) {
  places::PlacesStore places(database_);
  switch (scope.kind) {
    case ScopeKind::kInstallation:
      return true;
    case ScopeKind::kOblast:
      return places.FindOblast(scope.code).has_value();
    case ScopeKind::kMunicipality:
      return places.FindMunicipality(scope.code).has_value();
    case ScopeKind::kOrganisation:
      return store_.OrganisationExists(std::stoll(scope.code));
  }
  return false;
}

core::Result<RoleAssignment> AccountsService::GrantRole(const core::Actor& granter, const std::string& email,
                                                        const RoleAssignment& assignment) {
  if (auto refused = RefuseUnlessAdministrator(granter)) return *refused;
  const auto user = store_.FindUserByEmail(NormaliseEmail(email).value_or(email));
  if (!user) return core::Error::NotFound("There is no user with this email address.");
  if (!ScopeExists(assignment.scope)) return core::Error::NotFound("There is no place or organisation for this scope.");
  if (store_.InsertRole(user->id, assignment, granter.user_id, clock_.Now())) {
    audit_.Write(granter, "role_granted",
                 user->email + ": " + std::string(RoleName(assignment.role)) + " for " + ScopeText(assignment.scope));
  }
  return assignment;
}

}  // namespace accounts
