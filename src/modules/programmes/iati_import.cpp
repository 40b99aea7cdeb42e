#include "modules/programmes/iati_import.hpp"

#include <limits>
#include <map>
#include <set>
#include <utility>

namespace programmes {
namespace {

// Each status with what the store keeps and IATI's ActivityStatus code.
struct StatusCodes {
  ProjectStatus status;
  std::string_view code;
  std::string_view iati;
};
constexpr StatusCodes kStatuses[] = {
    {ProjectStatus::kPipeline, "pipeline", "1"},         {ProjectStatus::kImplementation, "implementation", "2"},
    {ProjectStatus::kFinalisation, "finalisation", "3"}, {ProjectStatus::kClosed, "closed", "4"},
    {ProjectStatus::kCancelled, "cancelled", "5"},       {ProjectStatus::kSuspended, "suspended", "6"},
};

const StatusCodes& CodesOf(ProjectStatus status) {
  for (const StatusCodes& codes : kStatuses) {
    if (codes.status == status) return codes;
  }
  return kStatuses[1];
}

constexpr std::int64_t kMaxCents = 9'000'000'000'000'000;  // 90 trillion: far beyond any budget, far below overflow

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string RoleOf(std::string_view code) {
  if (code == "1") return "funding";
  if (code == "2") return "accountable";
  if (code == "3") return "extending";
  if (code == "4") return "implementing";
  return "implementing";
}

std::string KindOf(std::string_view type) {
  if (type == "10" || type == "15") return "government";
  if (type == "11") return "local_government";
  if (type == "21" || type == "22" || type == "23" || type == "24" || type == "60") return "ngo";
  if (type == "30" || type == "70" || type == "71" || type == "72" || type == "73") return "private";
  if (type == "40") return "multilateral";
  if (type == "80") return "academic";
  return "other";
}

std::string TransactionKindOf(std::string_view code) {
  if (code == "1" || code == "11") return "incoming";
  if (code == "2") return "commitment";
  if (code == "3") return "disbursement";
  if (code == "4") return "expenditure";
  return "other";
}

std::string NameOf(const IatiOrganisation& organisation, const std::string& language) {
  const std::string name = NarrativeIn(organisation.name, language);
  return name.empty() ? organisation.ref : name;
}

// Takes the activity's amounts apart into `money`, or says why not.
class Amounts {
 public:
  Amounts(const IatiActivity& activity, std::vector<ImportProblem>& problems)
      : activity_(activity), problems_(problems) {}

  std::optional<Money> Of(const IatiAmount& amount, std::size_t line) {
    const std::string& currency = amount.currency.empty() ? activity_.default_currency : amount.currency;
    if (currency.empty()) {
      problems_.push_back({line, activity_.identifier, std::string(import_message::kNoCurrency), amount.value});
      return std::nullopt;
    }
    const auto cents = CentsOf(amount.value);
    if (!cents) {
      problems_.push_back({line, activity_.identifier, std::string(import_message::kNotAnAmount), amount.value});
      return std::nullopt;
    }
    return Money{*cents, currency};
  }

