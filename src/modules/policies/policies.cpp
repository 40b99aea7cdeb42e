#include "modules/policies/policies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <limits>

#include "core/money.hpp"
#include "core/text.hpp"

namespace policies {
namespace {

struct Named {
  std::string_view name;
  std::string_view title;
};

constexpr std::array kLevels = {Named{"eu", "European Union"}, Named{"national", "National"},
                                Named{"regional", "Regional"}, Named{"municipal", "Municipal"},
                                Named{"project", "Project"}};

// In the order of NoProgress: the API's name, and the pages' msgid.
constexpr std::array kNoProgress = {
    Named{"nothing_reported", "not reported"},
    Named{"no_planned_budget", "cannot be weighted: nothing that reported has a planned budget"}};

constexpr std::array kTitles = {
    Named{"framework", "Framework"},
    Named{"strategy", "Strategy"},
    Named{"action_plan", "Action plan"},
    Named{"programme", "Programme"},
    Named{"objective", "Objective"},
    Named{"measure", "Measure"},
    Named{"activity", "Activity"},
    Named{"draft", "Draft"},
    Named{"in_consultation", "In consultation"},
    Named{"adopted", "Adopted"},
    Named{"superseded", "Superseded"},
    Named{"planned",
          "Not started"},  // the code the database's CHECK names; "not_started" is read as it (NormaliseItem)
    Named{"in_progress", "In progress"},
    Named{"completed", "Completed"},
    Named{"delayed", "Delayed"},
    Named{"cancelled", "Cancelled"},
};

std::string_view TitleOf(std::string_view name) {
  for (const Named& each : kTitles) {
    if (each.name == name) return each.title;
  }
  return name;
}

template <std::size_t N>
bool OneOf(const std::string_view (&names)[N], std::string_view value) {
  return std::find(std::begin(names), std::end(names), value) != std::end(names);
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Trimmed(std::string_view text) { return core::TrimSpaces(text); }

using core::CountCharacters;
using core::Shortened;

bool ValidUid(std::string_view uid) {
  return uid.size() <= kMaxUidLength && std::all_of(uid.begin(), uid.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == '.';
         });
}

}  // namespace

std::string_view LevelName(Level level) { return kLevels[static_cast<std::size_t>(level)].name; }

std::optional<Level> LevelFromName(std::string_view name) {
  for (std::size_t i = 0; i < kLevels.size(); ++i) {
    if (kLevels[i].name == name) return static_cast<Level>(i);
  }
  return std::nullopt;
}

std::string_view LevelTitle(Level level) { return kLevels[static_cast<std::size_t>(level)].title; }

const std::vector<Level>& AllLevels() {
  static const std::vector<Level> levels = {Level::kEu, Level::kNational, Level::kRegional, Level::kMunicipal,
                                            Level::kProject};
  return levels;
}

std::string_view KindTitle(std::string_view kind) { return TitleOf(kind); }
std::string_view StatusTitle(std::string_view status) { return TitleOf(status); }

std::string_view FieldTitle(std::string_view field) {
  static constexpr std::array kFields = {
      Named{"level", "Level"},
      Named{"kind", "Kind"},
      Named{"title", "Title"},
      Named{"title_en", "Title in English"},
      Named{"period", "Period"},
      Named{"oblast", "Oblast"},
      Named{"municipality", "Municipality"},
      Named{"status", "Status"},
      Named{"adopted_by", "Adopted by"},
      Named{"decision_number", "Decision number"},
      Named{"decision_date", "Decision date"},
      Named{"source_url", "Source"},
      Named{"implements_document", "Implements the document"},
      Named{"progress_rule", "How progress adds up"},
      Named{"currency", "Currency"},
      Named{"areas", "Priority areas"},
      Named{"parent", "Belongs to"},
      Named{"code", "Number"},
      Named{"description", "Description"},
      Named{"responsible", "Responsible institution"},
      Named{"partners", "Partners"},
      Named{"target_group", "Target group"},
      Named{"settlement", "Settlement"},
      Named{"start", "Start"},
      Named{"end", "End"},
      Named{"deadline", "Deadline"},
      Named{"beneficiaries", "Beneficiaries"},
      Named{"expected_result", "Expected result"},
      Named{"official_status", "Official status"},
      Named{"progress", "Progress"},
      Named{"budgets", "Budget (planned / secured / spent)"},
      Named{"implements", "Implements"},
      Named{"from_document", "Copied from document"},
      Named{"withdrawn", "Why it was withdrawn"},
  };
  for (const Named& each : kFields) {
    if (each.name == field) return each.title;
  }
  return field;
}

std::string_view ActionTitle(std::string_view action) {
  static constexpr std::array kActions = {Named{"created", "Created"},
                                          Named{"changed", "Changed"},
                                          Named{"linked", "Linked"},
                                          Named{"unlinked", "Unlinked"},
                                          Named{"imported", "Imported"},
                                          Named{"carried_over", "Carried over"},
                                          Named{"withdrawn", "Withdrawn from the plan"},
                                          Named{"restored", "Restored to the plan"}};
  for (const Named& each : kActions) {
    if (each.name == action) return each.title;
  }
  return action;
}

std::optional<std::string> NormaliseDate(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::string();
  std::string_view year, month, day;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
  } else if (text.size() == 10 && text[2] == '.' && text[5] == '.') {
    day = text.substr(0, 2), month = text.substr(3, 2), year = text.substr(6, 4);
  } else {
    return std::nullopt;
  }
  if (!AllDigits(year) || !AllDigits(month) || !AllDigits(day)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(std::stoi(std::string(year))),
                                         std::chrono::month(static_cast<unsigned>(std::stoi(std::string(month)))),
                                         std::chrono::day(static_cast<unsigned>(std::stoi(std::string(day))))};
  if (!date.ok()) return std::nullopt;
  return fmt::format("{}-{}-{}", year, month, day);
}

