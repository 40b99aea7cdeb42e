#include "modules/policies/policies_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/money.hpp"
#include "core/text.hpp"
#include "db/bulk_insert.hpp"

namespace policies {
namespace {

db::Value OptionalValue(const std::optional<std::int64_t>& value) {
  return value ? db::Value(*value) : db::Value(nullptr);
}

db::Value TextOrNull(const std::string& text) { return text.empty() ? db::Value(nullptr) : db::Value(text); }

constexpr std::string_view kHasReferenceData = "SELECT 1 FROM priority_areas LIMIT 1";
// SQLite's cache_size in KiB when negative: at most 256 MiB, taken only as pages are written.
constexpr std::int64_t kLargeWriteCacheSize = -262144;
constexpr std::string_view kInsertArea = R"(
  INSERT INTO priority_areas (scheme, code, name_bg, name_en, cross_cutting, position) VALUES ($1, $2, $3, $4, $5, $6)
  RETURNING id)";
constexpr std::string_view kInsertAreaMapping = "INSERT INTO area_mappings (area_id, maps_to_area_id) VALUES ($1, $2)";
constexpr std::string_view kAreas =
    "SELECT id, scheme, code, name_bg, name_en, cross_cutting FROM priority_areas ORDER BY scheme, position";
constexpr std::string_view kAreaMappings = "SELECT area_id, maps_to_area_id FROM area_mappings";
constexpr std::string_view kSelectFundingSources =
    "SELECT code, name_bg, name_en FROM funding_sources ORDER BY position, code";
// "other" is shipped at 1000, to stay last.
constexpr std::string_view kInsertPendingImport = R"(
  INSERT INTO pending_imports (token_hash, document_id, user_id, file_name, file_base64, created_at)
  VALUES ($1, $2, $3, $4, $5, $6))";
constexpr std::string_view kFindPendingImport =
    "SELECT document_id, user_id, file_name, file_base64, created_at FROM pending_imports WHERE token_hash = $1";
constexpr std::string_view kDeletePendingImport = "DELETE FROM pending_imports WHERE token_hash = $1";
constexpr std::string_view kDeletePendingImportsBefore = "DELETE FROM pending_imports WHERE created_at < $1";

constexpr std::string_view kInsertFundingSource = R"(
  INSERT INTO funding_sources (code, name_bg, name_en, position, created_at)
  SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4 FROM funding_sources WHERE position < 1000)";

const std::string kDocumentColumns =
    "d.id, COALESCE(d.reference_key, ''), d.level, d.kind, d.title, d.title_en, d.period_start, d.period_end, "
    "COALESCE(d.oblast_code, ''), COALESCE(d.municipality_code, ''), d.status, d.adopted_by, d.decision_number, "
    "d.decision_date, d.source_url, d.implements_document_id, d.progress_rule, d.currency, d.demo, "
    "d.carried_over_from, d.version, d.updated_at";
constexpr std::string_view kInsertDocument = R"(
  INSERT INTO policy_documents (reference_key, level, kind, title, title_en, period_start, period_end, oblast_code,
    municipality_code, status, adopted_by, decision_number, decision_date, source_url, implements_document_id,
    progress_rule, currency, demo, carried_over_from, version, created_at, created_by, updated_at, updated_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, $20, $21, $20, $21)
  RETURNING id)";
constexpr std::string_view kUpdateDocument = R"(
  UPDATE policy_documents SET level = $2, kind = $3, title = $4, title_en = $5, period_start = $6, period_end = $7,
    oblast_code = $8, municipality_code = $9, status = $10, adopted_by = $11, decision_number = $12,
    decision_date = $13, source_url = $14, implements_document_id = $15, progress_rule = $16, currency = $17,
    version = version + 1, updated_at = $18, updated_by = $19
  WHERE id = $1 AND version = $20)";
constexpr std::string_view kDeleteDocumentAreas = "DELETE FROM document_areas WHERE document_id = $1";
constexpr std::string_view kInsertDocumentArea = "INSERT INTO document_areas (document_id, area_id) VALUES ($1, $2)";
constexpr std::string_view kDocumentAreas = "SELECT area_id FROM document_areas WHERE document_id = $1";
constexpr std::string_view kHasDemoDocument = "SELECT 1 FROM policy_documents WHERE demo = 1 LIMIT 1";

const std::string kItemColumns =
    "i.id, i.uid, i.document_id, i.parent_id, i.kind, i.code, i.position, i.title, i.title_en, i.description, "
    "i.responsible, i.partners, i.target_group, COALESCE(i.settlement_ekatte, ''), i.start_date, i.end_date, "
    "i.deadline, i.beneficiaries, i.expected_result, i.official_status, i.progress, i.version, i.withdrawn_at, "
    "i.withdrawn_with";
// One item, or many (InsertItems adds their VALUES).
constexpr std::string_view kInsertItemsInto = R"(
  INSERT INTO policy_items (uid, document_id, parent_id, kind, code, position, title, title_en, description,
    responsible, partners, target_group, settlement_ekatte, start_date, end_date, deadline, beneficiaries,
    expected_result, official_status, progress, version, created_at, created_by, updated_at, updated_by)
  VALUES )";
const std::string kInsertItem = std::string(kInsertItemsInto) +
                                "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
                                "$19, $20, 1, $21, $22, $21, $22) RETURNING id";
constexpr std::string_view kUpdateItem = R"(
  UPDATE policy_items SET parent_id = $2, kind = $3, code = $4, position = $5, title = $6, title_en = $7,
    description = $8, responsible = $9, partners = $10, target_group = $11, settlement_ekatte = $12,
    start_date = $13, end_date = $14, deadline = $15, beneficiaries = $16, expected_result = $17,
    official_status = $18, progress = $19, version = version + 1, updated_at = $20, updated_by = $21
  WHERE id = $1 AND version = $22)";
constexpr std::string_view kDeleteItemAreas = "DELETE FROM item_areas WHERE item_id = $1";
constexpr std::string_view kInsertItemArea = "INSERT INTO item_areas (item_id, area_id) VALUES ($1, $2)";
constexpr std::string_view kDeleteItemBudgets = "DELETE FROM item_budgets WHERE item_id = $1";
constexpr std::string_view kInsertItemBudget = R"(
  INSERT INTO item_budgets (item_id, source, planned_cents, secured_cents, spent_cents) VALUES ($1, $2, $3, $4, $5))";
constexpr std::string_view kDeleteItemTargets = "DELETE FROM item_targets WHERE item_id = $1";
constexpr std::string_view kInsertItemTarget = R"(
  INSERT INTO item_targets (item_id, text_bg, text_en, verified, position) VALUES ($1, $2, $3, $4, $5))";