 private:
  const IatiActivity& activity_;
  std::vector<ImportProblem>& problems_;
};

ImportedProgramme ProgrammeOf(const IatiActivity& activity, std::vector<ImportProblem>& problems) {
  ImportedProgramme programme;
  programme.line = activity.line;
  programme.iati_identifier = activity.identifier;
  programme.title = activity.title;
  programme.description = activity.description;
  programme.currency = activity.default_currency;
  programme.period_start = activity.actual_start.empty() ? activity.planned_start : activity.actual_start;
  programme.period_end = activity.actual_end.empty() ? activity.planned_end : activity.actual_end;
  programme.results = activity.results;
  programme.donor = NameOf(activity.reporting_org, activity.default_language);
  for (const IatiOrganisation& participant : activity.participants) {
    if (participant.role == "1") {
      programme.donor = NameOf(participant, activity.default_language);
      break;
    }
  }
  for (const char* role : {"2", "3"}) {
    for (const IatiOrganisation& participant : activity.participants) {
      if (programme.operator_.empty() && participant.role == role) {
        programme.operator_ = NameOf(participant, activity.default_language);
      }
    }
  }
  // A period's revised budget (type 2) stands for its original; the programme's budget is their sum when all are in
  // its currency.
  std::map<std::pair<std::string, std::string>, const IatiBudget*> by_period;
  for (const IatiBudget& budget : activity.budgets) {
    const IatiBudget*& kept = by_period[{budget.period_start, budget.period_end}];
    if (kept == nullptr || budget.type == "2") kept = &budget;
  }
  Amounts amounts(activity, problems);
  std::int64_t total = 0;
  bool summed = !by_period.empty();
  for (const auto& [period, budget] : by_period) {
    const auto money = amounts.Of(budget->amount, budget->line);
    if (!money || money->currency != programme.currency || total > kMaxCents - money->cents) {
      summed = false;
      continue;
    }
    total += money->cents;
  }
  if (summed) programme.budget = Money{total, programme.currency};
  return programme;
}

ImportedProject ProjectOf(const IatiActivity& activity, std::string programme, std::vector<ImportProblem>& problems) {
  ImportedProject project;
  project.line = activity.line;
  project.iati_identifier = activity.identifier;
  project.programme_identifier = std::move(programme);
  project.title = activity.title;
  project.description = activity.description;
  project.planned_start = activity.planned_start;
  project.planned_end = activity.planned_end;
  project.actual_start = activity.actual_start;
  project.actual_end = activity.actual_end;
  project.results = activity.results;
  project.currency = activity.default_currency;
  project.recipient_countries = activity.recipient_countries;
  if (const auto status = StatusOfIati(activity.status)) {
    project.status = *status;
  } else {
    problems.push_back(
        {activity.line, activity.identifier, std::string(import_message::kUnknownStatus), activity.status});
  }
  for (const IatiOrganisation& participant : activity.participants) {
    project.partners.push_back({NameOf(participant, activity.default_language), participant.ref,
                                RoleOf(participant.role), KindOf(participant.type)});
  }
  Amounts amounts(activity, problems);
  for (const IatiBudget& budget : activity.budgets) {
    if (const auto money = amounts.Of(budget.amount, budget.line)) {
      project.budgets.push_back({budget.period_start, budget.period_end, *money, budget.status == "2"});
    }
  }
  for (const IatiTransaction& transaction : activity.transactions) {
    if (const auto money = amounts.Of(transaction.amount, transaction.line)) {
      project.transactions.push_back({TransactionKindOf(transaction.type), transaction.date, *money,
                                      NarrativeIn(transaction.description, activity.default_language)});
    }
  }
  return project;
}

// "1234.5" for 123450 cents, "-0.05" for -5.
std::string DecimalOf(std::int64_t cents) {
  const bool negative = cents < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  std::string text =
      std::to_string(magnitude / 100) + "." + std::to_string(magnitude % 100 / 10) + std::to_string(magnitude % 10);
  return negative ? "-" + text : text;
}

std::string IatiRoleOf(std::string_view role) {
  if (role == "funding") return "1";
  if (role == "accountable") return "2";
  if (role == "extending") return "3";
  return "4";
}

std::string IatiTypeOf(std::string_view kind) {
  if (kind == "government") return "10";
  if (kind == "local_government") return "11";
  if (kind == "ngo") return "22";
  if (kind == "private") return "70";
  if (kind == "multilateral") return "40";
  if (kind == "academic") return "80";
  return "90";
}

// "" for "other": what the import kept as other (interest, loan repayments, pledges …) has no one code to go back to.
std::string IatiTransactionTypeOf(std::string_view kind) {
  if (kind == "incoming") return "1";
  if (kind == "commitment") return "2";
  if (kind == "disbursement") return "3";
  if (kind == "expenditure") return "4";
  return "";
}

IatiAmount AmountOf(const Money& money, const std::string& value_date) {
  return {DecimalOf(money.cents), money.currency, value_date};
}

}  // namespace

std::optional<ProjectStatus> StatusOfIati(std::string_view code) {
  for (const StatusCodes& codes : kStatuses) {
    if (codes.iati == code) return codes.status;
  }
  return std::nullopt;
}

std::optional<ProjectStatus> StatusOfCode(std::string_view code) {
  for (const StatusCodes& codes : kStatuses) {
    if (codes.code == code) return codes.status;
  }
  return std::nullopt;
}

std::string_view CodeOf(ProjectStatus status) { return CodesOf(status).code; }

std::string_view IatiCodeOf(ProjectStatus status) { return CodesOf(status).iati; }

std::optional<std::int64_t> CentsOf(std::string_view decimal) {
  const bool negative = !decimal.empty() && decimal.front() == '-';
  if (!decimal.empty() && (decimal.front() == '-' || decimal.front() == '+')) decimal.remove_prefix(1);
  const std::size_t point = decimal.find('.');
  const std::string_view whole = decimal.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : decimal.substr(point + 1);
  if (whole.empty() && fraction.empty()) return std::nullopt;
  std::int64_t cents = 0;
  for (const char c : whole) {
    if (!IsDigit(c) || cents > kMaxCents / 10) return std::nullopt;
    cents = cents * 10 + (c - '0') * 100;
    if (cents > kMaxCents) return std::nullopt;
  }
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    if (!IsDigit(fraction[i])) return std::nullopt;
  }
  if (fraction.size() >= 1) cents += (fraction[0] - '0') * 10;
  if (fraction.size() >= 2) cents += fraction[1] - '0';
  if (fraction.size() >= 3 && fraction[2] >= '5') ++cents;  // half away from zero
  if (cents > kMaxCents) return std::nullopt;
  return negative ? -cents : cents;
}

