#include "modules/advocacy/advocacy_store.hpp"

#include <map>

namespace advocacy {
namespace {

db::Value OptionalId(std::optional<std::int64_t> id) { return id ? db::Value(*id) : db::Value(nullptr); }
db::Value Flag(bool value) { return std::int64_t{value ? 1 : 0}; }

constexpr std::string_view kStakeholderColumns =
    "s.id, s.keeper_id, s.kind, s.name, s.pseudonym, s.sector, s.place_code, s.summary, s.email, s.phone, "
    "s.consent_basis, s.consent_purpose, s.consent_on, s.consent_recorded_by, s.consent_withdrawn_on, s.erased_on, "
    "s.demo, s.version";

Stakeholder StakeholderOf(const db::Row& row) {
  Stakeholder stakeholder;
  stakeholder.id = row.Int(0);
  stakeholder.keeper_id = row.Int(1);
  stakeholder.kind = row.Text(2);
  stakeholder.name = row.Text(3);
  stakeholder.pseudonym = row.Int(4) != 0;
  stakeholder.sector = row.Text(5);
  stakeholder.place_code = row.Text(6);
  stakeholder.summary = row.Text(7);
  stakeholder.email = row.Text(8);
  stakeholder.phone = row.Text(9);
  stakeholder.consent_basis = row.Text(10);
  stakeholder.consent_purpose = row.Text(11);
  stakeholder.consent_on = row.Text(12);
  stakeholder.consent_recorded_by = row.OptionalInt(13);
  stakeholder.consent_withdrawn_on = row.Text(14);
  stakeholder.erased_on = row.Text(15);
  stakeholder.demo = row.Int(16) != 0;
  stakeholder.version = row.Int(17);
  return stakeholder;
}

std::vector<Stakeholder> StakeholdersOf(const db::Rows& rows) {
  std::vector<Stakeholder> stakeholders;
  for (const db::Row& row : rows) stakeholders.push_back(StakeholderOf(row));
  return stakeholders;
}

constexpr std::string_view kMembershipSelect =
    "SELECT id, member_id, organization_id, role, post, on_behalf_of_id, start_date, end_date FROM "
    "stakeholder_memberships ";

std::vector<Membership> MembershipsOfRows(const db::Rows& rows) {
  std::vector<Membership> memberships;
  for (const db::Row& row : rows) {
    memberships.push_back(
        {row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Text(4), row.OptionalInt(5), row.Text(6), row.Text(7)});
  }
  return memberships;
}

constexpr std::string_view kCoalitionSelect =
    "SELECT c.id, c.keeper_id, c.name, c.goals, c.place_code, c.members_public, c.demo FROM coalitions c ";

Coalition CoalitionOf(const db::Row& row) {
  return {row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5) != 0, row.Int(6) != 0};
}

constexpr std::string_view kCampaignSelect =
    "SELECT id, coalition_id, title, goal, stage, demo, version FROM campaigns ";

Campaign CampaignOf(const db::Row& row) {
  return {row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5) != 0, row.Int(6)};
}

Result ResultOf(const db::Row& row) {
  return {row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.OptionalInt(5), row.OptionalInt(6)};
}

}  // namespace

std::int64_t AdvocacyStore::InsertStakeholder(const Stakeholder& stakeholder, std::int64_t at) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO stakeholders (keeper_id, kind, name, pseudonym, sector, place_code, summary, email, phone, "
          "consent_basis, consent_purpose, consent_on, consent_recorded_by, consent_withdrawn_on, demo, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
          {stakeholder.keeper_id, stakeholder.kind, stakeholder.name, Flag(stakeholder.pseudonym), stakeholder.sector,
           stakeholder.place_code, stakeholder.summary, stakeholder.email, stakeholder.phone, stakeholder.consent_basis,
           stakeholder.consent_purpose, stakeholder.consent_on, OptionalId(stakeholder.consent_recorded_by),
           stakeholder.consent_withdrawn_on, Flag(stakeholder.demo), at})
      ->Int(0);
}

