#include "modules/accounts/registrations.hpp"

#include "core/text.hpp"
#include "modules/accounts/password.hpp"
#include "modules/places/places_store.hpp"

namespace accounts {
namespace {

constexpr std::size_t kMaxMotivationBytes = 2000;
constexpr std::size_t kMaxNameBytes = 200;
constexpr std::int64_t kHour = 3600;

}  // namespace

std::string_view RegistrationStateTitle(std::string_view state) {
  if (state == "approved") return "approved";
  if (state == "rejected") return "rejected";
  return "waiting for review";
}

core::Result<bool> RegistrationService::Register(const RegistrationForm& form, const Origin& origin) {
  const auto email = NormaliseEmail(form.email);
  if (!email) return core::Error::InvalidInput("This is not an email address.");
  if (form.name.size() > kMaxNameBytes || !core::IsValidUtf8(form.name)) {
    return core::Error::InvalidInput("The name is too long: at most 200 bytes.");
  }
  if (form.password.size() < kMinimumPasswordLength) {
    return core::Error::InvalidInput("The password must have at least 10 characters.");
  }
  if (form.municipality_code.empty() || !places::PlacesStore(database_).FindMunicipality(form.municipality_code)) {
    return core::Error::InvalidInput("Choose the municipality you want to monitor.");
  }
  if (form.motivation.size() > kMaxMotivationBytes || !core::IsValidUtf8(form.motivation)) {
    return core::Error::InvalidInput("Say in at most 2000 bytes why you want to monitor.");
  }
  if (store_.CountRecentFrom(origin.remote_address, clock_.Now() - kHour) >= kMaxRegistrationsPerHour) {
    return core::Error::RateLimited("Too many registrations came from your network. Try again in an hour.");
  }
  if (accounts_store_.FindUserByEmail(*email)) {
    audit_.Write(std::nullopt, origin, "registration_requested", *email + " (has an account already: nothing created)");
    return false;
  }
  const auto user = accounts_.AddUser(*email, form.name, form.password);
  if (!user) return user.error();
  const std::int64_t id = store_.Insert(user->id, form.municipality_code, form.motivation, clock_.Now());
  audit_.Write(user->id, origin, "registration_requested",
               user->email + ": request " + std::to_string(id) + " for municipality:" + form.municipality_code);
  return true;
}

core::Result<RegistrationRequest> RegistrationService::Approve(const core::Actor& administrator,
                                                               std::int64_t request_id) {
  if (auto refused = RefuseUnlessAdministrator(administrator)) return *refused;
  auto request = store_.Find(request_id);
  if (!request) return core::Error::NotFound("There is no such registration request.");
  if (request->state != "pending") return core::Error::Conflict("This request has been decided already.");
  const RoleAssignment assignment{Role::kCommunityMonitor, {ScopeKind::kMunicipality, request->municipality_code}};
  // The decision first: of two administrators who approve at once, only one grants.
  if (!store_.Decide(request_id, "approved", administrator.user_id, clock_.Now(), "")) {
    return core::Error::Conflict("This request has been decided already.");
  }
  const auto granted = accounts_.GrantRole(administrator, request->email, assignment);
  if (!granted) return granted.error();
  audit_.Write(administrator, "registration_approved", request->email + ": request " + std::to_string(request_id));
  request->state = "approved";
  return *request;
}

core::Result<RegistrationRequest> RegistrationService::Reject(const core::Actor& administrator, std::int64_t request_id,
                                                              const std::string& note) {
  if (auto refused = RefuseUnlessAdministrator(administrator)) return *refused;
  auto request = store_.Find(request_id);
  if (!request) return core::Error::NotFound("There is no such registration request.");
  if (note.size() > kMaxMotivationBytes || !core::IsValidUtf8(note)) {
    return core::Error::InvalidInput("Say in at most 2000 bytes why you want to monitor.");
  }
  if (!store_.Decide(request_id, "rejected", administrator.user_id, clock_.Now(), note)) {
    return core::Error::Conflict("This request has been decided already.");
  }
  audit_.Write(administrator, "registration_rejected", request->email + ": request " + std::to_string(request_id));
  request->state = "rejected";
  request->decision_note = note;
  return *request;
}

}  // namespace accounts
