#pragma once
// IATI 2.03 `iati-activities` files as donors publish them, read for the programmes module (issue 17): what a file
// says of each activity (identifier, titles, status, dates, organisations, budgets, transactions, results with their
// indicators, baselines, periods, targets and actuals), after the file has passed the IATI schema.
//
// The file is untrusted: larger than kMaxIatiBytes, with a document type (DOCTYPE: entities, external or expanding,
// are never read), malformed, not `iati-activities`, or refused by the schema, it gives problems with the line
// libxml2 names and no activity. Nothing is fetched from the network, the schema's imports included. No SQL here.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

typedef struct _xmlSchema xmlSchema;

namespace programmes {

// 64 MB: a donor's file of thousands of activities; a larger one is split by the publisher (IATI's registry does).
inline constexpr std::size_t kMaxIatiBytes = 64 * 1024 * 1024;

// A text in one language: IATI's <narrative xml:lang="…">; the language is "" when the narrative names none (then
// the activity's default language holds).
struct IatiNarrative {
  std::string language;
  std::string text;
  bool operator==(const IatiNarrative&) const = default;
};

struct IatiOrganisation {
  std::string ref;   // the organisation identifier, "XM-DAC-47015"
  std::string type;  // OrganisationType code
  std::string role;  // OrganisationRole code (participating-org): 1 funding, 2 accountable, 3 extending, 4 implementing
  std::vector<IatiNarrative> name;
};

// An amount as the file writes it: the value is a decimal text ("1500000.00"), the currency the element's or the
// activity's default.
struct IatiAmount {
  std::string value;
  std::string currency;
  std::string value_date;
};

struct IatiBudget {
  std::size_t line = 0;
  std::string type;    // BudgetType: 1 original, 2 revised
  std::string status;  // BudgetStatus: 1 indicative, 2 committed
  std::string period_start;
  std::string period_end;
  IatiAmount amount;
};

struct IatiTransaction {
  std::size_t line = 0;
  std::string type;  // TransactionType code: 2 commitment, 3 disbursement, 4 expenditure …
  std::string date;
  IatiAmount amount;
  std::vector<IatiNarrative> description;
};

// A target or an actual of a period: IATI 2.03 allows several of each (by dimension, by location).
struct IatiMeasure {
  std::string value;
  std::vector<std::pair<std::string, std::string>> dimensions;  // name, value
  std::vector<IatiNarrative> comment;
};

struct IatiPeriod {
  std::string start;
  std::string end;
  std::vector<IatiMeasure> targets;
  std::vector<IatiMeasure> actuals;
};

struct IatiIndicator {
  std::string measure;  // IndicatorMeasure: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative
  bool ascending = true;
  std::vector<IatiNarrative> title;
  std::vector<IatiNarrative> description;
  std::string baseline_year;
  std::string baseline_date;
  std::string baseline_value;
  std::vector<IatiPeriod> periods;
};

struct IatiResult {
  std::string type;  // ResultType: 1 output, 2 outcome, 3 impact, 9 other
  std::vector<IatiNarrative> title;
  std::vector<IatiIndicator> indicators;
};

struct IatiActivity {
  std::size_t line = 0;
  std::string identifier;
  std::string default_currency;
  std::string default_language;
  std::string last_updated;
  std::vector<IatiNarrative> title;
  std::vector<IatiNarrative> description;
  std::string status;  // ActivityStatus code: 1 pipeline, 2 implementation, 3 finalisation, 4 closed …
  std::string planned_start;
  std::string actual_start;
  std::string planned_end;
  std::string actual_end;
  IatiOrganisation reporting_org;
  std::vector<IatiOrganisation> participants;
  std::string hierarchy;  // "1" a programme over its children, "2" one of them; "" when the file says nothing
  std::vector<std::string> parents;   // related-activity of type 1: the identifiers of the activity's parents
  std::vector<std::string> children;  // related-activity of type 2
  std::vector<std::string> recipient_countries;  // ISO 3166-1 alpha-2
  std::vector<IatiBudget> budgets;
  std::vector<IatiTransaction> transactions;
  std::vector<IatiResult> results;
};

// Where a file is wrong: the line (0: the file as a whole) and libxml2's or Khetane's words.
struct IatiProblem {
  std::size_t line = 0;
  std::string message;
  bool operator==(const IatiProblem&) const = default;
};

struct IatiRead {
  std::string version;  // the file's @version, "2.03"
  std::vector<IatiActivity> activities;
  std::vector<IatiProblem> problems;  // the file is refused when there is any: no activity then
  std::vector<IatiProblem> warnings;  // read anyway: what Khetane leaves out
};

// The IATI activities schema (iati-activities-schema.xsd with iati-common.xsd and xml.xsd beside it), read once;
// reading files with it is safe from several threads at once.
class IatiActivitiesSchema {
 public:
  // Throws std::runtime_error when the schema cannot be read.
  explicit IatiActivitiesSchema(const std::filesystem::path& xsd);
  ~IatiActivitiesSchema();
  IatiActivitiesSchema(const IatiActivitiesSchema&) = delete;
  IatiActivitiesSchema& operator=(const IatiActivitiesSchema&) = delete;

  // At most this many problems are told of one file.
  static constexpr std::size_t kMaxProblems = 50;

  IatiRead Read(std::string_view xml) const;

 private:
  xmlSchema* schema_ = nullptr;
};

// The narrative in `language`, else the one without a language, else the first; "" when there is none.
std::string NarrativeIn(const std::vector<IatiNarrative>& narratives, std::string_view language);

}  // namespace programmes
