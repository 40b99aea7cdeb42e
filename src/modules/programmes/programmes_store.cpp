#include "modules/programmes/programmes_store.hpp"

#include <map>
#include <stdexcept>
#include <utility>

#include "modules/places/places.hpp"
#include "modules/programmes/results_json.hpp"

namespace programmes {
namespace {

db::Value OptionalText(const std::string& text) { return text.empty() ? db::Value(nullptr) : db::Value(text); }

// The first title, with its language: the one the store keeps.
std::pair<std::string, std::string> TitleOf(const std::vector<IatiNarrative>& narratives) {
  if (narratives.empty()) return {"", ""};
  return {narratives.front().text, narratives.front().language};
}

std::string TextOf(const std::vector<IatiNarrative>& narratives) {
  return narratives.empty() ? std::string() : narratives.front().text;
}

// Adds or updates the row of `table` whose iati_identifier is `identifier`; its id, and whether it was added.
std::pair<std::int64_t, bool> Upsert(db::Connection& connection, const std::string& table,
                                     const std::string& identifier, const std::string& update,
                                     const std::string& insert, const db::Params& params) {
  const auto existing = connection.QueryOne("SELECT id FROM " + table + " WHERE iati_identifier = $1", {identifier});
  if (existing) {
    db::Params with_id = params;
    with_id.push_back(existing->Int(0));
    connection.Execute(update, with_id);
    return {existing->Int(0), false};
  }
  return {connection.QueryOne(insert, params)->Int(0), true};
}

}  // namespace

std::vector<std::string> ProgrammesStore::StoredProgrammes(const std::vector<std::string>& identifiers) {
  std::vector<std::string> stored;
  auto connection = database_.Acquire();
  for (const std::string& identifier : identifiers) {
    if (connection->QueryOne("SELECT 1 FROM programmes WHERE iati_identifier = $1", {identifier})) {
      stored.push_back(identifier);
    }
  }
  return stored;
}

ImportCounts ProgrammesStore::SaveImport(const IatiImport& import, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    ImportCounts counts;
    for (const ImportedProgramme& programme : import.programmes) {
      const auto [title, language] = TitleOf(programme.title);
      // $1 … $11 the programme's fields, $12 the time; $13 the id when updating.
      const db::Params params{title,
                              language,
                              TextOf(programme.description),
                              programme.donor,
                              programme.operator_,
                              programme.currency,
                              programme.budget ? db::Value(programme.budget->cents) : db::Value(nullptr),
                              OptionalText(programme.period_start),
                              OptionalText(programme.period_end),
                              programme.iati_identifier,
                              std::int64_t{0},
                              now,
                              ResultsToJson(programme.results)};
      const auto [id, added] = Upsert(
          connection, "programmes", programme.iati_identifier,
          // What the file leaves out (a budget, a period, a donor) is kept as it was, not erased.
          "UPDATE programmes SET title = $1, title_language = $2, description = CASE WHEN $3 = '' THEN description "
          "ELSE $3 END, donor = CASE WHEN $4 = '' THEN donor ELSE $4 END, operator = CASE WHEN $5 = '' THEN operator "
          "ELSE $5 END, currency = $6, budget_cents = COALESCE($7, budget_cents), period_start = COALESCE($8, "
          "period_start), period_end = COALESCE($9, period_end), iati_identifier = $10, demo = $11, updated_at = $12, "
          "results = CASE WHEN $13 = '' THEN results ELSE $13 END, version = version + 1 WHERE id = $14",
          "INSERT INTO programmes (title, title_language, description, donor, operator, currency, budget_cents, "
          "period_start, period_end, iati_identifier, demo, created_at, updated_at, results) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
          params);
      ++(added ? counts.programmes_added : counts.programmes_updated);
    }
    std::map<std::string, std::int64_t> programme_ids;
    for (const ImportedProject& project : import.projects) {
      auto found = programme_ids.find(project.programme_identifier);
      if (found == programme_ids.end()) {
        const auto row =
            connection.QueryOne("SELECT id FROM programmes WHERE iati_identifier = $1", {project.programme_identifier});
        if (!row) throw std::logic_error("the programme " + project.programme_identifier + " is not stored");
        found = programme_ids.emplace(project.programme_identifier, row->Int(0)).first;
      }
      const auto [title, language] = TitleOf(project.title);
      const db::Params params{found->second,
                              title,
                              language,
                              TextOf(project.description),
                              std::string(CodeOf(project.status)),
                              project.currency,
                              OptionalText(project.planned_start),
                              OptionalText(project.planned_end),
                              OptionalText(project.actual_start),
                              OptionalText(project.actual_end),
                              project.iati_identifier,
                              now,
                              OptionalText(project.municipality_code),
                              ResultsToJson(project.results)};
      // A municipality chosen in Khetane stays when the file names none Khetane recognises.
      const auto [id, added] = Upsert(
          connection, "programme_projects", project.iati_identifier,
          "UPDATE programme_projects SET programme_id = $1, title = $2, title_language = $3, description = $4, "
          "status = $5, currency = $6, planned_start = $7, planned_end = $8, actual_start = $9, actual_end = $10, "
          "iati_identifier = $11, updated_at = $12, municipality_code = COALESCE($13, municipality_code), "
          "results = CASE WHEN $14 = '' THEN results ELSE $14 END, version = version + 1 WHERE id = $15",
          "INSERT INTO programme_projects (programme_id, title, title_language, description, status, currency, "
          "planned_start, planned_end, actual_start, actual_end, iati_identifier, created_at, updated_at, "
          "municipality_code, results) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14) "
          "RETURNING id",
          params);
      ++(added ? counts.projects_added : counts.projects_updated);
      for (const char* table : {"project_partners", "project_budgets", "project_transactions"}) {
        connection.Execute(std::string("DELETE FROM ") + table + " WHERE project_id = $1", {id});
      }
      std::int64_t position = 0;
      for (const Partner& partner : project.partners) {
        connection.Execute(
            "INSERT INTO project_partners (project_id, position, name, ref, role, kind) VALUES ($1, $2, $3, $4, $5, "
            "$6)",
            {id, ++position, partner.name, partner.ref, partner.role, partner.kind});
      }
      position = 0;
      for (const Budget& budget : project.budgets) {
        connection.Execute(
            "INSERT INTO project_budgets (project_id, position, period_start, period_end, amount_cents, currency, "
            "committed) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, ++position, budget.period_start, budget.period_end, budget.amount.cents, budget.amount.currency,
             std::int64_t{budget.committed ? 1 : 0}});
      }
      position = 0;
      for (const Transaction& transaction : project.transactions) {
        connection.Execute(
            "INSERT INTO project_transactions (project_id, position, kind, day, amount_cents, currency, description) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, ++position, transaction.kind, transaction.day, transaction.amount.cents, transaction.amount.currency,
             transaction.description});
      }
    }
    return counts;
  });
}

