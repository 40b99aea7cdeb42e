#pragma once
// All SQL of requests to register as a community monitor.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace accounts {

struct RegistrationRequest {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string email;
  std::string display_name;
  std::string municipality_code;
  std::string motivation;
  std::string state;  // pending, approved, rejected
  std::int64_t created_at = 0;
  std::optional<std::int64_t> decided_at;
  std::string decision_note;
};

class RegistrationStore {
 public:
  explicit RegistrationStore(db::Database& database) : database_(database) {}
  std::int64_t Insert(std::int64_t user_id, const std::string& municipality_code, const std::string& motivation,
                      std::int64_t now);
  std::optional<RegistrationRequest> Find(std::int64_t id);
  // Oldest first, so that nobody waits longest; an empty `state` lists every state.
  std::vector<RegistrationRequest> List(const std::string& state, std::int64_t limit, std::int64_t offset);
  std::int64_t Count(const std::string& state);
  std::vector<RegistrationRequest> OfUser(std::int64_t user_id);
  // Records the decision on a pending request; false when it was decided already (by someone else, say).
  bool Decide(std::int64_t id, const std::string& state, std::optional<std::int64_t> decided_by, std::int64_t at,
              const std::string& note);
  // How many registrations came from this address since `since` (from the audit log, which has the address).
  std::int64_t CountRecentFrom(const std::string& remote_address, std::int64_t since);

 private:
  db::Database& database_;
};

}  // namespace accounts
