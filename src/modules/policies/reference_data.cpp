#include "modules/policies/reference_data.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/csv.hpp"
#include "modules/accounts/session.hpp"

namespace policies {
namespace {

// The rows of a CSV file as header name → value, with the line of each row.
struct Record {
  std::size_t line = 0;
  std::map<std::string, std::string> fields;
  const std::string& operator[](const std::string& name) const {
    static const std::string kEmpty;
    const auto found = fields.find(name);
    return found == fields.end() ? kEmpty : found->second;
  }
};

core::Result<std::vector<Record>> ReadRecords(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::NotFound("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  auto rows = core::ParseCsv(text.str(), {','});
  if (!rows) return core::Error::InvalidInput(path.string() + ": " + rows.error().message);
  std::vector<Record> records;
  if (rows->empty()) return records;
  const auto& header = rows->front().fields;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    Record record{(*rows)[i].line, {}};
    for (std::size_t column = 0; column < header.size() && column < (*rows)[i].fields.size(); ++column) {
      record.fields[header[column]] = (*rows)[i].fields[column];
    }
    records.push_back(std::move(record));
  }
  return records;
}

core::Error BadLine(const std::filesystem::path& path, std::size_t line, const std::string& problem) {
  return core::Error::InvalidInput(fmt::format("{}:{}: {}", path.string(), line, problem));
}

}  // namespace

core::Result<bool> SeedPolicyReferenceData(PoliciesStore& store, const std::filesystem::path& directory,
                                           const std::function<void(const std::string&)>& log) {
  if (store.HasReferenceData()) return false;
  const std::vector<std::string> files = {"areas.csv", "area_mappings.csv", "documents.csv", "objectives.csv",
                                          "targets.csv"};
  std::map<std::string, std::vector<Record>> data;
  for (const auto& file : files) {
    auto records = ReadRecords(directory / file);
    if (!records) return records.error();
    data[file] = std::move(*records);
  }
  const std::int64_t now = accounts::UnixNow();
  std::optional<core::Error> failure;  // set, with a throw to roll back, when a line names something unknown
  try {
    store.database().Transaction([&](db::Connection& connection) {
      std::map<std::string, std::int64_t> areas;  // "scheme:code" → id
      std::int64_t position = 0;
      for (const Record& row : data["areas.csv"]) {
        const Area area{0, row["scheme"], row["code"], row["name_bg"], row["name_en"], row["cross_cutting"] == "1"};
        areas[area.scheme + ":" + area.code] = store.InsertArea(connection, area, position++);
      }
      for (const Record& row : data["area_mappings.csv"]) {
        const auto from = areas.find(row["scheme"] + ":" + row["code"]);
        const auto to = areas.find(row["maps_to_scheme"] + ":" + row["maps_to_code"]);
        if (from == areas.end() || to == areas.end()) {
          failure = BadLine(directory / "area_mappings.csv", row.line, "unknown area");
          throw std::runtime_error("rolled back");
        }
        store.InsertAreaMapping(connection, from->second, to->second);
      }
      const auto area_ids = [&](const std::string& list, const std::string& file, std::size_t line) {
        std::vector<std::int64_t> ids;
        std::istringstream parts(list);
        for (std::string part; std::getline(parts, part, ';');) {
          const auto found = areas.find(part);
          if (found == areas.end()) {
            failure = BadLine(directory / file, line, "unknown area " + part);
            throw std::runtime_error("rolled back");
          }
          ids.push_back(found->second);
        }
        return ids;
      };
      std::map<std::string, std::int64_t> documents;  // key → id
      for (const Record& row : data["documents.csv"]) {
        Document document;
        document.reference_key = row["key"];
        document.level = LevelFromName(row["level"]).value_or(Level::kNational);
        document.kind = row["kind"];
        document.title = row["title"];
        document.title_en = row["title_en"];
        document.period_start = std::stoi(row["period_start"]);
        document.period_end = std::stoi(row["period_end"]);
        document.status = row["status"];
        document.adopted_by = row["adopted_by"];
        document.decision_number = row["decision_number"];
        document.decision_date = row["decision_date"];
        document.source_url = row["source_url"];
        document.area_ids = area_ids(row["areas"], "documents.csv", row.line);
        if (!row["implements"].empty()) document.implements_document_id = documents.at(row["implements"]);
        documents[document.reference_key] = store.InsertDocument(connection, document, std::nullopt, now);
      }
      std::map<std::string, Item> objectives;  // uid → item, for the targets below
      std::int64_t item_position = 0;
      for (const Record& row : data["objectives.csv"]) {
        Item item;
        item.uid = row["uid"];
        item.document_id = documents.at(row["document"]);
        item.kind = "objective";
        item.code = row["code"];
        item.position = item_position++;
        item.title = row["title"];
        item.title_en = row["title_en"];
        item.area_ids = area_ids(row["areas"], "objectives.csv", row.line);
        objectives[item.uid] = item;
      }
      for (const Record& row : data["targets.csv"]) {
        const auto objective = objectives.find(row["objective"]);
        if (objective == objectives.end()) {
          failure = BadLine(directory / "targets.csv", row.line, "unknown objective " + row["objective"]);
          throw std::runtime_error("rolled back");
        }
        objective->second.targets.push_back({row["text_bg"], row["text_en"], row["verified"] == "1"});
      }
      for (const auto& [uid, item] : objectives) store.InsertItem(connection, item, std::nullopt, now);
    });
  } catch (const std::runtime_error&) {
    if (failure) return *failure;
    throw;
  }
  if (log) {
    log(fmt::format("loaded {} priority areas, {} reference documents and {} objectives from {}",
                    data["areas.csv"].size(), data["documents.csv"].size(), data["objectives.csv"].size(),
                    directory.string()));
  }
  return true;
}

}  // namespace policies
