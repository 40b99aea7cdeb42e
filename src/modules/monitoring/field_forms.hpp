#pragma once
// Field collection with the tools teams already use: a cycle's assessment form as an XLSForm (the spreadsheet
// ODK Collect and KoboCollect load, https://xlsform.org) and the submissions CSV (or XLSX) their servers export, read
// back into filings. Pure layouts; MonitoringService::ImportSubmissions applies the service's checks.

#include <cstdint>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "modules/monitoring/monitoring.hpp"

namespace monitoring {

// A measure or activity the form offers: its id (the choice's name) and label.
struct FormItem {
  std::int64_t id = 0;
  std::string label_bg;
  std::string label_en;
};

// The three sheets of the XLSForm, each a table with its header: "survey", "choices" and "settings". Field names
// are those the submissions come back with: item, observed_status, score_N, reason_N, suggestion_N, narrative and,
// in a pseudonymous cycle, pseudonym. Labels in Bulgarian and English (label::Bulgarian (bg), label::English (en)).
struct XlsForm {
  std::vector<std::vector<std::string>> survey;
  std::vector<std::vector<std::string>> choices;
  std::vector<std::vector<std::string>> settings;
};
XlsForm MakeXlsForm(const Cycle& cycle, const std::vector<FormItem>& items, const std::string& version);

// One submission read from the export: the instance id that names it everywhere (ODK's meta/instanceID, Kobo's
// _uuid), the assessment as its fields say, and the problems of reading them (a score that is not a number), with
// the column they are in.
struct Submission {
  std::size_t line = 0;
  std::string instance_id;
  Assessment assessment;
  std::vector<core::FieldProblem> problems;  // field = the column's name in the file
};
// The submissions of `rows` (the header first) for `cycle`. Columns are found by their field name, with or without a
// group path before it ("group/score_0", "group-score_0"); unknown columns are ignored. A file without an instance id
// column or without an item column is one problem on line 1.
struct Submissions {
  std::vector<Submission> rows;
  std::vector<core::FieldProblem> file_problems;
};
Submissions ReadSubmissions(const std::vector<core::CsvRow>& rows, const Cycle& cycle);

// The form key a submission is filed under: the same instance always gives the same key, so a second import of the
// same export files nothing twice (and the same instance with other content is refused as a form sent twice).
std::string SubmissionKey(const Cycle& cycle, const std::string& instance_id);

}  // namespace monitoring