std::optional<std::int64_t> ParseAmount(std::string_view text) {
  std::string digits;  // without spaces (thousands) and with '.' for the decimal separator
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') continue;
    if (text.substr(i, 2) == "\xc2\xa0") {  // a no-break space in UTF-8, as Bulgarian number formats write
      ++i;
      continue;
    }
    digits += text[i] == ',' ? '.' : text[i];
  }
  if (digits.empty()) return 0;
  const auto point = digits.find('.');
  const std::string whole = digits.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  if (!AllDigits(whole) || whole.size() > 13) return std::nullopt;
  if (point != std::string::npos && (fraction.empty() || fraction.size() > 2 || !AllDigits(fraction))) {
    return std::nullopt;
  }
  fraction.resize(2, '0');
  return std::stoll(whole) * 100 + std::stoll(fraction);
}

std::string FormatAmount(std::int64_t cents) {
  const std::uint64_t magnitude = cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

std::optional<std::int64_t> AmountOf(const Budget& budget, std::size_t index) {
  switch (index) {
    case 0:
      return budget.planned_cents;
    case 1:
      return budget.secured_cents;
    default:
      return budget.spent_cents;
  }
}

void SetAmount(Budget& budget, std::size_t index, std::optional<std::int64_t> cents) {
  switch (index) {
    case 0:
      budget.planned_cents = cents.value_or(0);
      break;
    case 1:
      budget.secured_cents = cents;
      break;
    default:
      budget.spent_cents = cents;
      break;
  }
}

std::string FormatAmount(const std::optional<std::int64_t>& cents) { return cents ? FormatAmount(*cents) : ""; }

std::string AmountField(std::string_view source, std::string_view amount) {
  return fmt::format("{}_{}", source, amount);
}

std::vector<core::FieldProblem> FundingSourceProblems(const FundingSource& source,
                                                      const std::vector<FundingSource>& existing) {
  std::vector<core::FieldProblem> problems;
  const std::string_view code = source.code;
  const bool letters =
      !code.empty() && code.size() <= kMaxFundingSourceCode && code[0] >= 'a' && code[0] <= 'z' &&
      std::ranges::all_of(code, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
  if (!letters) {
    problems.push_back({"code", std::string(rule_message::kBadFundingSourceCode), source.code});
  } else if (code == "all") {
    problems.push_back({"code", std::string(rule_message::kFundingSourceCodeReserved), source.code});
  } else if (std::ranges::find(existing, code, &FundingSource::code) != existing.end()) {
    problems.push_back({"code", std::string(rule_message::kFundingSourceCodeTaken), source.code});
  }
  for (const auto& [field, name] : {std::pair{"name_bg", &source.name_bg}, std::pair{"name_en", &source.name_en}}) {
    if (!core::IsStorableText(*name)) {
      problems.push_back({field, std::string(rule_message::kNotUtf8), ""});
    } else if (name->empty()) {
      problems.push_back({field, std::string(rule_message::kWriteFundingSourceName), ""});
    } else if (CountCharacters(*name) > kMaxFundingSourceName) {
      problems.push_back({field, std::string(rule_message::kTooLongFundingSourceName), Shortened(*name)});
    }
  }
  return problems;
}

std::string_view ParentKindOf(std::string_view kind) {
  if (kind == "measure") return "objective";
  if (kind == "activity") return "measure";
  return "";
}

Item NormaliseItem(Item item) {
  for (std::string* text : {&item.uid, &item.title, &item.title_en, &item.code, &item.responsible, &item.partners,
                            &item.target_group, &item.expected_result, &item.settlement_ekatte}) {
    *text = Trimmed(*text);
  }
  for (std::string* date : {&item.start_date, &item.end_date, &item.deadline}) {
    if (auto normalised = NormaliseDate(*date)) *date = std::move(*normalised);
  }
  item.official_status = Trimmed(item.official_status);
  // The status's name, written as a code; the database's CHECK (migration 0009) knows it as "planned".
  if (item.official_status == "not_started") item.official_status = "planned";
  return item;
}

std::vector<const SettlementName*> SettlementsNamed(std::string_view written,
                                                    const std::vector<SettlementName>& settlements) {
  std::vector<const SettlementName*> found;
  for (const SettlementName& each : settlements) {
    if (each.ekatte == written) return {&each};
  }
  // "гр. Лом" → "gr lom": the kind, when written, is the first word of the key.
  std::string key = core::SearchKey(written);
  std::string_view kind;
  static constexpr std::pair<std::string_view, std::string_view> kKindWords[] = {{"gr", "city"},
                                                                                 {"grad", "city"},
                                                                                 {"town", "city"},
                                                                                 {"city", "city"},
                                                                                 {"s", "village"},
                                                                                 {"selo", "village"},
                                                                                 {"village", "village"},
                                                                                 {"man", "monastery"},
                                                                                 {"manastir", "monastery"},
                                                                                 {"monastery", "monastery"}};
  for (const auto& [word, meaning] : kKindWords) {
    if (key.size() > word.size() && key.starts_with(word) && key[word.size()] == ' ') {
      key.erase(0, word.size() + 1);
      kind = meaning;
      break;
    }
  }
  if (key.empty()) return found;
  for (const SettlementName& each : settlements) {
    if (!kind.empty() && each.kind != kind) continue;
    if (core::SearchKey(each.name_bg) == key || core::SearchKey(each.name_en) == key) found.push_back(&each);
  }
  return found;
}

void ResolveSettlement(Item& item, const DocumentFacts& facts) {
  if (item.settlement_ekatte.empty() || facts.settlements.contains(item.settlement_ekatte)) return;
  const auto named = SettlementsNamed(item.settlement_ekatte, facts.settlement_names);
  if (named.size() == 1) item.settlement_ekatte = named.front()->ekatte;
}

std::vector<core::FieldProblem> BudgetWarnings(const Item& item) {
  std::vector<core::FieldProblem> warnings;
  for (const Budget& budget : item.budgets) {
    const std::string field = AmountField(budget.source, kAmountNames[2]);
    if (!budget.spent_cents) continue;
    if (*budget.spent_cents > budget.planned_cents) {
      warnings.push_back({field, std::string(rule_message::kSpentAbovePlanned), FormatAmount(budget.spent_cents)});
    } else if (budget.secured_cents && *budget.spent_cents > *budget.secured_cents) {
      warnings.push_back({field, std::string(rule_message::kSpentAboveSecured), FormatAmount(budget.spent_cents)});
    }
  }
  return warnings;
}

std::vector<core::FieldProblem> ItemProblems(const Item& item, const ItemContext& context) {
  std::vector<core::FieldProblem> problems;
  const auto problem = [&](std::string_view field, std::string_view message, std::string value) {
    problems.push_back({std::string(field), std::string(message), std::move(value)});
  };

  // Texts: storable (PostgreSQL refuses a NUL), then the title, then the limits.
  const std::pair<std::string_view, const std::string*> texts[] = {{"uid", &item.uid},
                                                                   {"code", &item.code},
                                                                   {"title", &item.title},
                                                                   {"title_en", &item.title_en},
                                                                   {"description", &item.description},
                                                                   {"responsible", &item.responsible},
                                                                   {"partners", &item.partners},
                                                                   {"target_group", &item.target_group},
                                                                   {"settlement", &item.settlement_ekatte},
                                                                   {"expected_result", &item.expected_result}};
  for (const auto& [field, text] : texts) {
    if (!core::IsStorableText(*text)) problem(field, rule_message::kNotUtf8, "");
  }
  for (const Target& target : item.targets) {
    if (!core::IsStorableText(target.text_bg) || !core::IsStorableText(target.text_en))
      problem("targets", rule_message::kNotUtf8, "");
  }
  if (item.title.empty()) problem("title", rule_message::kWriteTitle, "");
  for (const auto& [field, text] : texts) {
    const bool short_text = field == "code" || field == "title" || field == "title_en";
    if (field != "uid" && field != "settlement" &&
        CountCharacters(*text) > (short_text ? kMaxTitleCharacters : kMaxTextCharacters)) {
      problem(field, short_text ? rule_message::kTooLongTitle : rule_message::kTooLongText, Shortened(*text));
    }
  }

  if (!OneOf(kItemKinds, item.kind)) problem("kind", rule_message::kUnknownKind, item.kind);
  if (!item.official_status.empty() && !OneOf(kOfficialStatuses, item.official_status)) {
    problem("official_status", rule_message::kUnknownStatus, item.official_status);
  }

  // Dates are compared as dates, whichever way they are written.
  const auto start = NormaliseDate(item.start_date);
  const auto end = NormaliseDate(item.end_date);
  if (!start) problem("start", rule_message::kNotADate, item.start_date);
  if (!end) problem("end", rule_message::kNotADate, item.end_date);
  if (!NormaliseDate(item.deadline)) problem("deadline", rule_message::kNotADate, item.deadline);
  if (start && end && !start->empty() && !end->empty() && *end < *start) {
    problem("end", rule_message::kEndBeforeStart, item.end_date);
  }

  if (item.beneficiaries && *item.beneficiaries < 0) {
    problem("beneficiaries", rule_message::kBeneficiariesNegative, std::to_string(*item.beneficiaries));
  }
  if (item.progress && (*item.progress < 0 || *item.progress > 100)) {
    problem("progress", rule_message::kProgressRange, std::to_string(*item.progress));
  }

  // Budgets: one per known source, each amount from 0 to what an amount field can hold.
  std::set<std::string_view> sources;
  for (const Budget& budget : item.budgets) {
    if (context.document && !context.document->funding_sources.contains(budget.source)) {
      problem("budgets", rule_message::kUnknownFundingSource, budget.source);
      continue;
    }
    if (!sources.insert(budget.source).second) {
      problem("budgets", rule_message::kRepeatedFundingSource, budget.source);
      continue;
    }
    const std::pair<std::string_view, std::int64_t> amounts[] = {{kAmountNames[0], budget.planned_cents},
                                                                 {kAmountNames[1], budget.secured_cents.value_or(0)},
                                                                 {kAmountNames[2], budget.spent_cents.value_or(0)}};
    for (const auto& [amount, cents] : amounts) {
      if (cents < 0) {
        problem(AmountField(budget.source, amount), rule_message::kNegativeAmount, FormatAmount(cents));
      } else if (cents > kMaxAmountCents) {
        problem(AmountField(budget.source, amount), rule_message::kAmountTooLarge, FormatAmount(cents));
      }
    }
    // Spending more than ten times what was planned or secured is a typing mistake (a decimal mark lost), not
    // overspending: BudgetWarnings flags what is less.
    const std::int64_t expected = std::max(budget.planned_cents, budget.secured_cents.value_or(0));
    if (expected > 0 && budget.spent_cents.value_or(0) > kSpentMistakeFactor * expected) {
      problem(AmountField(budget.source, kAmountNames[2]), rule_message::kSpentFarBeyondPlan,
              FormatAmount(budget.spent_cents));
    }
  }

  if (!item.uid.empty() && !ValidUid(item.uid)) problem("uid", rule_message::kBadUid, item.uid);

  if (!context.document) return problems;
  const DocumentFacts& document = *context.document;

  // An item keeps its kind: its children's kind and its uid's first letter follow from it.
  const bool known_kind = OneOf(kItemKinds, item.kind);
  const bool kind_changed = known_kind && context.stored && context.stored->kind != item.kind;
  if (kind_changed) problem("kind", rule_message::kKindChanged, item.kind);

  // The tree: objective, measure, activity, each under one of the kind above in the same document.
  if (known_kind && !kind_changed) {
    const std::string_view parent_kind = ParentKindOf(item.kind);
    if (parent_kind.empty()) {
      if (context.parent) problem("parent", rule_message::kObjectiveWithParent, "");
    } else if (!context.parent) {
      problem("parent",
              item.kind == "measure" ? rule_message::kMeasureWithoutParent : rule_message::kActivityWithoutParent, "");
    } else if (!context.parent->found || !context.parent->in_document || context.parent->kind != parent_kind) {
      problem("parent", rule_message::kWrongParent, "");
    } else if (context.parent->withdrawn) {
      problem("parent", rule_message::kParentWithdrawn, "");
    }
  }

  if (!item.settlement_ekatte.empty() && !document.settlements.contains(item.settlement_ekatte)) {
    const auto named = SettlementsNamed(item.settlement_ekatte, document.settlement_names);
    if (named.size() > 1) {
      std::string candidates;  // what to choose from, in the value: "с. Лом (12345); гр. Лом (44238)"
      for (const SettlementName* each : named) {
        candidates += fmt::format("{}{} ({})", candidates.empty() ? "" : "; ", each->name_bg, each->ekatte);
      }
      problem("settlement", rule_message::kSettlementAmbiguous, candidates);
    } else {
      problem("settlement", rule_message::kSettlementElsewhere, item.settlement_ekatte);
    }
  }
  // An import finds a parent by its code too: two items with one code could not go out and come back in.
  if (!item.code.empty() && context.code_taken) problem("code", rule_message::kRepeatedCode, item.code);
  for (const std::int64_t area : item.area_ids) {
    if (!document.area_ids.contains(area)) problem("areas", rule_message::kUnknownArea, std::to_string(area));
  }
  return problems;
}

core::Result<Item> CheckItem(Item item, const ItemContext& context) {
  item = NormaliseItem(std::move(item));
  auto problems = ItemProblems(item, context);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  return item;
}

Document NormaliseDocument(Document document) {
  for (std::string* text : {&document.title, &document.title_en, &document.adopted_by, &document.decision_number,
                            &document.source_url, &document.oblast_code, &document.municipality_code}) {
    *text = Trimmed(*text);
  }
  if (auto date = NormaliseDate(document.decision_date)) document.decision_date = std::move(*date);
  switch (document.level) {
    case Level::kEu:
    case Level::kNational:
      document.oblast_code.clear();
      document.municipality_code.clear();
      break;
    case Level::kRegional:
      document.municipality_code.clear();
      break;
    case Level::kMunicipal:
    case Level::kProject:
      break;
  }
  return document;
}

std::vector<core::FieldProblem> DocumentProblems(const Document& document, const DocumentContext& context) {
  namespace message = document_message;
  std::vector<core::FieldProblem> problems;
  const auto problem = [&](std::string_view field, std::string_view text, std::string value) {
    problems.push_back({std::string(field), std::string(text), std::move(value)});
  };
  const std::pair<std::string_view, const std::string*> texts[] = {{"title", &document.title},
                                                                   {"title_en", &document.title_en},
                                                                   {"adopted_by", &document.adopted_by},
                                                                   {"decision_number", &document.decision_number},
                                                                   {"source_url", &document.source_url},
                                                                   {"oblast", &document.oblast_code},
                                                                   {"municipality", &document.municipality_code}};
  for (const auto& [field, text] : texts) {
    if (!core::IsStorableText(*text)) {
      problem(field, rule_message::kNotUtf8, "");
    } else if (CountCharacters(*text) > kMaxTitleCharacters) {
      problem(field, rule_message::kTooLongTitle, Shortened(*text));
    }
  }
  if (document.title.empty()) problem("title", rule_message::kWriteTitle, "");
  if (!OneOf(kDocumentKinds, document.kind)) problem("kind", message::kChooseKind, document.kind);
  if (!OneOf(kDocumentStatuses, document.status)) problem("status", message::kChooseStatus, document.status);
  if (!OneOf(kProgressRules, document.progress_rule)) {
    problem("progress_rule", message::kChooseProgressRule, document.progress_rule);
  }
  if (!core::IsCurrency(document.currency)) problem("currency", message::kChooseCurrency, document.currency);
  if (document.period_start < 1990 || document.period_end > 2100 || document.period_end < document.period_start) {
    problem("period", message::kPeriod, fmt::format("{}–{}", document.period_start, document.period_end));
  }
  if (!NormaliseDate(document.decision_date)) {
    problem("decision_date", rule_message::kNotADate, document.decision_date);
  }
  if (!document.source_url.empty() && !document.source_url.starts_with("https://") &&
      !document.source_url.starts_with("http://")) {
    problem("source_url", message::kSourceUrl, document.source_url);
  }
  switch (document.level) {
    case Level::kEu:
    case Level::kNational:
      break;
    case Level::kRegional:
      if (!context.oblast_found) problem("oblast", message::kChooseOblast, document.oblast_code);
      break;
    case Level::kMunicipal:
    case Level::kProject:
      if (!context.municipality_oblast) {
        problem("municipality", message::kChooseMunicipality, document.municipality_code);
      }
      break;
  }
  if (document.implements_document_id &&
      (!context.implements_level || *document.implements_document_id == document.id ||
       *context.implements_level > document.level)) {
    problem("implements_document", message::kImplementsLevel, std::to_string(*document.implements_document_id));
  }
  for (const std::int64_t area : document.area_ids) {
    if (!context.area_ids.contains(area)) problem("areas", rule_message::kUnknownArea, std::to_string(area));
  }
  return problems;
}

ProgressRule ProgressRuleOf(std::string_view name) {
  return name == "budget" ? ProgressRule::kBudget : ProgressRule::kEqual;
}

std::string_view ProgressRuleMeaning(ProgressRule rule) {
  switch (rule) {
    case ProgressRule::kBudget:
      return "An item's progress is the average of the progress reported under it, each weighted by its planned "
             "budget; what reports nothing is left out, never counted as 0.";
    case ProgressRule::kEqual:
      break;
  }
  return "Each objective counts equally in the plan, each measure within its objective and each activity within its "
         "measure; what reports nothing is left out, never counted as 0.";
}

std::string_view NoProgressName(NoProgress why) { return kNoProgress[static_cast<std::size_t>(why)].name; }
std::string_view NoProgressTitle(NoProgress why) { return kNoProgress[static_cast<std::size_t>(why)].title; }

namespace {

// a + b, or the largest int64 when the sum would not fit (amounts are never negative).
std::int64_t AddAmount(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::int64_t>::max() : sum;
}

// Two amounts that may not have been reported: what was reported of them, or nothing when neither was.
std::optional<std::int64_t> AddAmount(const std::optional<std::int64_t>& a, const std::optional<std::int64_t>& b) {
  if (!a) return b;
  if (!b) return a;
  return AddAmount(*a, *b);
}

}  // namespace

void Amounts::Add(const Amounts& other) {
  planned_cents = AddAmount(planned_cents, other.planned_cents);
  secured_cents = AddAmount(secured_cents, other.secured_cents);
  spent_cents = AddAmount(spent_cents, other.spent_cents);
}

void MoneyTotals::Add(const Budget& budget) {
  const Amounts amounts{budget.planned_cents, budget.secured_cents, budget.spent_cents};
  by_source[budget.source].Add(amounts);
  all.Add(amounts);
}

void MoneyTotals::Add(const MoneyTotals& other) {
  for (const auto& [source, amounts] : other.by_source) by_source[source].Add(amounts);
  all.Add(other.all);
}

namespace {

// The figure of an item that does not report its own progress, or of the plan, from what is under it (`below`, in
// plan order) once their own figures are known. The rules are those of RollUp in policies.hpp.
void CombineBelow(RollUp& total, const std::vector<const RollUp*>& below, const std::vector<PlanNode>& nodes,
                  const std::vector<RollUp>& items, ProgressRule rule) {
  for (const RollUp* each : below) {
    total.counted.insert(total.counted.end(), each->counted.begin(), each->counted.end());
    total.not_reported.insert(total.not_reported.end(), each->not_reported.begin(), each->not_reported.end());
    total.money.Add(each->money);
  }
  double weighted = 0;
  for (const std::size_t unit : total.counted) {
    const std::int64_t weight = items[unit].money.all.planned_cents;
    total.counted_planned_cents = AddAmount(total.counted_planned_cents, weight);
    weighted += static_cast<double>(weight) * static_cast<double>(nodes[unit].progress.value_or(0));
  }
  total.progress = std::nullopt;
  total.no_progress = NoProgress::kNothingReported;
  if (total.counted.empty()) return;
  switch (rule) {
    case ProgressRule::kBudget:
      if (total.counted_planned_cents == 0) {
        total.no_progress = NoProgress::kNoPlannedBudget;
      } else {
        total.progress = weighted / static_cast<double>(total.counted_planned_cents);
      }
      return;
    case ProgressRule::kEqual: {
      double sum = 0;
      std::size_t reporting = 0;
      for (const RollUp* each : below) {
        if (!each->progress) continue;
        sum += *each->progress;
        ++reporting;
      }
      if (reporting > 0) total.progress = sum / static_cast<double>(reporting);
      return;
    }
  }
}

}  // namespace

// The one definition of a plan's progress and money (issue 22), written out with a worked example in
// docs/methodology.md. Under the budget rule every figure, an item's or the whole plan's, comes from the reporting
// units under it, never from its children's figures weighed by their whole budgets.
PlanRollUp RollUpPlan(const std::vector<PlanNode>& nodes, ProgressRule rule) {
  const std::size_t count = nodes.size();
  const auto parent_of = [&](std::size_t i) -> std::optional<std::size_t> {
    const auto parent = nodes[i].parent;
    return parent && *parent < i ? parent : std::nullopt;
  };
  std::vector<std::vector<std::size_t>> children(count);
  std::vector<std::size_t> top;
  for (std::size_t i = 0; i < count; ++i) {
    if (const auto parent = parent_of(i)) {
      children[*parent].push_back(i);
    } else {
      top.push_back(i);
    }
  }

  PlanRollUp result;
  result.items.resize(count);
  // Parents come before their children, so going backwards finds every child done before its parent.
  for (std::size_t i = count; i-- > 0;) {
    RollUp& item = result.items[i];
    std::vector<const RollUp*> below;
    below.reserve(children[i].size());
    for (const std::size_t child : children[i]) below.push_back(&result.items[child]);
    if (nodes[i].progress) {
      for (const RollUp* each : below) item.money.Add(each->money);
      item.own = true;
      item.progress = static_cast<double>(*nodes[i].progress);
      item.counted = {i};
    } else if (below.empty()) {
      item.not_reported = {i};
    } else {
      CombineBelow(item, below, nodes, result.items, rule);
    }
    if (nodes[i].budgets != nullptr) {
      for (const Budget& budget : *nodes[i].budgets) item.money.Add(budget);
    }
    // An own-reporting unit weighs with the planned budget of itself and everything under it.
    if (item.own) item.counted_planned_cents = item.money.all.planned_cents;
  }
  // Going forwards, each item learns whether an item above it reports its own progress.
  for (std::size_t i = 0; i < count; ++i) {
    const auto parent = parent_of(i);
    if (!parent) continue;
    const RollUp& above = result.items[*parent];
    if (above.reported_above) {
      result.items[i].reported_above = above.reported_above;
    } else if (above.own) {
      result.items[i].reported_above = *parent;
    }
  }
  std::vector<const RollUp*> below;
  below.reserve(top.size());
  for (const std::size_t each : top) below.push_back(&result.items[each]);
  CombineBelow(result.plan, below, nodes, result.items, rule);
  return result;
}

bool WouldCloseCycle(const std::multimap<std::int64_t, std::int64_t>& implements, std::int64_t from, std::int64_t to) {
  // A cycle appears when `from` can already be reached going up from `to`.
  std::set<std::int64_t> seen{to};
  std::deque<std::int64_t> queue{to};
  while (!queue.empty()) {
    const std::int64_t at = queue.front();
    queue.pop_front();
    if (at == from) return true;
    for (auto [it, end] = implements.equal_range(at); it != end; ++it) {
      if (seen.insert(it->second).second) queue.push_back(it->second);
    }
  }
  return false;
}

}  // namespace policies
