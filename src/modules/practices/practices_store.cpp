#include "modules/practices/practices_store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/full_text.hpp"

namespace practices {
namespace {

// A practice in a list; $1 is the reader's language. The title is the reader's version's, else the original's.
constexpr std::string_view kSummaryFields =
    "SELECT p.id, COALESCE(t.title, o.title), COALESCE(t.language, o.language), COALESCE(t.origin, o.origin), "
    "p.municipality_code, m.name_bg, m.name_en, m.country_code, p.evidence_level, p.period_start, p.period_end, "
    "(SELECT COUNT(*) FROM practice_transfers x WHERE x.practice_id = p.id), p.demo";
constexpr std::string_view kSummaryFrom =
    " FROM practices p JOIN municipalities m ON m.code = p.municipality_code"
    " JOIN practice_texts o ON o.practice_id = p.id AND o.language = p.original_language"
    " LEFT JOIN practice_texts t ON t.practice_id = p.id AND t.language = $1";

// A new version only: one saved meanwhile in the language is left as it is (no row changed).
constexpr std::string_view kInsertText = R"(
  INSERT INTO practice_texts (practice_id, language, origin, translator, translated_from, title, context, problem,
    actions, results, success_factors, transfer_conditions, funding, written_by, written_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (practice_id, language) DO NOTHING)";
// Only while the stored version is the one the writer saw ($16).
constexpr std::string_view kReplaceText = R"(
  UPDATE practice_texts SET origin = $3, translator = $4, translated_from = $5, title = $6, context = $7,
    problem = $8, actions = $9, results = $10, success_factors = $11, transfer_conditions = $12, funding = $13,
    written_by = $14, written_at = $15, version = version + 1
  WHERE practice_id = $1 AND language = $2 AND version = $16)";

constexpr std::string_view kInsertTransfer = R"(
  INSERT INTO practice_transfers (practice_id, municipality_code, kind, item_id, note, demo, recorded_at, recorded_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (practice_id, municipality_code) DO NOTHING)";
constexpr std::string_view kReplaceTransfer = R"(
  UPDATE practice_transfers SET kind = $3, item_id = $4, note = $5, recorded_at = $6, recorded_by = $7,
    version = version + 1
  WHERE practice_id = $1 AND municipality_code = $2 AND version = $8)";

db::Value OptionalValue(const std::optional<std::int64_t>& value) {
  return value ? db::Value(*value) : db::Value(nullptr);
}

std::optional<int> OptionalYear(const db::Row& row, std::size_t column) {
  const auto value = row.OptionalInt(column);
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

PracticeSummary SummaryFrom(const db::Row& row) {
  PracticeSummary summary;
  summary.id = row.Int(0);
  summary.title = row.Text(1);
  summary.title_language = row.Text(2);
  summary.machine_translated = row.Text(3) == "machine";
  summary.municipality_code = row.Text(4);
  summary.municipality_name_bg = row.Text(5);
  summary.municipality_name_en = row.Text(6);
  summary.country_code = row.Text(7);
  summary.evidence_level = EvidenceLevelFromCode(row.Text(8)).value_or(EvidenceLevel::kPromising);
  summary.period_start = OptionalYear(row, 9);
  summary.period_end = OptionalYear(row, 10);
  summary.transfers = row.Int(11);
  summary.demo = row.Int(12) != 0;
  return summary;
}

// "$2, $3, …" for `count` parameters after the first `after`.
std::string Placeholders(std::size_t count, std::size_t after) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += (i ? ", $" : "$") + std::to_string(after + i + 1);
  return text;
}

void SaveAreas(db::Connection& connection, std::int64_t practice_id, const std::vector<std::string>& areas) {
  connection.Execute("DELETE FROM practice_areas WHERE practice_id = $1", {practice_id});
  for (const std::string& code : areas) {
    connection.Execute(
        "INSERT INTO practice_areas (practice_id, area_id) SELECT $1, id FROM priority_areas "
        "WHERE scheme = 'platform' AND code = $2 ON CONFLICT DO NOTHING",
        {practice_id, code});
  }
}