bool AdvocacyStore::UpdateStakeholder(const Stakeholder& stakeholder) {
  return database_.Acquire()->Execute(
             "UPDATE stakeholders SET name = $1, pseudonym = $2, sector = $3, place_code = $4, summary = $5, "
             "email = $6, phone = $7, consent_basis = $8, consent_purpose = $9, consent_on = $10, "
             "consent_recorded_by = $11, consent_withdrawn_on = $12, erased_on = $13, version = version + 1 "
             "WHERE id = $14 AND version = $15",
             {stakeholder.name, Flag(stakeholder.pseudonym), stakeholder.sector, stakeholder.place_code,
              stakeholder.summary, stakeholder.email, stakeholder.phone, stakeholder.consent_basis,
              stakeholder.consent_purpose, stakeholder.consent_on, OptionalId(stakeholder.consent_recorded_by),
              stakeholder.consent_withdrawn_on, stakeholder.erased_on, stakeholder.id, stakeholder.version}) == 1;
}

std::optional<Stakeholder> AdvocacyStore::FindStakeholder(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(
      "SELECT " + std::string(kStakeholderColumns) + " FROM stakeholders s WHERE s.id = $1", {id});
  if (!row) return std::nullopt;
  return StakeholderOf(*row);
}

std::vector<Stakeholder> AdvocacyStore::Stakeholders(std::int64_t keeper_id) {
  const std::string select = "SELECT " + std::string(kStakeholderColumns) + " FROM stakeholders s ";
  auto connection = database_.Acquire();
  if (keeper_id == 0)
    return StakeholdersOf(connection->Query(select + "ORDER BY s.kind, s.name COLLATE \"bg-x-icu\", s.id"));
  return StakeholdersOf(connection->Query(
      select + "WHERE s.keeper_id = $1 ORDER BY s.kind, s.name COLLATE \"bg-x-icu\", s.id", {keeper_id}));
}

std::int64_t AdvocacyStore::InsertMembership(const Membership& membership) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO stakeholder_memberships (member_id, organization_id, role, post, on_behalf_of_id, start_date, "
          "end_date) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {membership.member_id, membership.organization_id, membership.role, membership.post,
           OptionalId(membership.on_behalf_of_id), membership.start_date, membership.end_date})
      ->Int(0);
}

std::size_t AdvocacyStore::InsertRegister(const std::vector<Stakeholder>& stakeholders,
                                          const std::vector<std::pair<std::size_t, std::size_t>>& links,
                                          const std::vector<Membership>& fields, std::int64_t at) {
  return database_.Transaction([&](db::Connection& connection) {
    std::vector<std::int64_t> ids;
    for (const Stakeholder& stakeholder : stakeholders) {
      ids.push_back(connection
                        .QueryOne("INSERT INTO stakeholders (keeper_id, kind, name, sector, summary, email, phone, "
                                  "consent_basis, consent_purpose, consent_on, consent_recorded_by, created_at) "
                                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                                  {stakeholder.keeper_id, stakeholder.kind, stakeholder.name, stakeholder.sector,
                                   stakeholder.summary, stakeholder.email, stakeholder.phone, stakeholder.consent_basis,
                                   stakeholder.consent_purpose, stakeholder.consent_on,
                                   OptionalId(stakeholder.consent_recorded_by), at})
                        ->Int(0));
    }
    for (std::size_t at_link = 0; at_link < links.size(); ++at_link) {
      const Membership& membership = fields[at_link];
      connection.Execute(
          "INSERT INTO stakeholder_memberships (member_id, organization_id, role, start_date, end_date) VALUES ($1, "
          "$2, $3, $4, $5)",
          {ids[links[at_link].first], ids[links[at_link].second], membership.role, membership.start_date,
           membership.end_date});
    }
    return stakeholders.size();
  });
}

std::vector<Membership> AdvocacyStore::MembershipsOf(std::int64_t stakeholder_id) {
  return MembershipsOfRows(database_.Acquire()->Query(
      std::string(kMembershipSelect) + "WHERE member_id = $1 OR organization_id = $1 ORDER BY start_date, id",
      {stakeholder_id}));
}