// The same rows many at a time (db::InsertRows adds the VALUES).
constexpr std::string_view kInsertItemAreas = "INSERT INTO item_areas (item_id, area_id)";
constexpr std::string_view kInsertItemBudgets =
    "INSERT INTO item_budgets (item_id, source, planned_cents, secured_cents, spent_cents)";
constexpr std::string_view kInsertItemTargets =
    "INSERT INTO item_targets (item_id, text_bg, text_en, verified, position)";
constexpr std::string_view kInsertLinks =
    "INSERT INTO item_links (item_id, implements_item_id, created_at, created_by)";
constexpr std::string_view kAppendHistories =
    "INSERT INTO policy_history (document_id, item_id, version, action, changes, changed_by, changed_at)";
// Followed by an IN list of parameters.
constexpr std::string_view kItemReferences =
    "SELECT i.id, i.uid, i.document_id, i.kind, d.level, i.withdrawn_at IS NOT NULL FROM policy_items i "
    "JOIN policy_documents d ON d.id = i.document_id WHERE i.uid IN ";

constexpr std::string_view kInsertLink = R"(
  INSERT INTO item_links (item_id, implements_item_id, created_at, created_by) VALUES ($1, $2, $3, $4)
  ON CONFLICT (item_id, implements_item_id) DO NOTHING)";
constexpr std::string_view kDeleteLink = "DELETE FROM item_links WHERE item_id = $1 AND implements_item_id = $2";
constexpr std::string_view kAllLinks = "SELECT item_id, implements_item_id FROM item_links";
// Only from the version the editor saw ($7), and only an item in the plan: a second withdrawal from that version, at
// the same moment, changes nothing.
constexpr std::string_view kSetWithdrawn = R"(
  UPDATE policy_items SET withdrawn_at = $2, withdrawn_by = $3, withdrawn_with = $4, version = version + 1,
    updated_at = $5, updated_by = $6
  WHERE id = $1 AND version = $7 AND withdrawn_at IS NULL)";
// As kSetWithdrawn, the other way: only a withdrawn item comes back.
constexpr std::string_view kSetRestored = R"(
  UPDATE policy_items SET withdrawn_at = NULL, withdrawn_by = NULL, withdrawn_with = NULL, version = version + 1,
    updated_at = $2, updated_by = $3
  WHERE id = $1 AND version = $4 AND withdrawn_at IS NOT NULL)";

// One side of a link joined with the item and document on the other side.
constexpr std::string_view kLinkedColumns =
    "o.id, o.uid, o.code, o.title, o.title_en, od.id, od.title, od.title_en, od.level";
const std::string kImplementsOfDocument = fmt::format(
    "SELECT l.item_id, {} FROM item_links l JOIN policy_items i ON i.id = l.item_id "
    "JOIN policy_items o ON o.id = l.implements_item_id JOIN policy_documents od ON od.id = o.document_id "
    "WHERE i.document_id = $1 ORDER BY od.id, o.position",
    kLinkedColumns);
const std::string kImplementedBy = fmt::format(
    "SELECT l.implements_item_id, {} FROM item_links l JOIN policy_items o ON o.id = l.item_id "
    "JOIN policy_documents od ON od.id = o.document_id WHERE l.implements_item_id = $1 ORDER BY od.id, o.position",
    kLinkedColumns);
const std::string kImplementedByDocument = fmt::format(
    "SELECT l.implements_item_id, {} FROM item_links l JOIN policy_items i ON i.id = l.implements_item_id "
    "JOIN policy_items o ON o.id = l.item_id JOIN policy_documents od ON od.id = o.document_id "
    "WHERE i.document_id = $1 ORDER BY od.id, o.position",
    kLinkedColumns);

constexpr std::string_view kAppendHistory = R"(
  INSERT INTO policy_history (document_id, item_id, version, action, changes, changed_by, changed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7))";
constexpr std::string_view kHistoryColumns =
    "h.document_id, h.item_id, h.version, h.action, h.changes, h.changed_by, COALESCE(u.display_name, ''), "
    "h.changed_at FROM policy_history h LEFT JOIN users u ON u.id = h.changed_by";
const std::string kItemHistory = fmt::format("SELECT {} WHERE h.item_id = $1 ORDER BY h.id DESC", kHistoryColumns);
const std::string kDocumentHistory =
    fmt::format("SELECT {} WHERE h.document_id = $1 ORDER BY h.id DESC LIMIT $2", kHistoryColumns);
const std::string kDocumentOwnHistory = fmt::format(
    "SELECT {} WHERE h.document_id = $1 AND h.item_id IS NULL ORDER BY h.id DESC LIMIT $2", kHistoryColumns);

constexpr std::string_view kGapColumns =
    "i.id, i.uid, i.code, i.title, i.title_en, d.id, d.title, d.title_en, d.level, d.demo";

// The documents a scope's plans are in ("below") and those whose objectives they answer ("above").
struct ScopeSql {
  std::string below;
  std::string above;
  db::Params params;
};

// Every scope's SQL takes the same two parameters; a scope that needs fewer still names them (PostgreSQL refuses
// parameters a statement does not use), in a condition that is always true.
constexpr std::string_view kUnused1 = "($1 = '' OR $1 <> '')";
constexpr std::string_view kUnused2 = "($2 = '' OR $2 <> '')";

ScopeSql ScopeSqlOf(const GapScope& scope) {
  // Superseded documents are history, and demo documents invented: neither closes (or opens) a real gap. A
  // municipality's own demo plan is the exception: looked at on its own, it shows what the page does (marked as demo),
  // and it is never counted in an oblast's or the country's gaps.
  const std::string current = "d.status <> 'superseded' AND ";
  const std::string live = current + "d.demo = 0 AND ";
  switch (scope.kind) {
    case GapScope::Kind::kMunicipality:
      return {current + "d.municipality_code = $1",
              live + "(d.level IN ('eu', 'national') OR (d.level = 'regional' AND d.oblast_code = $2))",
              {scope.code, scope.oblast_code}};
    case GapScope::Kind::kOblast:
      return {live + "d.oblast_code = $1 AND d.level IN ('regional', 'municipal', 'project')",
              live + "d.level IN ('eu', 'national') AND " + std::string(kUnused2),
              {scope.code, ""}};
    case GapScope::Kind::kCountry:
      break;
  }
  return {live + "d.level <> 'eu' AND " + std::string(kUnused1),
          live + "d.level IN ('eu', 'national') AND " + std::string(kUnused2),
          {"", ""}};
}

