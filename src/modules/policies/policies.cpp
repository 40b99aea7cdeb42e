#include "modules/policies/policies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>

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
    Named{"planned", "Planned"},
    Named{"in_progress", "In progress"},
    Named{"completed", "Completed"},
    Named{"delayed", "Delayed"},
    Named{"cancelled", "Cancelled"},
    Named{"municipal", "Municipal budget"},
    Named{"esf_plus", "ESF+"},
    Named{"erdf", "ERDF"},
    Named{"eea_norway", "EEA and Norway grants"},
    Named{"swiss", "Swiss–Bulgarian programme"},
    Named{"other", "Other source"},
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
std::string_view FundingSourceTitle(std::string_view source) { return TitleOf(source); }

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

core::Result<Item> CheckItem(Item item) {
  const auto trim = [](std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    text = first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  };
  for (std::string* text : {&item.title, &item.title_en, &item.code, &item.responsible, &item.partners,
                            &item.target_group, &item.expected_result, &item.settlement_ekatte}) {
    trim(*text);
    if (!core::IsValidUtf8(*text)) return core::Error::InvalidInput("The text is not valid UTF-8.");
  }
  if (item.title.empty()) return core::Error::InvalidInput(std::string(rule_message::kWriteTitle));
  if (item.title.size() > 2000 || item.description.size() > 20000) {
    return core::Error::InvalidInput(std::string(rule_message::kTooLong));
  }
  if (!OneOf(kItemKinds, item.kind)) return core::Error::InvalidInput(std::string(rule_message::kUnknownKind));
  if (!item.official_status.empty() && !OneOf(kOfficialStatuses, item.official_status)) {
    return core::Error::InvalidInput(std::string(rule_message::kUnknownStatus));
  }
  for (std::string* date : {&item.start_date, &item.end_date, &item.deadline}) {
    const auto normalised = NormaliseDate(*date);
    if (!normalised) return core::Error::InvalidInput(std::string(rule_message::kNotADate));
    *date = *normalised;
  }
  if (!item.start_date.empty() && !item.end_date.empty() && item.end_date < item.start_date) {
    return core::Error::InvalidInput(std::string(rule_message::kEndBeforeStart));
  }
  if (item.progress && (*item.progress < 0 || *item.progress > 100)) {
    return core::Error::InvalidInput(std::string(rule_message::kProgressRange));
  }
  if (item.beneficiaries && *item.beneficiaries < 0) {
    return core::Error::InvalidInput(std::string(rule_message::kBeneficiariesNegative));
  }
  for (const Budget& budget : item.budgets) {
    if (!OneOf(kFundingSources, budget.source)) return core::Error::InvalidInput("Unknown funding source.");
    if (budget.planned_cents < 0 || budget.secured_cents < 0 || budget.spent_cents < 0) {
      return core::Error::InvalidInput(std::string(rule_message::kNegativeAmount));
    }
  }
  return item;
}

std::optional<double> RollUp(const std::vector<std::pair<std::optional<double>, std::int64_t>>& children,
                             std::string_view rule) {
  double sum = 0, weights = 0;
  std::size_t reporting = 0;
  for (const auto& [progress, weight] : children) {
    if (!progress) continue;
    ++reporting;
    if (rule == "budget" && weight > 0) {
      sum += *progress * static_cast<double>(weight);
      weights += static_cast<double>(weight);
    }
  }
  if (reporting == 0) return std::nullopt;
  if (weights > 0) return sum / weights;
  // Equal weights, or a budget rule where no reporting child has a budget.
  for (const auto& [progress, weight] : children) {
    if (progress) sum += *progress;
  }
  return sum / static_cast<double>(reporting);
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