std::vector<Membership> AdvocacyStore::MembershipsOfKeeper(std::int64_t keeper_id) {
  return MembershipsOfRows(database_.Acquire()->Query(
      std::string(kMembershipSelect) +
          "WHERE member_id IN (SELECT id FROM stakeholders WHERE keeper_id = $1) ORDER BY id",
      {keeper_id}));
}

std::int64_t AdvocacyStore::InsertCoalition(const Coalition& coalition, std::int64_t at) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO coalitions (keeper_id, name, goals, place_code, members_public, demo, created_at) VALUES ($1, "
          "$2, $3, $4, $5, $6, $7) RETURNING id",
          {coalition.keeper_id, coalition.name, coalition.goals, coalition.place_code, Flag(coalition.members_public),
           Flag(coalition.demo), at})
      ->Int(0);
}

std::optional<Coalition> AdvocacyStore::FindCoalition(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(std::string(kCoalitionSelect) + "WHERE c.id = $1", {id});
  if (!row) return std::nullopt;
  return CoalitionOf(*row);
}

std::vector<Coalition> AdvocacyStore::Coalitions() {
  std::vector<Coalition> coalitions;
  for (const db::Row& row :
       database_.Acquire()->Query(std::string(kCoalitionSelect) + "ORDER BY c.name COLLATE \"bg-x-icu\", c.id")) {
    coalitions.push_back(CoalitionOf(row));
  }
  return coalitions;
}

bool AdvocacyStore::AddMember(std::int64_t coalition_id, std::int64_t stakeholder_id, const std::string& joined_on) {
  return database_.Acquire()->Execute(
             "INSERT INTO coalition_members (coalition_id, stakeholder_id, joined_on) VALUES ($1, $2, $3) "
             "ON CONFLICT (coalition_id, stakeholder_id) DO NOTHING",
             {coalition_id, stakeholder_id, joined_on}) == 1;
}

std::vector<Stakeholder> AdvocacyStore::Members(std::int64_t coalition_id) {
  return StakeholdersOf(database_.Acquire()->Query(
      "SELECT " + std::string(kStakeholderColumns) +
          " FROM stakeholders s JOIN coalition_members m ON m.stakeholder_id = s.id WHERE m.coalition_id = $1 "
          "ORDER BY s.kind, s.name COLLATE \"bg-x-icu\", s.id",
      {coalition_id}));
}

std::vector<Coalition> AdvocacyStore::CoalitionsOf(std::int64_t stakeholder_id) {
  std::vector<Coalition> coalitions;
  for (const db::Row& row : database_.Acquire()->Query(
           std::string(kCoalitionSelect) + "JOIN coalition_members m ON m.coalition_id = c.id WHERE m.stakeholder_id = "
                                           "$1 ORDER BY c.name COLLATE \"bg-x-icu\", c.id",
           {stakeholder_id})) {
    coalitions.push_back(CoalitionOf(row));
  }
  return coalitions;
}

void AdvocacyStore::InsertLog(const LogEntry& entry, std::optional<std::int64_t> by, std::int64_t at) {
  database_.Acquire()->Execute(
      "INSERT INTO coalition_log (coalition_id, day, text, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)",
      {entry.coalition_id, entry.day, entry.text, OptionalId(by), at});
}

std::vector<LogEntry> AdvocacyStore::Log(std::int64_t coalition_id) {
  std::vector<LogEntry> log;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT id, coalition_id, day, text FROM coalition_log WHERE coalition_id = $1 ORDER BY day DESC, id DESC",
           {coalition_id})) {
    log.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3)});
  }
  return log;
}

