#include "modules/practices/groups_store.hpp"

#include <map>

namespace practices {
namespace {

// A membership that counts: the demo's, or a person's whose account still holds a role (erasing an account takes its
// roles away, and a member without any role works for no municipality).
#define KH_LIVE_MEMBER "(m.user_id IS NULL OR EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = m.user_id))"

constexpr std::string_view kGroupColumns =
    "SELECT g.id, a.code, a.name_bg, a.name_en, g.name, g.purpose, g.demo, g.created_at, g.last_activity_at, "
    "(SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id AND " KH_LIVE_MEMBER
    "), "
    "(SELECT COUNT(DISTINCT m.municipality_code) FROM group_members m WHERE m.group_id = g.id AND " KH_LIVE_MEMBER
    "), "
    "(SELECT COUNT(*) FROM group_threads t WHERE t.group_id = g.id), "
    "(SELECT COUNT(*) FROM group_outputs o WHERE o.group_id = g.id) "
    "FROM working_groups g JOIN priority_areas a ON a.id = g.area_id ";

constexpr std::string_view kCountries =
    "SELECT DISTINCT m.group_id, mu.country_code FROM group_members m "
    "JOIN municipalities mu ON mu.code = m.municipality_code WHERE " KH_LIVE_MEMBER
    " AND ($1 = 0 OR m.group_id = $1) ORDER BY m.group_id, mu.country_code";

constexpr std::string_view kMembers =
    "SELECT m.user_id, COALESCE(u.display_name, ''), m.municipality_code, mu.name_bg, mu.name_en, mu.country_code, "
    "m.joined_at, m.demo FROM group_members m JOIN municipalities mu ON mu.code = m.municipality_code "
    "LEFT JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 AND " KH_LIVE_MEMBER
    " ORDER BY mu.country_code, m.municipality_code, m.joined_at, m.id";

constexpr std::string_view kThreadColumns =
    "SELECT t.id, t.group_id, t.title, (SELECT COUNT(*) FROM group_posts p WHERE p.thread_id = t.id), t.started_at, "
    "t.last_post_at, t.demo FROM group_threads t ";

constexpr std::string_view kPosts =
    "SELECT p.id, p.thread_id, p.author_id, COALESCE(u.display_name, ''), COALESCE(p.municipality_code, ''), "
    "COALESCE(mu.name_bg, ''), COALESCE(mu.name_en, ''), COALESCE(mu.country_code, ''), p.body, p.posted_at, p.demo "
    "FROM group_posts p LEFT JOIN municipalities mu ON mu.code = p.municipality_code LEFT JOIN users u ON u.id = "
    "p.author_id "
    "WHERE p.thread_id = $1 ORDER BY p.posted_at, p.id";

constexpr std::string_view kInsertPost =
    "INSERT INTO group_posts (thread_id, author_id, municipality_code, body, demo, posted_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

// A post the same author sent the same thread in these last seconds is the same form sent twice.
constexpr std::int64_t kRepeatedPostWindow = 600;

// $1: now. By member, group, thread and time.
constexpr std::string_view kPostsForDigests =
    "SELECT m.user_id, u.email, COALESCE(d.language, 'bg'), g.id, g.name, t.id, t.title, p.id, "
    "COALESCE(author.display_name, ''), COALESCE(mu.name_bg, ''), COALESCE(mu.name_en, ''), p.posted_at "
    "FROM group_members m JOIN users u ON u.id = m.user_id "
    "JOIN working_groups g ON g.id = m.group_id "
    "JOIN group_threads t ON t.group_id = g.id "
    "JOIN group_posts p ON p.thread_id = t.id "
    "LEFT JOIN municipalities mu ON mu.code = p.municipality_code "
    "LEFT JOIN users author ON author.id = p.author_id "
    "LEFT JOIN group_digests d ON d.user_id = m.user_id "
    "WHERE m.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = m.user_id) "
    "AND p.posted_at >= m.joined_at AND p.posted_at > COALESCE(d.sent_at, -1) AND p.posted_at <= $1 "
    "AND (p.author_id IS NULL OR p.author_id <> m.user_id) "
    "ORDER BY m.user_id, g.id, t.id, p.posted_at, p.id";

#undef KH_LIVE_MEMBER

db::Value OptionalValue(const std::optional<std::int64_t>& value) {
  return value ? db::Value(*value) : db::Value(nullptr);
}

// An administrator who is no member writes for no municipality.
db::Value MunicipalityValue(const std::string& code) { return code.empty() ? db::Value(nullptr) : db::Value(code); }

WorkingGroup GroupFrom(const db::Row& row) {
  WorkingGroup group;
  group.id = row.Int(0);
  group.area = row.Text(1);
  group.area_name_bg = row.Text(2);
  group.area_name_en = row.Text(3);
  group.name = row.Text(4);
  group.purpose = row.Text(5);
  group.demo = row.Int(6) != 0;
  group.created_at = row.Int(7);
  group.last_activity_at = row.Int(8);
  group.members = row.Int(9);
  group.municipalities = row.Int(10);
  group.threads = row.Int(11);
  group.outputs = row.Int(12);
  return group;
}

GroupThread ThreadFrom(const db::Row& row) {
  return {row.Int(0), row.Int(1), row.Text(2), row.Int(3), row.Int(4), row.Int(5), row.Int(6) != 0};
}

void Touch(db::Connection& connection, std::int64_t group_id, std::int64_t now) {
  connection.Execute("UPDATE working_groups SET last_activity_at = $1 WHERE id = $2 AND last_activity_at < $1",
                     {now, group_id});
}

}  // namespace

std::optional<std::int64_t> GroupsStore::Create(const GroupFields& fields, bool demo,
                                                std::optional<std::int64_t> user_id, std::int64_t now) {
  const auto row = database_.Acquire()->QueryOne(
      "INSERT INTO working_groups (area_id, name, purpose, demo, created_at, created_by, last_activity_at) "
      "SELECT id, $2, $3, $4, $5, $6, $5 FROM priority_areas WHERE scheme = 'platform' AND code = $1 RETURNING id",
      {fields.area, fields.name, fields.purpose, std::int64_t{demo ? 1 : 0}, now, OptionalValue(user_id)});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::vector<WorkingGroup> GroupsStore::List() {
  auto connection = database_.Acquire();
  std::vector<WorkingGroup> groups;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row : connection->Query(std::string(kGroupColumns) +
                                           "ORDER BY a.position, a.id, g.last_activity_at DESC, g.id DESC")) {
    index.emplace(row.Int(0), groups.size());
    groups.push_back(GroupFrom(row));
  }
  for (const auto& row : connection->Query(kCountries, {std::int64_t{0}})) {
    if (const auto found = index.find(row.Int(0)); found != index.end()) {
      groups[found->second].countries.push_back(row.Text(1));
    }
  }
  return groups;
}

std::optional<WorkingGroup> GroupsStore::Find(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(std::string(kGroupColumns) + "WHERE g.id = $1", {id});
  if (!row) return std::nullopt;
  WorkingGroup group = GroupFrom(*row);
  for (const auto& country : connection->Query(kCountries, {id})) group.countries.push_back(country.Text(1));
  return group;
}

std::int64_t GroupsStore::Count() {
  return database_.Acquire()->QueryOne("SELECT COUNT(*) FROM working_groups")->Int(0);
}

std::vector<GroupMember> GroupsStore::Members(std::int64_t group_id) {
  std::vector<GroupMember> members;
  for (const auto& row : database_.Acquire()->Query(kMembers, {group_id})) {
    members.push_back({row.OptionalInt(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Int(6),
                       row.Int(7) != 0});
  }
  return members;
}

std::optional<std::string> GroupsStore::MembershipOf(std::int64_t group_id, std::int64_t user_id) {
  const auto row = database_.Acquire()->QueryOne(
      "SELECT municipality_code FROM group_members WHERE group_id = $1 AND user_id = $2", {group_id, user_id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

bool GroupsStore::Join(std::int64_t group_id, std::int64_t user_id, const std::string& municipality_code,
                       const std::string& language, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    const auto added = connection.Execute(
        "INSERT INTO group_members (group_id, user_id, municipality_code, joined_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (group_id, user_id) DO NOTHING",
        {group_id, user_id, municipality_code, now});
    connection.Execute(
        "INSERT INTO group_digests (user_id, language) VALUES ($1, $2) "
        "ON CONFLICT (user_id) DO UPDATE SET language = excluded.language",
        {user_id, language});
    return added > 0;
  });
}

void GroupsStore::AddDemoMember(std::int64_t group_id, const std::string& municipality_code, std::int64_t now) {
  database_.Acquire()->Execute(
      "INSERT INTO group_members (group_id, user_id, municipality_code, demo, joined_at) VALUES ($1, NULL, $2, 1, $3)",
      {group_id, municipality_code, now});
}

bool GroupsStore::Leave(std::int64_t group_id, std::int64_t user_id) {
  return database_.Acquire()->Execute("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2",
                                      {group_id, user_id}) > 0;
}

std::vector<GroupThread> GroupsStore::Threads(std::int64_t group_id) {
  std::vector<GroupThread> threads;
  for (const auto& row : database_.Acquire()->Query(
           std::string(kThreadColumns) + "WHERE t.group_id = $1 ORDER BY t.last_post_at DESC, t.id DESC", {group_id})) {
    threads.push_back(ThreadFrom(row));
  }
  return threads;
}

std::optional<GroupThread> GroupsStore::FindThread(std::int64_t group_id, std::int64_t thread_id) {
  const auto row = database_.Acquire()->QueryOne(std::string(kThreadColumns) + "WHERE t.group_id = $1 AND t.id = $2",
                                                 {group_id, thread_id});
  if (!row) return std::nullopt;
  return ThreadFrom(*row);
}

std::vector<GroupPost> GroupsStore::Posts(std::int64_t thread_id) {
  std::vector<GroupPost> posts;
  for (const auto& row : database_.Acquire()->Query(kPosts, {thread_id})) {
    posts.push_back({row.Int(0), row.Int(1), row.OptionalInt(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6),
                     row.Text(7), row.Text(8), row.Int(9), row.Int(10) != 0});
  }
  return posts;
}

std::int64_t GroupsStore::StartThread(std::int64_t group_id, const ThreadFields& fields,
                                      std::optional<std::int64_t> author_id, const std::string& municipality_code,
                                      bool demo, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    const std::int64_t id =
        connection
            .QueryOne(
                "INSERT INTO group_threads (group_id, title, started_by, demo, started_at, last_post_at) "
                "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                {group_id, fields.title, OptionalValue(author_id), std::int64_t{demo ? 1 : 0}, now})
            ->Int(0);
    connection.QueryOne(kInsertPost, {id, OptionalValue(author_id), MunicipalityValue(municipality_code), fields.body,
                                      std::int64_t{demo ? 1 : 0}, now});
    Touch(connection, group_id, now);
    return id;
  });
}

std::int64_t GroupsStore::AddPost(std::int64_t group_id, std::int64_t thread_id, const std::string& body,
                                  std::optional<std::int64_t> author_id, const std::string& municipality_code,
                                  bool demo, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    if (author_id) {
      const auto repeated = connection.QueryOne(
          "SELECT id FROM group_posts WHERE thread_id = $1 AND author_id = $2 AND body = $3 AND posted_at >= $4 "
          "ORDER BY id DESC LIMIT 1",
          {thread_id, *author_id, body, now - kRepeatedPostWindow});
      if (repeated) return repeated->Int(0);
    }
    const std::int64_t id =
        connection
            .QueryOne(kInsertPost, {thread_id, OptionalValue(author_id), MunicipalityValue(municipality_code), body,
                                    std::int64_t{demo ? 1 : 0}, now})
            ->Int(0);
    connection.Execute("UPDATE group_threads SET last_post_at = $1 WHERE id = $2 AND last_post_at < $1",
                       {now, thread_id});
    Touch(connection, group_id, now);
    return id;
  });
}