// Inserts the text when `text.version` is 0, else replaces the stored one at that version; whether a row changed.
bool WriteText(db::Connection& connection, std::int64_t practice_id, const PracticeText& text, std::int64_t now) {
  db::Params params{practice_id, text.language, std::string(text.origin == Origin::kMachine ? "machine" : "person"),
                    text.translator, text.translated_from};
  for (const std::string& each : text.texts) params.push_back(each);
  params.push_back(OptionalValue(text.written_by));
  params.push_back(now);
  if (text.version == 0) return connection.Execute(kInsertText, params) == 1;
  params.push_back(text.version);
  return connection.Execute(kReplaceText, params) == 1;
}

}  // namespace

void PracticesStore::IndexTerms(db::Connection& connection, std::int64_t practice_id) {
  std::string title_terms;
  std::string terms;
  for (const auto& row : connection.Query(
           "SELECT language, title, context, problem, actions, results, success_factors, transfer_conditions, funding "
           "FROM practice_texts WHERE practice_id = $1",
           {practice_id})) {
    (title_terms += ' ') += core::IndexTerms(row.Text(1), row.Text(0));
    for (std::size_t column = 1; column <= kTextFields.size(); ++column) {
      (terms += ' ') += core::IndexTerms(row.Text(column), row.Text(0));
    }
  }
  if (connection.backend() == db::Backend::kPostgres) {
    connection.Execute(
        "INSERT INTO practice_terms (practice_id, title_terms, terms) "
        "VALUES ($1, to_tsvector('simple', $2), to_tsvector('simple', $3)) "
        "ON CONFLICT (practice_id) DO UPDATE SET title_terms = excluded.title_terms, terms = excluded.terms",
        {practice_id, title_terms, terms});
  } else {
    connection.Execute("DELETE FROM practice_terms WHERE rowid = $1", {practice_id});
    connection.Execute("INSERT INTO practice_terms (rowid, title_terms, terms) VALUES ($1, $2, $3)",
                       {practice_id, title_terms, terms});
  }
}

std::int64_t PracticesStore::RebuildSearchTerms() {
  std::vector<std::int64_t> ids;
  for (const auto& row : database_.Acquire()->Query("SELECT id FROM practices ORDER BY id")) ids.push_back(row.Int(0));
  // A thousand practices a transaction: one for all would hold the writers back for as long as it takes.
  constexpr std::size_t kBatch = 1000;
  for (std::size_t start = 0; start < ids.size(); start += kBatch) {
    database_.Transaction([&](db::Connection& connection) {
      for (std::size_t i = start; i < std::min(ids.size(), start + kBatch); ++i) IndexTerms(connection, ids[i]);
    });
  }
  return static_cast<std::int64_t>(ids.size());
}

std::int64_t PracticesStore::Create(const Practice& practice, std::optional<std::int64_t> user_id, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    const auto row = connection.QueryOne(
        "INSERT INTO practices (municipality_code, period_start, period_end, evidence_level, cost_cents, currency, "
        "contacts, sources, original_language, demo, created_at, created_by, updated_at, updated_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $12) RETURNING id",
        {practice.municipality_code,
         practice.period_start ? db::Value(std::int64_t{*practice.period_start}) : db::Value(nullptr),
         practice.period_end ? db::Value(std::int64_t{*practice.period_end}) : db::Value(nullptr),
         std::string(CodeOf(practice.evidence_level)), OptionalValue(practice.cost_cents), practice.currency,
         practice.contacts, practice.sources, practice.original_language, std::int64_t{practice.demo ? 1 : 0}, now,
         OptionalValue(user_id)});
    const std::int64_t id = row->Int(0);
    SaveAreas(connection, id, practice.areas);
    for (const PracticeText& text : practice.versions) WriteText(connection, id, text, now);
    IndexTerms(connection, id);
    return id;
  });
}

bool PracticesStore::UpdateFacts(const Practice& practice, std::optional<std::int64_t> user_id, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    const auto changed = connection.Execute(
        "UPDATE practices SET municipality_code = $1, period_start = $2, period_end = $3, evidence_level = $4, "
        "cost_cents = $5, currency = $6, contacts = $7, sources = $8, updated_at = $9, updated_by = $10, "
        "version = version + 1 WHERE id = $11 AND version = $12",
        {practice.municipality_code,
         practice.period_start ? db::Value(std::int64_t{*practice.period_start}) : db::Value(nullptr),
         practice.period_end ? db::Value(std::int64_t{*practice.period_end}) : db::Value(nullptr),
         std::string(CodeOf(practice.evidence_level)), OptionalValue(practice.cost_cents), practice.currency,
         practice.contacts, practice.sources, now, OptionalValue(user_id), practice.id, practice.version});
    if (changed == 0) return false;
    SaveAreas(connection, practice.id, practice.areas);
    return true;
  });
}