Document DocumentFromRow(const db::Row& row) {
  Document document;
  document.id = row.Int(0);
  document.reference_key = row.Text(1);
  document.level = LevelFromName(row.Text(2)).value_or(Level::kMunicipal);  // the CHECK keeps this total
  document.kind = row.Text(3);
  document.title = row.Text(4);
  document.title_en = row.Text(5);
  document.period_start = static_cast<int>(row.Int(6));
  document.period_end = static_cast<int>(row.Int(7));
  document.oblast_code = row.Text(8);
  document.municipality_code = row.Text(9);
  document.status = row.Text(10);
  document.adopted_by = row.Text(11);
  document.decision_number = row.Text(12);
  document.decision_date = row.Text(13);
  document.source_url = row.Text(14);
  document.implements_document_id = row.OptionalInt(15);
  document.progress_rule = row.Text(16);
  document.currency = row.Text(17);
  document.demo = row.Int(18) != 0;
  document.carried_over_from = row.OptionalInt(19);
  document.version = row.Int(20);
  document.updated_at = row.Int(21);
  return document;
}

Item ItemFromRow(const db::Row& row) {
  Item item;
  item.id = row.Int(0);
  item.uid = row.Text(1);
  item.document_id = row.Int(2);
  item.parent_id = row.OptionalInt(3);
  item.kind = row.Text(4);
  item.code = row.Text(5);
  item.position = row.Int(6);
  item.title = row.Text(7);
  item.title_en = row.Text(8);
  item.description = row.Text(9);
  item.responsible = row.Text(10);
  item.partners = row.Text(11);
  item.target_group = row.Text(12);
  item.settlement_ekatte = row.Text(13);
  item.start_date = row.Text(14);
  item.end_date = row.Text(15);
  item.deadline = row.Text(16);
  item.beneficiaries = row.OptionalInt(17);
  item.expected_result = row.Text(18);
  item.official_status = row.Text(19);
  if (const auto progress = row.OptionalInt(20)) item.progress = static_cast<int>(*progress);
  item.version = row.Int(21);
  item.withdrawn_at = row.OptionalInt(22);
  item.withdrawn_with = row.OptionalInt(23);
  return item;
}

LinkedItem LinkedFromRow(const db::Row& row) {
  return {row.Int(0),  row.Int(1), row.Text(2), row.Text(3), row.Text(4),
          row.Text(5), row.Int(6), row.Text(7), row.Text(8), LevelFromName(row.Text(9)).value_or(Level::kEu)};
}

GapItem GapFromRow(const db::Row& row) {
  return {row.Int(0),     row.Text(1), row.Text(2),
          row.Text(3),    row.Text(4), row.Int(5),
          row.Text(6),    row.Text(7), LevelFromName(row.Text(8)).value_or(Level::kEu),
          row.Int(9) != 0};
}

HistoryEntry HistoryFromRow(const db::Row& row) {
  return {row.Int(0),  row.OptionalInt(1), row.Int(2),  row.Text(3),
          row.Text(4), row.OptionalInt(5), row.Text(6), row.Int(7)};
}

// What an insert and an update of an item both write, in their statements' order: parent_id … progress, then the
// time and who.
db::Params ItemParams(db::Params params, const Item& item, std::optional<std::int64_t> by, std::int64_t now) {
  params.reserve(params.size() + 20);
  params.emplace_back(OptionalValue(item.parent_id));
  params.emplace_back(item.kind);
  params.emplace_back(item.code);
  params.emplace_back(item.position);
  params.emplace_back(item.title);
  params.emplace_back(item.title_en);
  params.emplace_back(item.description);
  params.emplace_back(item.responsible);
  params.emplace_back(item.partners);
  params.emplace_back(item.target_group);
  params.emplace_back(TextOrNull(item.settlement_ekatte));
  params.emplace_back(item.start_date);
  params.emplace_back(item.end_date);
  params.emplace_back(item.deadline);
  params.emplace_back(OptionalValue(item.beneficiaries));
  params.emplace_back(item.expected_result);
  params.emplace_back(item.official_status);
  params.emplace_back(item.progress ? db::Value(std::int64_t{*item.progress}) : db::Value(nullptr));
  params.emplace_back(now);
  params.emplace_back(OptionalValue(by));
  return params;
}

db::Params InsertItemParams(const Item& item, std::optional<std::int64_t> by, std::int64_t now) {
  return ItemParams({item.uid, item.document_id}, item, by, now);
}

void WriteDocumentAreas(db::Connection& connection, const Document& document) {
  connection.Execute(kDeleteDocumentAreas, {document.id});
  for (const std::int64_t area : document.area_ids) connection.Execute(kInsertDocumentArea, {document.id, area});
}

void WriteItemDetails(db::Connection& connection, const Item& item) {
  connection.Execute(kDeleteItemAreas, {item.id});
  for (const std::int64_t area : item.area_ids) connection.Execute(kInsertItemArea, {item.id, area});
  connection.Execute(kDeleteItemBudgets, {item.id});
  for (const Budget& budget : item.budgets) {
    connection.Execute(kInsertItemBudget, {item.id, budget.source, budget.planned_cents,
                                           OptionalValue(budget.secured_cents), OptionalValue(budget.spent_cents)});
  }
  connection.Execute(kDeleteItemTargets, {item.id});
  std::int64_t position = 0;
  for (const Target& target : item.targets) {
    connection.Execute(kInsertItemTarget,
                       {item.id, target.text_bg, target.text_en, std::int64_t{target.verified ? 1 : 0}, position++});
  }
}

}  // namespace

bool PoliciesStore::HasReferenceData() { return database_.Acquire()->QueryOne(kHasReferenceData).has_value(); }

std::int64_t PoliciesStore::InsertArea(db::Connection& connection, const Area& area, std::int64_t position) {
  return connection
      .QueryOne(kInsertArea, {area.scheme, area.code, area.name_bg, area.name_en,
                              std::int64_t{area.cross_cutting ? 1 : 0}, position})
      ->Int(0);
}

void PoliciesStore::InsertAreaMapping(db::Connection& connection, std::int64_t area_id, std::int64_t maps_to_area_id) {
  connection.Execute(kInsertAreaMapping, {area_id, maps_to_area_id});
}

std::vector<Area> PoliciesStore::Areas() {
  std::vector<Area> areas;
  for (const auto& row : database_.Acquire()->Query(kAreas)) {
    areas.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5) != 0});
  }
  return areas;
}

std::multimap<std::int64_t, std::int64_t> PoliciesStore::AreaMappings() {
  std::multimap<std::int64_t, std::int64_t> mappings;
  for (const auto& row : database_.Acquire()->Query(kAreaMappings)) mappings.emplace(row.Int(0), row.Int(1));
  return mappings;
}

std::vector<FundingSource> PoliciesStore::FundingSources() { return FundingSources(*database_.Acquire()); }

