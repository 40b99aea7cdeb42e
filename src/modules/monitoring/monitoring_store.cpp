#include "modules/monitoring/monitoring_store.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace monitoring {
namespace {

constexpr std::string_view kCycleColumns =
    "id, title, municipality_code, document_id, period_start, period_end, method, identity_rule, participation, "
    "organisation_id, status, demo, created_at";

Cycle CycleOf(const db::Row& row) {
  Cycle cycle;
  cycle.id = row.Int(0);
  cycle.title = row.Text(1);
  cycle.municipality_code = row.Text(2);
  cycle.document_id = row.OptionalInt(3);
  cycle.period_start = row.Text(4);
  cycle.period_end = row.Text(5);
  cycle.method = row.Text(6);
  cycle.identity_rule = row.Text(7);
  cycle.participation = row.Text(8);
  cycle.organisation_id = row.Int(9);
  cycle.status = row.Text(10);
  cycle.demo = row.Int(11) != 0;
  cycle.created_at = row.Int(12);
  return cycle;
}

// The items of municipal plans being carried out (not drafts, nor drafts in public consultation), measures and
// activities only, not withdrawn.
constexpr std::string_view kScopeSelect =
    "SELECT i.id, i.document_id, i.kind, i.code, i.title, i.title_en, d.municipality_code, i.deadline, i.end_date, "
    "i.official_status, i.progress, d.demo "
    "FROM policy_items i JOIN policy_documents d ON d.id = i.document_id "
    "WHERE i.kind IN ('measure', 'activity') AND i.withdrawn_at IS NULL AND d.level = 'municipal' "
    "AND d.status NOT IN ('draft', 'in_consultation') ";

ScopeItem ScopeItemOf(const db::Row& row) {
  ScopeItem item;
  item.id = row.Int(0);
  item.document_id = row.Int(1);
  item.kind = row.Text(2);
  item.code = row.Text(3);
  item.title = row.Text(4);
  item.title_en = row.Text(5);
  item.municipality_code = row.Text(6);
  item.deadline = row.Text(7);
  item.end_date = row.Text(8);
  item.official.status = row.Text(9);
  item.official.progress = row.IsNull(10) ? std::nullopt : std::optional<int>(static_cast<int>(row.Int(10)));
  item.demo = row.Int(11) != 0;
  return item;
}

constexpr std::string_view kAssessmentSelect =
    "SELECT a.id, a.cycle_id, a.item_id, a.observed_status, a.narrative, a.filed_by, COALESCE(u.display_name, ''), "
    "a.pseudonym, a.state, a.state_reason, a.demo, a.filed_at, a.version "
    "FROM assessments a LEFT JOIN users u ON u.id = a.filed_by ";

// Worse first: on a tie between two statuses, the community's view is the worse one.
constexpr std::array<std::string_view, 5> kWorseFirst = {"not_visible", "not_started", "delayed", "in_progress",
                                                         "completed"};

void InsertFiles(db::Connection& connection, const std::vector<PreparedFile>& files, std::int64_t now) {
  for (const PreparedFile& file : files) {
    connection.Execute(
        "INSERT INTO evidence_files (sha256, media_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (sha256) DO NOTHING",
        {file.sha256, file.media_type, static_cast<std::int64_t>(file.bytes.size()), db::Bytes{file.bytes}, now});
  }
}

void InsertEvidence(db::Connection& connection, std::int64_t assessment_id, const std::vector<PreparedFile>& files,
                    const std::vector<Evidence>& evidence, std::int64_t now) {
  InsertFiles(connection, files, now);
  for (const Evidence& each : evidence) {
    connection.Execute(
        "INSERT INTO assessment_evidence (assessment_id, kind, visibility, url, file_sha256, original_name, added_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {assessment_id, each.kind, each.visibility, each.url,
         each.file_sha256.empty() ? db::Value(nullptr) : db::Value(each.file_sha256), each.original_name, now});
  }
}

db::Value OptionalId(std::optional<std::int64_t> id) { return id ? db::Value(*id) : db::Value(nullptr); }

}  // namespace

std::int64_t MonitoringStore::InsertCycle(const Cycle& cycle, std::optional<std::int64_t> user_id) {
  return database_.Transaction([&](db::Connection& connection) {
    const auto row = connection.QueryOne(
        "INSERT INTO monitoring_cycles (title, municipality_code, document_id, period_start, period_end, method, "
        "identity_rule, participation, organisation_id, status, demo, created_at, created_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12) RETURNING id",
        {cycle.title, cycle.municipality_code, OptionalId(cycle.document_id), cycle.period_start, cycle.period_end,
         cycle.method, cycle.identity_rule, cycle.participation, cycle.organisation_id,
         std::int64_t{cycle.demo ? 1 : 0}, cycle.created_at, OptionalId(user_id)});
    const std::int64_t id = row->Int(0);
    for (std::size_t position = 0; position < cycle.criteria.size(); ++position) {
      connection.Execute(
          "INSERT INTO cycle_criteria (cycle_id, position, name, name_en) VALUES ($1, $2, $3, $4)",
          {id, static_cast<std::int64_t>(position), cycle.criteria[position].name, cycle.criteria[position].name_en});
    }
    return id;
  });
}

