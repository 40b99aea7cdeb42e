#pragma once
// All SQL of the policies module.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/policies/plan_exchange.hpp"
#include "modules/policies/policies.hpp"

namespace policies {

struct DocumentFilter {
  std::optional<Level> level;
  std::string oblast_code;        // documents of this oblast (regional, and municipal ones in it)
  std::string municipality_code;  // documents of this municipality
};

struct LinkedItem {           // one end of an "implements" link, as pages show it
  std::int64_t item_id = 0;   // the item on this side
  std::int64_t other_id = 0;  // the item on the other side
  std::string other_uid;
  std::string other_code;
  std::string other_title;
  std::string other_title_en;
  std::int64_t other_document_id = 0;
  std::string other_document_title;
  std::string other_document_title_en;
  Level other_level = Level::kEu;
};

// Whether a listing of a document's items has those withdrawn from the plan.
enum class Withdrawn { kLeftOut, kIncluded, kOnly };

// A link and what the history of its lower end needs.
struct LinkEnds {
  std::int64_t item_id = 0;  // the lower item, which implements
  std::string item_uid;
  std::int64_t item_document_id = 0;
  std::int64_t item_version = 0;
  std::int64_t implements_id = 0;
  std::string implements_uid;
};

struct HistoryEntry {
  std::int64_t document_id = 0;
  std::optional<std::int64_t> item_id;
  std::int64_t version = 0;
  std::string action;   // created, changed, linked, unlinked, imported, carried_over, withdrawn, restored
  std::string changes;  // JSON: {"field": [before, after], …}
  std::optional<std::int64_t> changed_by;
  std::string changed_by_name;
  std::int64_t changed_at = 0;
};

// What a gap list is made of: objectives above that nothing below implements, and measures below that implement
// nothing (neither they nor their objective).
struct GapScope {
  enum class Kind { kCountry, kOblast, kMunicipality } kind = Kind::kCountry;
  std::string code;         // oblast or municipality code
  std::string oblast_code;  // for a municipality: its oblast
};

struct GapItem {
  std::int64_t id = 0;
  std::string uid;
  std::string code;
  std::string title;
  std::string title_en;
  std::int64_t document_id = 0;
  std::string document_title;
  std::string document_title_en;
  Level level = Level::kEu;
  bool demo = false;  // its document is demo data
};

// How many objectives of one level above a scope there are, live and not withdrawn.
struct LevelObjectives {
  Level level = Level::kEu;
  std::int64_t objectives = 0;
};

// The figures of one municipality's adopted municipal plans, as the dashboards read them (see PlanFigures).
struct PlanActivityCounts {
  std::string municipality_code;
  std::int64_t activities = 0;  // not withdrawn, not cancelled
  std::int64_t completed = 0;
  bool demo = false;
};
struct PlanSpending {
  std::string municipality_code;
  std::string currency;
  std::int64_t planned_cents = 0;  // of the budget lines whose spending is reported
  std::int64_t spent_cents = 0;
};
// An objective of a national or regional document in force, for coverage.
struct ObjectiveAbove {
  std::int64_t id = 0;
  Level level = Level::kNational;
  std::string oblast_code;  // of a regional document
};
// One adopted municipal plan's item with what it is about, for a municipality's plan by area.
struct AreaItem {
  std::int64_t id = 0;
  std::string municipality_code;
  std::optional<std::int64_t> parent_id;
  std::string kind;
  std::string official_status;
  std::vector<std::int64_t> areas;  // its own
  std::int64_t planned_eur_cents = 0;
  std::optional<std::int64_t> spent_eur_cents;  // nullopt: none of its lines reports spending
  bool demo = false;
};
// A municipal plan whose content changed since a time, with how many of its items changed.
struct ChangedPlan {
  Document document;
  std::int64_t changed_items = 0;
  std::int64_t last_change = 0;  // Unix seconds
};

class PoliciesStore {
 public:
  explicit PoliciesStore(db::Database& database) : database_(database) {}

  // Reference data.
  bool HasReferenceData();
  std::int64_t InsertArea(db::Connection& connection, const Area& area, std::int64_t position);
  void InsertAreaMapping(db::Connection& connection, std::int64_t area_id, std::int64_t maps_to_area_id);
  std::vector<Area> Areas();
  std::multimap<std::int64_t, std::int64_t> AreaMappings();
  std::vector<FundingSource> FundingSources();  // in the order forms and files list them
  std::vector<FundingSource> FundingSources(db::Connection& connection);