bool PracticesStore::SaveText(std::int64_t practice_id, const PracticeText& text, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    // The version is checked in the write itself: the service's check reads before the transaction, so two saves
    // from one version at the same moment would both pass it.
    if (!WriteText(connection, practice_id, text, now)) return false;
    connection.Execute("UPDATE practices SET updated_at = $1 WHERE id = $2", {now, practice_id});
    IndexTerms(connection, practice_id);
    return true;
  });
}

std::optional<Practice> PracticesStore::Find(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(
      "SELECT p.id, p.municipality_code, m.name_bg, m.name_en, m.country_code, p.period_start, p.period_end, "
      "p.evidence_level, p.cost_cents, p.currency, p.contacts, p.sources, p.original_language, p.demo, p.version, "
      "p.created_at, p.updated_at, "
      "(SELECT mp.population FROM municipality_population mp WHERE mp.municipality_code = p.municipality_code "
      "ORDER BY mp.year DESC LIMIT 1) "
      "FROM practices p JOIN municipalities m ON m.code = p.municipality_code WHERE p.id = $1",
      {id});
  if (!row) return std::nullopt;
  Practice practice;
  practice.id = row->Int(0);
  practice.municipality_code = row->Text(1);
  practice.municipality_name_bg = row->Text(2);
  practice.municipality_name_en = row->Text(3);
  practice.country_code = row->Text(4);
  practice.period_start = OptionalYear(*row, 5);
  practice.period_end = OptionalYear(*row, 6);
  practice.evidence_level = EvidenceLevelFromCode(row->Text(7)).value_or(EvidenceLevel::kPromising);
  practice.cost_cents = row->OptionalInt(8);
  practice.currency = row->Text(9);
  practice.contacts = row->Text(10);
  practice.sources = row->Text(11);
  practice.original_language = row->Text(12);
  practice.demo = row->Int(13) != 0;
  practice.version = row->Int(14);
  practice.created_at = row->Int(15);
  practice.updated_at = row->Int(16);
  practice.population = row->OptionalInt(17);
  for (const auto& area : connection->Query(
           "SELECT a.code FROM practice_areas pa JOIN priority_areas a ON a.id = pa.area_id WHERE pa.practice_id = $1 "
           "ORDER BY a.position, a.code",
           {id})) {
    practice.areas.push_back(area.Text(0));
  }
  for (const auto& text : connection->Query(
           "SELECT t.language, t.origin, t.translator, t.translated_from, t.title, t.context, t.problem, t.actions, "
           "t.results, t.success_factors, t.transfer_conditions, t.funding, t.written_by, COALESCE(u.display_name, "
           "''), "
           "t.written_at, t.version FROM practice_texts t LEFT JOIN users u ON u.id = t.written_by "
           "WHERE t.practice_id = $1 "
           "ORDER BY CASE WHEN t.language = $2 THEN 0 ELSE 1 END, t.language",
           {id, practice.original_language})) {
    PracticeText version;
    version.language = text.Text(0);
    version.origin = text.Text(1) == "machine" ? Origin::kMachine : Origin::kPerson;
    version.translator = text.Text(2);
    version.translated_from = text.Text(3);
    for (std::size_t i = 0; i < kTextFields.size(); ++i) version.texts[i] = text.Text(4 + i);
    version.written_by = text.OptionalInt(12);
    version.written_by_name = text.Text(13);
    version.written_at = text.Int(14);
    version.version = text.Int(15);
    practice.versions.push_back(std::move(version));
  }
  for (const auto& transfer : connection->Query(
           "SELECT x.id, x.municipality_code, m.name_bg, m.name_en, m.country_code, x.kind, x.item_id, x.note, x.demo, "
           "x.recorded_at, TRIM(i.code || ' ' || i.title), d.title, i.official_status, i.progress, x.version "
           "FROM practice_transfers x JOIN municipalities m ON m.code = x.municipality_code "
           "LEFT JOIN policy_items i ON i.id = x.item_id LEFT JOIN policy_documents d ON d.id = i.document_id "
           "WHERE x.practice_id = $1 ORDER BY x.recorded_at, x.id",
           {id})) {
    practice.transfers.push_back({transfer.Int(0), id, transfer.Text(1), transfer.Text(2), transfer.Text(3),
                                  transfer.Text(4), transfer.Text(5), transfer.OptionalInt(6), transfer.Text(7),
                                  transfer.Int(8) != 0, transfer.Int(9), transfer.Text(10), transfer.Text(11),
                                  transfer.Text(12), transfer.OptionalInt(13), transfer.Int(14)});
  }
  return practice;
}