std::optional<Cycle> MonitoringStore::FindCycle(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row =
      connection->QueryOne("SELECT " + std::string(kCycleColumns) + " FROM monitoring_cycles WHERE id = $1", {id});
  if (!row) return std::nullopt;
  Cycle cycle = CycleOf(*row);
  for (const db::Row& criterion :
       connection->Query("SELECT name, name_en FROM cycle_criteria WHERE cycle_id = $1 ORDER BY position", {id})) {
    cycle.criteria.push_back({criterion.Text(0), criterion.Text(1)});
  }
  return cycle;
}

std::vector<Cycle> MonitoringStore::ListCycles(const std::string& municipality_code) {
  auto connection = database_.Acquire();
  const db::Rows rows =
      municipality_code.empty()
          ? connection->Query("SELECT " + std::string(kCycleColumns) +
                              " FROM monitoring_cycles ORDER BY period_start DESC, id DESC")
          : connection->Query("SELECT " + std::string(kCycleColumns) +
                                  " FROM monitoring_cycles WHERE municipality_code = $1 ORDER BY period_start DESC, id "
                                  "DESC",
                              {municipality_code});
  std::vector<Cycle> cycles;
  for (const db::Row& row : rows) cycles.push_back(CycleOf(row));
  return cycles;
}

bool MonitoringStore::HasDemoCycle() {
  auto connection = database_.Acquire();
  return connection->QueryOne("SELECT 1 FROM monitoring_cycles WHERE demo = 1").has_value();
}

std::vector<ScopeItem> MonitoringStore::ScopeOf(const Cycle& cycle) {
  auto connection = database_.Acquire();
  const db::Rows rows =
      cycle.document_id
          ? connection->Query(std::string(kScopeSelect) + "AND i.document_id = $1 ORDER BY i.position, i.id",
                              {*cycle.document_id})
          : connection->Query(std::string(kScopeSelect) +
                                  "AND d.municipality_code = $1 ORDER BY d.period_start DESC, d.id, i.position, i.id",
                              {cycle.municipality_code});
  std::vector<ScopeItem> items;
  items.reserve(rows.size());
  for (const db::Row& row : rows) items.push_back(ScopeItemOf(row));
  return items;
}

std::optional<ScopeItem> MonitoringStore::FindScopeItem(std::int64_t item_id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(std::string(kScopeSelect) + "AND i.id = $1", {item_id});
  if (!row) return std::nullopt;
  return ScopeItemOf(*row);
}

std::vector<ScopeItem> MonitoringStore::ItemsOfMunicipality(const std::string& municipality_code) {
  Cycle every;
  every.municipality_code = municipality_code;
  return ScopeOf(every);
}

std::vector<ScopeItem> MonitoringStore::ItemsOfAllMunicipalities() {
  std::vector<ScopeItem> items;
  for (const db::Row& row : database_.Acquire()->Query(std::string(kScopeSelect) + "ORDER BY d.municipality_code")) {
    items.push_back(ScopeItemOf(row));
  }
  return items;
}

std::vector<VerifiedAssessment> MonitoringStore::LatestVerified(const std::string& municipality_code,
                                                                std::size_t limit) {
  std::vector<VerifiedAssessment> list;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT a.id, MAX(e.at), i.code, i.title, i.title_en, a.observed_status, AVG(s.score), a.demo "
           "FROM assessments a JOIN monitoring_cycles c ON c.id = a.cycle_id "
           "JOIN assessment_events e ON e.assessment_id = a.id AND e.action = 'verified' "
           "JOIN policy_items i ON i.id = a.item_id LEFT JOIN assessment_scores s ON s.assessment_id = a.id "
           "WHERE a.state = 'verified' AND c.municipality_code = $1 "
           "GROUP BY a.id, i.code, i.title, i.title_en, a.observed_status, a.demo ORDER BY MAX(e.at) DESC, a.id DESC "
           "LIMIT $2",
           {municipality_code, static_cast<std::int64_t>(limit)})) {
    list.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5),
                    row.IsNull(6) ? std::nullopt : std::optional(static_cast<int>(std::lround(row.Double(6)))),
                    row.Int(7) != 0});
  }
  return list;
}

