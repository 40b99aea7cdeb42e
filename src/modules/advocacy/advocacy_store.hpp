#pragma once
// All of the advocacy module's SQL: the register, coalitions, maps and campaigns, as migration 0024 holds them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/advocacy/advocacy.hpp"

namespace advocacy {

// A campaign with what an item's page shows of it.
struct CampaignOnItem {
  Campaign campaign;
  std::string ask;
  std::vector<Result> results;  // those linked to the item
};

class AdvocacyStore {
 public:
  explicit AdvocacyStore(db::Database& database) : database_(database) {}

  std::int64_t InsertStakeholder(const Stakeholder& stakeholder, std::int64_t at);
  // Writes every field if the row is still at `stakeholder.version`: false when someone changed it meanwhile.
  bool UpdateStakeholder(const Stakeholder& stakeholder);
  std::optional<Stakeholder> FindStakeholder(std::int64_t id);
  // The register of one keeper (or of all, for the keeper 0), people and organisations by name.
  std::vector<Stakeholder> Stakeholders(std::int64_t keeper_id);

  std::int64_t InsertMembership(const Membership& membership);
  // Stores an imported register in one transaction: the stakeholders, then the memberships between them (by their
  // index in `stakeholders`). Returns how many stakeholders.
  std::size_t InsertRegister(const std::vector<Stakeholder>& stakeholders,
                             const std::vector<std::pair<std::size_t, std::size_t>>& links,
                             const std::vector<Membership>& fields, std::int64_t at);
  // The memberships a stakeholder has, in organisations or as an organisation.
  std::vector<Membership> MembershipsOf(std::int64_t stakeholder_id);
  std::vector<Membership> MembershipsOfKeeper(std::int64_t keeper_id);

  std::int64_t InsertCoalition(const Coalition& coalition, std::int64_t at);
  std::optional<Coalition> FindCoalition(std::int64_t id);
  std::vector<Coalition> Coalitions();
  // Adds a member: false when they are one already.
  bool AddMember(std::int64_t coalition_id, std::int64_t stakeholder_id, const std::string& joined_on);
  std::vector<Stakeholder> Members(std::int64_t coalition_id);
  std::vector<Coalition> CoalitionsOf(std::int64_t stakeholder_id);
  void InsertLog(const LogEntry& entry, std::optional<std::int64_t> by, std::int64_t at);
  std::vector<LogEntry> Log(std::int64_t coalition_id);

  std::int64_t InsertMap(const StakeholderMap& map, std::int64_t at);
  // The maps of a coalition, newest first, each with its positions.
  std::vector<StakeholderMap> Maps(std::int64_t coalition_id);

  std::int64_t InsertCampaign(const Campaign& campaign, std::int64_t at);
  bool UpdateCampaign(const Campaign& campaign);
  std::optional<Campaign> FindCampaign(std::int64_t id);
  std::vector<Campaign> Campaigns(std::optional<std::int64_t> coalition_id = std::nullopt);
  std::int64_t InsertAsk(const Ask& ask);
  std::vector<Ask> Asks(std::int64_t campaign_id);
  bool AddTarget(std::int64_t campaign_id, std::int64_t stakeholder_id);
  std::vector<Stakeholder> Targets(std::int64_t campaign_id);
  std::int64_t InsertAction(const Action& action);
  std::vector<Action> Actions(std::int64_t campaign_id);
  std::int64_t InsertResult(const Result& result);
  std::vector<Result> Results(std::int64_t campaign_id);
  // The campaigns that ask something of an item, with the results linked to it.
  std::vector<CampaignOnItem> CampaignsOnItem(std::int64_t item_id);
  // "Община Лом" for "MON24", or "Lom Municipality" for an English reader (the name a message gives a place); the
  // code itself for none.
  std::string MunicipalityName(const std::string& code, bool english = false);

  bool HasDemo();
  db::Database& database() { return database_; }

 private:
  db::Database& database_;
};

}  // namespace advocacy