std::vector<FundingSource> PoliciesStore::FundingSources(db::Connection& connection) {
  std::vector<FundingSource> sources;
  for (const auto& row : connection.Query(kSelectFundingSources))
    sources.push_back({row.Text(0), row.Text(1), row.Text(2)});
  return sources;
}

void PoliciesStore::InsertPendingImport(const std::string& token_hash, const PendingImportRow& row) {
  database_.Acquire()->Execute(
      kInsertPendingImport, {token_hash, row.document_id, row.user_id, row.file_name, row.file_base64, row.created_at});
}

std::optional<PoliciesStore::PendingImportRow> PoliciesStore::FindPendingImport(const std::string& token_hash) {
  const auto row = database_.Acquire()->QueryOne(kFindPendingImport, {token_hash});
  if (!row) return std::nullopt;
  return PendingImportRow{row->Int(0), row->Int(1), row->Text(2), row->Text(3), row->Int(4)};
}

void PoliciesStore::DeletePendingImport(const std::string& token_hash) {
  database_.Acquire()->Execute(kDeletePendingImport, {token_hash});
}

void PoliciesStore::DeletePendingImportsBefore(std::int64_t created_before) {
  database_.Acquire()->Execute(kDeletePendingImportsBefore, {created_before});
}

void PoliciesStore::InsertFundingSource(db::Connection& connection, const FundingSource& source, std::int64_t now) {
  connection.Execute(kInsertFundingSource, {source.code, source.name_bg, source.name_en, now});
}

std::int64_t PoliciesStore::InsertDocument(db::Connection& connection, const Document& document,
                                           std::optional<std::int64_t> by, std::int64_t now) {
  Document inserted = document;
  inserted.id = connection
                    .QueryOne(kInsertDocument, {TextOrNull(document.reference_key),
                                                std::string(LevelName(document.level)),
                                                document.kind,
                                                document.title,
                                                document.title_en,
                                                std::int64_t{document.period_start},
                                                std::int64_t{document.period_end},
                                                TextOrNull(document.oblast_code),
                                                TextOrNull(document.municipality_code),
                                                document.status,
                                                document.adopted_by,
                                                document.decision_number,
                                                document.decision_date,
                                                document.source_url,
                                                OptionalValue(document.implements_document_id),
                                                document.progress_rule,
                                                document.currency,
                                                std::int64_t{document.demo ? 1 : 0},
                                                OptionalValue(document.carried_over_from),
                                                now,
                                                OptionalValue(by)})
                    ->Int(0);
  WriteDocumentAreas(connection, inserted);
  return inserted.id;
}

bool PoliciesStore::UpdateDocument(db::Connection& connection, const Document& document, std::optional<std::int64_t> by,
                                   std::int64_t now) {
  const auto changed = connection.Execute(kUpdateDocument, {document.id,
                                                            std::string(LevelName(document.level)),
                                                            document.kind,
                                                            document.title,
                                                            document.title_en,
                                                            std::int64_t{document.period_start},
                                                            std::int64_t{document.period_end},
                                                            TextOrNull(document.oblast_code),
                                                            TextOrNull(document.municipality_code),
                                                            document.status,
                                                            document.adopted_by,
                                                            document.decision_number,
                                                            document.decision_date,
                                                            document.source_url,
                                                            OptionalValue(document.implements_document_id),
                                                            document.progress_rule,
                                                            document.currency,
                                                            now,
                                                            OptionalValue(by),
                                                            document.version});
  if (changed == 0) return false;
  WriteDocumentAreas(connection, document);
  return true;
}

std::optional<Document> PoliciesStore::FindDocument(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row =
      connection->QueryOne("SELECT " + kDocumentColumns + " FROM policy_documents d WHERE d.id = $1", {id});
  if (!row) return std::nullopt;
  Document document = DocumentFromRow(*row);
  for (const auto& area : connection->Query(kDocumentAreas, {id})) document.area_ids.push_back(area.Int(0));
  return document;
}

std::optional<Document> PoliciesStore::FindDocumentByReferenceKey(const std::string& key) {
  const auto row =
      database_.Acquire()->QueryOne("SELECT d.id FROM policy_documents d WHERE d.reference_key = $1", {key});
  if (!row) return std::nullopt;
  return FindDocument(row->Int(0));
}

bool PoliciesStore::HasDemoDocument() { return database_.Acquire()->QueryOne(kHasDemoDocument).has_value(); }

std::vector<Document> PoliciesStore::ListDocuments(const DocumentFilter& filter) {
  const std::string sql = "SELECT " + kDocumentColumns +
                          " FROM policy_documents d WHERE ($1 = '' OR d.level = $1) "
                          "AND ($2 = '' OR d.oblast_code = $2) AND ($3 = '' OR d.municipality_code = $3) "
                          "ORDER BY CASE d.level WHEN 'eu' THEN 0 WHEN 'national' THEN 1 WHEN 'regional' THEN 2 "
                          "WHEN 'municipal' THEN 3 ELSE 4 END, d.period_start DESC, d.title";
  std::vector<Document> documents;
  const std::string level = filter.level ? std::string(LevelName(*filter.level)) : "";
  for (const auto& row : database_.Acquire()->Query(sql, {level, filter.oblast_code, filter.municipality_code})) {
    documents.push_back(DocumentFromRow(row));
  }
  return documents;
}

std::int64_t PoliciesStore::InsertItem(db::Connection& connection, const Item& item, std::optional<std::int64_t> by,
                                       std::int64_t now) {
  Item inserted = item;
  inserted.id = connection.QueryOne(kInsertItem, InsertItemParams(item, by, now))->Int(0);
  WriteItemDetails(connection, inserted);
  return inserted.id;
}

bool PoliciesStore::UpdateItem(db::Connection& connection, const Item& item, std::optional<std::int64_t> by,
                               std::int64_t now) {
  db::Params params = ItemParams({item.id}, item, by, now);
  params.emplace_back(item.version);
  if (connection.Execute(kUpdateItem, params) == 0) return false;
  WriteItemDetails(connection, item);
  return true;
}

