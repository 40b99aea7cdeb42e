#pragma once
// All of community monitoring's SQL. It reads the plans' items and documents (the scope of a cycle, the official
// view beside the community's) but writes only its own tables.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/monitoring/evidence_files.hpp"
#include "modules/monitoring/monitoring.hpp"

namespace monitoring {

// A measure or activity of a cycle's scope, with the plan's own view of it.
struct ScopeItem {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string kind;
  std::string code;
  std::string title;
  std::string title_en;
  std::string municipality_code;
  std::string deadline;
  std::string end_date;
  OfficialView official;
  bool demo = false;
};

struct VerifiedAssessment {
  std::int64_t id = 0;
  std::int64_t verified_at = 0;
  std::string item_code;
  std::string item_title;
  std::string item_title_en;
  std::string observed_status;
  std::optional<int> mean_score;
  bool demo = false;
};

struct CycleNews {
  std::int64_t at = 0;
  std::string kind;  // verified, opened, closed
  std::int64_t cycle_id = 0;
  std::string cycle_title;
  std::int64_t count = 0;  // assessments verified
  bool demo = false;
};

// The community's view of one item in one cycle, from its verified assessments.
struct ItemInCycle {
  std::int64_t item_id = 0;
  std::int64_t cycle_id = 0;
  CommunityView community;
  std::int64_t score_total = 0;  // the scores behind community.mean_score, summed, and how many
  std::int64_t scores = 0;
};

struct Resolution {
  std::int64_t item_id = 0;
  std::int64_t cycle_id = 0;
  std::string note;
  std::string side;
  std::string resolved_by;
  std::int64_t resolved_at = 0;
};

// A file with what decides who may fetch it: every assessment that holds it, with its evidence's visibility.
struct FileHolder {
  std::int64_t assessment_id = 0;
  std::string visibility;
};
struct StoredFile {
  std::string media_type;
  std::string content;
  std::vector<FileHolder> holders;
};

// An assessment being filed, with what comes with it: stored together or not at all.
struct NewAssessment {
  Assessment assessment;
  std::string key_hash;  // of the form's idempotency key, which is also the monitor's receipt
  std::string content_digest;
  std::vector<PreparedFile> files;
  std::vector<Evidence> evidence;  // one per file (its file_sha256 set), then one per link
};

inline constexpr std::int64_t kKeptUploadsLifetime = 7 * 86400;

class MonitoringStore {
 public:
  explicit MonitoringStore(db::Database& database) : database_(database) {}

  std::int64_t InsertCycle(const Cycle& cycle, std::optional<std::int64_t> user_id);
  std::optional<Cycle> FindCycle(std::int64_t id);
  // Newest first; "" for every municipality.
  std::vector<Cycle> ListCycles(const std::string& municipality_code);
  bool HasDemoCycle();

  // The measures and activities a cycle covers: one plan's, or every municipal plan's of its municipality (not
  // drafts), without withdrawn items, in the plans' order.
  std::vector<ScopeItem> ScopeOf(const Cycle& cycle);
  std::optional<ScopeItem> FindScopeItem(std::int64_t item_id);
  // Every measure and activity of a municipality's plans (not drafts), for its discrepancies and overdue list.
  std::vector<ScopeItem> ItemsOfMunicipality(const std::string& municipality_code);
  // For the dashboards: every municipality at once.
  std::vector<ScopeItem> ItemsOfAllMunicipalities();
  std::vector<ItemInCycle> AllCommunityViews() { return ReadViews("1 = 1", {}); }
  std::vector<Resolution> AllResolutions();
  // The latest verified assessments of a municipality's measures, newest first: no one's name.
  std::vector<VerifiedAssessment> LatestVerified(const std::string& municipality_code, std::size_t limit);
  // What happened in cycles since `since`: assessments verified (counted per cycle), cycles opened and closed.
  std::vector<CycleNews> CycleNewsSince(std::int64_t since, std::size_t limit);

  // The assessment filed under this key's hash: its id and content digest.
  std::optional<std::pair<std::int64_t, std::string>> FindByKey(const std::string& key_hash);
  // Inserts it with its scores, files, evidence and first event, and forgets the files kept under its key; returns
  // its id. Throws db::Error on a conflict (the same key filed at the same moment).
  std::int64_t InsertAssessment(const NewAssessment& filing, std::int64_t now);
  // The same within a transaction that is writing anyway (an import of submissions: all or nothing).
  static std::int64_t InsertAssessment(db::Connection& connection, const NewAssessment& filing, std::int64_t now);
  std::optional<Assessment> FindAssessment(std::int64_t id);

