#pragma once
// What people do in advocacy: the members of an organisation keep its register of stakeholders (a person only on a
// recorded basis, contact details seen by the organisation's members alone, erased on request while the history
// keeps its shape), lead coalitions, draw stakeholder maps, and run campaigns whose asks are linked to the plans'
// measures (only where the asker holds a role) and whose results are linked to the change in the plan's history.
// Coalitions with a public membership show their members to everyone; campaigns are public, the register is not.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/days.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/advocacy/advocacy_store.hpp"
#include "modules/advocacy/popolo.hpp"
#include "modules/policies/policies_service.hpp"

namespace advocacy {

struct CoalitionView {
  Coalition coalition;
  std::string keeper_name;
  std::vector<Stakeholder> members;  // empty for a reader who may not see them
  bool members_shown = false;
  std::vector<LogEntry> log;
  std::vector<StakeholderMap> maps;  // newest first; for the keeper's members only
  std::vector<Campaign> campaigns;
  bool may_edit = false;
};

struct CampaignView {
  Campaign campaign;
  Coalition coalition;
  std::vector<Ask> asks;
  std::vector<Stakeholder> targets;
  std::vector<Action> actions;
  std::vector<Result> results;
  bool may_edit = false;
};

class AdvocacyService {
 public:
  AdvocacyService(AdvocacyStore& store, policies::PoliciesService& policies,
                  accounts::OrganisationService& organisations, kernel::AuditLog& audit, const core::Clock& clock)
      : store_(store), policies_(policies), organisations_(organisations), audit_(audit), clock_(clock) {}

  std::string Today() const { return core::IsoDay(clock_.Now()); }
  // Whether `actor` keeps the register and coalitions of the organisation `keeper_id`: its members, administrators.
  bool MayEdit(const core::Actor& actor, std::int64_t keeper_id);
  // The organisations whose register `user` keeps.
  std::vector<accounts::Organisation> KeepersOf(const core::SignedIn& user);

  core::Result<Stakeholder> AddStakeholder(const core::SignedIn& user, Stakeholder stakeholder);
  core::Result<Stakeholder> ChangeStakeholder(const core::SignedIn& user, Stakeholder stakeholder);
  // A stakeholder for the keeper's members: kNotFound for anyone else.
  core::Result<Stakeholder> FindStakeholder(const core::Actor& actor, std::int64_t id);
  core::Result<std::vector<Stakeholder>> Register(const core::Actor& actor, std::int64_t keeper_id);
  // The consent withdrawn (on `day`): the person's data goes as in Erase, the history keeps its shape.
  core::Result<Stakeholder> WithdrawConsent(const core::SignedIn& user, std::int64_t id, const std::string& day);
  // Erasure on request (GDPR Art. 17): the name becomes "erased person", contact details, summary and the consent's
  // purpose go; memberships, map positions and campaign targets stay, anonymous.
  core::Result<Stakeholder> Erase(const core::SignedIn& user, std::int64_t id);
  std::vector<Membership> MembershipsOf(std::int64_t stakeholder_id) { return store_.MembershipsOf(stakeholder_id); }
  std::vector<Coalition> CoalitionsOf(std::int64_t stakeholder_id) { return store_.CoalitionsOf(stakeholder_id); }

  core::Result<Membership> AddMembership(const core::SignedIn& user, Membership membership);
  // The register as Popolo JSON, for its keeper's members.
  core::Result<nlohmann::json> ExportPopolo(const core::Actor& actor, std::int64_t keeper_id);
  // Adds the people, organisations and memberships of a Popolo document to the register, all or nothing: every
  // problem of the schemas and of Khetane's rules by the path of its field ("persons[2].email"). The file carries no
  // basis for keeping a person's data: the importer states one for all of them.
  core::Result<std::size_t> ImportPopolo(const core::SignedIn& user, std::int64_t keeper_id,
                                         const nlohmann::json& document, const PopoloSchemas& schemas,
                                         const std::string& basis, const std::string& purpose);

  core::Result<Coalition> CreateCoalition(const core::SignedIn& user, Coalition coalition);
  std::vector<Coalition> Coalitions() { return store_.Coalitions(); }
  core::Result<CoalitionView> ReadCoalition(const core::Actor& actor, std::int64_t id);
  core::Result<bool> AddMember(const core::SignedIn& user, std::int64_t coalition_id, std::int64_t stakeholder_id);
  core::Result<LogEntry> AddLog(const core::SignedIn& user, LogEntry entry);
  // A new map of an issue (earlier ones stay): every position checked (PositionProblems), each stakeholder of the
  // keeper's register.
  core::Result<StakeholderMap> DrawMap(const core::SignedIn& user, StakeholderMap map);

  core::Result<Campaign> StartCampaign(const core::SignedIn& user, Campaign campaign);
  core::Result<Campaign> ChangeCampaign(const core::SignedIn& user, Campaign campaign);
  std::vector<Campaign> Campaigns() { return store_.Campaigns(); }
  core::Result<CampaignView> ReadCampaign(const core::Actor& actor, std::int64_t id);
  // An ask linked to a measure or objective needs a role for the place of its plan (kForbidden naming the place).
  core::Result<Ask> AddAsk(const core::SignedIn& user, Ask ask);
  core::Result<bool> AddTarget(const core::SignedIn& user, std::int64_t campaign_id, std::int64_t stakeholder_id);
  core::Result<Action> AddAction(const core::SignedIn& user, Action action);
  // A result linked to an item records the item's version now: the change in its history the result was.
  core::Result<Result> AddResult(const core::SignedIn& user, Result result);
  std::vector<CampaignOnItem> CampaignsOnItem(std::int64_t item_id) { return store_.CampaignsOnItem(item_id); }

  policies::PoliciesService& policies() { return policies_; }
  bool HasDemo() { return store_.HasDemo(); }
  AdvocacyStore& store() { return store_; }

 private:
  // The campaign with its coalition, kForbidden (or kNotFound) for whoever may not edit it.
  core::Result<std::pair<Campaign, Coalition>> CampaignToEdit(const core::Actor& actor, std::int64_t id);
  core::Result<Coalition> CoalitionToEdit(const core::Actor& actor, std::int64_t id);
  // A stakeholder of `keeper_id`'s register, or the problem of `field`.
  std::optional<core::FieldProblem> NotInRegister(std::int64_t keeper_id, std::optional<std::int64_t> id,
                                                  std::string_view field);

  AdvocacyStore& store_;
  policies::PoliciesService& policies_;
  accounts::OrganisationService& organisations_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace advocacy