std::vector<CycleNews> MonitoringStore::CycleNewsSince(std::int64_t since, std::size_t limit) {
  auto connection = database_.Acquire();
  std::vector<CycleNews> news;
  const db::Params params{since, static_cast<std::int64_t>(limit)};
  for (const db::Row& row : connection->Query(
           "SELECT MAX(e.at), c.id, c.title, COUNT(DISTINCT a.id), c.demo FROM assessment_events e "
           "JOIN assessments a ON a.id = e.assessment_id JOIN monitoring_cycles c ON c.id = a.cycle_id "
           "WHERE e.action = 'verified' AND e.at >= $1 GROUP BY c.id, c.title, c.demo ORDER BY MAX(e.at) DESC "
           "LIMIT $2",
           params)) {
    news.push_back({row.Int(0), "verified", row.Int(1), row.Text(2), row.Int(3), row.Int(4) != 0});
  }
  for (const db::Row& row : connection->Query("SELECT created_at, id, title, demo FROM monitoring_cycles "
                                              "WHERE created_at >= $1 ORDER BY created_at DESC LIMIT $2",
                                              params)) {
    news.push_back({row.Int(0), "opened", row.Int(1), row.Text(2), 0, row.Int(3) != 0});
  }
  for (const db::Row& row : connection->Query(
           "SELECT o.closed_at, c.id, c.title, c.demo FROM cycle_outcomes o JOIN monitoring_cycles c ON c.id = "
           "o.cycle_id WHERE o.closed_at >= $1 ORDER BY o.closed_at DESC LIMIT $2",
           params)) {
    news.push_back({row.Int(0), "closed", row.Int(1), row.Text(2), 0, row.Int(3) != 0});
  }
  return news;
}

std::optional<std::pair<std::int64_t, std::string>> MonitoringStore::FindByKey(const std::string& key_hash) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne("SELECT id, content_digest FROM assessments WHERE key_hash = $1", {key_hash});
  if (!row) return std::nullopt;
  return std::make_pair(row->Int(0), row->Text(1));
}

std::int64_t MonitoringStore::InsertAssessment(const NewAssessment& filing, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) { return InsertAssessment(connection, filing, now); });
}

std::int64_t MonitoringStore::InsertAssessment(db::Connection& connection, const NewAssessment& filing,
                                               std::int64_t now) {
  const Assessment& assessment = filing.assessment;
  // The scores' sum and count beside the scores themselves, for ReadViews.
  std::int64_t score_total = 0, score_count = 0;
  for (const Score& score : assessment.scores) {
    if (!score.score) continue;
    score_total += *score.score;
    ++score_count;
  }
  const auto row = connection.QueryOne(
      "INSERT INTO assessments (cycle_id, item_id, observed_status, narrative, filed_by, pseudonym, state, key_hash, "
      "content_digest, demo, filed_at, score_total, score_count) "
      "VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9, $10, $11, $12) RETURNING id",
      {assessment.cycle_id, assessment.item_id, assessment.observed_status, assessment.narrative,
       OptionalId(assessment.filed_by), assessment.pseudonym, filing.key_hash, filing.content_digest,
       std::int64_t{assessment.demo ? 1 : 0}, now, score_total, score_count});
  const std::int64_t id = row->Int(0);
  for (const Score& score : assessment.scores) {
    connection.Execute(
        "INSERT INTO assessment_scores (assessment_id, position, score, reason, suggestion) VALUES ($1, $2, $3, $4, "
        "$5)",
        {id, std::int64_t{score.criterion}, score.score ? db::Value(std::int64_t{*score.score}) : db::Value(nullptr),
         score.reason, score.suggestion});
  }
  InsertEvidence(connection, id, filing.files, filing.evidence, now);
  connection.Execute("DELETE FROM pending_uploads WHERE key_hash = $1", {filing.key_hash});
  connection.Execute(
      "INSERT INTO assessment_events (assessment_id, action, note, actor_id, at) VALUES ($1, "
      "'submitted', '', $2, $3)",
      {id, OptionalId(assessment.filed_by), now});
  return id;
}