  // Files kept between an import's dry run and its apply (pending_imports), found by the SHA-256 of their token.
  struct PendingImportRow {
    std::int64_t document_id = 0;
    std::int64_t user_id = 0;
    std::string file_name;
    std::string file_base64;
    std::int64_t created_at = 0;
  };
  void InsertPendingImport(const std::string& token_hash, const PendingImportRow& row);
  std::optional<PendingImportRow> FindPendingImport(const std::string& token_hash);
  void DeletePendingImport(const std::string& token_hash);
  void DeletePendingImportsBefore(std::int64_t created_before);
  // A new source comes after those there are, before "other".
  void InsertFundingSource(db::Connection& connection, const FundingSource& source, std::int64_t now);

  // Documents. Inserting and updating also write the document's areas.
  std::int64_t InsertDocument(db::Connection& connection, const Document& document, std::optional<std::int64_t> by,
                              std::int64_t now);
  // Writes `document` over the stored one only while that is still at `document.version` (what the person editing
  // saw): false, writing nothing, when someone changed it meanwhile, however close together the two saves came.
  bool UpdateDocument(db::Connection& connection, const Document& document, std::optional<std::int64_t> by,
                      std::int64_t now);
  std::optional<Document> FindDocument(std::int64_t id);
  // Removes a document with its items, their details, links and history (a draft made by mistake). Documents that
  // were carried over from it forget where from.
  void DeleteDocument(db::Connection& connection, std::int64_t id);
  // How many other documents say they implement this one.
  std::int64_t CountImplementingDocuments(std::int64_t id);
  std::optional<Document> FindDocumentByReferenceKey(const std::string& key);
  bool HasDemoDocument();
  std::vector<Document> ListDocuments(const DocumentFilter& filter);

  // Items. Inserting and updating also write areas, budgets and targets.
  std::int64_t InsertItem(db::Connection& connection, const Item& item, std::optional<std::int64_t> by,
                          std::int64_t now);
  // As UpdateDocument: only while the stored item is still at `item.version`.
  bool UpdateItem(db::Connection& connection, const Item& item, std::optional<std::int64_t> by, std::int64_t now);
  // Many new items at once (an import): sets each one's id; their details go in a few statements.
  void InsertItems(db::Connection& connection, const std::vector<Item*>& items, std::optional<std::int64_t> by,
                   std::int64_t now);
  std::optional<Item> FindItem(std::int64_t id);  // withdrawn or not
  std::optional<Item> FindItemByUid(const std::string& uid);
  // The items with these uids, wherever they are (unknown uids are left out).
  std::vector<ItemReference> ItemReferences(db::Connection& connection, const std::vector<std::string>& uids);
  // The items of a document in tree order (position), with areas, budgets and targets.
  std::vector<Item> DocumentItems(std::int64_t document_id, Withdrawn withdrawn = Withdrawn::kLeftOut);
  std::vector<Item> DocumentItems(db::Connection& connection, std::int64_t document_id,
                                  Withdrawn withdrawn = Withdrawn::kLeftOut);
  // The item of the document in its plan (not withdrawn) with this code, if any.
  std::optional<std::int64_t> ItemWithCode(std::int64_t document_id, const std::string& code);
  bool AnyWithdrawn(db::Connection& connection, std::int64_t first_id, std::int64_t second_id);
  // Takes an item out of its plan, with the item an editor withdrew (itself or one above it), or brings it back
  // (nullopt), as a new version; as UpdateItem, only while the stored item is still at `version`, and only when it is
  // in the plan (withdrawn, to bring it back): false, writing nothing, otherwise.
  bool SetWithdrawn(db::Connection& connection, std::int64_t item_id, std::int64_t version,
                    std::optional<std::int64_t> with_item, std::optional<std::int64_t> by, std::int64_t now);

