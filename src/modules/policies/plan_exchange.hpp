#pragma once
// The action-plan file (docs/formats/action-plan.md) as pure rules, without I/O: the columns, the rows export writes,
// and import in two steps: reading a table's lines on their own, then checking them against the document as it is
// (its items, the priority areas, the items of other documents the file names, every link) to plan what to create,
// change or keep. Every problem is collected, each with its line, column and value and a msgid for the message.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/table.hpp"
#include "modules/policies/policies.hpp"

namespace policies {

// The columns of the file for the installation's funding sources, in the order export writes them: uid, kind,
// parent, code, title, … progress (kItemFields), then the planned, secured and spent amounts of each source in the
// order of `sources` ("municipal_planned", "municipal_secured", …). A file may have any of them in any order.
class PlanLayout {
 public:
  PlanLayout() : PlanLayout(std::vector<std::string>{}) {}
  explicit PlanLayout(std::vector<std::string> sources);  // the codes of the funding sources (named by their codes)
  explicit PlanLayout(const std::vector<FundingSource>& sources);

  const std::vector<std::string>& Columns() const { return columns_; }
  const std::vector<std::string>& Sources() const { return sources_; }
  // The `source`-th source's name in Bulgarian or in English (its code when it was given without names).
  const std::string& SourceName(std::size_t source, bool english) const;
  // "esf_plus_secured": the column of amount `amount` (an index in kAmountNames) of the `source`-th source.
  const std::string& AmountColumn(std::size_t source, std::size_t amount) const;
  // Where a column comes in the layout; a field that is no column (the budgets, the targets) comes after them all.
  std::size_t ColumnOrder(std::string_view column) const;

 private:
  std::vector<std::string> sources_;
  std::vector<FundingSource> named_;
  std::vector<std::string> columns_;
};

// English msgid → its text in one language (the catalogue's translation; itself in English).
using Translate = std::function<std::string(std::string_view msgid)>;

// The language a file is written in (docs/formats/action-plan.md, "Languages"): its headers and the values of kind
// and official status (and of the totals) in words, "Вид" and "Дейност" for "kind" and "activity"; or, with no
// `translate`, the codes themselves, as files were written before words were.
struct PlanLanguage {
  Translate translate;   // empty: the codes
  bool english = false;  // which name of a funding source heads its amount columns
};

// The words of the file in one language: what export writes, and (for every language at once) what import reads.
class PlanWords {
 public:
  PlanWords(const PlanLayout& layout, const PlanLanguage& language);

  const std::vector<std::string>& Headers() const { return headers_; }               // in the layout's order of columns
  const std::vector<std::string>& TotalsHeaders() const { return totals_headers_; }  // as TotalsColumns()
  // The value of an enumerated column in words: ("kind", "activity") → "Дейност"; any other value as it is.
  std::string Value(std::string_view column, std::string_view code) const;
  // The words of the totals' scope ("plan", "objective"), source ("all" or a source's code) and no_progress.
  std::string TotalsValue(std::string_view column, std::string_view code) const;
  std::string Text(std::string_view msgid) const;  // a msgid in this language (itself when in codes)
  bool Codes() const { return codes_; }
  bool English() const { return english_; }

 private:
  const PlanLayout* layout_;
  Translate translate_;
  bool codes_ = true;
  bool english_ = false;
  std::vector<std::string> headers_;
  std::vector<std::string> totals_headers_;
};

struct ImportProblem {
  ImportProblem() = default;
  ImportProblem(std::size_t line, std::string column, std::string value, std::string message)
      : line(line), column(std::move(column)), value(std::move(value)), message(std::move(message)) {}

