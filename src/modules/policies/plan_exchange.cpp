#include "modules/policies/plan_exchange.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <numeric>
#include <set>

#include "core/text.hpp"

namespace policies {
namespace {

namespace message = plan_message;

// The columns are the item's fields as policies.hpp names them (kItemFields, then AmountField for each funding source
// and amount): a problem's field is its column, so the one table maps a rule's problem to the file.
constexpr std::array<std::string_view, 2> kRequiredColumns = {"kind", "title"};

// A cell without the spaces a spreadsheet or a word processor leaves at its ends (no-break spaces too).
std::string Trimmed(std::string_view text) { return core::TrimSpaces(text); }

using core::Shortened;

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <std::size_t N>
bool OneOf(const std::string_view (&names)[N], std::string_view value) {
  return std::find(std::begin(names), std::end(names), value) != std::end(names);
}

// The parts of a list written "a; b;c", trimmed, without empty ones or repeats.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    std::string part = Trimmed(text.substr(start, end - start));
    if (!part.empty() && std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : ";") + part;
  return joined;
}

// A header's name as the layout spells it: without surrounding spaces, in lower case (ASCII).
std::string HeaderName(std::string_view text) {
  std::string name = Trimmed(text);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

// A word of the file as the import compares it: trimmed, without case (Latin and Cyrillic), with runs of spaces as
// one and the dashes a keyboard or a word processor types as one ("Общински бюджет - планирано" is the header
// "Общински бюджет — планирано").
std::string WordKey(std::string_view text) {
  std::string folded = core::FoldCase(Trimmed(text));
  for (const std::string_view dash : {"\u2014", "\u2013", "\u2212"}) {
    for (std::size_t at = folded.find(dash); at != std::string::npos; at = folded.find(dash, at + 1)) {
      folded.replace(at, dash.size(), "-");
    }
  }
  std::string key;
  key.reserve(folded.size());
  for (const char c : folded) {
    if (c == ' ' && (key.empty() || key.back() == ' ')) continue;
    key += c;
  }
  return key;
}

// The columns' titles (msgids) in the file's words, in the order of kItemFields.
constexpr std::array<std::string_view, std::size(kItemFields)> kColumnTitles = {"Stable id",
                                                                                "Kind",
                                                                                "Parent",
                                                                                "Code",
                                                                                "Title",
                                                                                "Title in English",
                                                                                "Description",
                                                                                "Priority areas",
                                                                                "Implements",
                                                                                "Responsible institution",
                                                                                "Partners",
                                                                                "Target group",
                                                                                "Settlement",
                                                                                "Start",
                                                                                "End",
                                                                                "Deadline",
                                                                                "Beneficiaries",
                                                                                "Expected result",
                                                                                "Official status",
                                                                                "Progress"};
// The amounts' titles, after the funding source's name: "Municipal budget — planned".
constexpr std::array<std::string_view, std::size(kAmountNames)> kAmountTitles = {"Planned", "Secured", "Spent"};
// The totals' columns (TotalsColumns) in words.
constexpr std::array<std::string_view, 13> kTotalsTitles = {"Scope",
                                                            "Stable id",
                                                            "Code",
                                                            "Title",
                                                            "Source",
                                                            "Planned",
                                                            "Secured",
                                                            "Spent",
                                                            "Currency",
                                                            "Progress",
                                                            "Why there is no progress",
                                                            "Items counted",
                                                            "Items not reported"};

// Columns whose values are numbers or dates, which XLSX writes as such and Bulgarian CSV with a decimal comma.
constexpr std::size_t kBeneficiariesColumn = 16;
constexpr std::size_t kProgressColumn = 19;
constexpr std::array<std::size_t, 3> kDateColumns = {13, 14, 15};
static_assert(kItemFields[kBeneficiariesColumn] == "beneficiaries" && kItemFields[kProgressColumn] == "progress" &&
              kItemFields[kDateColumns[0]] == "start" && kItemFields[kDateColumns[2]] == "deadline");
constexpr std::array<std::size_t, 4> kTotalsDecimalColumns = {5, 6, 7, 9};  // planned, secured, spent, progress
constexpr std::size_t kTotalsProgressColumn = 9;
constexpr std::size_t kKindColumn = 1;
constexpr std::size_t kAreasColumn = 7;
constexpr std::size_t kStatusColumn = 18;
static_assert(kItemFields[kKindColumn] == "kind" && kItemFields[kAreasColumn] == "areas" &&
              kItemFields[kStatusColumn] == "official_status");
constexpr std::array<std::size_t, 2> kTotalsIntegerColumns = {11, 12};  // counted, not_reported

// What import understands: a header or a value in any language (and in codes), as its code.
class PlanDictionary {
 public:
  PlanDictionary(const PlanLayout& layout, const std::vector<PlanLanguage>& languages) {
    std::vector<PlanLanguage> all{PlanLanguage{}};  // codes first: they win over any word that equals one
    all.insert(all.end(), languages.begin(), languages.end());
    for (const PlanLanguage& language : all) {
      const PlanWords words(layout, language);
      for (std::size_t i = 0; i < layout.Columns().size(); ++i) {
        headers_.emplace(WordKey(words.Headers()[i]), layout.Columns()[i]);
      }
      for (const std::string_view kind : kItemKinds) values_.emplace(Key("kind", words.Value("kind", kind)), kind);
      for (const std::string_view status : kOfficialStatuses) {
        values_.emplace(Key("official_status", words.Value("official_status", status)), status);
      }
      totals_first_.insert(WordKey(words.TotalsHeaders()[0]));
      totals_first_.insert(WordKey(words.TotalsValue("scope", "plan")));
      totals_first_.insert(WordKey(words.TotalsValue("scope", "objective")));
    }
  }

  // The column a header names, or "" for none.
  std::string Column(std::string_view header) const {
    const auto found = headers_.find(WordKey(header));
    return found == headers_.end() ? std::string() : found->second;
  }
  // The code of a value of an enumerated column; any other value as it is (trimmed), for the rules to judge.
  std::string Value(std::string_view column, std::string_view text) const {
    const auto found = values_.find(Key(column, text));
    return found == values_.end() ? Trimmed(text) : found->second;
  }
  // Whether a line's first value starts a line of the totals, in any language.
  bool StartsTotals(std::string_view first) const { return totals_first_.contains(WordKey(first)); }

 private:
  static std::string Key(std::string_view column, std::string_view text) {
    return std::string(column) + '\n' + WordKey(text);
  }
  std::map<std::string, std::string, std::less<>> headers_;
  std::map<std::string, std::string, std::less<>> values_;
  std::set<std::string, std::less<>> totals_first_;
};

int KindRank(std::string_view kind) {
  for (std::size_t i = 0; i < std::size(kItemKinds); ++i) {
    if (kItemKinds[i] == kind) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kItemKinds));
}

// Reads one line's values into a PlanLine, reporting each value it cannot read (a date that does not exist, an amount
// that is no number) under its column, then every rule the line's item breaks on its own (ItemProblems), each with
// what the file says: a line's problems come in the order of its columns.
class LineReader {
 public:
  LineReader(const PlanLayout& layout, const PlanDictionary& dictionary,
             const std::map<std::string, std::size_t, std::less<>>& index, const core::CsvRow& row,
             std::vector<ImportProblem>& problems)
      : layout_(layout), dictionary_(dictionary), index_(index), row_(row), problems_(problems) {}