std::int64_t GroupsStore::AddDocument(std::int64_t group_id, const monitoring::PreparedFile& file,
                                      const std::string& original_name, std::int64_t user_id, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    connection.Execute(
        "INSERT INTO group_files (sha256, media_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (sha256) DO NOTHING",
        {file.sha256, file.media_type, static_cast<std::int64_t>(file.bytes.size()), db::Bytes{file.bytes}, now});
    connection.Execute(
        "INSERT INTO group_documents (group_id, file_sha256, kind, original_name, added_by, added_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (group_id, file_sha256) DO NOTHING",
        {group_id, file.sha256, file.kind, original_name, user_id, now});
    Touch(connection, group_id, now);
    return connection
        .QueryOne("SELECT id FROM group_documents WHERE group_id = $1 AND file_sha256 = $2", {group_id, file.sha256})
        ->Int(0);
  });
}

std::vector<GroupDocument> GroupsStore::Documents(std::int64_t group_id) {
  std::vector<GroupDocument> documents;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT d.id, d.file_sha256, d.kind, f.media_type, f.size, d.original_name, COALESCE(u.display_name, ''), "
           "d.added_at FROM group_documents d JOIN group_files f ON f.sha256 = d.file_sha256 "
           "LEFT JOIN users u ON u.id = d.added_by WHERE d.group_id = $1 ORDER BY d.added_at DESC, d.id DESC",
           {group_id})) {
    documents.push_back(
        {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4), row.Text(5), row.Text(6), row.Int(7)});
  }
  return documents;
}

