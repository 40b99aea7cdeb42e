#pragma once
// The policy cascade as types and pure rules (no I/O): documents at five levels, their objectives, measures and
// activities, the "implements" links that tie a level to the one above, progress roll-up and gap analysis.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace policies {

// From the top of the cascade down; a link goes from an item to an item of the same or a higher level.
enum class Level { kEu, kNational, kRegional, kMunicipal, kProject };
std::string_view LevelName(Level level);  // "municipal"
std::optional<Level> LevelFromName(std::string_view name);
std::string_view LevelTitle(Level level);  // "Municipal": a msgid
const std::vector<Level>& AllLevels();

inline constexpr std::string_view kDocumentKinds[] = {"framework", "strategy", "action_plan", "programme"};
inline constexpr std::string_view kDocumentStatuses[] = {"draft", "in_consultation", "adopted", "superseded"};
inline constexpr std::string_view kItemKinds[] = {"objective", "measure", "activity"};
// "planned" is called "Not started" (StatusTitle); a file or a program may also write "not_started" (NormaliseItem).
inline constexpr std::string_view kOfficialStatuses[] = {"planned", "in_progress", "completed", "delayed", "cancelled"};
inline constexpr std::string_view kProgressRules[] = {"equal", "budget"};
std::string_view KindTitle(std::string_view kind);      // msgids for document and item kinds
std::string_view StatusTitle(std::string_view status);  // msgids for document and official statuses
std::string_view FieldTitle(std::string_view field);    // "responsible" → "Responsible institution": for the history
std::string_view ActionTitle(std::string_view action);  // "linked" → "Linked": for the history

struct Area {
  std::int64_t id = 0;
  std::string scheme;
  std::string code;
  std::string name_bg;
  std::string name_en;
  bool cross_cutting = false;
};

struct Document {
  std::int64_t id = 0;
  std::string reference_key;  // set on shipped reference documents
  Level level = Level::kMunicipal;
  std::string kind = "action_plan";
  std::string title;
  std::string title_en;
  int period_start = 0;
  int period_end = 0;
  std::string oblast_code;        // regional and municipal documents
  std::string municipality_code;  // municipal (and project) documents
  std::string status = "draft";
  std::string adopted_by;
  std::string decision_number;
  std::string decision_date;  // YYYY-MM-DD or ""
  std::string source_url;
  std::optional<std::int64_t> implements_document_id;
  std::string progress_rule = "equal";
  std::string currency = "EUR";
  bool demo = false;
  std::optional<std::int64_t> carried_over_from;
  std::int64_t version = 1;
  std::int64_t updated_at = 0;
  std::vector<std::int64_t> area_ids;
};

// Where money comes from: the municipal or state budget, an EU fund, a grant. Reference data (the table
// funding_sources, shipped with eight; an administrator adds more), listed in the order forms and files show them.
struct FundingSource {
  std::string code;  // "esf_plus": names its budget lines and its columns in the action-plan file (esf_plus_planned)
  std::string name_bg;
  std::string name_en;
  bool operator==(const FundingSource&) const = default;
};
// Codes are lower-case Latin letters, digits and '_', starting with a letter, at most 32 of them; "all" is the name
// of the totals' line of all sources, so no source may be called that.
inline constexpr std::size_t kMaxFundingSourceCode = 32;
inline constexpr std::size_t kMaxFundingSourceName = 200;
// The problems of a source an administrator adds (names trimmed), by field: code, name_bg, name_en.
std::vector<core::FieldProblem> FundingSourceProblems(const FundingSource& source,
                                                      const std::vector<FundingSource>& existing);

// What a budget line plans is given with the line; what is secured and what is spent are reported later, and until
// someone reports them they are not reported (nullopt), never 0.
struct Budget {
  std::string source;
  std::int64_t planned_cents = 0;
  std::optional<std::int64_t> secured_cents;
  std::optional<std::int64_t> spent_cents;
  bool operator==(const Budget&) const = default;
};

// The `index`-th amount of kAmountNames (planned, secured, spent) of a line; planned is always given (0 when empty).
std::optional<std::int64_t> AmountOf(const Budget& budget, std::size_t index);
void SetAmount(Budget& budget, std::size_t index, std::optional<std::int64_t> cents);