  PlanLine Read() {
    line_.line = row_.line;
    Item& item = line_.item;
    item.uid = Value("uid");
    item.kind = dictionary_.Value("kind", Raw("kind"));
    line_.parent = Value("parent");
    item.code = Value("code");
    item.title = Value("title");
    item.title_en = Value("title_en");
    item.description = std::string(Raw("description"));  // kept as written: leading line breaks may be meant
    line_.areas = SplitList(Raw("areas"));
    line_.implements = SplitList(Raw("implements"));
    item.responsible = Value("responsible");
    item.partners = Value("partners");
    item.target_group = Value("target_group");
    item.settlement_ekatte = Value("settlement");
    // A spreadsheet that took the code for a number dropped its leading zeros: EKATTE codes have five digits.
    if (AllDigits(item.settlement_ekatte) && item.settlement_ekatte.size() < 5) {
      item.settlement_ekatte.insert(0, 5 - item.settlement_ekatte.size(), '0');
    }
    item.start_date = Date("start");
    item.end_date = Date("end");
    item.deadline = Date("deadline");
    item.beneficiaries = Beneficiaries();
    item.expected_result = Value("expected_result");
    item.official_status = dictionary_.Value("official_status", Raw("official_status"));
    item.progress = Progress();
    for (std::size_t s = 0; s < layout_.Sources().size(); ++s) {
      Budget budget{layout_.Sources()[s], 0, std::nullopt, std::nullopt};  // an empty cell: not reported
      bool given = false;
      for (std::size_t i = 0; i < std::size(kAmountNames); ++i) {
        const std::string& column = layout_.AmountColumn(s, i);
        const std::string text = Value(column);
        if (text.empty()) continue;
        given = true;
        if (Ambiguous(text)) {
          Problem(column, text, message::kAmbiguousAmount);
        } else if (const auto amount = ParseAmount(text)) {
          SetAmount(budget, i, amount);
        } else {
          Problem(column, text, text.starts_with('-') ? message::kNegativeAmount : message::kMalformedAmount);
        }
      }
      if (given) item.budgets.push_back(std::move(budget));
    }

    item = NormaliseItem(std::move(item));  // as the forms' items are: "not_started" is the status "planned"
    for (core::FieldProblem& problem : ItemProblems(item, {})) {
      // What the file says, rather than the value as read ("31.12.2026", not "2026-12-31").
      std::string value = index_.contains(problem.field) ? Shortened(CellText(problem.field)) : problem.value;
      Problem(problem.field, std::move(value), problem.message);
    }
    std::ranges::stable_sort(found_, {}, [&](const ImportProblem& each) { return layout_.ColumnOrder(each.column); });
    problems_.insert(problems_.end(), std::make_move_iterator(found_.begin()), std::make_move_iterator(found_.end()));
    return std::move(line_);
  }

 private:
  std::string_view Raw(std::string_view column) const {
    const auto found = index_.find(column);
    return found == index_.end() ? std::string_view() : std::string_view(row_.fields[found->second]);
  }
  std::string Value(std::string_view column) const { return Trimmed(Raw(column)); }
  // A cell as the line's item took it: trimmed, but the description as written.
  std::string CellText(std::string_view column) const {
    return column == "description" ? std::string(Raw(column)) : Value(column);
  }

  std::string Date(std::string_view column) {
    std::string text = Value(column);
    // A date cell with a time of day at midnight, as some spreadsheets store a date.
    if (text.size() == 19 && text.ends_with(" 00:00:00")) text.resize(10);
    const auto date = NormaliseDate(text);
    if (!date) {
      Problem(column, text, message::kNotADate);
      return {};
    }
    return *date;
  }

  // A whole number, which the rules then check (a negative one is read, for them to refuse).
  std::optional<std::int64_t> Beneficiaries() {
    const std::string text = Value("beneficiaries");
    std::string digits;
    for (const char c : text) {
      if (c != ' ') digits += c;
    }
    if (digits.empty()) return std::nullopt;
    const bool negative = digits.starts_with('-');
    const std::string_view magnitude = std::string_view(digits).substr(negative ? 1 : 0);
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(magnitude.data(), magnitude.data() + magnitude.size(), number);
    if (!AllDigits(magnitude) || error != std::errc() || end != magnitude.data() + magnitude.size()) {
      Problem("beneficiaries", text, message::kBeneficiariesNotWhole);
      return std::nullopt;
    }
    return negative ? -number : number;
  }