std::vector<Assessment> MonitoringStore::ReadAssessments(db::Connection& connection, std::string_view where,
                                                         const db::Params& params) {
  std::vector<Assessment> assessments;
  std::map<std::int64_t, std::size_t> index;
  for (const db::Row& row : connection.Query(
           std::string(kAssessmentSelect) + std::string(where) + " ORDER BY a.filed_at DESC, a.id DESC", params)) {
    Assessment assessment;
    assessment.id = row.Int(0);
    assessment.cycle_id = row.Int(1);
    assessment.item_id = row.Int(2);
    assessment.observed_status = row.Text(3);
    assessment.narrative = row.Text(4);
    assessment.filed_by = row.OptionalInt(5);
    assessment.filed_by_name = row.Text(6);
    assessment.pseudonym = row.Text(7);
    assessment.state = row.Text(8);
    assessment.state_reason = row.Text(9);
    assessment.demo = row.Int(10) != 0;
    assessment.filed_at = row.Int(11);
    assessment.version = row.Int(12);
    index[assessment.id] = assessments.size();
    assessments.push_back(std::move(assessment));
  }
  if (assessments.empty()) return assessments;
  // The rest of each, one query per kind, for the same assessments.
  const std::string ids = "(SELECT a.id FROM assessments a " + std::string(where) + ")";
  for (const db::Row& row : connection.Query(
           "SELECT assessment_id, position, score, reason, suggestion FROM assessment_scores WHERE assessment_id IN " +
               ids + " ORDER BY assessment_id, position",
           params)) {
    assessments[index.at(row.Int(0))].scores.push_back(
        {static_cast<int>(row.Int(1)), row.IsNull(2) ? std::nullopt : std::optional<int>(static_cast<int>(row.Int(2))),
         row.Text(3), row.Text(4)});
  }
  for (const db::Row& row :
       connection.Query("SELECT e.assessment_id, e.id, e.kind, e.visibility, e.url, COALESCE(e.file_sha256, ''), "
                        "COALESCE(f.media_type, ''), e.original_name, COALESCE(f.size, 0), e.added_at "
                        "FROM assessment_evidence e LEFT JOIN evidence_files f ON f.sha256 = e.file_sha256 "
                        "WHERE e.assessment_id IN " +
                            ids + " ORDER BY e.assessment_id, e.id",
                        params)) {
    assessments[index.at(row.Int(0))].evidence.push_back({row.Int(1), row.Text(2), row.Text(3), row.Text(4),
                                                          row.Text(5), row.Text(6), row.Text(7), row.Int(8),
                                                          row.Int(9)});
  }
  for (const db::Row& row : connection.Query(
           "SELECT r.assessment_id, r.id, r.body, COALESCE(u.display_name, ''), r.replied_at FROM assessment_replies r "
           "LEFT JOIN users u ON u.id = r.replied_by WHERE r.assessment_id IN " +
               ids + " ORDER BY r.assessment_id, r.id",
           params)) {
    assessments[index.at(row.Int(0))].replies.push_back({row.Int(1), row.Text(2), row.Text(3), row.Int(4)});
  }
  return assessments;
}

