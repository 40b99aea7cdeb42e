#include "modules/accounts/registration_store.hpp"

namespace accounts {
namespace {

constexpr std::string_view kInsert = R"(
  INSERT INTO registration_requests (user_id, municipality_code, motivation, created_at) VALUES ($1, $2, $3, $4)
  RETURNING id)";
const std::string kSelect =
    "SELECT r.id, r.user_id, u.email, u.display_name, r.municipality_code, r.motivation, r.state, r.created_at, "
    "r.decided_at, r.decision_note FROM registration_requests r JOIN users u ON u.id = r.user_id ";
const std::string kFind = kSelect + "WHERE r.id = $1";
const std::string kList = kSelect + "WHERE ($1 = '' OR r.state = $1) ORDER BY r.created_at, r.id LIMIT $2 OFFSET $3";
const std::string kOfUser = kSelect + "WHERE r.user_id = $1 ORDER BY r.id";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM registration_requests WHERE ($1 = '' OR state = $1)";
constexpr std::string_view kDecide = R"(
  UPDATE registration_requests SET state = $2, decided_by = $3, decided_at = $4, decision_note = $5
  WHERE id = $1 AND state = 'pending')";
constexpr std::string_view kCountRecentFrom = R"(
  SELECT COUNT(*) FROM audit_log WHERE action = 'registration_requested' AND remote_address = $1 AND at >= $2)";

RegistrationRequest FromRow(const db::Row& row) {
  return {row.Int(0),  row.Int(1),  row.Text(2), row.Text(3),        row.Text(4),
          row.Text(5), row.Text(6), row.Int(7),  row.OptionalInt(8), row.Text(9)};
}

}  // namespace

std::int64_t RegistrationStore::Insert(std::int64_t user_id, const std::string& municipality_code,
                                       const std::string& motivation, std::int64_t now) {
  return database_.Acquire()->QueryOne(kInsert, {user_id, municipality_code, motivation, now})->Int(0);
}

std::optional<RegistrationRequest> RegistrationStore::Find(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(kFind, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::vector<RegistrationRequest> RegistrationStore::List(const std::string& state, std::int64_t limit,
                                                         std::int64_t offset) {
  std::vector<RegistrationRequest> requests;
  for (const auto& row : database_.Acquire()->Query(kList, {state, limit, offset})) requests.push_back(FromRow(row));
  return requests;
}

std::int64_t RegistrationStore::Count(const std::string& state) {
  return database_.Acquire()->QueryOne(kCount, {state})->Int(0);
}

std::vector<RegistrationRequest> RegistrationStore::OfUser(std::int64_t user_id) {
  std::vector<RegistrationRequest> requests;
  for (const auto& row : database_.Acquire()->Query(kOfUser, {user_id})) requests.push_back(FromRow(row));
  return requests;
}

bool RegistrationStore::Decide(std::int64_t id, const std::string& state, std::optional<std::int64_t> decided_by,
                               std::int64_t at, const std::string& note) {
  const db::Value by = decided_by ? db::Value(*decided_by) : db::Value(nullptr);
  return database_.Acquire()->Execute(kDecide, {id, state, by, at, note}) > 0;
}

std::int64_t RegistrationStore::CountRecentFrom(const std::string& remote_address, std::int64_t since) {
  return database_.Acquire()->QueryOne(kCountRecentFrom, {remote_address, since})->Int(0);
}

}  // namespace accounts
