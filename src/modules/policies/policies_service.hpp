#pragma once
// What people do with the policy cascade: create and edit documents and their objectives, measures and activities
// within their scope, link them to what they implement above, read trees with progress rolled up, find gaps, copy an
// adopted plan into the next period. Every change is kept in the history and the audit log.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "formats/table.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/roles.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/plan_exchange.hpp"
#include "modules/policies/policies_store.hpp"

namespace policies {

using core::Actor;

// Whether `roles` may change `document` (and its items): administrators anything; coordinators for the installation
// every level (they follow the whole country); a coordinator for an oblast its regional and municipal documents;
// municipal officials and CSO editors the municipal and project documents of their municipality (or oblast).
bool MayEdit(const std::vector<accounts::RoleAssignment>& roles, const Document& document);

struct TreeNode {
  Item item;
  int depth = 0;  // 0 objective, 1 measure, 2 activity (or less when a parent is missing)
  // Its progress, by the document's rule, and its money, with everything under it (docs/methodology.md). The
  // indices in it are into DocumentTree::nodes.
  RollUp roll_up;
  std::vector<LinkedItem> implements;
  std::vector<LinkedItem> implemented_by;
};

struct DocumentTree {
  Document document;
  std::vector<TreeNode> nodes;  // depth-first, in position order
  RollUp plan;                  // the whole plan's progress and money; indices into `nodes`
  std::vector<Item> withdrawn;  // items taken out of the plan, in position order
};

// What withdrawing an item takes out of its plan: the item, the items under it, and the links from or to any of them.
struct Withdrawal {
  Item item;
  std::vector<Item> below;
  std::vector<LinkEnds> links;
};

// How far a scope's plans reach one level above them: of its objectives, how many something below implements.
struct LevelCoverage {
  Level level = Level::kEu;
  std::int64_t objectives = 0;
  std::int64_t implemented = 0;
};

struct Gaps {
  std::vector<LevelCoverage> coverage;                   // per level above, from the highest down
  std::vector<GapItem> unimplemented;                    // objectives above with nothing below implementing them
  std::vector<std::pair<std::int64_t, Target>> targets;  // the targets of those objectives
  std::vector<GapItem> unlinked;                         // measures below that implement nothing
  bool demo = false;  // the scope's own plans include demo data (only a municipality's page counts them)
};

// One line of an imported action plan (docs/formats/action-plan.md) and what the import did with it, or would do.
struct ImportLine {
  std::size_t line = 0;
  std::string action;  // "create", "change", "keep"
  std::string uid;     // empty for a line a dry run would create
  std::string code;
  std::string title;
};

// Whether an import stores what it reads, or only says what it would do.
enum class ImportMode { kStore, kDryRun };

// What an import did (or, for a dry run, would do). When there are problems, nothing is stored, and the counts and
// lines are empty: the report lists the problems only.
struct ImportReport {
  bool dry_run = false;
  std::size_t created = 0, changed = 0, unchanged = 0;
  std::vector<ImportProblem> problems;  // in line order
  std::vector<ImportLine> lines;        // in line order
  std::vector<ImportProblem> warnings;  // what is stored but worth a second look (BudgetWarnings), in line order
};

// What the dashboards show of one municipality's adopted municipal plans (docs/methodology.md, "Dashboards").
struct PlanFigures {
  std::int64_t activities = 0;  // not cancelled
  std::int64_t completed = 0;
  std::optional<double> spent_share;    // Σ spent ÷ Σ planned, in euro, over the budget lines that report spending
  std::int64_t objectives_above = 0;    // national objectives, and regional ones of its oblast, in force
  std::int64_t objectives_reached = 0;  // of those, the ones its plans implement, directly or through others
  bool demo = false;
};

// One priority area of a municipality's adopted plans: an item is about its own areas, or its nearest parent's.
struct AreaFigures {
  Area area;  // id 0: items about no area
  std::int64_t measures = 0;
  std::int64_t activities = 0;  // not cancelled
  std::int64_t completed = 0;
  std::int64_t planned_eur_cents = 0;
  std::optional<std::int64_t> spent_eur_cents;  // nullopt: no line reports spending
  bool demo = false;
};

// The national strategy's priority areas: the ones the dashboards compare municipalities by.
inline constexpr std::string_view kNationalAreaScheme = "bg2021";

// The activities of every municipality's adopted plans in one area.
struct AreaCounts {
  std::int64_t activities = 0;  // not cancelled
  std::int64_t completed = 0;
  bool demo = false;
};
struct AreaByMunicipality {
  Area area;
  std::map<std::string, AreaCounts, std::less<>> municipalities;  // by code; those with none are absent
};

class PoliciesService {
 public:
  PoliciesService(PoliciesStore& store, places::PlacesService& places, kernel::AuditLog& audit, db::Database& database)
      : store_(store), places_(places), audit_(audit), database_(database) {}