std::optional<Assessment> MonitoringStore::FindAssessment(std::int64_t id) {
  auto connection = database_.Acquire();
  auto found = ReadAssessments(*connection, "WHERE a.id = $1", {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

void MonitoringStore::KeepUploads(const std::string& key_hash, const std::vector<PreparedFile>& files,
                                  const std::vector<Evidence>& evidence, std::int64_t now) {
  database_.Transaction([&](db::Connection& connection) {
    // Forms refused and never sent again let go of their files after a week, and files nobody holds go with them.
    const std::int64_t week_ago = now - kKeptUploadsLifetime;
    connection.Execute("DELETE FROM pending_uploads WHERE added_at < $1", {week_ago});
    connection.Execute(
        "DELETE FROM evidence_files WHERE created_at < $1 "
        "AND NOT EXISTS (SELECT 1 FROM assessment_evidence e WHERE e.file_sha256 = evidence_files.sha256) "
        "AND NOT EXISTS (SELECT 1 FROM pending_uploads p WHERE p.file_sha256 = evidence_files.sha256)",
        {week_ago});
    InsertFiles(connection, files, now);
    for (const Evidence& each : evidence) {
      if (each.file_sha256.empty()) continue;
      connection.Execute(
          "INSERT INTO pending_uploads (key_hash, file_sha256, kind, original_name, added_at) VALUES ($1, $2, $3, $4, "
          "$5) ON CONFLICT (key_hash, file_sha256) DO NOTHING",
          {key_hash, each.file_sha256, each.kind, each.original_name, now});
    }
  });
}

std::vector<Evidence> MonitoringStore::KeptUploads(const std::string& key_hash) {
  auto connection = database_.Acquire();
  std::vector<Evidence> kept;
  for (const db::Row& row : connection->Query(
           "SELECT p.kind, p.file_sha256, f.media_type, p.original_name, f.size, p.added_at FROM pending_uploads p "
           "JOIN evidence_files f ON f.sha256 = p.file_sha256 WHERE p.key_hash = $1 ORDER BY p.added_at, p.file_sha256",
           {key_hash})) {
    Evidence each;
    each.kind = row.Text(0);
    each.file_sha256 = row.Text(1);
    each.media_type = row.Text(2);
    each.original_name = row.Text(3);
    each.size = row.Int(4);
    each.added_at = row.Int(5);
    kept.push_back(std::move(each));
  }
  return kept;
}

std::vector<Assessment> MonitoringStore::AssessmentsOfItem(std::int64_t item_id, bool verified_only) {
  auto connection = database_.Acquire();
  return ReadAssessments(
      *connection, verified_only ? "WHERE a.item_id = $1 AND a.state = 'verified'" : "WHERE a.item_id = $1", {item_id});
}

std::vector<Assessment> MonitoringStore::AssessmentsOfCycle(std::int64_t cycle_id,
                                                            const std::vector<std::string>& states) {
  auto connection = database_.Acquire();
  std::string where = "WHERE a.cycle_id = $1";
  db::Params params{cycle_id};
  if (!states.empty()) {
    where += " AND a.state IN (";
    for (std::size_t i = 0; i < states.size(); ++i) {
      where += (i == 0 ? "$" : ", $") + std::to_string(i + 2);
      params.emplace_back(states[i]);
    }
    where += ")";
  }
  return ReadAssessments(*connection, where, params);
}

std::map<std::string, std::int64_t> MonitoringStore::CountByState(std::int64_t cycle_id) {
  auto connection = database_.Acquire();
  std::map<std::string, std::int64_t> counts;
  for (const db::Row& row :
       connection->Query("SELECT state, COUNT(*) FROM assessments WHERE cycle_id = $1 GROUP BY state", {cycle_id})) {
    counts[row.Text(0)] = row.Int(1);
  }
  return counts;
}

std::vector<Assessment> MonitoringStore::AssessmentsFiledBy(std::int64_t user_id, std::int64_t limit) {
  auto connection = database_.Acquire();
  return ReadAssessments(
      *connection,
      "WHERE a.id IN (SELECT id FROM assessments WHERE filed_by = $1 ORDER BY filed_at DESC, id DESC "
      "LIMIT $2)",
      {user_id, limit});
}

std::map<std::int64_t, std::int64_t> MonitoringStore::WaitingInCyclesOf(
    const std::vector<std::int64_t>& organisations) {
  std::map<std::int64_t, std::int64_t> waiting;
  if (organisations.empty()) return waiting;
  std::string in;
  db::Params params;
  for (std::size_t i = 0; i < organisations.size(); ++i) {
    in += (i == 0 ? "$" : ", $") + std::to_string(i + 1);
    params.emplace_back(organisations[i]);
  }
  auto connection = database_.Acquire();
  for (const db::Row& row :
       connection->Query("SELECT c.id, COUNT(*) FROM assessments a JOIN monitoring_cycles c ON c.id = a.cycle_id "
                         "WHERE a.state = 'submitted' AND c.status = 'open' AND c.organisation_id IN (" +
                             in + ") GROUP BY c.id",
                         params)) {
    waiting[row.Int(0)] = row.Int(1);
  }
  return waiting;
}

std::int64_t MonitoringStore::CountMonitors(std::int64_t cycle_id) {
  auto connection = database_.Acquire();
  return connection
      ->QueryOne("SELECT COUNT(DISTINCT filed_by) FROM assessments WHERE cycle_id = $1 AND state = 'verified'",
                 {cycle_id})
      ->Int(0);
}

bool MonitoringStore::SetState(std::int64_t id, std::int64_t version, const std::string& state,
                               const std::string& reason, const Event& event, std::optional<std::int64_t> actor_id,
                               std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    const std::int64_t changed = connection.Execute(
        "UPDATE assessments SET state = $1, state_reason = $2, version = version + 1 WHERE id = $3 AND version = $4",
        {state, reason, id, version});
    if (changed == 0) return false;
    connection.Execute(
        "INSERT INTO assessment_events (assessment_id, action, note, actor_id, at) VALUES ($1, $2, $3, $4, $5)",
        {id, event.action, event.note, OptionalId(actor_id), now});
    return true;
  });
}

void MonitoringStore::AddEvidence(std::int64_t assessment_id, const std::vector<PreparedFile>& files,
                                  const std::vector<Evidence>& evidence, std::optional<std::int64_t> actor_id,
                                  bool resubmit, std::int64_t now) {
  database_.Transaction([&](db::Connection& connection) {
    InsertEvidence(connection, assessment_id, files, evidence, now);
    connection.Execute(
        "INSERT INTO assessment_events (assessment_id, action, note, actor_id, at) VALUES ($1, 'evidence_added', $2, "
        "$3, $4)",
        {assessment_id, std::to_string(evidence.size()), OptionalId(actor_id), now});
    if (resubmit) {
      connection.Execute(
          "UPDATE assessments SET state = 'submitted', state_reason = '', version = version + 1 WHERE id = $1",
          {assessment_id});
    }
  });
}

void MonitoringStore::InsertReply(std::int64_t assessment_id, const std::string& body,
                                  std::optional<std::int64_t> user_id, std::int64_t now) {
  database_.Transaction([&](db::Connection& connection) {
    connection.Execute(
        "INSERT INTO assessment_replies (assessment_id, body, replied_by, replied_at) VALUES ($1, $2, $3, $4)",
        {assessment_id, body, OptionalId(user_id), now});
    connection.Execute(
        "INSERT INTO assessment_events (assessment_id, action, note, actor_id, at) VALUES ($1, 'replied', '', $2, $3)",
        {assessment_id, OptionalId(user_id), now});
  });
}

std::vector<Event> MonitoringStore::Events(std::int64_t assessment_id, bool with_actor_names) {
  auto connection = database_.Acquire();
  std::vector<Event> events;
  for (const db::Row& row :
       connection->Query("SELECT e.action, e.note, COALESCE(u.display_name, ''), e.at FROM assessment_events e "
                         "LEFT JOIN users u ON u.id = e.actor_id WHERE e.assessment_id = $1 ORDER BY e.id",
                         {assessment_id})) {
    events.push_back({row.Text(0), row.Text(1), with_actor_names ? row.Text(2) : "", row.Int(3)});
  }
  return events;
}

std::optional<StoredFile> MonitoringStore::FindFile(const std::string& sha256) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne("SELECT media_type, content FROM evidence_files WHERE sha256 = $1", {sha256});
  if (!row) return std::nullopt;
  StoredFile file{row->Text(0), row->Text(1), {}};
  for (const db::Row& holder : connection->Query(
           "SELECT assessment_id, visibility FROM assessment_evidence WHERE file_sha256 = $1", {sha256})) {
    file.holders.push_back({holder.Int(0), holder.Text(1)});
  }
  return file;
}