  // Files of a refused form, kept under its key until it is sent again, or for a week (kKeptUploadsLifetime): keeping
  // new ones lets go of those older, and of stored files no assessment or form holds any more.
  void KeepUploads(const std::string& key_hash, const std::vector<PreparedFile>& files,
                   const std::vector<Evidence>& evidence, std::int64_t now);
  std::vector<Evidence> KeptUploads(const std::string& key_hash);
  // Of one item, newest first; `verified_only` for the public.
  std::vector<Assessment> AssessmentsOfItem(std::int64_t item_id, bool verified_only);
  std::vector<Assessment> AssessmentsOfCycle(std::int64_t cycle_id, const std::vector<std::string>& states);
  std::map<std::string, std::int64_t> CountByState(std::int64_t cycle_id);
  // A person's own assessments (named and pseudonymous cycles record who filed), newest first, at most `limit`.
  std::vector<Assessment> AssessmentsFiledBy(std::int64_t user_id, std::int64_t limit);
  // How many assessments wait for moderation in each open cycle of these organisations: cycle id → count.
  std::map<std::int64_t, std::int64_t> WaitingInCyclesOf(const std::vector<std::int64_t>& organisations);
  std::int64_t CountMonitors(std::int64_t cycle_id);

  // Moves the assessment to `state` if it is still at `version`; false when someone else moved it first.
  bool SetState(std::int64_t id, std::int64_t version, const std::string& state, const std::string& reason,
                const Event& event, std::optional<std::int64_t> actor_id, std::int64_t now);
  void AddEvidence(std::int64_t assessment_id, const std::vector<PreparedFile>& files,
                   const std::vector<Evidence>& evidence, std::optional<std::int64_t> actor_id, bool resubmit,
                   std::int64_t now);
  // `user_id` nullopt: the demo data's answer, given by no account.
  void InsertReply(std::int64_t assessment_id, const std::string& body, std::optional<std::int64_t> user_id,
                   std::int64_t now);
  std::vector<Event> Events(std::int64_t assessment_id, bool with_actor_names);

  std::optional<StoredFile> FindFile(const std::string& sha256);

  // Following, and the weekly digest.
  struct Follower {
    std::int64_t user_id = 0;
    std::string email;
    std::string kind;
    std::string target;
    std::optional<std::int64_t> digest_sent_at;
  };
  void Follow(std::int64_t user_id, const std::string& kind, const std::string& target, std::int64_t now);
  void Unfollow(std::int64_t user_id, const std::string& kind, const std::string& target);
  bool IsFollowing(std::int64_t user_id, const std::string& kind, const std::string& target);
  std::vector<Follower> Followers();  // by user
  // The public changes after `since`, oldest first.
  std::vector<Change> ChangesSince(std::int64_t since);
  db::Database& database() { return database_; }
  static void MarkDigestSent(db::Connection& connection, std::int64_t user_id, std::int64_t at);

  // Closes the cycle with what its interface meeting agreed, in one transaction; false when it was closed already.
  bool CloseCycle(std::int64_t cycle_id, const Outcome& outcome, const std::vector<Action>& actions,
                  std::optional<std::int64_t> user_id, std::int64_t now);
  std::optional<Outcome> OutcomeOf(std::int64_t cycle_id);
  std::vector<Action> ActionsOf(std::int64_t cycle_id);
  // The actions of the municipality's other cycles closed before `cycle_id`'s start that are neither done nor
  // dropped (with `open_only`), or all of them: what a cycle follows up.
  std::vector<Action> ActionsBefore(const Cycle& cycle, bool open_only);
  std::optional<Action> FindAction(std::int64_t id);
  // Writes the action's state and note while it is still at `version` (what the form showed); false, writing
  // nothing, when someone changed it since.
  bool UpdateAction(std::int64_t id, std::int64_t version, const std::string& status, const std::string& note,
                    std::int64_t user_id, std::int64_t now);

  // The community's view per item and cycle of a municipality's verified assessments (or one item's).
  std::vector<ItemInCycle> CommunityViews(const std::string& municipality_code);
  std::vector<ItemInCycle> CommunityViewsOfItem(std::int64_t item_id);
  std::vector<ItemInCycle> CommunityViewsOfCycle(std::int64_t cycle_id);
  void InsertResolution(const Resolution& resolution, std::int64_t user_id);
  // The newest resolution of each item and cycle of a municipality (or of one item).
  std::vector<Resolution> Resolutions(const std::string& municipality_code);
  std::vector<Resolution> ResolutionsOfItem(std::int64_t item_id);

 private:
  std::vector<Assessment> ReadAssessments(db::Connection& connection, std::string_view where, const db::Params& params);
  std::vector<ItemInCycle> ReadViews(std::string_view where, const db::Params& params);

  db::Database& database_;
};

}  // namespace monitoring