void PoliciesStore::InsertItems(db::Connection& connection, const std::vector<Item*>& items,
                                std::optional<std::int64_t> by, std::int64_t now) {
  // Many items a statement: on PostgreSQL each statement is a round trip. Their ids come back by uid (unique), as
  // neither database promises RETURNING rows in the order of VALUES. The time and who are $1 and $2 of every row.
  constexpr std::size_t kPerStatement = 200;  // 200 × 20 parameters: within both databases' limits
  for (std::size_t start = 0; start < items.size(); start += kPerStatement) {
    const std::size_t count = std::min(kPerStatement, items.size() - start);
    std::string sql(kInsertItemsInto);
    db::Params params{now, OptionalValue(by)};
    params.reserve(2 + count * 20);
    std::map<std::string, Item*, std::less<>> by_uid;
    for (std::size_t k = 0; k < count; ++k) {
      Item& item = *items[start + k];
      by_uid.emplace(item.uid, &item);
      db::Params own = InsertItemParams(item, by, now);
      own.resize(own.size() - 2);  // without the time and who
      sql += k == 0 ? "(" : ", (";
      for (db::Value& value : own) {
        params.push_back(std::move(value));
        sql += "$" + std::to_string(params.size()) + ", ";
      }
      sql += "1, $1, $2, $1, $2)";
    }
    sql += " RETURNING uid, id";
    for (const auto& row : connection.Query(sql, params)) by_uid.at(row.Text(0))->id = row.Int(1);
  }
  std::vector<db::Params> areas, budgets, targets;
  for (Item* each : items) {
    const Item& item = *each;
    for (const std::int64_t area : item.area_ids) areas.push_back({item.id, area});
    for (const Budget& budget : item.budgets) {
      budgets.push_back({item.id, budget.source, budget.planned_cents, OptionalValue(budget.secured_cents),
                         OptionalValue(budget.spent_cents)});
    }
    std::int64_t position = 0;
    for (const Target& target : item.targets) {
      targets.push_back({item.id, target.text_bg, target.text_en, std::int64_t{target.verified ? 1 : 0}, position++});
    }
  }
  db::InsertRows(connection, kInsertItemAreas, areas);
  db::InsertRows(connection, kInsertItemBudgets, budgets);
  db::InsertRows(connection, kInsertItemTargets, targets);
}

std::optional<Item> PoliciesStore::FindItem(std::int64_t id) {
  auto items = ReadItems(*database_.Acquire(), "i.id = $1", id);
  if (items.empty()) return std::nullopt;
  return std::move(items.front());
}

std::optional<Item> PoliciesStore::FindItemByUid(const std::string& uid) {
  const auto row = database_.Acquire()->QueryOne("SELECT id FROM policy_items WHERE uid = $1", {uid});
  if (!row) return std::nullopt;
  return FindItem(row->Int(0));
}

std::vector<ItemReference> PoliciesStore::ItemReferences(db::Connection& connection,
                                                         const std::vector<std::string>& uids) {
  constexpr std::size_t kPerStatement = 500;
  std::vector<ItemReference> references;
  for (std::size_t start = 0; start < uids.size(); start += kPerStatement) {
    const std::size_t count = std::min(kPerStatement, uids.size() - start);
    std::string list;
    db::Params params;
    for (std::size_t i = 0; i < count; ++i) {
      list += fmt::format("{}${}", i == 0 ? "(" : ", ", i + 1);
      params.push_back(uids[start + i]);
    }
    for (const auto& row : connection.Query(std::string(kItemReferences) + list + ")", params)) {
      references.push_back({row.Int(0), row.Text(1), row.Int(2), row.Text(3),
                            LevelFromName(row.Text(4)).value_or(Level::kEu), row.Int(5) != 0});
    }
  }
  return references;
}

std::vector<Item> PoliciesStore::DocumentItems(std::int64_t document_id, Withdrawn withdrawn) {
  auto connection = database_.Acquire();
  return DocumentItems(*connection, document_id, withdrawn);
}

std::vector<Item> PoliciesStore::DocumentItems(db::Connection& connection, std::int64_t document_id,
                                               Withdrawn withdrawn) {
  const std::string_view which = withdrawn == Withdrawn::kLeftOut ? " AND i.withdrawn_at IS NULL"
                                 : withdrawn == Withdrawn::kOnly  ? " AND i.withdrawn_at IS NOT NULL"
                                                                  : "";
  return ReadItems(connection, fmt::format("i.document_id = $1{}", which), document_id);
}

std::vector<Item> PoliciesStore::ReadItems(db::Connection& connection, const std::string& condition,
                                           std::int64_t parameter) {
  std::vector<Item> items;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row : connection.Query(
           fmt::format("SELECT {} FROM policy_items i WHERE {} ORDER BY i.position, i.id", kItemColumns, condition),
           {parameter})) {
    index[row.Int(0)] = items.size();
    items.push_back(ItemFromRow(row));
  }
  if (items.empty()) return items;
  for (const auto& row : connection.Query(fmt::format("SELECT a.item_id, a.area_id FROM item_areas a JOIN policy_items "
                                                      "i ON i.id = a.item_id WHERE {} ORDER BY a.area_id",
                                                      condition),
                                          {parameter})) {
    items[index.at(row.Int(0))].area_ids.push_back(row.Int(1));
  }
  for (const auto& row : connection.Query(
           fmt::format(
               "SELECT b.item_id, b.source, b.planned_cents, b.secured_cents, b.spent_cents FROM item_budgets b "
               "JOIN policy_items i ON i.id = b.item_id WHERE {} ORDER BY b.item_id, b.source",
               condition),
           {parameter})) {
    items[index.at(row.Int(0))].budgets.push_back({row.Text(1), row.Int(2), row.OptionalInt(3), row.OptionalInt(4)});
  }
  for (const auto& row :
       connection.Query(fmt::format("SELECT t.item_id, t.text_bg, t.text_en, t.verified FROM item_targets t JOIN "
                                    "policy_items i ON i.id = t.item_id WHERE {} ORDER BY t.item_id, t.position",
                                    condition),
                        {parameter})) {
    items[index.at(row.Int(0))].targets.push_back({row.Text(1), row.Text(2), row.Int(3) != 0});
  }
  return items;
}

void PoliciesStore::DeleteDocument(db::Connection& connection, std::int64_t id) {
  // Children before what they refer to. One statement deletes all the document's items, so their references to one
  // another (parent, withdrawn with) are checked once they are all gone.
  constexpr std::string_view kItemsOf = "(SELECT id FROM policy_items WHERE document_id = $1)";
  for (const std::string& statement :
       {fmt::format("DELETE FROM item_links WHERE item_id IN {0} OR implements_item_id IN {0}", kItemsOf),
        fmt::format("DELETE FROM item_areas WHERE item_id IN {}", kItemsOf),
        fmt::format("DELETE FROM item_budgets WHERE item_id IN {}", kItemsOf),
        fmt::format("DELETE FROM item_targets WHERE item_id IN {}", kItemsOf),
        std::string("DELETE FROM policy_history WHERE document_id = $1"),
        std::string("DELETE FROM policy_items WHERE document_id = $1"), std::string(kDeleteDocumentAreas),
        std::string("UPDATE policy_documents SET carried_over_from = NULL WHERE carried_over_from = $1"),
        std::string("DELETE FROM policy_documents WHERE id = $1")}) {
    connection.Execute(statement, {id});
  }
}