  // The priority areas, the EU framework and the national strategy from data/policy (see SeedPolicyReferenceData).
  core::Result<bool> LoadReferenceData(const std::filesystem::path& directory,
                                       const std::function<void(const std::string&)>& log);
  bool HasDemoDocument() { return store_.HasDemoDocument(); }
  std::optional<Document> FindDocumentByReferenceKey(const std::string& key) {
    return store_.FindDocumentByReferenceKey(key);
  }

  std::vector<Area> Areas() { return store_.Areas(); }
  // Where money comes from, in the order forms and files list the sources.
  std::vector<FundingSource> FundingSources() { return store_.FundingSources(); }
  // An administrator adds a source (names trimmed): kForbidden for anyone else, kInvalidInput with every problem by
  // field (FundingSourceProblems). Its code names its columns in the action-plan file from then on.
  core::Result<FundingSource> AddFundingSource(const Actor& actor, FundingSource source);
  std::vector<Document> ListDocuments(const DocumentFilter& filter) { return store_.ListDocuments(filter); }
  std::optional<Document> FindDocument(std::int64_t id) { return store_.FindDocument(id); }
  std::optional<Item> FindItem(std::int64_t id) { return store_.FindItem(id); }
  std::optional<Item> FindItemByUid(const std::string& uid) { return store_.FindItemByUid(uid); }

  // Whether `actor` (a visitor has no roles) may change `document`: what a page offers to change.
  static bool MayChange(const Actor& actor, const Document& document) { return MayEdit(actor.roles, document); }
  // The document `actor` is about to change, for its form: kNotFound, or kForbidden when their roles do not reach it.
  core::Result<Document> DocumentToChange(const Actor& actor, std::int64_t document_id);
  // The item `actor` is about to change, with its document, for its form; refused as DocumentToChange is.
  struct ItemInDocument {
    Item item;
    Document document;
  };
  core::Result<ItemInDocument> ItemToChange(const Actor& actor, std::int64_t item_id);

  // Checks the fields (errors are msgids), the place and the actor's right, then stores the document.
  core::Result<Document> CreateDocument(const Actor& actor, Document document);
  // `document.version` is the version the editor saw: a change made meanwhile by someone else is a kConflict.
  core::Result<Document> UpdateDocument(const Actor& actor, Document document);
  // Deletes a draft made by mistake, with its items and their history: adopted and superseded documents stay (their
  // items can be withdrawn), and so does reference data or a draft that another document says it implements. Links
  // from other documents to its items go, each noted in the history of the item that implemented. `version` is the
  // version the editor saw.
  core::Result<Document> DeleteDraft(const Actor& actor, std::int64_t document_id, std::int64_t version);
  core::Result<Item> CreateItem(const Actor& actor, Item item);
  core::Result<Item> UpdateItem(const Actor& actor, Item item);

  // Takes an item and the items under it out of the plan: they count in no tree, roll-up, gap list, link or export,
  // and their links up and down go (each noted in the history of the item that implemented). They stay, with their
  // history, and can be restored. `version` is the version the editor saw; `shown_below`, when given, the items
  // under it that the confirmation page listed: a conflict when the items under it are others now.
  core::Result<Withdrawal> Withdraw(const Actor& actor, std::int64_t item_id, std::int64_t version,
                                    const std::string& reason,
                                    const std::optional<std::vector<std::int64_t>>& shown_below = std::nullopt);
  // What Withdraw would take (kConflict for an item withdrawn already).
  core::Result<Withdrawal> WithdrawalOf(std::int64_t item_id);
  // Brings a withdrawn item back, with the items under it that were withdrawn with it; their links stay gone.
  // Refused while the item above it is withdrawn, or when another item has taken a code meanwhile.
  core::Result<std::size_t> Restore(const Actor& actor, std::int64_t item_id);

  // `item_id` implements `implements_item_id`; refused across a cycle, to an item of a lower level or of the same
  // document, or to an activity.
  core::Result<bool> Link(const Actor& actor, std::int64_t item_id, std::int64_t implements_item_id);
  core::Result<bool> Unlink(const Actor& actor, std::int64_t item_id, std::int64_t implements_item_id);
  // What an item of `document` may link to, matching `search` (either script, any case) when it is not empty.
  std::vector<GapItem> LinkCandidates(const Document& document, std::string_view search);
  // What `item` might implement, before any search: the objectives and measures of the document its plan implements
  // and those in one of the item's areas (or an area that maps to or from one), those in both first.
  std::vector<GapItem> SuggestedLinks(const Document& document, const Item& item);