  // "50" or "50%"; a whole number out of 0–100 is read (held at -1 or 101), for the rules to refuse.
  std::optional<int> Progress() {
    const std::string text = Value("progress");
    std::string number = text;
    if (number.ends_with('%')) number = Trimmed(std::string_view(number).substr(0, number.size() - 1));
    if (number.empty()) return std::nullopt;  // not reported: never 0
    const bool negative = number.starts_with('-') && AllDigits(std::string_view(number).substr(1));
    if (!negative && !AllDigits(number)) {
      Problem("progress", text, message::kMalformedProgress);
      return std::nullopt;
    }
    if (negative) return -1;
    return number.size() > 3 ? 101 : std::stoi(number);
  }

  void Problem(std::string_view column, std::string value, std::string_view text) {
    found_.push_back({row_.line, std::string(column), std::move(value), std::string(text)});
    line_.has_problem = true;
  }

  // An amount with both decimal marks ("1,234.50", "1.234,50"), one of them twice ("1.234.567"), or a comma followed
  // by three digits ("1,234"): a thousands separator or a decimal mark? Never guessed.
  static bool Ambiguous(std::string_view text) {
    const std::size_t points = static_cast<std::size_t>(std::ranges::count(text, '.'));
    const std::size_t commas = static_cast<std::size_t>(std::ranges::count(text, ','));
    if (points + commas == 0) return false;
    if (points + commas > 1) return true;
    // "6750.125" has three decimals (refused as such); "1,234" may be an English thousand.
    const std::string_view after =
        text.substr(text.find(',') == std::string_view::npos ? text.size() : text.find(',') + 1);
    return commas == 1 && after.size() == 3 && AllDigits(after);
  }

  const PlanLayout& layout_;
  const PlanDictionary& dictionary_;
  const std::map<std::string, std::size_t, std::less<>>& index_;
  const core::CsvRow& row_;
  std::vector<ImportProblem>& problems_;
  std::vector<ImportProblem> found_;  // this line's
  PlanLine line_;
};

// An existing item with the columns the file has taken from the file; the columns it leaves out keep their values.
Item Merge(Item item, const Item& from, const PlanFile& file) {
  const auto take = [&](std::string_view column, auto member) {
    if (file.Has(column)) item.*member = from.*member;
  };
  take("kind", &Item::kind);  // for the rules to see a changed kind
  take("code", &Item::code);
  take("title", &Item::title);
  take("title_en", &Item::title_en);
  take("description", &Item::description);
  take("responsible", &Item::responsible);
  take("partners", &Item::partners);
  take("target_group", &Item::target_group);
  take("settlement", &Item::settlement_ekatte);
  take("start", &Item::start_date);
  take("end", &Item::end_date);
  take("deadline", &Item::deadline);
  take("beneficiaries", &Item::beneficiaries);
  take("expected_result", &Item::expected_result);
  take("official_status", &Item::official_status);
  take("progress", &Item::progress);
  // Amounts per source: a source whose columns are all left out keeps its budget; one whose columns are there takes
  // them (empty = 0), and has a budget when the file gives an amount or a left-out column keeps one.
  std::vector<Budget> budgets;
  const PlanLayout& layout = file.layout;
  for (std::size_t s = 0; s < layout.Sources().size(); ++s) {
    const std::string& source = layout.Sources()[s];
    const auto find = [&](const std::vector<Budget>& list) -> const Budget* {
      const auto found = std::ranges::find(list, source, &Budget::source);
      return found == list.end() ? nullptr : &*found;
    };
    const Budget* old = find(item.budgets);
    const Budget* given = find(from.budgets);
    if (!file.Has(layout.AmountColumn(s, 0)) && !file.Has(layout.AmountColumn(s, 1)) &&
        !file.Has(layout.AmountColumn(s, 2))) {
      if (old) budgets.push_back(*old);
      continue;
    }
    Budget budget = old ? *old : Budget{source, 0, std::nullopt, std::nullopt};
    bool kept = false;
    for (std::size_t i = 0; i < std::size(kAmountNames); ++i) {
      if (file.Has(layout.AmountColumn(s, i))) {
        SetAmount(budget, i, given ? AmountOf(*given, i) : std::nullopt);
      } else if (const auto amount = AmountOf(budget, i); amount && (i > 0 || *amount != 0)) {
        kept = true;
      }
    }
    if (given || kept) budgets.push_back(std::move(budget));
  }
  item.budgets = std::move(budgets);
  return item;
}

// Whether storing `after` would change nothing of `before`: areas are a set, budgets one per source.
bool SameItem(Item before, Item after) {
  for (Item* item : {&before, &after}) {
    std::ranges::sort(item->area_ids);
    std::ranges::sort(item->budgets, {}, &Budget::source);
  }
  return before == after;
}

}  // namespace

PlanLayout::PlanLayout(std::vector<std::string> sources)
    : sources_(std::move(sources)), columns_(std::begin(kItemFields), std::end(kItemFields)) {
  for (const std::string& source : sources_) named_.push_back({source, source, source});
  for (const std::string& source : sources_) {
    for (const std::string_view amount : kAmountNames) columns_.push_back(AmountField(source, amount));
  }
}

PlanLayout::PlanLayout(const std::vector<FundingSource>& sources)
    : PlanLayout([&] {
        std::vector<std::string> codes;
        for (const FundingSource& source : sources) codes.push_back(source.code);
        return codes;
      }()) {
  named_ = sources;
}