bool MonitoringStore::CloseCycle(std::int64_t cycle_id, const Outcome& outcome, const std::vector<Action>& actions,
                                 std::optional<std::int64_t> user_id, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    if (connection.Execute("UPDATE monitoring_cycles SET status = 'closed' WHERE id = $1 AND status = 'open'",
                           {cycle_id}) == 0) {
      return false;
    }
    connection.Execute(
        "INSERT INTO cycle_outcomes (cycle_id, meeting_date, summary, closed_by, closed_at) VALUES ($1, $2, $3, $4, "
        "$5)",
        {cycle_id, outcome.meeting_date, outcome.summary, OptionalId(user_id), now});
    for (const Action& action : actions) {
      connection.Execute(
          "INSERT INTO cycle_actions (cycle_id, title, owner, due_date, status, created_at, updated_at, updated_by) "
          "VALUES ($1, $2, $3, $4, 'open', $5, $5, $6)",
          {cycle_id, action.title, action.owner, action.due_date, now, OptionalId(user_id)});
    }
    return true;
  });
}

std::optional<Outcome> MonitoringStore::OutcomeOf(std::int64_t cycle_id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(
      "SELECT o.meeting_date, o.summary, COALESCE(u.display_name, ''), o.closed_at FROM cycle_outcomes o "
      "LEFT JOIN users u ON u.id = o.closed_by WHERE o.cycle_id = $1",
      {cycle_id});
  if (!row) return std::nullopt;
  return Outcome{row->Text(0), row->Text(1), row->Text(2), row->Int(3)};
}

namespace {

constexpr std::string_view kActionSelect =
    "SELECT a.id, a.cycle_id, a.title, a.owner, a.due_date, a.status, a.note, a.updated_at, a.version "
    "FROM cycle_actions a ";

Action ActionOf(const db::Row& row) {
  return {row.Int(0),  row.Int(1),  row.Text(2), row.Text(3), row.Text(4),
          row.Text(5), row.Text(6), row.Int(7),  row.Int(8)};
}

}  // namespace

std::vector<Action> MonitoringStore::ActionsOf(std::int64_t cycle_id) {
  auto connection = database_.Acquire();
  std::vector<Action> actions;
  for (const db::Row& row :
       connection->Query(std::string(kActionSelect) + "WHERE a.cycle_id = $1 ORDER BY a.id", {cycle_id})) {
    actions.push_back(ActionOf(row));
  }
  return actions;
}

std::vector<Action> MonitoringStore::ActionsBefore(const Cycle& cycle, bool open_only) {
  auto connection = database_.Acquire();
  std::vector<Action> actions;
  for (const db::Row& row : connection->Query(
           std::string(kActionSelect) +
               "JOIN monitoring_cycles c ON c.id = a.cycle_id WHERE c.municipality_code = $1 AND c.id <> $2 "
               "AND c.period_start <= $3" +
               (open_only ? " AND a.status IN ('open', 'in_progress')" : "") + " ORDER BY a.due_date, a.id",
           {cycle.municipality_code, cycle.id, cycle.period_start})) {
    actions.push_back(ActionOf(row));
  }
  return actions;
}

std::optional<Action> MonitoringStore::FindAction(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(std::string(kActionSelect) + "WHERE a.id = $1", {id});
  if (!row) return std::nullopt;
  return ActionOf(*row);
}

bool MonitoringStore::UpdateAction(std::int64_t id, std::int64_t version, const std::string& status,
                                   const std::string& note, std::int64_t user_id, std::int64_t now) {
  // The version is checked by the write itself: of two saves from one version at the same moment, one changes a row.
  return database_.Transaction([&](db::Connection& connection) {
    return connection.Execute(
               "UPDATE cycle_actions SET status = $1, note = $2, updated_at = $3, updated_by = $4, "
               "version = version + 1 WHERE id = $5 AND version = $6",
               {status, note, now, user_id, id, version}) == 1;
  });
}