std::optional<StoredGroupFile> GroupsStore::FindFile(std::int64_t group_id, const std::string& sha256) {
  const auto row = database_.Acquire()->QueryOne(
      "SELECT f.media_type, f.content FROM group_files f JOIN group_documents d ON d.file_sha256 = f.sha256 "
      "WHERE d.group_id = $1 AND f.sha256 = $2",
      {group_id, sha256});
  if (!row) return std::nullopt;
  return StoredGroupFile{row->Text(0), row->Text(1)};
}

void GroupsStore::SaveOutput(std::int64_t group_id, std::int64_t practice_id, OutputKind kind, bool demo,
                             std::optional<std::int64_t> user_id, std::int64_t now) {
  database_.Transaction([&](db::Connection& connection) {
    connection.Execute(
        "INSERT INTO group_outputs (group_id, practice_id, kind, demo, recorded_at, recorded_by) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (group_id, practice_id) DO UPDATE SET kind = excluded.kind, "
        "recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
        {group_id, practice_id, std::string(CodeOf(kind)), std::int64_t{demo ? 1 : 0}, now, OptionalValue(user_id)});
    Touch(connection, group_id, now);
  });
}

std::vector<GroupOutput> GroupsStore::Outputs(std::int64_t group_id, const std::string& language) {
  std::vector<GroupOutput> outputs;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT o.practice_id, o.kind, COALESCE(t.title, ot.title), COALESCE(t.language, ot.language), m.name_bg, "
           "m.name_en, CASE WHEN o.demo = 1 OR p.demo = 1 THEN 1 ELSE 0 END, o.recorded_at FROM group_outputs o "
           "JOIN practices p ON p.id = o.practice_id JOIN municipalities m ON m.code = p.municipality_code "
           "JOIN practice_texts ot ON ot.practice_id = p.id AND ot.language = p.original_language "
           "LEFT JOIN practice_texts t ON t.practice_id = p.id AND t.language = $2 "
           "WHERE o.group_id = $1 ORDER BY o.recorded_at DESC, o.practice_id DESC",
           {group_id, language})) {
    outputs.push_back({row.Int(0), OutputKindFromCode(row.Text(1)).value_or(OutputKind::kMethod), row.Text(2),
                       row.Text(3), row.Text(4), row.Text(5), row.Int(6) != 0, row.Int(7)});
  }
  return outputs;
}