const std::string& PlanLayout::SourceName(std::size_t source, bool english) const {
  const FundingSource& named = named_[source];
  const std::string& name = english ? named.name_en : named.name_bg;
  return name.empty() ? named.code : name;
}

PlanWords::PlanWords(const PlanLayout& layout, const PlanLanguage& language)
    : layout_(&layout), translate_(language.translate), codes_(!language.translate), english_(language.english) {
  if (codes_) {
    headers_ = layout.Columns();
    totals_headers_ = TotalsColumns();
    return;
  }
  for (const std::string_view title : kColumnTitles) headers_.push_back(Text(title));
  for (std::size_t s = 0; s < layout.Sources().size(); ++s) {
    for (const std::string_view amount : kAmountTitles) {
      headers_.push_back(fmt::format("{} — {}", layout.SourceName(s, english_), core::FoldCase(Text(amount))));
    }
  }
  for (const std::string_view title : kTotalsTitles) totals_headers_.push_back(Text(title));
}

std::string PlanWords::Text(std::string_view msgid) const { return codes_ ? std::string(msgid) : translate_(msgid); }

std::string PlanWords::Value(std::string_view column, std::string_view code) const {
  if (codes_ || code.empty()) return std::string(code);
  if (column == "kind" && OneOf(kItemKinds, code)) return Text(KindTitle(code));
  if (column == "official_status" && OneOf(kOfficialStatuses, code)) return Text(StatusTitle(code));
  return std::string(code);
}

std::string PlanWords::TotalsValue(std::string_view column, std::string_view code) const {
  if (codes_ || code.empty()) return std::string(code);
  if (column == "scope") return code == "plan" ? Text("Plan") : Text(KindTitle(code));
  if (column == "source") {
    if (code == "all") return Text("All sources");
    const auto found = std::ranges::find(layout_->Sources(), code);
    return found == layout_->Sources().end()
               ? std::string(code)
               : layout_->SourceName(static_cast<std::size_t>(found - layout_->Sources().begin()), english_);
  }
  if (column == "no_progress") {
    for (const NoProgress why : {NoProgress::kNothingReported, NoProgress::kNoPlannedBudget}) {
      if (NoProgressName(why) == code) return Text(NoProgressTitle(why));
    }
  }
  return std::string(code);
}

const std::string& PlanLayout::AmountColumn(std::size_t source, std::size_t amount) const {
  return columns_[std::size(kItemFields) + source * std::size(kAmountNames) + amount];
}

std::size_t PlanLayout::ColumnOrder(std::string_view column) const {
  return static_cast<std::size_t>(std::ranges::find(columns_, column) - columns_.begin());
}

std::string_view ImportActionName(ImportAction action) {
  switch (action) {
    case ImportAction::kCreate:
      return "create";
    case ImportAction::kChange:
      return "change";
    case ImportAction::kKeep:
      break;
  }
  return "keep";
}

std::vector<std::vector<std::string>> ExportRows(const PlanLayout& layout, const std::vector<Item>& items,
                                                 const std::vector<Area>& areas,
                                                 const std::multimap<std::int64_t, std::string>& implements,
                                                 const PlanLanguage& language) {
  const PlanWords words(layout, language);
  std::vector<std::vector<std::string>> rows{words.Headers()};
  rows.reserve(items.size() + 1);
  std::map<std::int64_t, std::string> area_names;
  for (const Area& area : areas) area_names[area.id] = area.scheme + ":" + area.code;
  std::map<std::int64_t, std::size_t> by_id;
  for (std::size_t i = 0; i < items.size(); ++i) by_id[items[i].id] = i;
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::ranges::stable_sort(order, {}, [&](std::size_t i) { return std::pair(items[i].position, items[i].id); });
  std::map<std::int64_t, std::vector<std::size_t>> children;  // parent id (0 = top) → indices, in position order
  for (const std::size_t i : order) {
    const bool parent_here = items[i].parent_id && by_id.contains(*items[i].parent_id);
    children[parent_here ? *items[i].parent_id : 0].push_back(i);
  }

  const auto row_of = [&](const Item& item) {
    std::vector<std::string> row;
    row.reserve(layout.Columns().size());
    std::vector<std::string> area_list, implemented;
    for (const std::int64_t area : item.area_ids) area_list.push_back(area_names[area]);
    for (auto [it, end] = implements.equal_range(item.id); it != end; ++it) implemented.push_back(it->second);
    const bool parent_here = item.parent_id && by_id.contains(*item.parent_id);
    row = {item.uid,
           words.Value("kind", item.kind),
           parent_here ? items[by_id.at(*item.parent_id)].uid : "",
           item.code,
           item.title,
           item.title_en,
           item.description,
           Join(area_list),
           Join(implemented),
           item.responsible,
           item.partners,
           item.target_group,
           item.settlement_ekatte,
           item.start_date,
           item.end_date,
           item.deadline,
           item.beneficiaries ? std::to_string(*item.beneficiaries) : "",
           item.expected_result,
           words.Value("official_status", item.official_status),
           item.progress ? std::to_string(*item.progress) : ""};
    for (const std::string& source : layout.Sources()) {
      const auto budget = std::ranges::find(item.budgets, source, &Budget::source);
      for (std::size_t i = 0; i < std::size(kAmountNames); ++i) {
        row.push_back(budget == item.budgets.end() ? "" : FormatAmount(AmountOf(*budget, i)));
      }
    }
    return row;
  };

  std::vector<bool> written(items.size(), false);
  std::function<void(std::size_t)> visit = [&](std::size_t index) {
    if (written[index]) return;  // a parent chain that loops (never stored by the service) is written once
    written[index] = true;
    rows.push_back(row_of(items[index]));
    const auto found = children.find(items[index].id);
    if (found == children.end()) return;
    for (const std::size_t child : found->second) visit(child);
  };
  for (const std::size_t top : children[0]) visit(top);
  for (const std::size_t i : order) visit(i);  // items only reachable through a loop
  return rows;
}