void MonitoringStore::Follow(std::int64_t user_id, const std::string& kind, const std::string& target,
                             std::int64_t now) {
  database_.Acquire()->Execute(
      "INSERT INTO follows (user_id, kind, target, created_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (user_id, kind, target) DO NOTHING",
      {user_id, kind, target, now});
}

void MonitoringStore::Unfollow(std::int64_t user_id, const std::string& kind, const std::string& target) {
  database_.Acquire()->Execute("DELETE FROM follows WHERE user_id = $1 AND kind = $2 AND target = $3",
                               {user_id, kind, target});
}

bool MonitoringStore::IsFollowing(std::int64_t user_id, const std::string& kind, const std::string& target) {
  return database_.Acquire()
      ->QueryOne("SELECT 1 FROM follows WHERE user_id = $1 AND kind = $2 AND target = $3", {user_id, kind, target})
      .has_value();
}

std::vector<MonitoringStore::Follower> MonitoringStore::Followers() {
  auto connection = database_.Acquire();
  std::vector<Follower> followers;
  for (const db::Row& row : connection->Query(
           "SELECT f.user_id, u.email, f.kind, f.target, d.sent_at FROM follows f JOIN users u ON u.id = f.user_id "
           "LEFT JOIN digests_sent d ON d.user_id = f.user_id ORDER BY f.user_id, f.kind, f.target")) {
    followers.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.OptionalInt(4)});
  }
  return followers;
}

std::vector<Change> MonitoringStore::ChangesSince(std::int64_t since) {
  auto connection = database_.Acquire();
  std::vector<Change> changes;
  // What happened to an item: verified, answered, resolved. The item's plan and municipality come with it.
  constexpr std::string_view kItem =
      "JOIN policy_items i ON i.id = a.item_id JOIN policy_documents d ON d.id = i.document_id ";
  const auto add = [&](const db::Rows& rows, std::string_view kind) {
    for (const db::Row& row : rows) {
      changes.push_back({row.Int(0), std::string(kind), row.Int(1), row.Int(2), row.Text(3),
                         row.Text(5).empty() ? row.Text(4) : row.Text(5) + " " + row.Text(4), row.Text(6),
                         row.Text(7)});
    }
  };
  add(connection->Query("SELECT e.at, i.id, d.id, d.municipality_code, i.title, i.code, '', "
                        "'/monitoring/assessments/' || a.id FROM assessment_events e "
                        "JOIN assessments a ON a.id = e.assessment_id " +
                            std::string(kItem) + "WHERE e.action = 'verified' AND e.at > $1",
                        {since}),
      "verified");
  add(connection->Query("SELECT r.replied_at, i.id, d.id, d.municipality_code, i.title, i.code, '', "
                        "'/monitoring/assessments/' || a.id FROM assessment_replies r "
                        "JOIN assessments a ON a.id = r.assessment_id " +
                            std::string(kItem) + "WHERE r.replied_at > $1",
                        {since}),
      "replied");
  add(connection->Query("SELECT a.resolved_at, i.id, d.id, d.municipality_code, i.title, i.code, a.note, "
                        "'/monitoring/places/' || d.municipality_code FROM discrepancy_resolutions a " +
                            std::string(kItem) + "WHERE a.resolved_at > $1",
                        {since}),
      "resolved");
  // What happened to a cycle: opened, closed, an action of its joint plan moved on.
  const auto add_cycle = [&](const db::Rows& rows, std::string_view kind) {
    for (const db::Row& row : rows) {
      changes.push_back({row.Int(0), std::string(kind), 0, row.Int(1), row.Text(2), row.Text(3), row.Text(4),
                         "/monitoring/cycles/" + std::to_string(row.Int(5))});
    }
  };
  add_cycle(connection->Query("SELECT c.created_at, COALESCE(c.document_id, 0), c.municipality_code, c.title, '', c.id "
                              "FROM monitoring_cycles c WHERE c.created_at > $1 AND c.demo = 0",
                              {since}),
            "cycle_opened");
  add_cycle(connection->Query("SELECT o.closed_at, COALESCE(c.document_id, 0), c.municipality_code, c.title, '', c.id "
                              "FROM cycle_outcomes o JOIN monitoring_cycles c ON c.id = o.cycle_id "
                              "WHERE o.closed_at > $1",
                              {since}),
            "cycle_closed");
  const db::Rows actions = connection->Query(
      "SELECT a.updated_at, COALESCE(c.document_id, 0), c.municipality_code, c.title, a.title, c.id, a.status "
      "FROM cycle_actions a JOIN monitoring_cycles c ON c.id = a.cycle_id "
      "WHERE a.updated_at > $1 AND a.updated_at > a.created_at",
      {since});
  add_cycle(actions, "action_updated");
  for (std::size_t i = 0; i < actions.size(); ++i)
    changes[changes.size() - actions.size() + i].status = actions[i].Text(6);
  std::ranges::stable_sort(changes, [](const Change& a, const Change& b) { return a.at < b.at; });
  return changes;
}

