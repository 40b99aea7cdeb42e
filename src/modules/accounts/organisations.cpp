#include "modules/accounts/organisations.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/places/places_store.hpp"

namespace accounts {
namespace {

constexpr std::size_t kMaxNameBytes = 300;

struct Kind {
  std::string_view name;
  std::string_view title;
};

constexpr std::array kKinds = {
    Kind{"cso", "Civil-society organisation"},
    Kind{"initiative_group", "Community initiative group"},
    Kind{"municipality", "Municipality"},
    Kind{"regional_administration", "Regional administration"},
    Kind{"school", "School or kindergarten"},
    Kind{"clinic", "Health-care provider"},
    Kind{"donor", "Donor or programme operator"},
    Kind{"media", "Media"},
    Kind{"business", "Business"},
    Kind{"other", "Other organisation"},
};

std::string Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

core::Error ChangedMeanwhile() {
  return core::Error::Conflict(
      "Someone changed this organisation while you were editing it. Its details as saved now are shown beside what "
      "you typed: save again to keep yours.");
}

std::string Describe(const Organisation& organisation) {
  return "organisation " + std::to_string(organisation.id) + " (" + organisation.name + ")";
}

}  // namespace

const std::vector<std::string_view>& OrganisationKinds() {
  static const std::vector<std::string_view> kinds = [] {
    std::vector<std::string_view> names;
    for (const Kind& kind : kKinds) names.push_back(kind.name);
    return names;
  }();
  return kinds;
}

std::string_view OrganisationKindTitle(std::string_view kind) {
  for (const Kind& each : kKinds) {
    if (each.name == kind) return each.title;
  }
  return kind;
}

core::Result<OrganisationFields> OrganisationService::Check(const OrganisationFields& fields, std::int64_t except_id) {
  OrganisationFields checked{Trimmed(fields.name), Trimmed(fields.kind), Trimmed(fields.municipality_code)};
  if (checked.name.empty()) return core::Error::InvalidInput("Write the organisation's name.");
  if (checked.name.size() > kMaxNameBytes || !core::IsValidUtf8(checked.name)) {
    return core::Error::InvalidInput("The name is too long: at most 300 bytes.");
  }
  if (std::ranges::find(OrganisationKinds(), checked.kind) == OrganisationKinds().end()) {
    return core::Error::InvalidInput("Choose what kind of organisation it is.");
  }
  if (!checked.municipality_code.empty() &&
      !places::PlacesStore(database_).FindMunicipality(checked.municipality_code)) {
    return core::Error::InvalidInput("There is no municipality with this code.");
  }
  if (store_.FindNamesake(core::SearchKey(checked.name), checked.municipality_code, except_id)) {
    return core::Error::Conflict("An organisation with this name exists already in this municipality.");
  }
  return checked;
}

core::Result<Organisation> OrganisationService::Create(const core::Actor& actor, const OrganisationFields& fields) {
  if (auto refused = RefuseUnlessAdministrator(actor)) return *refused;
  const auto checked = Check(fields, 0);
  if (!checked) return checked.error();
  Organisation organisation{0, checked->name, checked->kind, checked->municipality_code, clock_.Now(), 0};
  organisation.id = store_.Insert(organisation, core::SearchKey(organisation.name));
  audit_.Write(actor, "organisation_created", Describe(organisation));
  return organisation;
}

core::Result<Organisation> OrganisationService::Update(const core::Actor& actor, std::int64_t id, std::int64_t version,
                                                       const OrganisationFields& fields) {
  if (auto refused = RefuseUnlessAdministrator(actor)) return *refused;
  auto organisation = store_.Find(id);
  if (!organisation) return core::Error::NotFound("There is no such organisation.");
  const auto checked = Check(fields, id);
  if (!checked) return checked.error();
  if (organisation->version != version) return ChangedMeanwhile();
  organisation->name = checked->name;
  organisation->kind = checked->kind;
  organisation->municipality_code = checked->municipality_code;
  // The store checks the version again as it writes: two saves at once from one version both pass the check above.
  if (!store_.Update(*organisation, core::SearchKey(organisation->name))) return ChangedMeanwhile();
  ++organisation->version;
  audit_.Write(actor, "organisation_changed", Describe(*organisation));
  return *organisation;
}

std::vector<Organisation> OrganisationService::List(std::string_view search, const std::string& kind,
                                                    std::int64_t limit, std::int64_t offset) {
  return store_.List(core::SearchKey(search), kind, limit, offset);
}

std::int64_t OrganisationService::Count(std::string_view search, const std::string& kind) {
  return store_.Count(core::SearchKey(search), kind);
}

core::Result<User> OrganisationService::AddMember(const core::Actor& actor, std::int64_t organisation_id,
                                                  const std::string& email) {
  if (auto refused = RefuseUnlessAdministrator(actor)) return *refused;
  const auto organisation = store_.Find(organisation_id);
  if (!organisation) return core::Error::NotFound("There is no such organisation.");
  const auto user = accounts_.FindUserByEmail(NormaliseEmail(email).value_or(Trimmed(email)));
  if (!user) return core::Error::NotFound("There is no user with this email address.");
  if (store_.AddMember(organisation_id, user->id)) {
    audit_.Write(actor, "member_added", user->email + " to " + Describe(*organisation));
  }
  return *user;
}

core::Result<User> OrganisationService::RemoveMember(const core::Actor& actor, std::int64_t organisation_id,
                                                     std::int64_t user_id) {
  if (auto refused = RefuseUnlessAdministrator(actor)) return *refused;
  const auto organisation = store_.Find(organisation_id);
  const auto user = accounts_.FindUserById(user_id);
  if (!organisation || !user || !store_.RemoveMember(organisation_id, user_id)) {
    return core::Error::NotFound("This user is not a member of this organisation.");
  }
  audit_.Write(actor, "member_removed", user->email + " from " + Describe(*organisation));
  return *user;
}

}  // namespace accounts