struct Target {
  std::string text_bg;
  std::string text_en;
  bool verified = true;
  bool operator==(const Target&) const = default;
};

struct Item {
  std::int64_t id = 0;
  std::string uid;
  std::int64_t document_id = 0;
  std::optional<std::int64_t> parent_id;
  std::string kind = "measure";
  std::string code;
  std::int64_t position = 0;
  std::string title;
  std::string title_en;
  std::string description;
  // Activities (the fields may be empty for objectives and measures).
  std::string responsible;
  std::string partners;
  std::string target_group;
  std::string settlement_ekatte;
  std::string start_date;
  std::string end_date;
  std::string deadline;
  std::optional<std::int64_t> beneficiaries;
  std::string expected_result;
  std::string official_status;
  std::optional<int> progress;  // 0–100; nullopt = not reported
  std::int64_t version = 1;
  std::optional<std::int64_t> withdrawn_at;    // Unix time it was taken out of the plan; nullopt while it is in it
  std::optional<std::int64_t> withdrawn_with;  // the item whose withdrawal took it out (its own id, or one above)
  std::vector<std::int64_t> area_ids;
  std::vector<Budget> budgets;
  std::vector<Target> targets;
  bool operator==(const Item&) const = default;  // every field: a field added later is compared too
};

// The fields of an item as the forms, the action-plan file's columns and FieldProblem name them, in the file's
// order. After them come the amounts, a field per funding source and amount ("municipal_planned": AmountField).
// Problems with the budget list as a whole are the field "budgets", with the targets "targets" (neither is a column).
inline constexpr std::string_view kItemFields[] = {"uid",
                                                   "kind",
                                                   "parent",
                                                   "code",
                                                   "title",
                                                   "title_en",
                                                   "description",
                                                   "areas",
                                                   "implements",
                                                   "responsible",
                                                   "partners",
                                                   "target_group",
                                                   "settlement",
                                                   "start",
                                                   "end",
                                                   "deadline",
                                                   "beneficiaries",
                                                   "expected_result",
                                                   "official_status",
                                                   "progress"};
inline constexpr std::string_view kAmountNames[] = {"planned", "secured", "spent"};
// "municipal", "planned" → "municipal_planned"
std::string AmountField(std::string_view source, std::string_view amount);

// Limits, counted in characters as a form's maxlength counts them (a Cyrillic letter is two bytes).
inline constexpr std::size_t kMaxTitleCharacters = 2000;  // title, title_en, code
inline constexpr std::size_t kMaxTextCharacters = 20000;  // description, responsible, partners, target group, result
inline constexpr std::size_t kMaxUidLength = 64;
// 13 digits and two decimals, as ParseAmount reads an amount.
inline constexpr std::int64_t kMaxAmountCents = 999'999'999'999'999;

