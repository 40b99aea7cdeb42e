#pragma once
// What an IATI activities file becomes in Khetane (issue 17): its programmes and their projects, before anything is
// stored. An activity is a programme when the file makes it one (hierarchy 1, or it names children); an activity that
// names a parent (related-activity of type 1) is a project of that programme; an activity that is neither is a project
// of the programme the importer names. Amounts become whole cents of their currency. What cannot be taken is a
// problem naming the activity's line and identifier; the import then stores nothing. No SQL here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/programmes/iati_activities.hpp"

namespace programmes {

enum class ProjectStatus { kPipeline, kImplementation, kFinalisation, kClosed, kCancelled, kSuspended };

// IATI's ActivityStatus code → Khetane's status; nullopt for a code outside the codelist.
std::optional<ProjectStatus> StatusOfIati(std::string_view code);
std::string_view CodeOf(ProjectStatus status);  // "implementation": what the store keeps
std::optional<ProjectStatus> StatusOfCode(std::string_view code);
std::string_view IatiCodeOf(ProjectStatus status);  // "2"

// A decimal as IATI writes it ("1500000.5", "-20", "0.125") in whole cents, rounded half away from zero; nullopt for
// anything else or an amount beyond ±90 trillion.
std::optional<std::int64_t> CentsOf(std::string_view decimal);

struct Money {
  std::int64_t cents = 0;
  std::string currency;  // ISO 4217
  bool operator==(const Money&) const = default;
};

// A partner of a project: IATI's participating organisation, its role (funding, accountable, extending,
// implementing) and its kind from the OrganisationType codelist (government, local government, NGO, academic …).
struct Partner {
  std::string name;
  std::string ref;
  std::string role;  // "funding", "accountable", "extending", "implementing"
  std::string kind;  // "government", "local_government", "ngo", "academic", "private", "multilateral", "other"
};

struct Budget {
  std::string period_start;
  std::string period_end;
  Money amount;
  bool committed = false;  // BudgetStatus 2; otherwise indicative
};

struct Transaction {
  std::string kind;  // "incoming", "commitment", "disbursement", "expenditure", "other"
  std::string day;
  Money amount;
  std::string description;
};

struct ImportedProject {
  std::size_t line = 0;
  std::string iati_identifier;
  std::string programme_identifier;
  std::vector<IatiNarrative> title;
  std::vector<IatiNarrative> description;
  ProjectStatus status = ProjectStatus::kImplementation;
  std::string planned_start, planned_end, actual_start, actual_end;
  std::vector<Partner> partners;
  std::vector<Budget> budgets;
  std::vector<Transaction> transactions;
  std::vector<IatiResult> results;  // indicators, baselines, periods, targets and actuals as the file has them
  std::string currency;             // the activity's default
  std::string municipality_code;    // the beneficiary municipality, when Khetane recognises it among the partners
  std::vector<std::string> recipient_countries;  // ISO 3166-1 alpha-2, as the file says
};

struct ImportedProgramme {
  std::size_t line = 0;
  std::string iati_identifier;
  std::vector<IatiNarrative> title;
  std::vector<IatiNarrative> description;
  std::string donor;      // the funding organisation's name, else the reporting organisation's
  std::string operator_;  // the accountable or extending organisation's name
  std::string currency;
  std::optional<Money> budget;  // the sum of its budgets when all are in its currency
  std::string period_start, period_end;
  std::vector<IatiResult> results;  // the programme's results framework
};

// Why an activity cannot be imported: `message` is a msgid; the line and the activity's identifier are data.
struct ImportProblem {
  std::size_t line = 0;
  std::string identifier;
  std::string message;
  std::string value;  // what the file says, where the message is about a value
  bool operator==(const ImportProblem&) const = default;
};

struct IatiImport {
  std::vector<ImportedProgramme> programmes;
  std::vector<ImportedProject> projects;
  std::vector<ImportProblem> problems;
};

// The messages of ImportProblem.
namespace import_message {
inline constexpr std::string_view kNoProgramme =
    "The activity is neither a programme nor a project of one: it names no parent (related-activity of type 1). Name "
    "the programme its projects belong to.";
inline constexpr std::string_view kTwice = "The file holds this activity twice.";
inline constexpr std::string_view kNoCurrency = "The amount has no currency: neither its own nor the activity's.";
inline constexpr std::string_view kNotAnAmount = "The amount is not a number Khetane can keep.";
inline constexpr std::string_view kUnknownStatus = "The activity's status is not in the IATI ActivityStatus codelist.";
}  // namespace import_message

// What a programme and its projects are in IATI again (the export): the programme an activity of hierarchy 1 naming
// its projects as children, each project of hierarchy 2 naming the programme as parent, amounts as decimals. A
// transaction kept as "other" (interest, loan repayments, pledges …) is left out: it has no one IATI code to go back
// to. `reporting` is the organisation that publishes the file; `last_updated` an ISO 8601 instant.
std::vector<IatiActivity> ActivitiesOf(const IatiImport& programme, const IatiOrganisation& reporting,
                                       const std::string& last_updated);

// `programme_for_the_rest`: the IATI identifier of the programme that activities with neither parent nor children
// belong to (one in the file or one already stored); "" when the importer named none.
IatiImport PlanIatiImport(const std::vector<IatiActivity>& activities, const std::string& programme_for_the_rest);

}  // namespace programmes
