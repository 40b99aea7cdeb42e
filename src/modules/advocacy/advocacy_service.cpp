#include "modules/advocacy/advocacy_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "modules/accounts/roles.hpp"

namespace advocacy {
namespace {

core::Error Invalid(std::vector<core::FieldProblem> problems) {
  return core::Error::InvalidFields(std::move(problems));
}

core::Error NoSuchStakeholder() { return core::Error::NotFound("There is no such stakeholder."); }
core::Error NoSuchCoalition() { return core::Error::NotFound("There is no such coalition."); }
core::Error NoSuchCampaign() { return core::Error::NotFound("There is no such campaign."); }

void Trim(Stakeholder& stakeholder) {
  for (std::string* text : {&stakeholder.name, &stakeholder.summary, &stakeholder.email, &stakeholder.phone,
                            &stakeholder.consent_purpose, &stakeholder.consent_on, &stakeholder.sector}) {
    *text = core::TrimSpaces(*text);
  }
}

// An administrator, or a role whose scope covers `scope`.
bool HoldsRoleFor(const core::SignedIn& user, const core::Scope& scope) {
  return user.actor().IsAdministrator() ||
         std::any_of(user.roles().begin(), user.roles().end(),
                     [&](const core::RoleAssignment& role) { return accounts::ScopeCovers(role.scope, scope); });
}

}  // namespace

bool AdvocacyService::MayEdit(const core::Actor& actor, std::int64_t keeper_id) {
  if (!actor.user_id) return false;
  if (actor.IsAdministrator()) return true;
  const auto keepers = organisations_.OrganisationsOf(*actor.user_id);
  return std::any_of(keepers.begin(), keepers.end(),
                     [&](const accounts::Organisation& organisation) { return organisation.id == keeper_id; });
}

std::vector<accounts::Organisation> AdvocacyService::KeepersOf(const core::SignedIn& user) {
  return organisations_.OrganisationsOf(user.user_id());
}

std::optional<core::FieldProblem> AdvocacyService::NotInRegister(std::int64_t keeper_id, std::optional<std::int64_t> id,
                                                                 std::string_view field) {
  if (!id) return std::nullopt;
  const auto stakeholder = store_.FindStakeholder(*id);
  if (stakeholder && stakeholder->keeper_id == keeper_id) return std::nullopt;
  return core::FieldProblem{std::string(field), "Choose someone from the register.", std::to_string(*id)};
}

core::Result<Stakeholder> AdvocacyService::AddStakeholder(const core::SignedIn& user, Stakeholder stakeholder) {
  Trim(stakeholder);
  if (!MayEdit(user, stakeholder.keeper_id)) {
    return core::Error::Forbidden("Only the members of an organisation keep its register.");
  }
  if (stakeholder.kind == "person") {
    stakeholder.sector.clear();
  } else {
    stakeholder.consent_basis.clear();
    stakeholder.consent_purpose.clear();
    stakeholder.consent_on.clear();
    stakeholder.pseudonym = false;
  }
  if (auto problems = StakeholderProblems(stakeholder, Today()); !problems.empty()) return Invalid(problems);
  stakeholder.consent_recorded_by =
      stakeholder.kind == "person" ? std::optional<std::int64_t>(user.user_id()) : std::nullopt;
  stakeholder.demo = false;
  stakeholder.id = store_.InsertStakeholder(stakeholder, clock_.Now());
  audit_.Write(user, "stakeholder_added",
               fmt::format("stakeholder {} of organisation {}", stakeholder.id, stakeholder.keeper_id));
  return *store_.FindStakeholder(stakeholder.id);
}

core::Result<Stakeholder> AdvocacyService::ChangeStakeholder(const core::SignedIn& user, Stakeholder stakeholder) {
  const auto current = FindStakeholder(user, stakeholder.id);
  if (!current) return current.error();
  if (!current->erased_on.empty()) return core::Error::Conflict("This person's data was erased on request.");
  Trim(stakeholder);
  stakeholder.keeper_id = current->keeper_id;
  stakeholder.kind = current->kind;
  stakeholder.erased_on.clear();
  stakeholder.consent_withdrawn_on = current->consent_withdrawn_on;
  stakeholder.consent_recorded_by = current->consent_recorded_by;
  if (stakeholder.kind == "person" &&
      (stakeholder.consent_basis != current->consent_basis || stakeholder.consent_on != current->consent_on)) {
    stakeholder.consent_recorded_by = user.user_id();  // whoever records a new basis is its recorder
  }
  if (auto problems = StakeholderProblems(stakeholder, Today()); !problems.empty()) return Invalid(problems);
  if (!store_.UpdateStakeholder(stakeholder)) {
    return core::Error::Conflict("Someone changed this record meanwhile: open it again to see the change.");
  }
  audit_.Write(user, "stakeholder_changed", fmt::format("stakeholder {}", stakeholder.id));
  return *store_.FindStakeholder(stakeholder.id);
}

core::Result<Stakeholder> AdvocacyService::FindStakeholder(const core::Actor& actor, std::int64_t id) {
  auto stakeholder = store_.FindStakeholder(id);
  if (!stakeholder || !MayEdit(actor, stakeholder->keeper_id)) return NoSuchStakeholder();
  return std::move(*stakeholder);
}

core::Result<std::vector<Stakeholder>> AdvocacyService::Register(const core::Actor& actor, std::int64_t keeper_id) {
  if (!MayEdit(actor, keeper_id))
    return core::Error::Forbidden("Only the members of an organisation keep its register.");
  return store_.Stakeholders(keeper_id);
}

core::Result<Stakeholder> AdvocacyService::WithdrawConsent(const core::SignedIn& user, std::int64_t id,
                                                           const std::string& day) {
  auto current = FindStakeholder(user, id);
  if (!current) return current.error();
  if (current->kind != "person") return core::Error::Conflict("Only a person gives consent.");
  if (!core::DayOf(day) || day > Today()) {
    return Invalid({{"consent_withdrawn_on", "Give the day the consent was withdrawn, not after today.", day}});
  }
  Stakeholder withdrawn = *current;
  withdrawn.consent_withdrawn_on = day;
  if (!store_.UpdateStakeholder(withdrawn)) {
    return core::Error::Conflict("Someone changed this record meanwhile: open it again to see the change.");
  }
  audit_.Write(user, "stakeholder_consent_withdrawn", fmt::format("stakeholder {} on {}", id, day));
  // Without consent, nothing of the person may be kept: the data goes, the history keeps its shape.
  return current->consent_basis == "consent" ? Erase(user, id) : FindStakeholder(user, id);
}

core::Result<Stakeholder> AdvocacyService::Erase(const core::SignedIn& user, std::int64_t id) {
  auto current = FindStakeholder(user, id);
  if (!current) return current.error();
  if (current->kind != "person") return core::Error::Conflict("Only a person's data is erased on request.");
  Stakeholder erased = *current;
  erased.name = "Изтрито лице";
  erased.pseudonym = true;
  erased.summary.clear();
  erased.email.clear();
  erased.phone.clear();
  erased.consent_purpose.clear();
  erased.erased_on = Today();
  if (!store_.UpdateStakeholder(erased)) {
    return core::Error::Conflict("Someone changed this record meanwhile: open it again to see the change.");
  }
  audit_.Write(user, "stakeholder_erased", fmt::format("stakeholder {}", id));
  return *store_.FindStakeholder(id);
}

core::Result<Membership> AdvocacyService::AddMembership(const core::SignedIn& user, Membership membership) {
  membership.role = core::TrimSpaces(membership.role);
  membership.post = core::TrimSpaces(membership.post);
  const auto organization = store_.FindStakeholder(membership.organization_id);
  if (!organization || !MayEdit(user, organization->keeper_id)) return NoSuchStakeholder();
  std::vector<core::FieldProblem> problems = MembershipProblems(membership);
  if (organization->kind != "organization") {
    problems.push_back({"organization", "Choose an organisation: a person has no members.", ""});
  }
  for (auto& problem : {NotInRegister(organization->keeper_id, membership.member_id, "member"),
                        NotInRegister(organization->keeper_id, membership.on_behalf_of_id, "on_behalf_of")}) {
    if (problem) problems.push_back(*problem);
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  membership.id = store_.InsertMembership(membership);
  audit_.Write(user, "stakeholder_changed",
               fmt::format("membership of {} in {}", membership.member_id, membership.organization_id));
  return membership;
}

core::Result<nlohmann::json> AdvocacyService::ExportPopolo(const core::Actor& actor, std::int64_t keeper_id) {
  if (!MayEdit(actor, keeper_id))
    return core::Error::Forbidden("Only the members of an organisation keep its register.");
  return PopoloOf(store_.Stakeholders(keeper_id), store_.MembershipsOfKeeper(keeper_id));
}

core::Result<std::size_t> AdvocacyService::ImportPopolo(const core::SignedIn& user, std::int64_t keeper_id,
                                                        const nlohmann::json& document, const PopoloSchemas& schemas,
                                                        const std::string& basis, const std::string& purpose) {
  if (!MayEdit(user, keeper_id))
    return core::Error::Forbidden("Only the members of an organisation keep its register.");
  auto read = ReadPopolo(document, schemas, basis, core::TrimSpaces(purpose), Today());
  if (!read) return read.error();
  for (Stakeholder& stakeholder : read->stakeholders) {
    stakeholder.keeper_id = keeper_id;
    if (stakeholder.kind == "person") stakeholder.consent_recorded_by = user.user_id();
  }
  const std::size_t added =
      store_.InsertRegister(read->stakeholders, read->memberships, read->membership_fields, clock_.Now());
  audit_.Write(user, "stakeholder_added",
               fmt::format("{} stakeholders imported into organisation {}", added, keeper_id));
  return added;
}

core::Result<Coalition> AdvocacyService::CreateCoalition(const core::SignedIn& user, Coalition coalition) {
  coalition.name = core::TrimSpaces(coalition.name);
  coalition.goals = core::TrimSpaces(coalition.goals);
  if (!MayEdit(user, coalition.keeper_id)) {
    return core::Error::Forbidden("Only the members of an organisation keep its register.");
  }
  if (auto problems = CoalitionProblems(coalition); !problems.empty()) return Invalid(std::move(problems));
  coalition.demo = false;
  coalition.id = store_.InsertCoalition(coalition, clock_.Now());
  store_.InsertLog({0, coalition.id, Today(), "Коалицията е създадена."}, user.user_id(), clock_.Now());
  audit_.Write(user, "coalition_changed", fmt::format("coalition {} created", coalition.id));
  return coalition;
}

core::Result<Coalition> AdvocacyService::CoalitionToEdit(const core::Actor& actor, std::int64_t id) {
  auto coalition = store_.FindCoalition(id);
  if (!coalition) return NoSuchCoalition();
  if (!MayEdit(actor, coalition->keeper_id)) {
    return core::Error::Forbidden("Only the members of the coalition's organisation change it.");
  }
  return std::move(*coalition);
}

core::Result<CoalitionView> AdvocacyService::ReadCoalition(const core::Actor& actor, std::int64_t id) {
  auto coalition = store_.FindCoalition(id);
  if (!coalition) return NoSuchCoalition();
  CoalitionView view;
  view.may_edit = MayEdit(actor, coalition->keeper_id);
  if (const auto keeper = organisations_.Find(coalition->keeper_id)) view.keeper_name = keeper->name;
  view.members_shown = view.may_edit || coalition->members_public;
  if (view.members_shown) view.members = store_.Members(id);
  view.log = store_.Log(id);
  if (view.may_edit) view.maps = store_.Maps(id);
  view.campaigns = store_.Campaigns(id);
  view.coalition = std::move(*coalition);
  return view;
}

core::Result<bool> AdvocacyService::AddMember(const core::SignedIn& user, std::int64_t coalition_id,
                                              std::int64_t stakeholder_id) {
  const auto coalition = CoalitionToEdit(user, coalition_id);
  if (!coalition) return coalition.error();
  if (auto problem = NotInRegister(coalition->keeper_id, stakeholder_id, "member")) return Invalid({*problem});
  const bool added = store_.AddMember(coalition_id, stakeholder_id, Today());
  if (added) {
    // The log is read by everyone: it names an organisation, or a person who holds a public role, and only when the
    // membership is public (an erasure must not leave a name behind in it either).
    const auto member = store_.FindStakeholder(stakeholder_id);
    const bool named =
        coalition->members_public && (member->kind == "organization" || member->consent_basis == "public_role");
    store_.InsertLog({0, coalition_id, Today(), named ? "Нов член: " + member->name + "." : "Нов член."},
                     user.user_id(), clock_.Now());
    audit_.Write(user, "coalition_changed", fmt::format("coalition {}: member {}", coalition_id, stakeholder_id));
  }
  return added;
}

core::Result<LogEntry> AdvocacyService::AddLog(const core::SignedIn& user, LogEntry entry) {
  const auto coalition = CoalitionToEdit(user, entry.coalition_id);
  if (!coalition) return coalition.error();
  entry.text = core::TrimSpaces(entry.text);
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "log", entry.text, 2000, true);
  if (!core::DayOf(entry.day) || entry.day > Today()) {
    problems.push_back({"day", "Give the day, not after today.", entry.day});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  store_.InsertLog(entry, user.user_id(), clock_.Now());
  audit_.Write(user, "coalition_changed", fmt::format("coalition {}: log", entry.coalition_id));
  return entry;
}

core::Result<StakeholderMap> AdvocacyService::DrawMap(const core::SignedIn& user, StakeholderMap map) {
  const auto coalition = CoalitionToEdit(user, map.coalition_id);
  if (!coalition) return coalition.error();
  map.issue = core::TrimSpaces(map.issue);
  map.drawn_on = Today();
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "issue", map.issue, 300, true);
  if (map.positions.empty()) problems.push_back({"positions", "Place at least one stakeholder on the map.", ""});
  std::set<std::int64_t> placed;
  for (const Position& position : map.positions) {
    if (!placed.insert(position.stakeholder_id).second) {
      problems.push_back(
          {"positions", "A stakeholder is placed on the map twice.", std::to_string(position.stakeholder_id)});
      continue;
    }
    // Each problem names its stakeholder's row: "influence_12".
    for (core::FieldProblem problem : PositionProblems(position)) {
      problem.field += "_" + std::to_string(position.stakeholder_id);
      problems.push_back(std::move(problem));
    }
    if (auto problem = NotInRegister(coalition->keeper_id, position.stakeholder_id, "positions")) {
      problems.push_back(*problem);
    }
    if (auto problem = NotInRegister(coalition->keeper_id, position.known_by_id, "positions")) {
      problems.push_back(*problem);
    }
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  map.id = store_.InsertMap(map, clock_.Now());
  audit_.Write(user, "coalition_changed", fmt::format("coalition {}: map {}", map.coalition_id, map.id));
  return map;
}

core::Result<Campaign> AdvocacyService::StartCampaign(const core::SignedIn& user, Campaign campaign) {
  const auto coalition = CoalitionToEdit(user, campaign.coalition_id);
  if (!coalition) return coalition.error();
  campaign.title = core::TrimSpaces(campaign.title);
  campaign.goal = core::TrimSpaces(campaign.goal);
  if (auto problems = CampaignProblems(campaign); !problems.empty()) return Invalid(std::move(problems));
  campaign.demo = false;
  campaign.id = store_.InsertCampaign(campaign, clock_.Now());
  store_.InsertLog({0, campaign.coalition_id, Today(), "Започна кампанията „" + campaign.title + "“."}, user.user_id(),
                   clock_.Now());
  audit_.Write(user, "campaign_changed", fmt::format("campaign {} started", campaign.id));
  return *store_.FindCampaign(campaign.id);
}

core::Result<std::pair<Campaign, Coalition>> AdvocacyService::CampaignToEdit(const core::Actor& actor,
                                                                             std::int64_t id) {
  auto campaign = store_.FindCampaign(id);
  if (!campaign) return NoSuchCampaign();
  auto coalition = CoalitionToEdit(actor, campaign->coalition_id);
  if (!coalition) return coalition.error();
  return std::pair{std::move(*campaign), std::move(*coalition)};
}

core::Result<Campaign> AdvocacyService::ChangeCampaign(const core::SignedIn& user, Campaign campaign) {
  const auto current = CampaignToEdit(user, campaign.id);
  if (!current) return current.error();
  campaign.coalition_id = current->first.coalition_id;
  campaign.title = core::TrimSpaces(campaign.title);
  campaign.goal = core::TrimSpaces(campaign.goal);
  if (auto problems = CampaignProblems(campaign); !problems.empty()) return Invalid(std::move(problems));
  if (!store_.UpdateCampaign(campaign)) {
    return core::Error::Conflict("Someone changed the campaign meanwhile: open it again to see the change.");
  }
  audit_.Write(user, "campaign_changed", fmt::format("campaign {}: stage {}", campaign.id, campaign.stage));
  return *store_.FindCampaign(campaign.id);
}

core::Result<CampaignView> AdvocacyService::ReadCampaign(const core::Actor& actor, std::int64_t id) {
  auto campaign = store_.FindCampaign(id);
  if (!campaign) return NoSuchCampaign();
  auto coalition = store_.FindCoalition(campaign->coalition_id);
  if (!coalition) return NoSuchCampaign();
  CampaignView view;
  view.may_edit = MayEdit(actor, coalition->keeper_id);
  view.asks = store_.Asks(id);
  view.targets = store_.Targets(id);
  view.actions = store_.Actions(id);
  view.results = store_.Results(id);
  view.campaign = std::move(*campaign);
  view.coalition = std::move(*coalition);
  return view;
}

core::Result<Ask> AdvocacyService::AddAsk(const core::SignedIn& user, Ask ask) {
  const auto found = CampaignToEdit(user, ask.campaign_id);
  if (!found) return found.error();
  ask.text = core::TrimSpaces(ask.text);
  std::vector<core::FieldProblem> problems = AskProblems(ask);
  if (!ask.gap_place_code.empty()) {
    // A measure the place's plans lack: the objective above must be one the gap analysis finds unimplemented there,
    // and whoever asks holds a role for the place.
    const auto gaps = policies_.FindMunicipalityGaps(ask.gap_place_code);
    if (!gaps) return core::Error::NotFound("There is no such place.");
    if (!HoldsRoleFor(user, {core::ScopeKind::kMunicipality, ask.gap_place_code})) {
      return core::Error::Forbidden("You have no role for {place}: an ask is linked to a plan of a place you work for.")
          .With("place", store_.MunicipalityName(ask.gap_place_code));
    }
    const bool open = ask.item_id && std::any_of(gaps->unimplemented.begin(), gaps->unimplemented.end(),
                                                 [&](const policies::GapItem& gap) { return gap.id == *ask.item_id; });
    if (!open) {
      problems.push_back({"item", "The plans of this place already implement this objective, or it is not above them.",
                          ask.item_id ? std::to_string(*ask.item_id) : ""});
    }
  } else if (ask.item_id) {
    const auto item = policies_.FindItem(*ask.item_id);
    const auto document = item ? policies_.FindDocument(item->document_id) : std::nullopt;
    if (!item || !document || item->withdrawn_at) {
      problems.push_back({"item", "There is no such measure or objective in a plan.", std::to_string(*ask.item_id)});
    } else {
      // An ask speaks to one place's plan: whoever links it holds a role there (or for the whole installation).
      const std::string place =
          !document->municipality_code.empty() ? document->municipality_code : document->oblast_code;
      const core::Scope scope = place.empty()       ? core::Scope{core::ScopeKind::kInstallation, ""}
                                : place.size() == 3 ? core::Scope{core::ScopeKind::kOblast, place}
                                                    : core::Scope{core::ScopeKind::kMunicipality, place};
      if (!HoldsRoleFor(user, scope)) {
        return core::Error::Forbidden(
                   "You have no role for {place}: an ask is linked to a plan of a place you work for.")
            .With("place", document->title);
      }
    }
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  ask.id = store_.InsertAsk(ask);
  audit_.Write(user, "campaign_changed", fmt::format("campaign {}: ask {}", ask.campaign_id, ask.id));
  return ask;
}

core::Result<bool> AdvocacyService::AddTarget(const core::SignedIn& user, std::int64_t campaign_id,
                                              std::int64_t stakeholder_id) {
  const auto found = CampaignToEdit(user, campaign_id);
  if (!found) return found.error();
  if (auto problem = NotInRegister(found->second.keeper_id, stakeholder_id, "target")) return Invalid({*problem});
  const bool added = store_.AddTarget(campaign_id, stakeholder_id);
  if (added) audit_.Write(user, "campaign_changed", fmt::format("campaign {}: target", campaign_id));
  return added;
}

core::Result<Action> AdvocacyService::AddAction(const core::SignedIn& user, Action action) {
  const auto found = CampaignToEdit(user, action.campaign_id);
  if (!found) return found.error();
  action.title = core::TrimSpaces(action.title);
  action.outcome = core::TrimSpaces(action.outcome);
  action.link = core::TrimSpaces(action.link);
  if (action.kind != "petition") action.supporters.reset();
  if (auto problems = ActionProblems(action, Today()); !problems.empty()) return Invalid(std::move(problems));
  action.id = store_.InsertAction(action);
  store_.InsertLog({0, found->second.id, action.day, action.title}, user.user_id(), clock_.Now());
  audit_.Write(user, "campaign_changed", fmt::format("campaign {}: action {}", action.campaign_id, action.id));
  return action;
}

core::Result<Result> AdvocacyService::AddResult(const core::SignedIn& user, Result result) {
  const auto found = CampaignToEdit(user, result.campaign_id);
  if (!found) return found.error();
  result.text = core::TrimSpaces(result.text);
  std::vector<core::FieldProblem> problems = ResultProblems(result, Today());
  result.item_version.reset();
  if (result.item_id) {
    const auto item = policies_.FindItem(*result.item_id);
    if (!item) {
      problems.push_back({"item", "There is no such measure or objective in a plan.", ""});
    } else {
      result.item_version = item->version;  // the change the result was is the item's last one
    }
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  result.id = store_.InsertResult(result);
  store_.InsertLog({0, found->second.id, result.day, "Резултат: " + result.text}, user.user_id(), clock_.Now());
  audit_.Write(user, "campaign_changed", fmt::format("campaign {}: result {}", result.campaign_id, result.id));
  return result;
}

}  // namespace advocacy
