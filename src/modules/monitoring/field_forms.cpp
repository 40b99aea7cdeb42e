#include "modules/monitoring/field_forms.hpp"

#include <charconv>
#include <map>

#include "core/text.hpp"
#include "db/migrator.hpp"

namespace monitoring {
namespace {

// The field a column names: its last segment after a group path ("assessment/score_0", "assessment-score_0").
std::string FieldOf(std::string_view column) {
  column = std::string_view(column).substr(
      column.find_last_of("/-") == std::string_view::npos ? 0 : column.find_last_of("/-") + 1);
  return core::TrimSpaces(column);
}

struct Labels {
  std::string_view bg;
  std::string_view en;
};

}  // namespace

XlsForm MakeXlsForm(const Cycle& cycle, const std::vector<FormItem>& items, const std::string& version) {
  XlsForm form;
  form.survey = {{"type", "name", "label::Bulgarian (bg)", "label::English (en)", "hint::Bulgarian (bg)",
                  "hint::English (en)", "required", "constraint", "constraint_message::Bulgarian (bg)",
                  "constraint_message::English (en)"}};
  const auto row = [&](std::string type, std::string name, Labels label, Labels hint = {}, std::string required = "",
                       std::string constraint = "", Labels message = {}) {
    form.survey.push_back({std::move(type), std::move(name), std::string(label.bg), std::string(label.en),
                           std::string(hint.bg), std::string(hint.en), std::move(required), std::move(constraint),
                           std::string(message.bg), std::string(message.en)});
  };
  row("select_one items", "item", {"Мярка или дейност", "Measure or activity"}, {}, "yes");
  row("select_one statuses", "observed_status", {"Какво видяхте на място?", "What did you see on the ground?"}, {},
      "yes");
  for (std::size_t n = 0; n < cycle.criteria.size(); ++n) {
    const Criterion& criterion = cycle.criteria[n];
    const std::string suffix = std::to_string(n);
    const std::string name_en = criterion.name_en.empty() ? criterion.name : criterion.name_en;
    const std::string score_bg = criterion.name + ": оценка от 0 до 100";
    const std::string score_en = name_en + ": score from 0 to 100";
    const std::string reason_bg = criterion.name + ": защо тази оценка";
    const std::string reason_en = name_en + ": why this score";
    const std::string suggestion_bg = criterion.name + ": какво би я подобрило";
    const std::string suggestion_en = name_en + ": what would make it better";
    row("integer", "score_" + suffix, {score_bg, score_en}, {}, "", ". >= 0 and . <= 100",
        {"Оценката е цяло число от 0 до 100.", "A score is a whole number from 0 to 100."});
    row("text", "reason_" + suffix, {reason_bg, reason_en});
    row("text", "suggestion_" + suffix, {suggestion_bg, suggestion_en});
  }
  row("text", "narrative", {"Какво видяхте, с ваши думи", "What you saw, in your words"});
  if (cycle.identity_rule == "pseudonymous") {
    row("text", "pseudonym", {"Псевдоним", "Pseudonym"},
        {"Името, което обществото вижда вместо вашето.", "The name the public sees instead of yours."}, "yes");
  }

  form.choices = {{"list_name", "name", "label::Bulgarian (bg)", "label::English (en)"}};
  for (const FormItem& item : items) {
    form.choices.push_back({"items", std::to_string(item.id), item.label_bg, item.label_en});
  }
  const std::pair<std::string_view, Labels> statuses[] = {
      {"not_started", {"Не е започнала", "Not started"}},
      {"in_progress", {"В изпълнение", "In progress"}},
      {"completed", {"Изпълнена", "Completed"}},
      {"delayed", {"Забавена", "Delayed"}},
      {"not_visible", {"Не се вижда на място", "Not visible on the ground"}}};
  for (const auto& [code, label] : statuses) {
    form.choices.push_back({"statuses", std::string(code), std::string(label.bg), std::string(label.en)});
  }
  form.settings = {{"form_title", "form_id", "version", "default_language"},
                   {cycle.title, "khetane_cycle_" + std::to_string(cycle.id), version, "Bulgarian (bg)"}};
  return form;
}

Submissions ReadSubmissions(const std::vector<core::CsvRow>& rows, const Cycle& cycle) {
  Submissions read;
  if (rows.empty()) {
    read.file_problems.push_back({"", "The file is empty.", ""});
    return read;
  }
  std::map<std::string, std::size_t> columns;  // field → column
  std::optional<std::size_t> instance;
  for (std::size_t column = 0; column < rows.front().fields.size(); ++column) {
    const std::string& header = rows.front().fields[column];
    const std::string field = FieldOf(header);
    // ODK Central: meta-instanceID (and KEY); ODK Aggregate and Kobo: meta/instanceID; Kobo also _uuid.
    if (field == "instanceID" || header == "_uuid" || header == "KEY") {
      if (!instance || field == "instanceID") instance = column;
      continue;
    }
    columns.emplace(field, column);
  }
  if (!instance) {
    read.file_problems.push_back(
        {"instanceID", "The file has no instance id column (meta/instanceID, _uuid or KEY): export it again with it.",
         ""});
  }
  if (!columns.contains("item")) read.file_problems.push_back({"item", "The file has no item column.", ""});
  if (!read.file_problems.empty()) return read;

  const std::vector<std::string>& header = rows.front().fields;
  for (std::size_t index = 1; index < rows.size(); ++index) {
    const core::CsvRow& row = rows[index];
    const auto value = [&](std::string_view field) -> std::string {
      const auto found = columns.find(std::string(field));
      if (found == columns.end() || found->second >= row.fields.size()) return "";
      return core::TrimSpaces(row.fields[found->second]);
    };
    const auto column_of = [&](std::string_view field) {
      const auto found = columns.find(std::string(field));
      return found == columns.end() ? std::string(field) : header[found->second];
    };
    Submission submission;
    submission.line = row.line;
    submission.instance_id = *instance < row.fields.size() ? core::TrimSpaces(row.fields[*instance]) : "";
    if (submission.instance_id.empty()) {
      submission.problems.push_back({header[*instance], "The submission has no instance id.", ""});
    }
    Assessment& assessment = submission.assessment;
    assessment.cycle_id = cycle.id;
    const std::string item = value("item");
    std::int64_t item_id = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), item_id);
    if (error != std::errc() || end != item.data() + item.size() || item_id <= 0) {
      submission.problems.push_back({column_of("item"), "Choose the measure or activity you assess.", item});
    }
    assessment.item_id = item_id;
    assessment.observed_status = value("observed_status");
    assessment.narrative = value("narrative");
    assessment.pseudonym = value("pseudonym");
    for (std::size_t n = 0; n < cycle.criteria.size(); ++n) {
      const std::string suffix = std::to_string(n);
      Score score;
      score.criterion = static_cast<int>(n);
      const std::string typed = value("score_" + suffix);
      if (!typed.empty()) {
        int number = 0;
        const auto [score_end, score_error] = std::from_chars(typed.data(), typed.data() + typed.size(), number);
        if (score_error != std::errc() || score_end != typed.data() + typed.size()) {
          submission.problems.push_back(
              {column_of("score_" + suffix), "A score is a whole number from 0 to 100.", typed});
        } else {
          score.score = number;
        }
      }
      score.reason = value("reason_" + suffix);
      score.suggestion = value("suggestion_" + suffix);
      if (score.score || !score.reason.empty() || !score.suggestion.empty()) {
        assessment.scores.push_back(std::move(score));
      }
    }
    read.rows.push_back(std::move(submission));
  }
  return read;
}

std::string SubmissionKey(const Cycle& cycle, const std::string& instance_id) {
  return db::Sha256Hex("khetane-submission:" + std::to_string(cycle.id) + ":" + instance_id);
}

}  // namespace monitoring