SearchResult PracticesStore::Search(const SearchQuery& query, const std::string& match, const std::string& language) {
  // On PostgreSQL in a transaction, for the settings this search alone takes (SET LOCAL). Not on SQLite, where a
  // transaction begins by taking the one write lock: searches would wait for each other and for every writer.
  if (database_.backend() == db::Backend::kPostgres) {
    return database_.Transaction(
        [&](db::Connection& connection) { return Search(connection, query, match, language); });
  }
  return Search(*database_.Acquire(), query, match, language);
}

SearchResult PracticesStore::Search(db::Connection& connection, const SearchQuery& query, const std::string& match,
                                    const std::string& language) {
  db::Params params{language};
  const auto bind = [&params](db::Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  // The page's practices are chosen over narrow rows (ids, rank, the filters that are set, the count of all matches);
  // titles, places and counts are read only for them. Ranking thousands of matches with their texts joined took twice
  // as long. A text search reads `practices` only for a filter on its columns.
  std::vector<std::string> filters;  // on practices' columns
  if (!query.country.empty()) {
    filters.push_back(
        "p.municipality_code IN (SELECT code FROM municipalities WHERE country_code = " + bind(query.country) + ")");
  }
  if (query.evidence_level) filters.push_back("p.evidence_level = " + bind(std::string(CodeOf(*query.evidence_level))));
  if (const auto [low, high] = BoundsOf(query.population); low != 0 || high != 0) {
    // The latest figure of the practice's municipality: one with no later year. As a set of municipalities rather
    // than a lookup a practice, so that the database may hash it (half the time on PostgreSQL).
    filters.push_back(
        "p.municipality_code IN (SELECT mp.municipality_code FROM municipality_population mp WHERE mp.population >= " +
        bind(low) + (high == 0 ? "" : " AND mp.population < " + bind(high)) +
        " AND NOT EXISTS (SELECT 1 FROM municipality_population later WHERE later.municipality_code = "
        "mp.municipality_code AND later.year > mp.year))");
  }
  // Matches rank by their titles alone (a practice whose title holds the words first), then the newest: the same
  // order on both databases, and cheap: ranking by all the texts read each match's 4 KB of terms.
  std::string id = "p.id";
  std::string score = "0";
  std::string hits;  // the matches of the text, with their rank, taken from the index before any filter
  std::string from = " FROM practices p";
  if (!match.empty()) {
    const std::string terms = bind(match);
    if (connection.backend() == db::Backend::kPostgres) {
      // Where most practices match, the planner would read every practice's terms (4 KB from TOAST, decompressed:
      // 32 ms for 10,000) rather than take the matches from the index (1 ms): it does not count what reading a
      // TOASTed value costs. For the same reason the matches are taken first (MATERIALIZED): with filters, it tested
      // the terms practice by practice. And each text is planned for its own words: after five runs of the prepared
      // statement PostgreSQL may keep one plan for any words, which took two to three times as long (`roma` 15 ms,
      // not 7). (Filters alone do better with that kept plan: 14 ms, not 20.)
      connection.Execute("SET LOCAL enable_seqscan = off");
      connection.Execute("SET LOCAL plan_cache_mode = force_custom_plan");
      hits = "SELECT practice_id AS id, -ts_rank(title_terms, to_tsquery('simple', " + terms +
             ")) AS rank FROM practice_terms WHERE terms @@ to_tsquery('simple', " + terms + ")";
    } else {
      // FTS5 ranks only in a query of its own table: bm25() beside a join and a window is refused. The weights count
      // the titles' column alone.
      hits =
          "SELECT rowid AS id, bm25(practice_terms, 1.0, 0.0) AS rank FROM practice_terms WHERE practice_terms "
          "MATCH " +
          terms;
    }
    id = "hits.id";
    score = "hits.rank";
    from = " FROM hits";
    if (!filters.empty()) from += " JOIN practices p ON p.id = hits.id";
  }
  std::vector<std::string> conditions = std::move(filters);
  if (!query.area.empty()) {
    conditions.push_back(id +
                         " IN (SELECT pa.practice_id FROM practice_areas pa JOIN priority_areas a ON a.id = pa.area_id "
                         "WHERE a.scheme = 'platform' AND a.code = " +
                         bind(query.area) + ")");
  }
  const std::string where = conditions.empty() ? "" : fmt::format(" WHERE {}", fmt::join(conditions, " AND "));
  const std::string page_order = match.empty() ? "p.updated_at DESC, p.id DESC" : "score, hits.id DESC";
  const std::string order = match.empty() ? "p.updated_at DESC, p.id DESC" : "page.score, p.id DESC";
  const std::size_t bound = params.size();
  const std::string sql = fmt::format(
      "WITH {}page AS (SELECT {} AS id, {} AS score, COUNT(*) OVER () AS total{}{} ORDER BY {} LIMIT ${} OFFSET ${}) "
      "{}, page.total{} JOIN page ON page.id = p.id ORDER BY {}",
      hits.empty() ? "" : "hits AS MATERIALIZED (" + hits + "), ", id, score, from, where, page_order, bound + 1,
      bound + 2, kSummaryFields, kSummaryFrom, order);
  const auto run = [&](std::int64_t limit, std::int64_t offset) {
    db::Params page = params;
    page.push_back(limit);
    page.push_back(offset);
    return connection.Query(sql, page);
  };
  SearchResult result;
  for (const auto& row : run(query.limit, query.offset)) {
    result.items.push_back(SummaryFrom(row));
    result.total = row.Int(13);
  }
  // A page past the last: the total, for the pager that leads back.
  if (result.items.empty() && query.offset > 0) {
    for (const auto& row : run(1, 0)) result.total = row.Int(13);
  }
  if (!result.items.empty()) {
    db::Params ids;
    for (const PracticeSummary& item : result.items) ids.push_back(item.id);
    std::map<std::int64_t, std::vector<std::string>> areas;
    for (const auto& row : connection.Query(
             "SELECT pa.practice_id, a.code FROM practice_areas pa JOIN priority_areas a ON a.id = pa.area_id "
             "WHERE pa.practice_id IN (" +
                 Placeholders(ids.size(), 0) + ") ORDER BY a.position, a.code",
             ids)) {
      areas[row.Int(0)].push_back(row.Text(1));
    }
    for (PracticeSummary& item : result.items) item.areas = areas[item.id];
  }
  return result;
}

std::vector<PracticeSummary> PracticesStore::OfMunicipality(const std::string& code, const std::string& language) {
  std::vector<PracticeSummary> items;
  for (const auto& row :
       database_.Acquire()->Query(std::string(kSummaryFields) + std::string(kSummaryFrom) +
                                      " WHERE p.municipality_code = $2 ORDER BY p.updated_at DESC, p.id DESC",
                                  {language, code})) {
    items.push_back(SummaryFrom(row));
  }
  return items;
}

std::vector<PracticeSummary> PracticesStore::TransferredTo(const std::string& code, const std::string& language) {
  std::vector<PracticeSummary> items;
  for (const auto& row : database_.Acquire()->Query(
           std::string(kSummaryFields) + std::string(kSummaryFrom) +
               " WHERE p.id IN (SELECT practice_id FROM practice_transfers WHERE municipality_code = $2) "
               "ORDER BY p.updated_at DESC, p.id DESC",
           {language, code})) {
    items.push_back(SummaryFrom(row));
  }
  return items;
}

bool PracticesStore::SaveTransfer(const Transfer& transfer, std::optional<std::int64_t> user_id, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    // Checked in the write, as a text's version is.
    const bool written =
        transfer.version == 0
            ? connection.Execute(kInsertTransfer, {transfer.practice_id, transfer.municipality_code, transfer.kind,
                                                   OptionalValue(transfer.item_id), transfer.note,
                                                   std::int64_t{transfer.demo ? 1 : 0}, now, OptionalValue(user_id)}) ==
                  1
            : connection.Execute(kReplaceTransfer, {transfer.practice_id, transfer.municipality_code, transfer.kind,
                                                    OptionalValue(transfer.item_id), transfer.note, now,
                                                    OptionalValue(user_id), transfer.version}) == 1;
    if (!written) return false;
    connection.Execute("UPDATE practices SET updated_at = $1 WHERE id = $2", {now, transfer.practice_id});
    return true;
  });
}