std::int64_t AdvocacyStore::InsertMap(const StakeholderMap& map, std::int64_t at) {
  return database_.Transaction([&](db::Connection& connection) {
    const std::int64_t id =
        connection
            .QueryOne(
                "INSERT INTO stakeholder_maps (coalition_id, issue, drawn_on, created_at) VALUES ($1, $2, $3, $4) "
                "RETURNING id",
                {map.coalition_id, map.issue, map.drawn_on, at})
            ->Int(0);
    for (const Position& position : map.positions) {
      connection.Execute(
          "INSERT INTO stakeholder_positions (map_id, stakeholder_id, influence, interest, stance, wants, "
          "known_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {id, position.stakeholder_id, std::int64_t{position.influence}, std::int64_t{position.interest},
           position.stance, position.wants, OptionalId(position.known_by_id)});
    }
    return id;
  });
}

std::vector<StakeholderMap> AdvocacyStore::Maps(std::int64_t coalition_id) {
  auto connection = database_.Acquire();
  std::vector<StakeholderMap> maps;
  std::map<std::int64_t, std::size_t> at;
  for (const db::Row& row :
       connection->Query("SELECT id, coalition_id, issue, drawn_on FROM stakeholder_maps WHERE coalition_id = $1 "
                         "ORDER BY drawn_on DESC, id DESC",
                         {coalition_id})) {
    at.emplace(row.Int(0), maps.size());
    maps.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), {}});
  }
  for (const db::Row& row : connection->Query(
           "SELECT p.map_id, p.stakeholder_id, p.influence, p.interest, p.stance, p.wants, p.known_by_id FROM "
           "stakeholder_positions p JOIN stakeholder_maps m ON m.id = p.map_id WHERE m.coalition_id = $1 "
           "ORDER BY p.map_id, p.influence DESC, p.interest DESC",
           {coalition_id})) {
    maps[at.at(row.Int(0))].positions.push_back({row.Int(1), static_cast<int>(row.Int(2)), static_cast<int>(row.Int(3)),
                                                 row.Text(4), row.Text(5), row.OptionalInt(6)});
  }
  return maps;
}

std::int64_t AdvocacyStore::InsertCampaign(const Campaign& campaign, std::int64_t at) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO campaigns (coalition_id, title, goal, stage, demo, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
          "RETURNING id",
          {campaign.coalition_id, campaign.title, campaign.goal, campaign.stage, Flag(campaign.demo), at})
      ->Int(0);
}

bool AdvocacyStore::UpdateCampaign(const Campaign& campaign) {
  return database_.Acquire()->Execute(
             "UPDATE campaigns SET title = $1, goal = $2, stage = $3, version = version + 1 WHERE id = $4 AND "
             "version = $5",
             {campaign.title, campaign.goal, campaign.stage, campaign.id, campaign.version}) == 1;
}

std::optional<Campaign> AdvocacyStore::FindCampaign(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(std::string(kCampaignSelect) + "WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return CampaignOf(*row);
}

std::vector<Campaign> AdvocacyStore::Campaigns(std::optional<std::int64_t> coalition_id) {
  std::vector<Campaign> campaigns;
  for (const db::Row& row : database_.Acquire()->Query(
           std::string(kCampaignSelect) + (coalition_id ? "WHERE coalition_id = $1 " : "") + "ORDER BY id DESC",
           coalition_id ? db::Params{*coalition_id} : db::Params{})) {
    campaigns.push_back(CampaignOf(row));
  }
  return campaigns;
}

std::int64_t AdvocacyStore::InsertAsk(const Ask& ask) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO campaign_asks (campaign_id, text, item_id, gap_place_code) VALUES ($1, $2, $3, $4) RETURNING id",
          {ask.campaign_id, ask.text, OptionalId(ask.item_id), ask.gap_place_code})
      ->Int(0);
}

std::vector<Ask> AdvocacyStore::Asks(std::int64_t campaign_id) {
  std::vector<Ask> asks;
  for (const db::Row& row : database_.Acquire()->Query("SELECT id, campaign_id, text, item_id, gap_place_code FROM "
                                                       "campaign_asks WHERE campaign_id = $1 ORDER BY id",
                                                       {campaign_id})) {
    asks.push_back({row.Int(0), row.Int(1), row.Text(2), row.OptionalInt(3), row.Text(4)});
  }
  return asks;
}