std::int64_t PoliciesStore::CountImplementingDocuments(std::int64_t id) {
  return database_.Acquire()
      ->QueryOne("SELECT COUNT(*) FROM policy_documents WHERE implements_document_id = $1", {id})
      ->Int(0);
}

std::optional<std::int64_t> PoliciesStore::ItemWithCode(std::int64_t document_id, const std::string& code) {
  const auto row = database_.Acquire()->QueryOne(
      "SELECT id FROM policy_items WHERE document_id = $1 AND code = $2 AND withdrawn_at IS NULL LIMIT 1",
      {document_id, code});
  return row ? std::optional(row->Int(0)) : std::nullopt;
}

bool PoliciesStore::AnyWithdrawn(db::Connection& connection, std::int64_t first_id, std::int64_t second_id) {
  return connection
      .QueryOne("SELECT 1 FROM policy_items WHERE id IN ($1, $2) AND withdrawn_at IS NOT NULL", {first_id, second_id})
      .has_value();
}

bool PoliciesStore::SetWithdrawn(db::Connection& connection, std::int64_t item_id, std::int64_t version,
                                 std::optional<std::int64_t> with_item, std::optional<std::int64_t> by,
                                 std::int64_t now) {
  if (!with_item) return connection.Execute(kSetRestored, {item_id, now, OptionalValue(by), version}) == 1;
  return connection.Execute(kSetWithdrawn,
                            {item_id, now, OptionalValue(by), *with_item, now, OptionalValue(by), version}) == 1;
}

bool PoliciesStore::InsertLink(db::Connection& connection, std::int64_t item_id, std::int64_t implements_item_id,
                               std::optional<std::int64_t> by, std::int64_t now) {
  return connection.Execute(kInsertLink, {item_id, implements_item_id, now, OptionalValue(by)}) > 0;
}

bool PoliciesStore::DeleteLink(db::Connection& connection, std::int64_t item_id, std::int64_t implements_item_id) {
  return connection.Execute(kDeleteLink, {item_id, implements_item_id}) > 0;
}

void PoliciesStore::InsertLinks(db::Connection& connection,
                                const std::vector<std::pair<std::int64_t, std::int64_t>>& links,
                                std::optional<std::int64_t> by, std::int64_t now) {
  std::vector<db::Params> rows;
  rows.reserve(links.size());
  for (const auto& [from, to] : links) rows.push_back({from, to, now, OptionalValue(by)});
  db::InsertRows(connection, kInsertLinks, rows);
}

std::multimap<std::int64_t, std::int64_t> PoliciesStore::AllLinks(db::Connection& connection) {
  std::multimap<std::int64_t, std::int64_t> links;
  for (const auto& row : connection.Query(kAllLinks)) links.emplace(row.Int(0), row.Int(1));
  return links;
}