std::vector<OutputOf> GroupsStore::OutputsOfPractice(std::int64_t practice_id) {
  std::vector<OutputOf> groups;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT g.id, g.name, o.kind FROM group_outputs o JOIN working_groups g ON g.id = o.group_id "
           "WHERE o.practice_id = $1 ORDER BY o.recorded_at, g.id",
           {practice_id})) {
    groups.push_back({row.Int(0), row.Text(1), OutputKindFromCode(row.Text(2)).value_or(OutputKind::kMethod)});
  }
  return groups;
}

bool GroupsStore::PracticeExists(std::int64_t practice_id) {
  return database_.Acquire()->QueryOne("SELECT 1 FROM practices WHERE id = $1", {practice_id}).has_value();
}

std::vector<DigestPost> GroupsStore::PostsForDigests(std::int64_t now) {
  std::vector<DigestPost> posts;
  for (const auto& row : database_.Acquire()->Query(kPostsForDigests, {now})) {
    posts.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3), row.Text(4), row.Int(5), row.Text(6), row.Int(7),
                     row.Text(8), row.Text(9), row.Text(10), row.Int(11)});
  }
  return posts;
}

void GroupsStore::MarkDigestSent(db::Connection& connection, std::int64_t user_id, std::int64_t at) {
  connection.Execute(
      "INSERT INTO group_digests (user_id, sent_at) VALUES ($1, $2) "
      "ON CONFLICT (user_id) DO UPDATE SET sent_at = excluded.sent_at",
      {user_id, at});
}

}  // namespace practices