  std::size_t line = 0;  // in the file: the CSV line where the row starts, or the sheet's row number
  std::string column;    // the header's name ("progress"), or the spreadsheet's letters of a column without one
  std::string value;     // what the file says (one part of a list: the unknown area, not the whole cell)
  std::string message;   // a msgid: a fixed English sentence, translated in po/
  std::string code;      // the row's code ("1.2.3") and stable id, as the file gives them: how officials name a row
  std::string uid;
};

// The messages (msgids) of import problems: of the header, of values that cannot be read, of references (uids,
// parents, areas, links) that name nothing. Those of the rules every item obeys come from rule_message.
namespace plan_message {
using namespace rule_message;  // plan_message::kWriteTitle names the same text as rule_message::kWriteTitle
inline constexpr std::string_view kUnknownColumn =
    "The action-plan layout has no column with this name: check its spelling.";
inline constexpr std::string_view kRepeatedColumn = "This column appears twice in the header.";
inline constexpr std::string_view kMissingColumn = "The file has no column with this name, and it is required.";
inline constexpr std::string_view kValueWithoutColumn = "There is a value in a column without a name in the header.";
inline constexpr std::string_view kUidOfAnotherDocument = "This uid belongs to an item of another document.";
inline constexpr std::string_view kWithdrawnUid =
    "This item was withdrawn from the plan. Restore it on its page first, or empty the uid to add it anew.";
inline constexpr std::string_view kWithdrawnImplements = "This objective or measure was withdrawn from its plan.";
inline constexpr std::string_view kRepeatedUid = "Another line of the file has the same uid.";
inline constexpr std::string_view kMissingParent =
    "Write the parent: the uid or code of the objective a measure belongs to, or of the measure an activity "
    "belongs to.";
inline constexpr std::string_view kUnknownParent =
    "There is no item with this uid or code in the document or in the file.";
inline constexpr std::string_view kUnknownImplements = "There is no objective or measure with this uid.";
inline constexpr std::string_view kMalformedProgress =
    "Progress is a whole number from 0 to 100; leave it empty when nothing is reported.";
inline constexpr std::string_view kLineInTotals =
    "This line comes after the #totals line, which the import does not read: move it above that line.";
inline constexpr std::string_view kAmbiguousAmount =
    "This amount could be read two ways: write it with one decimal mark and spaces between thousands, as 1234.50 "
    "or 1 234,50.";
}  // namespace plan_message

// The file export writes: the header, then the items depth-first (each objective followed by its measures, each
// measure by its activities) in position order, every column filled. `implements` maps an item's id to the uids of
// what it implements. `parent` is written as the parent's uid.
// In `words`' language: headers, kinds and statuses in words (areas, uids, settlements and amounts as codes and plain
// numbers, "12000.50", in every language; PlanCsv and PlanXlsx write the numbers as the reader's spreadsheet reads
// them).
std::vector<std::vector<std::string>> ExportRows(const PlanLayout& layout, const std::vector<Item>& items,
                                                 const std::vector<Area>& areas,
                                                 const std::multimap<std::int64_t, std::string>& implements,
                                                 const PlanLanguage& language = {});

// ---- What the plan adds up to, beside the items ----
// Export writes the totals (docs/methodology.md) after the items of a CSV file, from a line holding only
// kTotalsMarker, and on a second sheet of an XLSX workbook. The import reads neither: a file's items end at the
// marker, and the import reads the first sheet only.
inline constexpr char kTotalsMarker[] = "#totals";  // not a msgid: written as it is, in every language
inline constexpr char kTotalsSheet[] = "totals";
inline constexpr char kListsSheet[] = "lists";  // the values the XLSX dropdowns offer, after the totals

// scope, uid, code, title, source, planned, secured, spent, currency, progress, no_progress, counted, not_reported
const std::vector<std::string>& TotalsColumns();

// One part of the plan the totals are given for: the whole plan (no item), or an objective with all under it.
struct TotalsScope {
  const Item* item = nullptr;
  const RollUp* roll_up = nullptr;
};

// The header, then for the whole plan and for each objective (in `objectives`' order) a line "all" with its progress
// (two decimals; or empty, with why in no_progress), the number of items counted and of those that did not report,
// and after it a line per funding source with its amounts, in the order of the layout's sources (a source it does
// not list, after them by code).
std::vector<std::vector<std::string>> TotalsRows(const PlanLayout& layout, const Document& document, const RollUp& plan,
                                                 const std::vector<TotalsScope>& objectives,
                                                 const PlanLanguage& language = {});

// The exported file: the items, then the marker line and the totals (CSV); the items, and the totals on a sheet of
// their own (XLSX, the items' sheet named `sheet_name`), as ExportRows and TotalsRows wrote them in `language`.
// CSV in Bulgarian is separated by ';' and writes amounts with a decimal comma ("12000,50"), as Excel with
// Bulgarian regional settings opens it; in English and in codes by ',' with a decimal point.
std::string PlanCsv(const std::vector<std::vector<std::string>>& items,
                    const std::vector<std::vector<std::string>>& totals, const PlanLanguage& language = {});
// XLSX: amounts, numbers and dates are number and date cells (two decimals and thousands separators, dd.mm.yyyy),
// and kind, official status and areas have dropdown lists of their values, on a last sheet `lists` (in words) that
// the import does not read (it reads the first sheet).
formats::Result<std::string> PlanXlsx(const std::vector<std::vector<std::string>>& items,
                                      const std::vector<std::vector<std::string>>& totals,
                                      const std::string& sheet_name, const PlanLanguage& language = {},
                                      const std::vector<Area>& areas = {});

// One line of the file, read and checked on its own (texts trimmed, dates ISO, amounts in cents).
struct PlanLine {
  std::size_t line = 0;
  Item item;                       // uid, kind, code, texts, dates, numbers, budgets as the file gives them; no ids
  std::string parent;              // a uid or a code, as written
  std::vector<std::string> areas;  // "scheme:code", as written
  std::vector<std::string> implements;  // uids
  bool has_problem = false;
};

struct PlanFile {
  PlanLayout layout;  // what it was read with
  std::vector<PlanLine> lines;
  std::vector<ImportProblem> problems;
  std::set<std::string, std::less<>> columns;               // the known columns the header names
  std::map<std::string, std::string, std::less<>> headers;  // a known column → its header as the file writes it
  bool Has(std::string_view column) const { return columns.contains(column); }
};

// Reads the header and every line up to a line holding only kTotalsMarker; problems of the header (unknown, repeated
// or missing columns), of values that cannot be read (a date that does not exist, a negative amount) and of the rules
// a line's item breaks on its own (ItemProblems without its document: no title, progress of 150, …) are all
// collected, and so is every line after the marker that is not one of the totals export writes (an item added below
// them would otherwise be lost without a word).
// Headers and the values of kind and official status are read in any of `languages` and in codes, without regard to
// case or surrounding spaces ("ДЕЙНОСТ", "activity", "Activity"); the problems name a column as the file writes it.
PlanFile ReadPlanFile(const formats::Table& table, const PlanLayout& layout,
                      const std::vector<PlanLanguage>& languages = {});

// An item of another document, as the import needs to know it.
struct ItemReference {
  std::int64_t id = 0;
  std::string uid;
  std::int64_t document_id = 0;
  std::string kind;
  Level level = Level::kEu;
  bool withdrawn = false;
};

// The document as it is when the import checks the file (read in the import's transaction).
struct PlanContext {
  Document document;
  std::vector<Item> items;                          // the document's items
  std::vector<Area> areas;                          // every priority area
  std::vector<ItemReference> elsewhere;             // items of other documents named by the file (NamedUids)
  std::multimap<std::int64_t, std::int64_t> links;  // every link: item → what it implements
  std::vector<SettlementName> settlements;          // the settlements of the document's municipality
  std::vector<std::string> funding_sources;         // the codes of every funding source
};

// The uids the file names (in its uid and implements columns) that are not uids of `items`: those the import must
// look up in other documents.
std::vector<std::string> NamedUids(const PlanFile& file, const std::vector<Item>& items);

enum class ImportAction { kCreate, kChange, kKeep };
std::string_view ImportActionName(ImportAction action);  // "create", "change", "keep"

struct PlannedItem {
  std::size_t line = 0;
  ImportAction action = ImportAction::kKeep;
  Item item;                              // as it will be stored: id 0 and maybe no uid when new
  std::optional<std::size_t> new_parent;  // index in PlannedImport::items of a new parent (item.parent_id unset)
  std::optional<std::size_t> before;      // index in PlanContext::items of the item it changes or keeps
  std::vector<ItemReference> new_links;   // what it will implement that it does not yet
};

struct PlannedImport {
  std::vector<PlannedItem> items;       // objectives, then measures, then activities; in file order within a kind
  std::vector<ImportProblem> problems;  // in line order; when there are any, nothing may be stored
};

// Checks the file against the document: uids (this document's are updated, another document's refused), parents
// (by uid or code, in the file or the document), areas, then each item as it will be stored by the rules every item
// obeys (ItemProblems: a parent of the right kind, codes unique in the document, the settlement, …), and links (to
// objectives and measures of other documents at the same or a higher level, never closing a cycle, counting the links
// the file adds). Columns the file leaves out keep an existing item's values; an item whose values all equal the file's
// is kept. New items are placed after the document's, in the file's order.
PlannedImport PlanImport(PlanFile file, const PlanContext& context);

}  // namespace policies