void MonitoringStore::MarkDigestSent(db::Connection& connection, std::int64_t user_id, std::int64_t at) {
  connection.Execute(
      "INSERT INTO digests_sent (user_id, sent_at) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET sent_at = $2",
      {user_id, at});
}

std::vector<ItemInCycle> MonitoringStore::ReadViews(std::string_view where, const db::Params& params) {
  auto connection = database_.Acquire();
  // One row per item, cycle and observed status: how many verified assessments saw it, and their scores (summed on
  // each assessment when it was filed).
  const db::Rows rows = connection->Query(
      "SELECT a.item_id, a.cycle_id, a.observed_status, COUNT(*), SUM(a.score_total), SUM(a.score_count) "
      "FROM assessments a JOIN monitoring_cycles c ON c.id = a.cycle_id WHERE a.state = 'verified' AND " +
          std::string(where) + " GROUP BY a.item_id, a.cycle_id, a.observed_status ORDER BY a.item_id, a.cycle_id",
      params);
  std::vector<ItemInCycle> views;
  struct Sums {
    std::int64_t score_total = 0;
    std::int64_t scores = 0;
    std::map<std::string, std::int64_t> statuses;
  };
  std::vector<Sums> sums;
  for (const db::Row& row : rows) {
    const std::int64_t item = row.Int(0);
    const std::int64_t cycle = row.Int(1);
    if (views.empty() || views.back().item_id != item || views.back().cycle_id != cycle) {
      views.push_back({item, cycle, {}});
      sums.emplace_back();
    }
    views.back().community.assessments += static_cast<int>(row.Int(3));
    sums.back().statuses[row.Text(2)] += row.Int(3);
    sums.back().score_total += row.Int(4);
    sums.back().scores += row.Int(5);
  }
  for (std::size_t i = 0; i < views.size(); ++i) {
    std::int64_t most = 0;
    for (const std::string_view status : kWorseFirst) {
      const auto found = sums[i].statuses.find(std::string(status));
      if (found != sums[i].statuses.end() && found->second > most) {
        most = found->second;
        views[i].community.status = std::string(status);
      }
    }
    views[i].score_total = sums[i].score_total;
    views[i].scores = sums[i].scores;
    if (sums[i].scores > 0) {
      views[i].community.mean_score =
          static_cast<int>((sums[i].score_total * 2 + sums[i].scores) / (sums[i].scores * 2));
    }
  }
  return views;
}

std::vector<ItemInCycle> MonitoringStore::CommunityViews(const std::string& municipality_code) {
  return ReadViews("c.municipality_code = $1", {municipality_code});
}

std::vector<ItemInCycle> MonitoringStore::CommunityViewsOfItem(std::int64_t item_id) {
  return ReadViews("a.item_id = $1", {item_id});
}

std::vector<ItemInCycle> MonitoringStore::CommunityViewsOfCycle(std::int64_t cycle_id) {
  return ReadViews("a.cycle_id = $1", {cycle_id});
}

void MonitoringStore::InsertResolution(const Resolution& resolution, std::int64_t user_id) {
  auto connection = database_.Acquire();
  connection->Execute(
      "INSERT INTO discrepancy_resolutions (item_id, cycle_id, note, side, resolved_by, resolved_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {resolution.item_id, resolution.cycle_id, resolution.note, resolution.side, user_id, resolution.resolved_at});
}

namespace {

std::vector<Resolution> ReadResolutions(db::Database& database, std::string_view where, const db::Params& params) {
  auto connection = database.Acquire();
  std::vector<Resolution> resolutions;
  for (const db::Row& row : connection->Query(
           "SELECT r.item_id, r.cycle_id, r.note, r.side, u.display_name, r.resolved_at FROM discrepancy_resolutions "
           "r JOIN users u ON u.id = r.resolved_by JOIN monitoring_cycles c ON c.id = r.cycle_id WHERE " +
               std::string(where) + " ORDER BY r.item_id, r.cycle_id, r.id",
           params)) {
    Resolution resolution{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5)};
    // The newest of each item and cycle stands: it comes last in this order.
    if (!resolutions.empty() && resolutions.back().item_id == resolution.item_id &&
        resolutions.back().cycle_id == resolution.cycle_id) {
      resolutions.back() = std::move(resolution);
    } else {
      resolutions.push_back(std::move(resolution));
    }
  }
  return resolutions;
}

}  // namespace

std::vector<Resolution> MonitoringStore::Resolutions(const std::string& municipality_code) {
  return ReadResolutions(database_, "c.municipality_code = $1", {municipality_code});
}

std::vector<Resolution> MonitoringStore::AllResolutions() { return ReadResolutions(database_, "1 = 1", {}); }

std::vector<Resolution> MonitoringStore::ResolutionsOfItem(std::int64_t item_id) {
  return ReadResolutions(database_, "r.item_id = $1", {item_id});
}

}  // namespace monitoring