std::vector<LinkEnds> PoliciesStore::LinksTouching(db::Connection& connection,
                                                   const std::vector<std::int64_t>& item_ids) {
  std::vector<LinkEnds> links;
  if (item_ids.empty()) return links;
  std::string list;
  for (const std::int64_t id : item_ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  for (const auto& row : connection.Query(fmt::format(
           "SELECT l.item_id, i.uid, i.document_id, i.version, l.implements_item_id, o.uid FROM item_links l "
           "JOIN policy_items i ON i.id = l.item_id JOIN policy_items o ON o.id = l.implements_item_id "
           "WHERE l.item_id IN ({0}) OR l.implements_item_id IN ({0}) ORDER BY l.item_id, l.implements_item_id",
           list))) {
    links.push_back({row.Int(0), row.Text(1), row.Int(2), row.Int(3), row.Int(4), row.Text(5)});
  }
  return links;
}

void PoliciesStore::LockLinks(db::Connection& connection) {
  if (database_.backend() == db::Backend::kPostgres) {
    connection.Execute("LOCK TABLE item_links IN SHARE ROW EXCLUSIVE MODE");
  }
}

std::optional<std::int64_t> PoliciesStore::WidenCacheForLargeWrite(db::Connection& connection) {
  if (database_.backend() != db::Backend::kSqlite) return std::nullopt;
  const std::int64_t size = connection.QueryOne("PRAGMA cache_size")->Int(0);
  connection.Execute(fmt::format("PRAGMA cache_size = {}", kLargeWriteCacheSize));
  return size;
}

void PoliciesStore::RestoreCache(db::Connection& connection, std::int64_t size) {
  connection.Execute(fmt::format("PRAGMA cache_size = {}", size));
}

std::vector<LinkedItem> PoliciesStore::ImplementsOfDocument(std::int64_t document_id) {
  std::vector<LinkedItem> links;
  for (const auto& row : database_.Acquire()->Query(kImplementsOfDocument, {document_id})) {
    links.push_back(LinkedFromRow(row));
  }
  return links;
}

std::vector<LinkedItem> PoliciesStore::ImplementedBy(std::int64_t item_id) {
  std::vector<LinkedItem> links;
  for (const auto& row : database_.Acquire()->Query(kImplementedBy, {item_id})) links.push_back(LinkedFromRow(row));
  return links;
}

std::vector<LinkedItem> PoliciesStore::ImplementedByDocument(std::int64_t document_id) {
  std::vector<LinkedItem> links;
  for (const auto& row : database_.Acquire()->Query(kImplementedByDocument, {document_id})) {
    links.push_back(LinkedFromRow(row));
  }
  return links;
}

std::vector<GapItem> PoliciesStore::LinkCandidates(const Document& document, const std::string& oblast_code) {
  // Levels at or above the document's: their names in cascade order come first in AllLevels().
  std::string levels;
  for (const Level each : AllLevels()) {
    levels += (levels.empty() ? "'" : ", '") + std::string(LevelName(each)) + "'";
    if (each == document.level) break;
  }
  // The EU and the country's documents, the strategy of the document's own oblast, its own municipality's plans;
  // never another oblast's or municipality's, and demo data only for a demo document.
  const std::string sql = fmt::format(
      "SELECT {} FROM policy_items i JOIN policy_documents d ON d.id = i.document_id "
      "WHERE i.document_id <> $1 AND i.kind IN ('objective', 'measure') AND i.withdrawn_at IS NULL "
      "AND d.level IN ({}) "
      "AND d.status <> 'superseded' "
      "AND (d.level IN ('eu', 'national') OR (d.level = 'regional' AND d.oblast_code = $2) "
      "     OR (d.level IN ('municipal', 'project') AND d.municipality_code = $3)) "
      "AND (d.demo = 0 OR $4 = 1) "
      "ORDER BY CASE d.level WHEN 'eu' THEN 0 WHEN 'national' THEN 1 WHEN 'regional' THEN 2 ELSE 3 END, d.id, "
      "i.position",
      kGapColumns, levels);
  std::vector<GapItem> candidates;
  for (const auto& row : database_.Acquire()->Query(
           sql, {document.id, oblast_code, document.municipality_code, std::int64_t{document.demo ? 1 : 0}})) {
    candidates.push_back(GapFromRow(row));
  }
  return candidates;
}

std::set<std::int64_t> PoliciesStore::ItemsInAreas(const std::vector<std::int64_t>& item_ids,
                                                   const std::set<std::int64_t>& areas) {
  std::set<std::int64_t> found;
  if (item_ids.empty() || areas.empty()) return found;
  const auto list = [](const auto& ids) {
    std::string text;
    for (const std::int64_t id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
    return text;
  };
  for (const auto& row : database_.Acquire()->Query("SELECT DISTINCT item_id FROM item_areas WHERE item_id IN (" +
                                                    list(item_ids) + ") AND area_id IN (" + list(areas) + ")")) {
    found.insert(row.Int(0));
  }
  return found;
}

void PoliciesStore::AppendHistory(db::Connection& connection, const HistoryEntry& entry) {
  connection.Execute(kAppendHistory, {entry.document_id, OptionalValue(entry.item_id), entry.version, entry.action,
                                      entry.changes, OptionalValue(entry.changed_by), entry.changed_at});
}

void PoliciesStore::AppendHistory(db::Connection& connection, const std::vector<HistoryEntry>& entries) {
  std::vector<db::Params> rows;
  rows.reserve(entries.size());
  for (const HistoryEntry& entry : entries) {
    rows.push_back({entry.document_id, OptionalValue(entry.item_id), entry.version, entry.action, entry.changes,
                    OptionalValue(entry.changed_by), entry.changed_at});
  }
  db::InsertRows(connection, kAppendHistories, rows);
}

std::vector<HistoryEntry> PoliciesStore::ItemHistory(std::int64_t item_id) {
  std::vector<HistoryEntry> entries;
  for (const auto& row : database_.Acquire()->Query(kItemHistory, {item_id})) entries.push_back(HistoryFromRow(row));
  return entries;
}

std::vector<HistoryEntry> PoliciesStore::DocumentHistory(std::int64_t document_id, std::int64_t limit,
                                                         HistoryOf which) {
  std::vector<HistoryEntry> entries;
  const std::string& sql = which == HistoryOf::kDocumentOnly ? kDocumentOwnHistory : kDocumentHistory;
  for (const auto& row : database_.Acquire()->Query(sql, {document_id, limit})) {
    entries.push_back(HistoryFromRow(row));
  }
  return entries;
}

std::vector<GapItem> PoliciesStore::UnimplementedObjectives(const GapScope& scope) {
  const ScopeSql where = ScopeSqlOf(scope);
  // Everything reached going up the links from the scope's items (an objective answered by a national objective that
  // a municipal measure answers is reached too).
  const std::string sql = fmt::format(
      "WITH RECURSIVE reached(id) AS ("
      "  SELECT l.implements_item_id FROM item_links l JOIN policy_items i ON i.id = l.item_id "
      "  JOIN policy_documents d ON d.id = i.document_id WHERE {}"
      "  UNION SELECT l.implements_item_id FROM item_links l JOIN reached r ON l.item_id = r.id) "
      "SELECT {} FROM policy_items i JOIN policy_documents d ON d.id = i.document_id "
      "WHERE {} AND i.kind = 'objective' AND i.withdrawn_at IS NULL AND i.id NOT IN (SELECT id FROM reached) "
      "ORDER BY CASE d.level WHEN 'eu' THEN 0 WHEN 'national' THEN 1 ELSE 2 END, d.id, i.position, i.id",
      where.below, kGapColumns, where.above);
  std::vector<GapItem> gaps;
  for (const auto& row : database_.Acquire()->Query(sql, where.params)) gaps.push_back(GapFromRow(row));
  return gaps;
}

std::vector<GapItem> PoliciesStore::MeasuresImplementingNothing(const GapScope& scope) {
  const ScopeSql where = ScopeSqlOf(scope);
  const std::string sql = fmt::format(
      "SELECT {} FROM policy_items i JOIN policy_documents d ON d.id = i.document_id "
      "WHERE {} AND {} AND i.kind = 'measure' AND i.withdrawn_at IS NULL "
      "AND NOT EXISTS (SELECT 1 FROM item_links l WHERE l.item_id = i.id) "
      "AND NOT EXISTS (SELECT 1 FROM item_links l WHERE l.item_id = i.parent_id) "
      "ORDER BY d.id, i.position, i.id",
      kGapColumns, where.below, kUnused2);
  std::vector<GapItem> gaps;
  for (const auto& row : database_.Acquire()->Query(sql, where.params)) gaps.push_back(GapFromRow(row));
  return gaps;
}

std::vector<LevelObjectives> PoliciesStore::ObjectivesAbove(const GapScope& scope) {
  const ScopeSql where = ScopeSqlOf(scope);
  const std::string sql = fmt::format(
      "SELECT d.level, COUNT(*) FROM policy_items i JOIN policy_documents d ON d.id = i.document_id "
      "WHERE {} AND {} AND i.kind = 'objective' AND i.withdrawn_at IS NULL GROUP BY d.level",
      where.above, kUnused1);
  std::vector<LevelObjectives> counts;
  for (const auto& row : database_.Acquire()->Query(sql, where.params)) {
    if (const auto level = LevelFromName(row.Text(0))) counts.push_back({*level, row.Int(1)});
  }
  std::sort(counts.begin(), counts.end(), [](const LevelObjectives& a, const LevelObjectives& b) {
    return static_cast<int>(a.level) < static_cast<int>(b.level);
  });
  return counts;
}

std::optional<GapScope> PoliciesStore::MunicipalityScope(const std::string& municipality_code) {
  const auto row =
      database_.Acquire()->QueryOne("SELECT oblast_code FROM municipalities WHERE code = $1", {municipality_code});
  if (!row) return std::nullopt;
  return GapScope{GapScope::Kind::kMunicipality, municipality_code, row->Text(0)};
}

bool PoliciesStore::DemoBelow(const GapScope& scope) {
  const ScopeSql where = ScopeSqlOf(scope);
  const std::string sql =
      fmt::format("SELECT 1 FROM policy_documents d WHERE {} AND {} AND d.demo = 1 LIMIT 1", where.below, kUnused2);
  return database_.Acquire()->QueryOne(sql, where.params).has_value();
}

std::vector<std::pair<std::int64_t, Target>> PoliciesStore::TargetsOf(const std::vector<std::int64_t>& item_ids) {
  std::vector<std::pair<std::int64_t, Target>> targets;
  if (item_ids.empty()) return targets;
  std::string list;
  for (const std::int64_t id : item_ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  for (const auto& row :
       database_.Acquire()->Query("SELECT item_id, text_bg, text_en, verified FROM item_targets WHERE item_id IN (" +
                                  list + ") ORDER BY item_id, position")) {
    targets.push_back({row.Int(0), {row.Text(1), row.Text(2), row.Int(3) != 0}});
  }
  return targets;
}

namespace {

// The items the dashboards count, after an item `i`: those of adopted municipal plans, not withdrawn.
constexpr std::string_view kOfAdoptedMunicipalPlans =
    "JOIN policy_documents d ON d.id = i.document_id "
    "WHERE d.level = 'municipal' AND d.status = 'adopted' AND i.withdrawn_at IS NULL ";

}  // namespace

std::vector<PlanActivityCounts> PoliciesStore::ActivityCountsOfMunicipalities() {
  std::vector<PlanActivityCounts> counts;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT d.municipality_code, "
           "SUM(CASE WHEN i.kind = 'activity' AND i.official_status <> 'cancelled' THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN i.kind = 'activity' AND i.official_status = 'completed' THEN 1 ELSE 0 END), MAX(d.demo) "
           "FROM policy_items i " +
           std::string(kOfAdoptedMunicipalPlans) + "GROUP BY d.municipality_code")) {
    counts.push_back({row.Text(0), row.Int(1), row.Int(2), row.Int(3) != 0});
  }
  return counts;
}

std::vector<PlanSpending> PoliciesStore::SpendingOfMunicipalities() {
  std::vector<PlanSpending> spending;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT d.municipality_code, d.currency, SUM(b.planned_cents), SUM(b.spent_cents) FROM item_budgets b "
           "JOIN policy_items i ON i.id = b.item_id " +
           std::string(kOfAdoptedMunicipalPlans) +
           "AND b.spent_cents IS NOT NULL GROUP BY d.municipality_code, d.currency")) {
    spending.push_back({row.Text(0), row.Text(1), row.Int(2), row.Int(3)});
  }
  return spending;
}