std::optional<IatiImport> ProgrammesStore::FindProgramme(const std::string& iati_identifier) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(
      "SELECT id, title, title_language, description, donor, operator, currency, budget_cents, "
      "COALESCE(period_start, ''), COALESCE(period_end, ''), created_at, results FROM programmes WHERE "
      "iati_identifier = $1",
      {iati_identifier});
  if (!row) return std::nullopt;
  IatiImport found;
  ImportedProgramme& programme = found.programmes.emplace_back();
  programme.iati_identifier = iati_identifier;
  programme.title = {{row->Text(2), row->Text(1)}};
  if (!row->Text(3).empty()) programme.description = {{row->Text(2), row->Text(3)}};
  programme.donor = row->Text(4);
  programme.operator_ = row->Text(5);
  programme.currency = row->Text(6);
  if (const auto cents = row->OptionalInt(7)) programme.budget = Money{*cents, programme.currency};
  programme.period_start = row->Text(8);
  programme.period_end = row->Text(9);
  programme.results = ResultsFromJson(row->Text(11));
  for (const auto& project_row : connection->Query(
           "SELECT id, COALESCE(iati_identifier, ''), title, title_language, description, status, currency, "
           "COALESCE(planned_start, ''), COALESCE(planned_end, ''), COALESCE(actual_start, ''), "
           "COALESCE(actual_end, ''), COALESCE(municipality_code, ''), results FROM programme_projects WHERE "
           "programme_id = $1 "
           "ORDER BY id",
           {row->Int(0)})) {
    ImportedProject& project = found.projects.emplace_back();
    const std::int64_t id = project_row.Int(0);
    // A project entered by hand without an identifier is published under its programme's and its own number.
    project.iati_identifier =
        project_row.Text(1).empty() ? iati_identifier + "-" + std::to_string(id) : project_row.Text(1);
    project.programme_identifier = iati_identifier;
    project.title = {{project_row.Text(3), project_row.Text(2)}};
    if (!project_row.Text(4).empty()) project.description = {{project_row.Text(3), project_row.Text(4)}};
    project.status = StatusOfCode(project_row.Text(5)).value_or(ProjectStatus::kImplementation);
    project.currency = project_row.Text(6);
    project.planned_start = project_row.Text(7);
    project.planned_end = project_row.Text(8);
    project.actual_start = project_row.Text(9);
    project.actual_end = project_row.Text(10);
    project.municipality_code = project_row.Text(11);
    project.results = ResultsFromJson(project_row.Text(12));
    // Its municipality's country is where the money goes: the export says so.
    if (!project.municipality_code.empty()) {
      project.recipient_countries = {std::string(places::CountryOfMunicipality(project.municipality_code))};
    }
    for (const auto& partner : connection->Query(
             "SELECT name, ref, role, kind FROM project_partners WHERE project_id = $1 ORDER BY position", {id})) {
      project.partners.push_back({partner.Text(0), partner.Text(1), partner.Text(2), partner.Text(3)});
    }
    for (const auto& budget :
         connection->Query("SELECT period_start, period_end, amount_cents, currency, committed FROM project_budgets "
                           "WHERE project_id = $1 ORDER BY position",
                           {id})) {
      project.budgets.push_back(
          {budget.Text(0), budget.Text(1), Money{budget.Int(2), budget.Text(3)}, budget.Int(4) != 0});
    }
    for (const auto& transaction : connection->Query(
             "SELECT kind, day, amount_cents, currency, description FROM project_transactions WHERE project_id = $1 "
             "ORDER BY position",
             {id})) {
      project.transactions.push_back({transaction.Text(0), transaction.Text(1),
                                      Money{transaction.Int(2), transaction.Text(3)}, transaction.Text(4)});
    }
  }
  return found;
}