  // Links.
  bool InsertLink(db::Connection& connection, std::int64_t item_id, std::int64_t implements_item_id,
                  std::optional<std::int64_t> by, std::int64_t now);
  bool DeleteLink(db::Connection& connection, std::int64_t item_id, std::int64_t implements_item_id);
  // Links that are not there yet (item → what it implements).
  void InsertLinks(db::Connection& connection, const std::vector<std::pair<std::int64_t, std::int64_t>>& links,
                   std::optional<std::int64_t> by, std::int64_t now);
  std::multimap<std::int64_t, std::int64_t> AllLinks(db::Connection& connection);
  // The links from or to any of these items.
  std::vector<LinkEnds> LinksTouching(db::Connection& connection, const std::vector<std::int64_t>& item_ids);
  // Until the transaction ends, no one else adds links. SQLite's one writer already ensures it; PostgreSQL needs a
  // lock, or two links checked at once against the same snapshot could close a cycle together.
  void LockLinks(db::Connection& connection);
  // SQLite keeps about 2 MB of pages per connection; a transaction that writes more spills pages into the WAL before
  // it ends and, as it keeps changing them, writes the same pages again and again (570,000 writes for the 86 MB of a
  // 50,000-line plan). Widening the cache for one large write avoids that; it returns the size to restore before the
  // commit, when the pages above it are let go (nothing on PostgreSQL).
  std::optional<std::int64_t> WidenCacheForLargeWrite(db::Connection& connection);
  void RestoreCache(db::Connection& connection, std::int64_t size);
  // What the items of a document implement (item_id = the document's item).
  std::vector<LinkedItem> ImplementsOfDocument(std::int64_t document_id);
  // What implements an item from below (item_id = the given item).
  std::vector<LinkedItem> ImplementedBy(std::int64_t item_id);
  std::vector<LinkedItem> ImplementedByDocument(std::int64_t document_id);
  // What an item of `document` may implement: objectives and measures of the documents above it or beside it in its
  // own place (`oblast_code`: the document's oblast, or its municipality's), in cascade order.
  std::vector<GapItem> LinkCandidates(const Document& document, const std::string& oblast_code);
  // The items, of those given, that are in one of the areas given.
  std::set<std::int64_t> ItemsInAreas(const std::vector<std::int64_t>& item_ids, const std::set<std::int64_t>& areas);

  // History.
  void AppendHistory(db::Connection& connection, const HistoryEntry& entry);
  void AppendHistory(db::Connection& connection, const std::vector<HistoryEntry>& entries);
  std::vector<HistoryEntry> ItemHistory(std::int64_t item_id);
  // The latest changes to a document and its items, or to the document alone.
  enum class HistoryOf { kDocumentAndItems, kDocumentOnly };
  std::vector<HistoryEntry> DocumentHistory(std::int64_t document_id, std::int64_t limit,
                                            HistoryOf which = HistoryOf::kDocumentAndItems);

  // Gap analysis.
  std::vector<GapItem> UnimplementedObjectives(const GapScope& scope);
  std::vector<GapItem> MeasuresImplementingNothing(const GapScope& scope);
  std::vector<LevelObjectives> ObjectivesAbove(const GapScope& scope);  // from the highest level down
  bool DemoBelow(const GapScope& scope);  // whether a document of the scope's own plans is demo data
  // A municipality's scope of the gap analysis (with its oblast), nullopt when there is no such municipality.
  std::optional<GapScope> MunicipalityScope(const std::string& municipality_code);

  // The dashboards' figures, for every municipality at once (one pass each, not one query per municipality).
  std::vector<PlanActivityCounts> ActivityCountsOfMunicipalities();
  std::vector<PlanSpending> SpendingOfMunicipalities();
  std::vector<ObjectiveAbove> ObjectivesInForceAbove();
  // What the items of each municipality's adopted plans implement directly: (municipality, objective or measure id).
  std::vector<std::pair<std::string, std::int64_t>> ImplementedFromMunicipalities();
  // Every link: item → what it implements.
  std::vector<std::pair<std::int64_t, std::int64_t>> AllImplementLinks();
  // The items of a municipality's adopted municipal plans (of every municipality's, for ""), with their areas and
  // money (in euro cents; not read for every municipality).
  std::vector<AreaItem> AreaItemsOf(const std::string& municipality_code);
  // Municipal plans in force (not drafts) changed since `since`, the latest change first.
  std::vector<ChangedPlan> PlansChangedSince(std::int64_t since, std::size_t limit);
  std::vector<std::pair<std::int64_t, Target>> TargetsOf(const std::vector<std::int64_t>& item_ids);

  db::Database& database() { return database_; }

 private:
  // The items that `condition` (on policy_items i, with $1 = `parameter`) selects, in tree order, with their areas,
  // budgets and targets.
  std::vector<Item> ReadItems(db::Connection& connection, const std::string& condition, std::int64_t parameter);

  db::Database& database_;
};

}  // namespace policies