const std::vector<std::string>& TotalsColumns() {
  static const std::vector<std::string> columns = {"scope",       "uid",     "code",        "title",    "source",
                                                   "planned",     "secured", "spent",       "currency", "progress",
                                                   "no_progress", "counted", "not_reported"};
  return columns;
}

std::vector<std::vector<std::string>> TotalsRows(const PlanLayout& layout, const Document& document, const RollUp& plan,
                                                 const std::vector<TotalsScope>& objectives,
                                                 const PlanLanguage& language) {
  const PlanWords words(layout, language);
  std::vector<std::vector<std::string>> rows{words.TotalsHeaders()};
  const auto add = [&](std::string_view scope, const Item* item, const RollUp& roll_up) {
    const auto line = [&](const std::string& source, const Amounts& amounts) {
      return std::vector<std::string>{words.TotalsValue("scope", scope),
                                      item ? item->uid : "",
                                      item ? item->code : "",
                                      item ? item->title : document.title,
                                      words.TotalsValue("source", source),
                                      FormatAmount(amounts.planned_cents),
                                      FormatAmount(amounts.secured_cents),
                                      FormatAmount(amounts.spent_cents),
                                      document.currency,
                                      "",
                                      "",
                                      "",
                                      ""};
    };
    std::vector<std::string> all = line("all", roll_up.money.all);
    all[9] = roll_up.progress ? fmt::format("{:.2f}", *roll_up.progress) : "";
    all[10] = roll_up.progress ? "" : words.TotalsValue("no_progress", NoProgressName(roll_up.no_progress));
    all[11] = std::to_string(roll_up.counted.size());
    all[12] = std::to_string(roll_up.not_reported.size());
    rows.push_back(std::move(all));
    const auto& by_source = roll_up.money.by_source;
    for (const std::string& source : layout.Sources()) {
      if (const auto found = by_source.find(source); found != by_source.end())
        rows.push_back(line(source, found->second));
    }
    for (const auto& [source, amounts] : by_source) {
      if (std::ranges::find(layout.Sources(), source) == layout.Sources().end()) rows.push_back(line(source, amounts));
    }
  };
  add("plan", nullptr, plan);
  for (const TotalsScope& objective : objectives) add("objective", objective.item, *objective.roll_up);
  return rows;
}

namespace {

bool Bulgarian(const PlanLanguage& language) { return language.translate && !language.english; }

// "12000.50" → "12000,50": what Excel with Bulgarian regional settings reads as a number from a CSV file.
void WithDecimalComma(std::string& value) {
  if (const auto point = value.find('.'); point != std::string::npos) value[point] = ',';
}

}  // namespace

std::string PlanCsv(const std::vector<std::vector<std::string>>& items,
                    const std::vector<std::vector<std::string>>& totals, const PlanLanguage& language) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(items.size() + 1 + totals.size());
  rows.insert(rows.end(), items.begin(), items.end());
  const bool bulgarian = Bulgarian(language);
  if (bulgarian) {
    for (std::size_t r = 1; r < rows.size(); ++r) {
      for (std::size_t c = std::size(kItemFields); c < rows[r].size(); ++c) WithDecimalComma(rows[r][c]);
    }
  }
  rows.push_back({std::string(kTotalsMarker)});
  const std::size_t first_total = rows.size();
  rows.insert(rows.end(), totals.begin(), totals.end());
  if (bulgarian) {
    for (std::size_t r = first_total + 1; r < rows.size(); ++r) {
      for (const std::size_t c : kTotalsDecimalColumns) {
        if (c < rows[r].size()) WithDecimalComma(rows[r][c]);
      }
    }
  }
  return formats::WriteCsv(rows, bulgarian ? ';' : ',');
}