std::vector<IatiActivity> ActivitiesOf(const IatiImport& programme, const IatiOrganisation& reporting,
                                       const std::string& last_updated) {
  std::vector<IatiActivity> activities;
  for (const ImportedProgramme& stored : programme.programmes) {
    IatiActivity& activity = activities.emplace_back();
    activity.identifier = stored.iati_identifier;
    activity.hierarchy = "1";
    activity.default_currency = stored.currency;
    activity.last_updated = last_updated;
    activity.title = stored.title;
    activity.description = stored.description;
    activity.status = "2";
    activity.planned_start = stored.period_start;
    activity.planned_end = stored.period_end;
    activity.reporting_org = reporting;
    if (!stored.donor.empty()) activity.participants.push_back({"", "", "1", {{"", stored.donor}}});
    if (!stored.operator_.empty()) activity.participants.push_back({"", "", "2", {{"", stored.operator_}}});
    if (activity.participants.empty())
      activity.participants.push_back({reporting.ref, reporting.type, "2", reporting.name});
    if (stored.budget && !stored.period_start.empty() && !stored.period_end.empty()) {
      activity.budgets.push_back(
          {0, "1", "2", stored.period_start, stored.period_end, AmountOf(*stored.budget, stored.period_start)});
    }
    for (const ImportedProject& project : programme.projects) {
      if (project.programme_identifier == stored.iati_identifier) activity.children.push_back(project.iati_identifier);
    }
  }
  for (const ImportedProject& project : programme.projects) {
    IatiActivity& activity = activities.emplace_back();
    activity.identifier = project.iati_identifier;
    activity.hierarchy = "2";
    activity.parents = {project.programme_identifier};
    activity.default_currency = project.currency;
    activity.last_updated = last_updated;
    activity.title = project.title;
    activity.description = project.description;
    activity.status = std::string(IatiCodeOf(project.status));
    activity.planned_start = project.planned_start;
    activity.planned_end = project.planned_end;
    activity.actual_start = project.actual_start;
    activity.actual_end = project.actual_end;
    activity.reporting_org = reporting;
    for (const Partner& partner : project.partners) {
      activity.participants.push_back(
          {partner.ref, IatiTypeOf(partner.kind), IatiRoleOf(partner.role), {{"", partner.name}}});
    }
    if (activity.participants.empty())
      activity.participants.push_back({reporting.ref, reporting.type, "4", reporting.name});
    for (const Budget& budget : project.budgets) {
      activity.budgets.push_back({0, "1", budget.committed ? "2" : "1", budget.period_start, budget.period_end,
                                  AmountOf(budget.amount, budget.period_start)});
    }
    for (const Transaction& transaction : project.transactions) {
      const std::string type = IatiTransactionTypeOf(transaction.kind);
      if (type.empty()) continue;
      IatiTransaction& written = activity.transactions.emplace_back();
      written.type = type;
      written.date = transaction.day;
      written.amount = AmountOf(transaction.amount, transaction.day);
      if (!transaction.description.empty()) written.description = {{"", transaction.description}};
    }
    activity.results = project.results;
    activity.recipient_countries = project.recipient_countries;
  }
  return activities;
}

IatiImport PlanIatiImport(const std::vector<IatiActivity>& activities, const std::string& programme_for_the_rest) {
  IatiImport plan;
  std::set<std::string> seen;
  std::set<std::string> parents;  // identifiers other activities name as their parent
  for (const IatiActivity& activity : activities) {
    for (const std::string& parent : activity.parents) parents.insert(parent);
  }
  for (const IatiActivity& activity : activities) {
    if (!seen.insert(activity.identifier).second) {
      plan.problems.push_back({activity.line, activity.identifier, std::string(import_message::kTwice), ""});
      continue;
    }
    const bool programme = activity.parents.empty() && (activity.hierarchy == "1" || !activity.children.empty() ||
                                                        parents.contains(activity.identifier));
    if (programme) {
      plan.programmes.push_back(ProgrammeOf(activity, plan.problems));
    } else if (!activity.parents.empty()) {
      plan.projects.push_back(ProjectOf(activity, activity.parents.front(), plan.problems));
    } else if (!programme_for_the_rest.empty()) {
      plan.projects.push_back(ProjectOf(activity, programme_for_the_rest, plan.problems));
    } else {
      plan.problems.push_back({activity.line, activity.identifier, std::string(import_message::kNoProgramme), ""});
    }
  }
  return plan;
}

}  // namespace programmes