// The messages (msgids) of the rules an item and its links obey, whether a form, the API or an import brings them.
namespace rule_message {
inline constexpr std::string_view kNotUtf8 = "The text is not valid UTF-8.";
inline constexpr std::string_view kWriteTitle = "Write a title.";
inline constexpr std::string_view kTooLongTitle = "The text is too long: at most 2,000 characters.";
inline constexpr std::string_view kTooLongText = "The text is too long: at most 20,000 characters.";
inline constexpr std::string_view kUnknownKind = "The kind must be objective, measure or activity.";
inline constexpr std::string_view kKindChanged = "An item keeps its kind: for another kind, add a new item.";
inline constexpr std::string_view kUnknownStatus = "Unknown official status.";
inline constexpr std::string_view kNotADate = "This is not a date: write it as 2026-03-31 or 31.03.2026.";
inline constexpr std::string_view kEndBeforeStart = "The end comes before the start.";
inline constexpr std::string_view kProgressRange = "Progress is a percentage from 0 to 100.";
inline constexpr std::string_view kBeneficiariesNotWhole = "The number of beneficiaries must be a whole number.";
inline constexpr std::string_view kBeneficiariesNegative = "The number of beneficiaries cannot be negative.";
inline constexpr std::string_view kUnknownFundingSource = "Unknown funding source.";
inline constexpr std::string_view kRepeatedFundingSource = "Each funding source has one budget line.";
inline constexpr std::string_view kNegativeAmount = "An amount cannot be negative.";
inline constexpr std::string_view kMalformedAmount =
    "An amount is a number of at most two decimals and cannot be negative.";
inline constexpr std::string_view kAmountTooLarge = "An amount is too large.";
inline constexpr std::string_view kBadUid = "A uid is made of letters, digits, '-', '_' and '.', at most 64 of them.";
inline constexpr std::string_view kUnknownArea = "Unknown priority area.";
inline constexpr std::string_view kSpentFarBeyondPlan =
    "The amount spent is more than ten times what was planned or secured: check the decimal mark.";
inline constexpr std::string_view kSpentAbovePlanned = "More was spent than planned.";
inline constexpr std::string_view kSpentAboveSecured = "More was spent than secured.";
inline constexpr std::string_view kSettlementElsewhere =
    "No settlement of this document's municipality has this name or EKATTE code.";
inline constexpr std::string_view kSettlementAmbiguous =
    "More than one settlement of the municipality has this name: write the EKATTE code of the one you mean.";
inline constexpr std::string_view kObjectiveWithParent = "An objective heads the tree: leave its parent empty.";
inline constexpr std::string_view kMeasureWithoutParent = "A measure belongs to an objective: choose it.";
inline constexpr std::string_view kActivityWithoutParent = "An activity belongs to a measure: choose it.";
inline constexpr std::string_view kWrongParent =
    "A measure belongs to an objective, an activity to a measure, in this document.";
inline constexpr std::string_view kParentWithdrawn = "The item above was withdrawn from the plan: restore it first.";
inline constexpr std::string_view kActivityLink = "Only objectives and measures implement objectives and measures.";
inline constexpr std::string_view kLinkLevel =
    "An item implements objectives of another document at the same or a higher level.";
inline constexpr std::string_view kCycle =
    "This link would close a circle: what you link to already implements this item.";
inline constexpr std::string_view kRepeatedCode = "Another item of the document has the same code.";
inline constexpr std::string_view kBadFundingSourceCode =
    "A code is made of lower-case Latin letters, digits and '_', starts with a letter and has at most 32 of them.";
inline constexpr std::string_view kFundingSourceCodeTaken = "There is a funding source with this code already.";
inline constexpr std::string_view kFundingSourceCodeReserved =
    "This code names the totals of all sources in the export: choose another.";
inline constexpr std::string_view kWriteFundingSourceName = "Write the name.";
inline constexpr std::string_view kTooLongFundingSourceName = "The name is too long: at most 200 characters.";
}  // namespace rule_message

// A date as users write it: "2026-03-31" or "31.03.2026"; nullopt unless it is a real calendar date
// ("31.02.2026" is not). Returns ISO "YYYY-MM-DD"; "" stays "".
std::optional<std::string> NormaliseDate(std::string_view text);
// "1500", "1 500,50", "1500.5" → cents; nullopt for a negative or malformed amount.
std::optional<std::int64_t> ParseAmount(std::string_view text);
std::string FormatAmount(std::int64_t cents);                        // "1500.50", "1500.00"
std::string FormatAmount(const std::optional<std::int64_t>& cents);  // "" when not reported

// The kind of item a `kind` belongs to: "objective" for a measure, "measure" for an activity, "" for an objective.
std::string_view ParentKindOf(std::string_view kind);

// ---- The one rule set of an item ----
// The forms, the JSON API (through the service's CreateItem and UpdateItem) and the plan import all check an item
// with ItemProblems, so whatever one of them accepts, the others accept too (an exported plan imports again).

// What the rules of a document's items need to know of it and of the installation, found once by the caller.
struct SettlementName {
  std::string ekatte;
  std::string kind;  // city, village, monastery
  std::string name_bg;
  std::string name_en;
};
struct DocumentFacts {
  std::set<std::string, std::less<>> settlements;      // EKATTE codes of the document's municipality (none above one)
  std::set<std::int64_t> area_ids;                     // every priority area
  std::vector<SettlementName> settlement_names;        // the settlements with their names, to find one by name
  std::set<std::string, std::less<>> funding_sources;  // the codes of every funding source
};