formats::Result<std::string> PlanXlsx(const std::vector<std::vector<std::string>>& items,
                                      const std::vector<std::vector<std::string>>& totals,
                                      const std::string& sheet_name, const PlanLanguage& language,
                                      const std::vector<Area>& areas) {
  const PlanLayout layout;  // for the words of kinds and statuses, which no funding source changes
  const PlanWords words(layout, language);
  formats::XlsxOptions items_options{
      .sheet_name = sheet_name, .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false};
  const std::size_t width = items.empty() ? 0 : items.front().size();
  for (std::size_t c = std::size(kItemFields); c < width; ++c)
    items_options.cells.emplace_back(c, formats::XlsxCell::kAmount);
  items_options.cells.emplace_back(kBeneficiariesColumn, formats::XlsxCell::kInteger);
  items_options.cells.emplace_back(kProgressColumn, formats::XlsxCell::kInteger);
  for (const std::size_t c : kDateColumns) items_options.cells.emplace_back(c, formats::XlsxCell::kDate);

  formats::XlsxOptions totals_options{.sheet_name = words.Codes() ? std::string(kTotalsSheet) : words.Text("Totals"),
                                      .numeric_columns = {},
                                      .cells = {},
                                      .lists = {},
                                      .hidden = false};
  for (const std::size_t c : kTotalsDecimalColumns) {
    totals_options.cells.emplace_back(
        c, c == kTotalsProgressColumn ? formats::XlsxCell::kDecimal : formats::XlsxCell::kAmount);
  }
  for (const std::size_t c : kTotalsIntegerColumns) totals_options.cells.emplace_back(c, formats::XlsxCell::kInteger);

  // The lists the dropdowns offer: kinds, official statuses, and the priority areas (codes, with their names beside
  // them to read), on a sheet after the others.
  const std::string lists_name = words.Codes() ? std::string(kListsSheet) : words.Text("Lists");
  std::vector<std::vector<std::string>> lists{{words.Headers()[kKindColumn], words.Headers()[kStatusColumn],
                                               words.Headers()[kAreasColumn], words.Text("Name")}};
  const auto cell = [&](std::size_t row, std::size_t column) -> std::string& {
    if (lists.size() <= row) lists.resize(row + 1, std::vector<std::string>(4));
    return lists[row][column];
  };
  std::size_t row = 1;
  for (const std::string_view kind : kItemKinds) cell(row++, 0) = words.Value("kind", kind);
  row = 1;
  for (const std::string_view status : kOfficialStatuses) cell(row++, 1) = words.Value("official_status", status);
  row = 1;
  for (const Area& area : areas) {
    cell(row, 2) = area.scheme + ":" + area.code;
    cell(row++, 3) = words.English() && !area.name_en.empty() ? area.name_en : area.name_bg;
  }
  const std::string quoted = "'" + lists_name + "'!";
  const auto range = [&](char column, std::size_t count) {
    return fmt::format("{}${}$2:${}${}", quoted, column, column, count + 1);
  };
  items_options.lists.push_back(
      {.column = kKindColumn, .range = range('A', std::size(kItemKinds)), .only_listed = false});
  items_options.lists.push_back(
      {.column = kStatusColumn, .range = range('B', std::size(kOfficialStatuses)), .only_listed = false});
  if (!areas.empty()) {
    items_options.lists.push_back({.column = kAreasColumn, .range = range('C', areas.size()), .only_listed = false});
  }
  formats::XlsxOptions lists_options{
      .sheet_name = lists_name, .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false};

  return formats::WriteXlsxSheets(
      {{&items, std::move(items_options)}, {&totals, std::move(totals_options)}, {&lists, std::move(lists_options)}});
}

namespace {

// A line holding only the totals marker, in its first column.
bool IsTotalsMarker(const core::CsvRow& row) {
  if (row.fields.empty() || Trimmed(row.fields[0]) != kTotalsMarker) return false;
  return std::all_of(row.fields.begin() + 1, row.fields.end(),
                     [](const std::string& field) { return Trimmed(field).empty(); });
}

// A line of the totals as export writes them, in any language: their header, or a line of the plan's or an
// objective's totals.
bool IsTotalsLine(const core::CsvRow& row, const PlanDictionary& dictionary) {
  return !row.fields.empty() && dictionary.StartsTotals(row.fields[0]);
}

}  // namespace

PlanFile ReadPlanFile(const formats::Table& table, const PlanLayout& layout,
                      const std::vector<PlanLanguage>& languages) {
  PlanFile file;
  file.layout = layout;
  if (table.rows.empty()) return file;
  const PlanDictionary dictionary(file.layout, languages);
  const core::CsvRow& header = table.rows.front();
  std::map<std::string, std::size_t, std::less<>> index;  // column name → field index
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string written = Trimmed(header.fields[i]);
    if (written.empty()) continue;  // a value under it is reported on its line
    const std::string name = dictionary.Column(written);
    if (name.empty()) {
      file.problems.push_back({header.line, written, written, std::string(message::kUnknownColumn)});
    } else if (!index.emplace(name, i).second) {
      file.problems.push_back({header.line, name, written, std::string(message::kRepeatedColumn)});
    } else {
      file.columns.insert(name);
      file.headers.emplace(name, written);
    }
  }
  bool complete = true;
  for (const std::string_view required : kRequiredColumns) {
    if (!file.Has(required)) {
      file.problems.push_back({header.line, std::string(required), "", std::string(message::kMissingColumn)});
      complete = false;
    }
  }
  if (!complete) return file;  // every line would repeat the problem

  // The items end at the totals marker; what follows it is read only to be sure it is the totals.
  std::size_t end = table.rows.size();
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    if (IsTotalsMarker(table.rows[r])) {
      end = r;
      break;
    }
  }

  file.lines.reserve(end - 1);
  for (std::size_t r = 1; r < end; ++r) {
    const core::CsvRow& row = table.rows[r];
    std::vector<ImportProblem> problems;
    PlanLine line = LineReader(file.layout, dictionary, index, row, problems).Read();
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      const bool named = i < header.fields.size() && !HeaderName(header.fields[i]).empty();
      if (!named && !Trimmed(row.fields[i]).empty()) {
        problems.emplace_back(row.line, formats::ColumnName(i + 1), Trimmed(row.fields[i]),
                              std::string(message::kValueWithoutColumn));
        line.has_problem = true;
      }
    }
    file.problems.insert(file.problems.end(), std::make_move_iterator(problems.begin()),
                         std::make_move_iterator(problems.end()));
    file.lines.push_back(std::move(line));
  }
  for (std::size_t r = end + 1; r < table.rows.size(); ++r) {
    const core::CsvRow& row = table.rows[r];
    if (!IsTotalsLine(row, dictionary)) {
      file.problems.push_back({row.line, formats::ColumnName(1), row.fields.empty() ? "" : Trimmed(row.fields[0]),
                               std::string(message::kLineInTotals)});
    }
  }
  return file;
}

std::vector<std::string> NamedUids(const PlanFile& file, const std::vector<Item>& items) {
  std::set<std::string, std::less<>> known;
  for (const Item& item : items) known.insert(item.uid);
  std::set<std::string> named;
  for (const PlanLine& line : file.lines) {
    if (!line.item.uid.empty() && !known.contains(line.item.uid)) named.insert(line.item.uid);
    for (const std::string& uid : line.implements) {
      if (!known.contains(uid)) named.insert(uid);
    }
  }
  return {named.begin(), named.end()};
}