std::vector<ProgrammeSummary> ProgrammesStore::Programmes() {
  std::vector<ProgrammeSummary> programmes;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT p.id, COALESCE(p.iati_identifier, ''), p.title, p.donor, p.currency, p.budget_cents, "
           "COALESCE(p.period_start, ''), COALESCE(p.period_end, ''), "
           "(SELECT COUNT(*) FROM programme_projects x WHERE x.programme_id = p.id) "
           "FROM programmes p ORDER BY p.period_start DESC, p.id")) {
    programmes.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.OptionalInt(5),
                          row.Text(6), row.Text(7), static_cast<int>(row.Int(8))});
  }
  return programmes;
}

std::vector<ProjectSummary> ProgrammesStore::ProjectsOf(std::int64_t programme_id) {
  std::vector<ProjectSummary> projects;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT x.id, COALESCE(x.iati_identifier, ''), x.title, x.status, x.currency, "
           "COALESCE(x.municipality_code, ''), "
           "(SELECT COALESCE(SUM(b.amount_cents), 0) FROM project_budgets b WHERE b.project_id = x.id AND "
           "b.currency = x.currency), "
           "(SELECT COUNT(*) FROM project_partners p WHERE p.project_id = x.id) "
           "FROM programme_projects x WHERE x.programme_id = $1 ORDER BY x.id",
           {programme_id})) {
    projects.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Int(6),
                        static_cast<int>(row.Int(7))});
  }
  return projects;
}

}  // namespace programmes