std::vector<ObjectiveAbove> PoliciesStore::ObjectivesInForceAbove() {
  std::vector<ObjectiveAbove> objectives;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT i.id, d.level, COALESCE(d.oblast_code, '') FROM policy_items i "
           "JOIN policy_documents d ON d.id = i.document_id WHERE d.status <> 'superseded' AND d.demo = 0 "
           "AND d.level IN ('national', 'regional') AND i.kind = 'objective' AND i.withdrawn_at IS NULL")) {
    objectives.push_back({row.Int(0), LevelFromName(row.Text(1)).value_or(Level::kNational), row.Text(2)});
  }
  return objectives;
}

std::vector<std::pair<std::string, std::int64_t>> PoliciesStore::ImplementedFromMunicipalities() {
  std::vector<std::pair<std::string, std::int64_t>> links;
  for (const db::Row& row :
       database_.Acquire()->Query("SELECT d.municipality_code, l.implements_item_id FROM item_links l "
                                  "JOIN policy_items i ON i.id = l.item_id " +
                                  std::string(kOfAdoptedMunicipalPlans))) {
    links.emplace_back(row.Text(0), row.Int(1));
  }
  return links;
}

std::vector<std::pair<std::int64_t, std::int64_t>> PoliciesStore::AllImplementLinks() {
  std::vector<std::pair<std::int64_t, std::int64_t>> links;
  for (const db::Row& row : database_.Acquire()->Query("SELECT item_id, implements_item_id FROM item_links")) {
    links.emplace_back(row.Int(0), row.Int(1));
  }
  return links;
}

std::vector<AreaItem> PoliciesStore::AreaItemsOf(const std::string& municipality_code) {
  auto connection = database_.Acquire();
  const bool all = municipality_code.empty();
  const std::string place = all ? "" : "AND d.municipality_code = $1 ";
  const db::Params params = all ? db::Params{} : db::Params{municipality_code};
  std::vector<AreaItem> items;
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const db::Row& row :
       connection->Query("SELECT i.id, d.municipality_code, i.parent_id, i.kind, i.official_status, d.demo "
                         "FROM policy_items i " +
                             std::string(kOfAdoptedMunicipalPlans) + place + "ORDER BY d.id, i.position, i.id",
                         params)) {
    index.emplace(row.Int(0), items.size());
    items.push_back(
        {row.Int(0), row.Text(1), row.OptionalInt(2), row.Text(3), row.Text(4), {}, 0, std::nullopt, row.Int(5) != 0});
  }
  for (const db::Row& row : connection->Query("SELECT a.item_id, a.area_id FROM item_areas a "
                                              "JOIN policy_items i ON i.id = a.item_id " +
                                                  std::string(kOfAdoptedMunicipalPlans) + place,
                                              params)) {
    if (const auto found = index.find(row.Int(0)); found != index.end())
      items[found->second].areas.push_back(row.Int(1));
  }
  if (all) return items;
  for (const db::Row& row : connection->Query("SELECT b.item_id, d.currency, b.planned_cents, b.spent_cents "
                                              "FROM item_budgets b JOIN policy_items i ON i.id = b.item_id " +
                                                  std::string(kOfAdoptedMunicipalPlans) + place,
                                              params)) {
    const auto found = index.find(row.Int(0));
    if (found == index.end()) continue;
    AreaItem& item = items[found->second];
    const std::string currency = row.Text(1);
    item.planned_eur_cents += core::EuroCents(row.Int(2), currency).value_or(0);
    if (const auto spent = row.OptionalInt(3)) {
      item.spent_eur_cents = item.spent_eur_cents.value_or(0) + core::EuroCents(*spent, currency).value_or(0);
    }
  }
  return items;
}

std::vector<ChangedPlan> PoliciesStore::PlansChangedSince(std::int64_t since, std::size_t limit) {
  auto connection = database_.Acquire();
  std::vector<ChangedPlan> plans;
  for (const db::Row& row : connection->Query(
           "SELECT h.document_id, COUNT(DISTINCT h.item_id), MAX(h.changed_at) FROM policy_history h "
           "JOIN policy_documents d ON d.id = h.document_id WHERE h.changed_at >= $1 AND d.level = 'municipal' "
           "AND d.status IN ('in_consultation', 'adopted') GROUP BY h.document_id ORDER BY MAX(h.changed_at) DESC "
           "LIMIT $2",
           {since, static_cast<std::int64_t>(limit)})) {
    if (auto document = FindDocument(row.Int(0))) plans.push_back({std::move(*document), row.Int(1), row.Int(2)});
  }
  return plans;
}

}  // namespace policies