PlannedImport PlanImport(PlanFile file, const PlanContext& context) {
  PlannedImport plan;
  plan.problems = file.problems;
  const std::size_t count = file.lines.size();
  const auto problem = [&](std::size_t line, std::string_view column, std::string value, std::string_view text) {
    plan.problems.push_back({file.lines[line].line, std::string(column), std::move(value), std::string(text)});
  };

  const std::vector<Item>& items = context.items;
  std::map<std::string, std::size_t, std::less<>> item_of_uid;  // uid → index in `items`
  std::map<std::int64_t, std::size_t> item_of_id;               // id → index in `items`
  std::int64_t next_position = 0;
  for (std::size_t k = 0; k < items.size(); ++k) {
    item_of_uid[items[k].uid] = k;
    item_of_id[items[k].id] = k;
    next_position = std::max(next_position, items[k].position + 1);
  }
  std::map<std::string, const ItemReference*, std::less<>> elsewhere;
  std::set<std::string, std::less<>> withdrawn;  // items taken out of their plans, here or elsewhere
  for (const ItemReference& reference : context.elsewhere) {
    if (reference.withdrawn) {
      withdrawn.insert(reference.uid);
    } else if (reference.document_id != context.document.id) {
      elsewhere[reference.uid] = &reference;
    }
  }
  std::map<std::string, std::int64_t, std::less<>> area_ids;
  DocumentFacts facts;
  for (const Area& area : context.areas) {
    area_ids[area.scheme + ":" + area.code] = area.id;
    facts.area_ids.insert(area.id);
  }
  for (const SettlementName& settlement : context.settlements) facts.settlements.insert(settlement.ekatte);
  facts.funding_sources.insert(context.funding_sources.begin(), context.funding_sources.end());
  facts.settlement_names = context.settlements;

  // 1. Which item each line is: an existing one (its values merged with the file's) or a new one.
  std::vector<Item> finals(count);
  std::vector<std::optional<std::size_t>> before(count);
  std::map<std::string, std::size_t, std::less<>> line_of_uid;
  std::vector<bool> in_file(items.size(), false);
  for (std::size_t i = 0; i < count; ++i) {
    PlanLine& line = file.lines[i];
    const std::string& uid = line.item.uid;
    if (!uid.empty()) {
      if (!line_of_uid.emplace(uid, i).second) {
        problem(i, "uid", uid, message::kRepeatedUid);
      } else if (const auto found = item_of_uid.find(uid); found != item_of_uid.end()) {
        before[i] = found->second;
        in_file[found->second] = true;
      } else if (withdrawn.contains(uid)) {
        problem(i, "uid", uid, message::kWithdrawnUid);
      } else if (elsewhere.contains(uid)) {
        problem(i, "uid", uid, message::kUidOfAnotherDocument);
      }
    }
    if (before[i]) {
      finals[i] = Merge(items[*before[i]], line.item, file);
    } else {
      finals[i] = std::move(line.item);  // the line's values are not read again
      finals[i].id = 0;
      finals[i].document_id = context.document.id;
      finals[i].position = next_position++;
    }
  }
  // A line that changes its item's kind is refused by the rules; its parent is not looked for.
  const auto kind_changed = [&](std::size_t i) { return before[i] && items[*before[i]].kind != finals[i].kind; };

  // 2. Codes are unique in the document as it will be: items the file leaves out keep theirs.
  struct Owner {
    std::optional<std::size_t> line;  // a line of the file, or else
    std::size_t item = 0;             // an item of the document the file leaves out
  };
  std::map<std::string, Owner, std::less<>> owner_of_code;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!in_file[k] && !items[k].code.empty()) owner_of_code.emplace(items[k].code, Owner{std::nullopt, k});
  }
  std::vector<bool> code_taken(count, false);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& code = finals[i].code;
    if (!code.empty() && !owner_of_code.emplace(code, Owner{i, 0}).second) code_taken[i] = true;
  }

  // 3. Parents, by uid (of a line or an item) or by code. What the reference names is for the rules to judge; a
  // reference that is missing or names nothing is the file's problem.
  const auto facts_of_item = [&](std::size_t k) { return ParentFacts{true, true, items[k].kind, false}; };
  std::vector<std::optional<ParentFacts>> parents(count);
  std::vector<std::optional<std::size_t>> parent_line(count);  // a new parent, as a line of the file
  for (std::size_t i = 0; i < count; ++i) {
    const PlanLine& line = file.lines[i];
    Item& item = finals[i];
    if (!OneOf(kItemKinds, item.kind) || kind_changed(i)) continue;
    if (before[i] && !file.Has("parent")) {  // the item keeps its parent
      if (item.parent_id) {
        const auto found = item_of_id.find(*item.parent_id);
        parents[i] = found == item_of_id.end() ? ParentFacts{} : facts_of_item(found->second);
      }
      continue;
    }
    item.parent_id.reset();
    if (ParentKindOf(item.kind).empty()) {  // an objective: any parent given is one too many
      if (!line.parent.empty()) parents[i] = ParentFacts{};
      continue;
    }
    if (line.parent.empty()) {
      problem(i, "parent", "", message::kMissingParent);
      continue;
    }
    Owner parent;
    if (const auto by_line = line_of_uid.find(line.parent); by_line != line_of_uid.end()) {
      parent.line = by_line->second;
    } else if (const auto by_item = item_of_uid.find(line.parent); by_item != item_of_uid.end()) {
      parent.item = by_item->second;
    } else if (const auto by_code = owner_of_code.find(line.parent); by_code != owner_of_code.end()) {
      parent = by_code->second;
    } else {
      problem(i, "parent", line.parent, message::kUnknownParent);
      continue;
    }
    if (!parent.line) {
      parents[i] = facts_of_item(parent.item);
      item.parent_id = items[parent.item].id;
    } else {
      parents[i] = ParentFacts{true, true, finals[*parent.line].kind, false};
      if (before[*parent.line]) {
        item.parent_id = items[*before[*parent.line]].id;
      } else {
        parent_line[i] = parent.line;
      }
    }
  }

  // 4. Areas, named by scheme and code.
  for (std::size_t i = 0; i < count; ++i) {
    Item& item = finals[i];
    if (before[i] && !file.Has("areas")) continue;
    item.area_ids.clear();
    for (const std::string& area : file.lines[i].areas) {
      const auto found = area_ids.find(area);
      if (found == area_ids.end()) {
        problem(i, "areas", area, message::kUnknownArea);
      } else {
        item.area_ids.push_back(found->second);
      }
    }
    std::ranges::sort(item.area_ids);
  }

  // 5. The rules every item obeys (ItemProblems), on each item as it will be stored: the line's values merged with
  // its item's. A cell with a problem already (a date that is none, a parent that is not there) gets no second one.
  std::set<std::pair<std::size_t, std::string>, std::less<>> reported;
  for (const ImportProblem& each : plan.problems) reported.emplace(each.line, each.column);
  for (std::size_t i = 0; i < count; ++i) {
    const ItemContext item_context{.document = &facts,
                                   .stored = before[i] ? &items[*before[i]] : nullptr,
                                   .parent = parents[i],
                                   .code_taken = code_taken[i]};
    const std::size_t line = file.lines[i].line;
    ResolveSettlement(finals[i], facts);  // "гр. Лом" becomes Лом's EKATTE code
    for (core::FieldProblem& each : ItemProblems(finals[i], item_context)) {
      // The file's columns are the item's fields; the parent column names the parent as the file wrote it.
      if (reported.contains(std::pair(line, each.field))) continue;
      reported.emplace(line, each.field);
      problem(i, each.field, each.field == "parent" ? file.lines[i].parent : std::move(each.value), each.message);
    }
  }

  // 6. Links: to objectives and measures of other documents at the same or a higher level, closing no cycle with
  // the links there are and those the file adds before it.
  std::multimap<std::int64_t, std::int64_t> links = context.links;
  const auto linked = [&](std::int64_t from, std::int64_t to) {
    for (auto [it, end] = links.equal_range(from); it != end; ++it) {
      if (it->second == to) return true;
    }
    return false;
  };
  std::vector<std::vector<ItemReference>> new_links(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& kind = finals[i].kind;
    if (!OneOf(kItemKinds, kind)) continue;
    for (const std::string& uid : file.lines[i].implements) {
      if (kind == "activity") {
        problem(i, "implements", uid, message::kActivityLink);
        continue;
      }
      if (line_of_uid.contains(uid) || item_of_uid.contains(uid)) {
        problem(i, "implements", uid, message::kLinkLevel);  // an item of this document
        continue;
      }
      const auto found = elsewhere.find(uid);
      if (found == elsewhere.end()) {
        problem(i, "implements", uid,
                withdrawn.contains(uid) ? message::kWithdrawnImplements : message::kUnknownImplements);
        continue;
      }
      const ItemReference& higher = *found->second;
      if (higher.kind == "activity") {
        problem(i, "implements", uid, message::kActivityLink);
        continue;
      }
      if (higher.level > context.document.level) {
        problem(i, "implements", uid, message::kLinkLevel);
        continue;
      }
      if (before[i]) {
        // A new item has no links yet and nothing links to it: only an existing one can close a cycle.
        const std::int64_t from = items[*before[i]].id;
        if (linked(from, higher.id)) continue;
        if (WouldCloseCycle(links, from, higher.id)) {
          problem(i, "implements", uid, message::kCycle);
          continue;
        }
        links.emplace(from, higher.id);
      }
      new_links[i].push_back(higher);
    }
  }

  if (!plan.problems.empty()) {
    std::ranges::stable_sort(plan.problems, {}, &ImportProblem::line);
    // A column as the file writes it: "Вид", not "kind" (a column it leaves out, by its code).
    for (ImportProblem& each : plan.problems) {
      if (const auto written = file.headers.find(each.column); written != file.headers.end()) {
        each.column = written->second;
      }
    }
    // Each problem of a row names the row as officials do, by its code (and uid), besides its line.
    std::map<std::size_t, const Item*> row_of_line;  // each line's item as it would be stored (its code, its uid)
    for (std::size_t i = 0; i < count; ++i) row_of_line.emplace(file.lines[i].line, &finals[i]);
    for (ImportProblem& each : plan.problems) {
      const auto row = row_of_line.find(each.line);
      if (row == row_of_line.end()) continue;
      each.code = row->second->code;
      each.uid = row->second->uid;
    }
    return plan;
  }

  // 7. Parents before children, so that a new parent has its id before its children are stored.
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::ranges::stable_sort(order, {}, [&](std::size_t i) { return KindRank(finals[i].kind); });
  std::vector<std::size_t> planned_index(count);
  plan.items.reserve(count);
  for (const std::size_t i : order) {
    planned_index[i] = plan.items.size();
    PlannedItem planned;
    planned.line = file.lines[i].line;
    planned.before = before[i];
    if (parent_line[i]) planned.new_parent = planned_index[*parent_line[i]];
    planned.new_links = std::move(new_links[i]);
    if (!before[i]) {
      planned.action = ImportAction::kCreate;
    } else if (planned.new_links.empty() && !parent_line[i] && SameItem(items[*before[i]], finals[i])) {
      planned.action = ImportAction::kKeep;
    } else {
      planned.action = ImportAction::kChange;
    }
    planned.item = std::move(finals[i]);
    plan.items.push_back(std::move(planned));
  }
  return plan;
}

}  // namespace policies