  std::optional<DocumentTree> Tree(std::int64_t document_id);
  std::vector<LinkedItem> ImplementedBy(std::int64_t item_id) { return store_.ImplementedBy(item_id); }
  std::vector<HistoryEntry> ItemHistory(std::int64_t item_id) { return store_.ItemHistory(item_id); }
  std::vector<HistoryEntry> DocumentHistory(std::int64_t document_id) {
    return store_.DocumentHistory(document_id, 200);
  }
  // The latest changes to the document itself (its items' are on their pages).
  std::vector<HistoryEntry> DocumentChanges(std::int64_t document_id, std::int64_t limit) {
    return store_.DocumentHistory(document_id, limit, PoliciesStore::HistoryOf::kDocumentOnly);
  }
  Gaps FindGaps(const GapScope& scope);
  // What a municipality's plans lack (FindGaps of its scope); nullopt when there is no such municipality.
  std::optional<Gaps> FindMunicipalityGaps(const std::string& municipality_code) {
    const auto scope = store_.MunicipalityScope(municipality_code);
    return scope ? std::optional(FindGaps(*scope)) : std::nullopt;
  }
  // Every municipality with an adopted municipal plan, by code: one pass over all of them (plan_figures.cpp).
  std::map<std::string, PlanFigures, std::less<>> FiguresOfMunicipalities();
  // A municipality's adopted plans by priority area, in the areas' order; items about no area last.
  std::vector<AreaFigures> AreasOfMunicipality(const std::string& municipality_code);
  // Every municipality's activities by area of the national strategy, in the areas' order (plan_figures.cpp).
  std::vector<AreaByMunicipality> ActivitiesByArea();
  std::vector<ChangedPlan> PlansChangedSince(std::int64_t since, std::size_t limit) {
    return store_.PlansChangedSince(since, limit);
  }

  // Copies an adopted document into a draft for the next period: items get new ids, links stay.
  core::Result<Document> CarryOver(const Actor& actor, std::int64_t document_id, int period_start, int period_end);

  // Imports an action-plan file into a document, all or nothing, in one transaction: lines with a uid of the document
  // update its items (and write history, action "imported"), others create items; links in the file are added (none
  // are removed). kNotFound without the document, kForbidden without the right to change it; problems of the file's
  // lines and header come back in the report, and then nothing is stored. A dry run checks and stores nothing.
  // `progress` hears now and then how many of the file's lines are stored (not in a dry run). Headers and values are
  // read in codes and in each of `languages` (ReadPlanFile).
  core::Result<ImportReport> ImportPlan(const Actor& actor, std::int64_t document_id, const formats::Table& table,
                                        ImportMode mode,
                                        const std::function<void(std::size_t done, std::size_t total)>& progress = {},
                                        const std::vector<PlanLanguage>& languages = {});
  // The document's items as an action-plan file (the header first, then the tree in order) in `language`, for
  // PlanCsv or PlanXlsx. kNotFound without the document.
  core::Result<std::vector<std::vector<std::string>>> ExportPlan(std::int64_t document_id,
                                                                 const PlanLanguage& language = {});
  // What the export writes beside the items and the import does not read (TotalsRows): the progress and money of the
  // whole plan and of each objective. kNotFound without the document.
  core::Result<std::vector<std::vector<std::string>>> ExportTotals(std::int64_t document_id,
                                                                   const PlanLanguage& language = {});

 private:
  core::Result<Document> CheckDocument(Document document);
  // The item normalised and checked by the one rule set (ItemProblems) with what it needs read from the stores;
  // `stored` is the item as it is, when this changes it. The error holds every problem by field.
  core::Result<Item> CheckItemInDocument(Item item, const Document& document, const Item* stored);
  void Audit(const Actor& actor, std::string action, std::string subject);
  void StoreImport(db::Connection& connection, const Actor& actor, const PlanContext& context, PlannedImport& plan,
                   const std::function<void(std::size_t, std::size_t)>& progress);

  PoliciesStore& store_;
  places::PlacesService& places_;
  kernel::AuditLog& audit_;
  db::Database& database_;  // transactions across the store's statements
};

// A new stable id for an item: "m-" and 12 random URL-safe characters ("o-" objective, "a-" activity).
std::string NewItemUid(std::string_view kind);

}  // namespace policies
