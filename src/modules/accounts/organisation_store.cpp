#include "modules/accounts/organisation_store.hpp"

#include <fmt/format.h>

namespace accounts {
namespace {

constexpr std::string_view kColumns =
    "o.id, o.name, o.kind, COALESCE(o.municipality_code, ''), o.created_at, o.version";

constexpr std::string_view kInsert = R"(
  INSERT INTO organisations (name, kind, municipality_code, created_at, search_key)
  VALUES ($1, $2, NULLIF($3, ''), $4, $5) RETURNING id)";
// The version is checked in the write itself, so that of two saves at once from one version only one goes through.
constexpr std::string_view kUpdate = R"(
  UPDATE organisations SET name = $2, kind = $3, municipality_code = NULLIF($4, ''), search_key = $5,
    version = version + 1
  WHERE id = $1 AND version = $6)";
constexpr std::string_view kFindNamesake = R"(
  SELECT id FROM organisations
  WHERE search_key = $1 AND COALESCE(municipality_code, '') = $2 AND id <> $3)";
constexpr std::string_view kAddMember = R"(
  INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2)
  ON CONFLICT (organisation_id, user_id) DO NOTHING)";
constexpr std::string_view kRemoveMember =
    "DELETE FROM organisation_members WHERE organisation_id = $1 AND user_id = $2";
constexpr std::string_view kMembers = R"(
  SELECT u.id, u.email, u.display_name FROM organisation_members m JOIN users u ON u.id = m.user_id
  WHERE m.organisation_id = $1 ORDER BY u.display_name COLLATE "bg-x-icu", u.email)";

// The listing's filter: every name that contains the key, of the kind when one is given.
constexpr std::string_view kFilter =
    "WHERE ($1 = '' OR o.search_key LIKE '%' || $1 || '%') AND ($2 = '' OR o.kind = $2)";

const std::string kFind = fmt::format(
    "SELECT {}, (SELECT COUNT(*) FROM organisation_members m WHERE m.organisation_id = o.id) "
    "FROM organisations o WHERE o.id = $1",
    kColumns);
const std::string kList = fmt::format(
    "SELECT {}, (SELECT COUNT(*) FROM organisation_members m WHERE m.organisation_id = o.id) "
    "FROM organisations o {} ORDER BY o.search_key, o.id LIMIT $3 OFFSET $4",
    kColumns, kFilter);
const std::string kCount = fmt::format("SELECT COUNT(*) FROM organisations o {}", kFilter);
const std::string kOrganisationsOf = fmt::format(
    "SELECT {} FROM organisations o JOIN organisation_members m ON m.organisation_id = o.id "
    "WHERE m.user_id = $1 ORDER BY o.search_key, o.id",
    kColumns);

Organisation FromRow(const db::Row& row) {
  return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4), row.size() > 6 ? row.Int(6) : 0, row.Int(5)};
}

}  // namespace

std::int64_t OrganisationStore::Insert(const Organisation& organisation, const std::string& search_key) {
  return database_.Acquire()
      ->QueryOne(kInsert, {organisation.name, organisation.kind, organisation.municipality_code,
                           organisation.created_at, search_key})
      ->Int(0);
}

bool OrganisationStore::Update(const Organisation& organisation, const std::string& search_key) {
  return database_.Acquire()->Execute(kUpdate, {organisation.id, organisation.name, organisation.kind,
                                                organisation.municipality_code, search_key, organisation.version}) == 1;
}

std::optional<Organisation> OrganisationStore::Find(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(kFind, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::optional<std::int64_t> OrganisationStore::FindNamesake(const std::string& search_key,
                                                            const std::string& municipality_code,
                                                            std::int64_t except_id) {
  const auto row = database_.Acquire()->QueryOne(kFindNamesake, {search_key, municipality_code, except_id});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::vector<Organisation> OrganisationStore::List(const std::string& search_key, const std::string& kind,
                                                  std::int64_t limit, std::int64_t offset) {
  std::vector<Organisation> organisations;
  for (const auto& row : database_.Acquire()->Query(kList, {search_key, kind, limit, offset})) {
    organisations.push_back(FromRow(row));
  }
  return organisations;
}

std::int64_t OrganisationStore::Count(const std::string& search_key, const std::string& kind) {
  return database_.Acquire()->QueryOne(kCount, {search_key, kind})->Int(0);
}

bool OrganisationStore::AddMember(std::int64_t organisation_id, std::int64_t user_id) {
  return database_.Acquire()->Execute(kAddMember, {organisation_id, user_id}) > 0;
}

bool OrganisationStore::RemoveMember(std::int64_t organisation_id, std::int64_t user_id) {
  return database_.Acquire()->Execute(kRemoveMember, {organisation_id, user_id}) > 0;
}

std::vector<User> OrganisationStore::Members(std::int64_t organisation_id) {
  std::vector<User> members;
  for (const auto& row : database_.Acquire()->Query(kMembers, {organisation_id})) {
    members.push_back({row.Int(0), row.Text(1), row.Text(2), {}});
  }
  return members;
}

std::vector<Organisation> OrganisationStore::OrganisationsOf(std::int64_t user_id) {
  std::vector<Organisation> organisations;
  for (const auto& row : database_.Acquire()->Query(kOrganisationsOf, {user_id})) organisations.push_back(FromRow(row));
  return organisations;
}

}  // namespace accounts