bool AdvocacyStore::AddTarget(std::int64_t campaign_id, std::int64_t stakeholder_id) {
  return database_.Acquire()->Execute(
             "INSERT INTO campaign_targets (campaign_id, stakeholder_id) VALUES ($1, $2) "
             "ON CONFLICT (campaign_id, stakeholder_id) DO NOTHING",
             {campaign_id, stakeholder_id}) == 1;
}

std::vector<Stakeholder> AdvocacyStore::Targets(std::int64_t campaign_id) {
  return StakeholdersOf(database_.Acquire()->Query(
      "SELECT " + std::string(kStakeholderColumns) +
          " FROM stakeholders s JOIN campaign_targets t ON t.stakeholder_id = s.id WHERE t.campaign_id = $1 "
          "ORDER BY s.name COLLATE \"bg-x-icu\", s.id",
      {campaign_id}));
}

std::int64_t AdvocacyStore::InsertAction(const Action& action) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO campaign_actions (campaign_id, kind, day, title, outcome, link, supporters) VALUES ($1, $2, $3, "
          "$4, $5, $6, $7) RETURNING id",
          {action.campaign_id, action.kind, action.day, action.title, action.outcome, action.link,
           OptionalId(action.supporters)})
      ->Int(0);
}

std::vector<Action> AdvocacyStore::Actions(std::int64_t campaign_id) {
  std::vector<Action> actions;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT id, campaign_id, kind, day, title, outcome, link, supporters FROM campaign_actions WHERE "
           "campaign_id = $1 ORDER BY day, id",
           {campaign_id})) {
    actions.push_back(
        {row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6), row.OptionalInt(7)});
  }
  return actions;
}

std::int64_t AdvocacyStore::InsertResult(const Result& result) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO campaign_results (campaign_id, kind, day, text, item_id, item_version) VALUES ($1, $2, $3, $4, "
          "$5, $6) RETURNING id",
          {result.campaign_id, result.kind, result.day, result.text, OptionalId(result.item_id),
           OptionalId(result.item_version)})
      ->Int(0);
}

std::vector<Result> AdvocacyStore::Results(std::int64_t campaign_id) {
  std::vector<Result> results;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT id, campaign_id, kind, day, text, item_id, item_version FROM campaign_results WHERE campaign_id = "
           "$1 ORDER BY day, id",
           {campaign_id})) {
    results.push_back(ResultOf(row));
  }
  return results;
}

std::string AdvocacyStore::MunicipalityName(const std::string& code, bool english) {
  const auto row = database_.Acquire()->QueryOne("SELECT name_bg, name_en FROM municipalities WHERE code = $1", {code});
  if (!row) return code;
  return english && !row->Text(1).empty() ? row->Text(1) + " Municipality" : "Община " + row->Text(0);
}

std::vector<CampaignOnItem> AdvocacyStore::CampaignsOnItem(std::int64_t item_id) {
  auto connection = database_.Acquire();
  std::vector<CampaignOnItem> campaigns;
  for (const db::Row& row : connection->Query(
           "SELECT c.id, c.coalition_id, c.title, c.goal, c.stage, c.demo, c.version, a.text FROM campaigns c JOIN "
           "campaign_asks a ON a.campaign_id = c.id WHERE a.item_id = $1 ORDER BY c.id, a.id",
           {item_id})) {
    if (!campaigns.empty() && campaigns.back().campaign.id == row.Int(0)) continue;
    campaigns.push_back({CampaignOf(row), row.Text(7), {}});
  }
  for (CampaignOnItem& each : campaigns) {
    for (const db::Row& row : connection->Query(
             "SELECT id, campaign_id, kind, day, text, item_id, item_version FROM campaign_results WHERE campaign_id = "
             "$1 AND item_id = $2 ORDER BY day, id",
             {each.campaign.id, item_id})) {
      each.results.push_back(ResultOf(row));
    }
  }
  return campaigns;
}

bool AdvocacyStore::HasDemo() {
  return database_.Acquire()->QueryOne("SELECT 1 FROM coalitions WHERE demo = 1 LIMIT 1").has_value();
}

}  // namespace advocacy
