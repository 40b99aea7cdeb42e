#pragma once
// What people do in working groups: create one (coordinators and administrators), join it for a municipality they
// work for and leave it, start threads and reply, share documents, mark practices of the library as the group's
// outputs; and the digest of new posts each member gets through the outbox. Every permission check is here.
//
// Who sees what: a group's purpose, area, threads and posts, outputs, and its members counted by municipality and
// country are public, as the practice library is. People's names (as members, authors of posts and of documents) show
// only to the group's members and the installation's administrators; anyone else reads a post as written by "a member
// for Gent". The shared documents are for members and administrators only. No ethnic data about anyone is asked for
// or kept: the forms say not to write it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/practices/groups_store.hpp"
#include "modules/practices/practices_service.hpp"
#include "notifications/outbox.hpp"
#include "web/i18n.hpp"

namespace practices {

// A group as one reader may see it.
struct GroupView {
  WorkingGroup group;
  std::vector<GroupMember> members;  // names blanked unless `sees_names`
  std::vector<GroupThread> threads;
  std::vector<GroupDocument> documents;  // empty unless `sees_names`
  std::vector<GroupOutput> outputs;
  std::optional<std::string> membership;  // the municipality the reader is a member for
  bool sees_names = false;                // a member, or an administrator
  bool may_write = false;                 // may start threads, reply, share and mark outputs
};

struct ThreadView {
  WorkingGroup group;
  GroupThread thread;
  std::vector<GroupPost> posts;  // authors' names blanked unless `sees_names`
  bool sees_names = false;
  bool may_write = false;
};

class GroupsService {
 public:
  GroupsService(GroupsStore& store, PracticesService& practices, kernel::AuditLog& audit, const core::Clock& clock,
                notifications::Outbox& outbox);

  // Coordinators (of a region or of the country) convene working groups across municipalities, and administrators
  // run the installation; an official works in the groups there are, so that each area keeps a few groups that every
  // municipality finds, rather than one per municipality.
  bool MayCreate(const core::Actor& actor) const;
  // A person is a member for a municipality a role of theirs is held for, or whose oblast (region) it is held for: an
  // official of Gent for Gent. A role for the whole installation or for an organisation works for no municipality.
  bool MayBeMemberFor(const core::Actor& actor, const std::string& municipality_code) const;
  // The municipalities `user` may be a member for.
  std::vector<places::Municipality> MunicipalitiesOf(const core::SignedIn& user);

  core::Result<std::int64_t> Create(const core::SignedIn& user, const GroupFields& fields);
  std::vector<WorkingGroup> List() { return store_.List(); }
  core::Result<GroupView> Read(const core::Actor& actor, std::int64_t id, const std::string& language);
  core::Result<ThreadView> ReadThread(const core::Actor& actor, std::int64_t group_id, std::int64_t thread_id);
  // The group, when `user` may write in it (start a thread, reply, share a document, mark an output): not found or
  // forbidden as an error otherwise.
  core::Result<WorkingGroup> GroupToWriteIn(const core::SignedIn& user, std::int64_t id);

  // `language` is the one the person reads the site in: their digests come in it. Each returns the group's id.
  core::Result<std::int64_t> Join(const core::SignedIn& user, std::int64_t group_id,
                                  const std::string& municipality_code, const std::string& language);
  core::Result<std::int64_t> Leave(const core::SignedIn& user, std::int64_t group_id);
  // The new thread's id.
  core::Result<std::int64_t> StartThread(const core::SignedIn& user, std::int64_t group_id, ThreadFields fields);
  // The post's id.
  core::Result<std::int64_t> Reply(const core::SignedIn& user, std::int64_t group_id, std::int64_t thread_id,
                                   const std::string& body);
  // Checks the file as monitoring evidence is checked and keeps it; the document's id.
  core::Result<std::int64_t> Share(const core::SignedIn& user, std::int64_t group_id, const std::string& file_name,
                                   const std::string& bytes);
  core::Result<StoredGroupFile> FileFor(const core::Actor& actor, std::int64_t group_id, const std::string& sha256);
  // `practice` as typed: its number or its address. The practice's id.
  core::Result<std::int64_t> MarkOutput(const core::SignedIn& user, std::int64_t group_id, const std::string& practice,
                                        const std::string& kind);
  std::vector<OutputOf> OutputsOfPractice(std::int64_t practice_id) { return store_.OutputsOfPractice(practice_id); }

  // Queues one message to each member with posts they have not been told of (in their groups, since they joined and
  // since their last digest, not their own), in the language they read the site in when they joined (Bulgarian when
  // it is not offered), and remembers when. Links begin with `base_url` (the public address, or "" for paths).
  // Returns how many messages it queued.
  int QueueDigests(const web::Translations& translations, const std::string& base_url);

  std::vector<PracticesStore::Area> Areas() { return practices_.Areas(); }
  PracticesService& practices() { return practices_; }
  // For the demo data, which is written as it is and named by nobody.
  GroupsStore& store() { return store_; }
  std::int64_t Now() const { return clock_.Now(); }

 private:
  // The municipality `actor` is a member of the group for, while a role of theirs still covers it.
  std::optional<std::string> MembershipOf(const core::Actor& actor, std::int64_t group_id);
  bool SeesNames(const core::Actor& actor, const std::optional<std::string>& membership) const {
    return membership.has_value() || actor.IsAdministrator();
  }

  GroupsStore& store_;
  PracticesService& practices_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  notifications::Outbox& outbox_;
};

// The address of a group, of one of its threads, and of a post in its thread.
std::string GroupPath(std::int64_t id);
std::string ThreadPath(std::int64_t group_id, std::int64_t thread_id);

}  // namespace practices