// The settlements of `settlements` that `written` names: by EKATTE code, or by name as officials write it, with or
// without its kind ("гр. Лом", "Лом", "с. Орсоя", "s. Orsoya"), in either script and any case. None when nothing
// matches; more than one when the name is ambiguous (a town and a village of one name).
std::vector<const SettlementName*> SettlementsNamed(std::string_view written,
                                                    const std::vector<SettlementName>& settlements);
// Spent beyond this many times the larger of planned and secured is refused as a typing mistake.
inline constexpr std::int64_t kSpentMistakeFactor = 10;
// What is allowed but worth a second look, by field: spending above the planned amount, or above the secured one.
// The item page and the import report show them; nothing is refused for them.
std::vector<core::FieldProblem> BudgetWarnings(const Item& item);

// Writes the EKATTE code for a settlement given by a name that names exactly one of the document's settlements;
// anything else stays as written, for ItemProblems to refuse.
void ResolveSettlement(Item& item, const DocumentFacts& facts);

// The item an item names as its parent, as the caller found it.
struct ParentFacts {
  bool found = false;        // false: no item has that id (or that uid or code, in a file)
  bool in_document = false;  // of the same document as the item
  std::string kind;
  bool withdrawn = false;
};

// What the caller found around the item. Without `document` the item is checked on its own, as a line of a file is
// before its document is read: the rules of its parent, code, settlement, areas and kind change wait until then.
struct ItemContext {
  const DocumentFacts* document = nullptr;
  const Item* stored = nullptr;       // the item as it is stored, when this changes it
  std::optional<ParentFacts> parent;  // nullopt: the item names no parent
  bool code_taken = false;            // another item of the document has the item's code
};

// The item with its texts trimmed (not the description: leading line breaks may be meant) and its dates written as
// ISO where they are dates (those that are not stay, for ItemProblems to refuse).
Item NormaliseItem(Item item);

// Every rule the item breaks, by field, in the order of the form (each value as the item holds it; "" for a parent,
// which the caller names as it was given). Empty when the item may be stored.
std::vector<core::FieldProblem> ItemProblems(const Item& item, const ItemContext& context);

// NormaliseItem, then ItemProblems: the item as it may be stored, or an error holding every problem (kInvalidInput,
// its message the first problem's).
core::Result<Item> CheckItem(Item item, const ItemContext& context = {});

// ---- The rules of a document ----
// The document form and the service's CreateDocument, UpdateDocument and CarryOver (and so the JSON API) check a
// document with DocumentProblems. Its fields are named as FieldTitle names them ("period", "municipality", …).

namespace document_message {
inline constexpr std::string_view kChooseLevel = "Choose the level.";
inline constexpr std::string_view kChooseKind = "Choose the kind of document.";
inline constexpr std::string_view kChooseStatus = "Choose the status.";
inline constexpr std::string_view kChooseProgressRule = "Choose how progress adds up.";
inline constexpr std::string_view kChooseCurrency = "Choose the currency the plan's amounts are in.";
inline constexpr std::string_view kPeriod = "The period must be two years, the first not after the second.";
inline constexpr std::string_view kSourceUrl = "The source must be a web address starting with https://.";
inline constexpr std::string_view kChooseOblast = "Choose the oblast.";
inline constexpr std::string_view kChooseMunicipality = "Choose the municipality.";
inline constexpr std::string_view kImplementsLevel =
    "The document it implements must be at the same or a higher level.";
}  // namespace document_message

// What the caller found of the places and the document a document names (the rules do no I/O).
struct DocumentContext {
  bool oblast_found = false;                       // oblast_code names an oblast
  std::optional<std::string> municipality_oblast;  // the oblast of the municipality municipality_code names, if any
  std::optional<Level> implements_level;           // the level of the document it implements, when there is one
  std::set<std::int64_t> area_ids;                 // every priority area
};

// The document with its texts trimmed, its decision date written as ISO where it is a date, and the place codes its
// level has no use for emptied (a national strategy has no municipality).
Document NormaliseDocument(Document document);

// Every rule the document breaks, by field; empty when it may be stored.
std::vector<core::FieldProblem> DocumentProblems(const Document& document, const DocumentContext& context);

// ---- What a plan adds up to (docs/methodology.md) ----

