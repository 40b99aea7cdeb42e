#pragma once
// All SQL of the working groups.

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/monitoring/evidence_files.hpp"
#include "modules/practices/groups.hpp"

namespace practices {

// A file as the group's page serves it, and the groups that hold it.
struct StoredGroupFile {
  std::string media_type;
  std::string content;
};

// A post a member has not been told of, for their digest.
struct DigestPost {
  std::int64_t user_id = 0;
  std::string email;
  std::string language;  // the one the member read the site in when they joined; "bg" when not known
  std::int64_t group_id = 0;
  std::string group_name;
  std::int64_t thread_id = 0;
  std::string thread_title;
  std::int64_t post_id = 0;
  std::string author_name;  // "" for a demo member
  std::string municipality_name_bg;
  std::string municipality_name_en;
  std::int64_t posted_at = 0;
};

class GroupsStore {
 public:
  explicit GroupsStore(db::Database& database) : database_(database) {}
  db::Database& database() { return database_; }

  // The id of the new group; nothing when `area` is not a platform area's code.
  std::optional<std::int64_t> Create(const GroupFields& fields, bool demo, std::optional<std::int64_t> user_id,
                                     std::int64_t now);
  // Every group with its counts, by the platform's order of areas, then newest activity first.
  std::vector<WorkingGroup> List();
  std::optional<WorkingGroup> Find(std::int64_t id);
  std::int64_t Count();

  // The members whose account still holds a role (an erased account holds none), and the demo's, by country and
  // municipality code.
  std::vector<GroupMember> Members(std::int64_t group_id);
  // The municipality `user_id` is a member for, if they are one.
  std::optional<std::string> MembershipOf(std::int64_t group_id, std::int64_t user_id);
  // False when they were a member already. `language` is kept for their digests.
  bool Join(std::int64_t group_id, std::int64_t user_id, const std::string& municipality_code,
            const std::string& language, std::int64_t now);
  // A demo member, who names nobody.
  void AddDemoMember(std::int64_t group_id, const std::string& municipality_code, std::int64_t now);
  // False when they were no member.
  bool Leave(std::int64_t group_id, std::int64_t user_id);

  // Newest activity first.
  std::vector<GroupThread> Threads(std::int64_t group_id);
  std::optional<GroupThread> FindThread(std::int64_t group_id, std::int64_t thread_id);
  // Oldest first, as a conversation reads.
  std::vector<GroupPost> Posts(std::int64_t thread_id);
  // The thread's id, with its first post.
  std::int64_t StartThread(std::int64_t group_id, const ThreadFields& fields, std::optional<std::int64_t> author_id,
                           const std::string& municipality_code, bool demo, std::int64_t now);
  // The post's id; a text its author sent to the thread a moment ago (a form sent twice) is kept once, and its id
  // returned.
  std::int64_t AddPost(std::int64_t group_id, std::int64_t thread_id, const std::string& body,
                       std::optional<std::int64_t> author_id, const std::string& municipality_code, bool demo,
                       std::int64_t now);

  // The document's id; a file the group holds already keeps its first entry.
  std::int64_t AddDocument(std::int64_t group_id, const monitoring::PreparedFile& file,
                           const std::string& original_name, std::int64_t user_id, std::int64_t now);
  std::vector<GroupDocument> Documents(std::int64_t group_id);
  // The file when the group holds it.
  std::optional<StoredGroupFile> FindFile(std::int64_t group_id, const std::string& sha256);

  // Records or changes the kind of a practice's being an output of the group.
  void SaveOutput(std::int64_t group_id, std::int64_t practice_id, OutputKind kind, bool demo,
                  std::optional<std::int64_t> user_id, std::int64_t now);
  // Titles in `language` where the practice has a version in it.
  std::vector<GroupOutput> Outputs(std::int64_t group_id, const std::string& language);
  std::vector<OutputOf> OutputsOfPractice(std::int64_t practice_id);
  bool PracticeExists(std::int64_t practice_id);

  // Every post each member has not been told of: after they joined, after their last digest, up to `now`, not their
  // own; by member, group, thread and time. Members whose account holds no role any more get none.
  std::vector<DigestPost> PostsForDigests(std::int64_t now);
  static void MarkDigestSent(db::Connection& connection, std::int64_t user_id, std::int64_t at);

 private:
  db::Database& database_;
};

}  // namespace practices