std::optional<std::string> PracticesStore::MeasureOf(std::int64_t item_id, const std::string& municipality_code) {
  const auto row = database_.Acquire()->QueryOne(
      "SELECT i.code, i.title FROM policy_items i JOIN policy_documents d ON d.id = i.document_id "
      "WHERE i.id = $1 AND i.kind = 'measure' AND d.municipality_code = $2",
      {item_id, municipality_code});
  if (!row) return std::nullopt;
  return row->Text(0).empty() ? row->Text(1) : row->Text(0) + " " + row->Text(1);
}

std::vector<std::pair<std::int64_t, std::string>> PracticesStore::MeasuresOf(const std::string& municipality_code) {
  std::vector<std::pair<std::int64_t, std::string>> measures;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT i.id, i.code, i.title, d.title FROM policy_items i JOIN policy_documents d ON d.id = i.document_id "
           "WHERE i.kind = 'measure' AND d.municipality_code = $1 ORDER BY d.period_start DESC, d.id, i.position, i.id",
           {municipality_code})) {
    measures.emplace_back(row.Int(0),
                          (row.Text(1).empty() ? "" : row.Text(1) + " ") + row.Text(2) + " — " + row.Text(3));
  }
  return measures;
}

std::vector<MunicipalityProfile> PracticesStore::Profiles() {
  auto connection = database_.Acquire();
  std::vector<MunicipalityProfile> profiles;
  std::map<std::string, std::size_t, std::less<>> index;
  // The latest figure of each municipality: the figures by code and year descending, the first of each code kept.
  for (const auto& row :
       connection->Query("SELECT m.code, m.name_bg, m.name_en, m.country_code, mp.population FROM municipalities m "
                         "LEFT JOIN municipality_population mp ON mp.municipality_code = m.code "
                         "ORDER BY m.code, mp.year DESC")) {
    if (index.contains(row.Text(0))) continue;
    index.emplace(row.Text(0), profiles.size());
    profiles.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.OptionalInt(4), {}, 0});
  }
  for (const auto& row :
       connection->Query("SELECT municipality_code, COUNT(*) FROM practices GROUP BY municipality_code")) {
    if (const auto found = index.find(row.Text(0)); found != index.end())
      profiles[found->second].practices = row.Int(1);
  }
  // The platform's areas its practices work in, and those its plans' documents and measures work in, through the
  // mappings between the schemes; a pair met twice is one in the set (UNION ALL: the database need not sort them out
  // first). A plan's measures are reduced to its distinct areas before they are mapped: mapping
  // each of 36,000 measures' areas took four times as long.
  for (const auto& row : connection->Query(R"(
      SELECT p.municipality_code, a.code FROM practice_areas pa
      JOIN practices p ON p.id = pa.practice_id JOIN priority_areas a ON a.id = pa.area_id
      UNION ALL
      SELECT d.municipality_code, platform.code FROM document_areas da
      JOIN policy_documents d ON d.id = da.document_id
      JOIN area_mappings map ON map.maps_to_area_id = da.area_id
      JOIN priority_areas platform ON platform.id = map.area_id AND platform.scheme = 'platform'
      WHERE d.municipality_code IS NOT NULL
      UNION ALL
      SELECT d.municipality_code, platform.code
      FROM (SELECT DISTINCT i.document_id, ia.area_id FROM item_areas ia JOIN policy_items i ON i.id = ia.item_id)
           AS used
      JOIN policy_documents d ON d.id = used.document_id
      JOIN area_mappings map ON map.maps_to_area_id = used.area_id
      JOIN priority_areas platform ON platform.id = map.area_id AND platform.scheme = 'platform'
      WHERE d.municipality_code IS NOT NULL)")) {
    if (const auto found = index.find(row.Text(0)); found != index.end()) {
      profiles[found->second].areas.insert(row.Text(1));
    }
  }
  return profiles;
}

std::int64_t PracticesStore::Count() { return database_.Acquire()->QueryOne("SELECT COUNT(*) FROM practices")->Int(0); }

std::vector<PracticesStore::Area> PracticesStore::Areas() {
  std::vector<Area> areas;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT code, name_bg, name_en FROM priority_areas WHERE scheme = 'platform' ORDER BY position, id")) {
    areas.push_back({row.Text(0), row.Text(1), row.Text(2)});
  }
  return areas;
}

}  // namespace practices