enum class ProgressRule { kEqual, kBudget };
ProgressRule ProgressRuleOf(std::string_view name);  // "budget" → kBudget; "equal" (or anything else) → kEqual
// One sentence (a msgid) that says what the rule means, for the document's page under the rule's name.
std::string_view ProgressRuleMeaning(ProgressRule rule);

// Why an item (or a plan) has no progress figure.
enum class NoProgress {
  kNothingReported,  // nothing on any path down from it reports progress
  kNoPlannedBudget,  // budget rule: items below report, but none of them has a planned budget to weigh by
};
std::string_view NoProgressName(NoProgress why);   // "nothing_reported", "no_planned_budget": for the API
std::string_view NoProgressTitle(NoProgress why);  // a msgid, for the pages

// Amounts in cents. Sums stop at the largest amount an int64 holds (92,233,720,368,547,758.07) instead of
// overflowing: a single line holds at most kMaxAmountCents, and no real plan comes near.
// Secured and spent are nullopt when no line summed reported them (a sum of the lines that did, otherwise).
struct Amounts {
  std::int64_t planned_cents = 0;
  std::optional<std::int64_t> secured_cents;
  std::optional<std::int64_t> spent_cents;
  void Add(const Amounts& other);
  bool operator==(const Amounts&) const = default;
};

// Money planned, secured and spent, per funding source (keyed by the source's code as stored on the budget lines,
// whatever the list of sources is) and in all.
struct MoneyTotals {
  std::map<std::string, Amounts, std::less<>> by_source;
  Amounts all;
  void Add(const Budget& budget);
  void Add(const MoneyTotals& other);
  bool operator==(const MoneyTotals&) const = default;
};

// One item of a plan, as the roll-up reads it.
struct PlanNode {
  std::optional<std::size_t> parent;  // index of the item above in the same list; nullopt at the top of the plan
  std::optional<int> progress;        // as reported; nullopt = not reported
  const std::vector<Budget>* budgets = nullptr;  // its own budget lines (none when null)
};

// What an item, with everything under it, or the whole plan adds up to. Indices are into the list of PlanNodes.
//
// Reporting units: the highest item on each path down that reports its own progress (normally the activities). An
// item that reports its own progress is one unit, with the planned budget of itself and everything under it, and
// what is under it is not looked at. A path on which nothing reports ends in an item without items under it: a unit
// that did not report.
//   budget rule: progress = Σ(planned × progress) / Σ planned over the reporting units under it; a unit without a
//                planned budget weighs nothing; when none has one, there is no figure (kNoPlannedBudget).
//   equal rule:  progress = the mean of the progress of the items directly under it that have one (each objective
//                counts equally in the plan, each measure within its objective, each activity within its measure).
// Under both rules, items that report nothing are left out, never counted as 0.
struct RollUp {
  std::optional<double> progress;                         // 0–100; nullopt: see no_progress
  NoProgress no_progress = NoProgress::kNothingReported;  // why there is no figure, when there is none
  bool own = false;                        // the item reports its own progress: that is its figure, and its only unit
  std::vector<std::size_t> counted;        // the reporting units under it that the figure counts, in plan order
  std::vector<std::size_t> not_reported;   // the units under it that report nothing, in plan order
  std::int64_t counted_planned_cents = 0;  // Σ planned over `counted`: what the budget rule divides by
  std::optional<std::size_t> reported_above;  // the highest item above it reporting its own progress: that item
                                              // counts in the plan's figure, and this one does not
  MoneyTotals money;                          // its own budget lines and those of everything under it
};

struct PlanRollUp {
  std::vector<RollUp> items;  // one for each PlanNode, in the same order
  RollUp plan;                // the whole plan: the items at the top, as if they were under one item
};

// `nodes` are in plan order, each item's parent before it (as DocumentTree::nodes are); a parent index that does not
// come before its item is read as no parent.
PlanRollUp RollUpPlan(const std::vector<PlanNode>& nodes, ProgressRule rule);

// Whether adding the link from → to would close a cycle, given the existing links (item → what it implements).
bool WouldCloseCycle(const std::multimap<std::int64_t, std::int64_t>& implements, std::int64_t from, std::int64_t to);

}  // namespace policies
