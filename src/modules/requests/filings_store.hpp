#pragma once
// All of the filings' SQL: information requests, proposals and signals, their events and the reminders sent, as
// the tables of migration 0022 hold them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/requests/filings.hpp"

namespace requests {

class FilingsStore {
 public:
  explicit FilingsStore(db::Database& database) : database_(database) {}

  std::int64_t Insert(const Filing& filing);
  std::optional<Filing> Find(std::int64_t id);
  std::vector<FilingEvent> Events(std::int64_t filing_id);
  // Records an event if the filing is still at `version`, moving it on: false when someone recorded one meanwhile.
  bool InsertEvent(const FilingEvent& event, std::int64_t version);
  // Every filing with its events, newest first; of one place when `place_code` is given. Without the body and the
  // contact address, which only a filing's own page shows (Find).
  std::vector<FilingWithEvents> All(const std::string& place_code = "");
  // Whether the reminder of `kind` ("before", "passed") for the deadline `due_on` was sent; marks it sent within the
  // caller's transaction.
  bool WasReminded(std::int64_t filing_id, const std::string& kind, const std::string& due_on);
  static void MarkReminded(db::Connection& connection, std::int64_t filing_id, const std::string& kind,
                           const std::string& due_on, std::int64_t at);
  // The email addresses of the filer and of the members of the organisation it was filed for.
  std::vector<std::string> Recipients(const Filing& filing);
  bool HasDemo();
  db::Database& database() { return database_; }

 private:
  db::Database& database_;
};

}  // namespace requests
