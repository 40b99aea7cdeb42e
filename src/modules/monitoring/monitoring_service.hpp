#pragma once
// Community monitoring's use cases, with every permission check and every refusal's reason: opening a cycle, filing
// an assessment with its evidence (once, however often it is sent), moderating it, the authority's reply, the two
// views of a measure side by side, discrepancies and overdue measures.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "formats/table.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/monitoring/field_forms.hpp"
#include "modules/monitoring/monitoring.hpp"
#include "modules/monitoring/monitoring_store.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"
#include "notifications/outbox.hpp"

namespace monitoring {

// A file as the form sent it.
struct Upload {
  std::string kind;  // photo, document, authority_letter: the input it came in (a photo input's file must be a photo)
  std::string name;  // as the phone named it: shown, never trusted
  std::string bytes;
};

struct Filing {
  Assessment assessment;  // cycle_id, item_id, observed status, scores, narrative, pseudonym
  std::vector<std::string> links;
  std::vector<Upload> uploads;
  std::string visibility = "public";  // of the files and links sent
  std::vector<std::string> keep;      // the hashes of files kept from a refused sending of this form to attach
  std::string key;                    // the form's idempotency key, also the monitor's receipt
};

struct Filed {
  std::int64_t id = 0;
  bool repeated = false;  // the same key and content came before: this is the first filing's result
};

// A refusal of a filing, with the files of the form that were accepted and are kept under its key.
struct FilingRefusal {
  core::Error error;
  std::vector<Evidence> kept;
};

// An assessment as one reader may see it: who filed only where the identity rule and the reader allow, the evidence
// they may see, and what they may do with it.
struct AssessmentView {
  Assessment assessment;
  Cycle cycle;
  ScopeItem item;
  std::string filer;  // a name, a pseudonym, or "" (anonymous)
  bool filer_is_pseudonym = false;
  bool may_moderate = false;
  bool may_reply = false;
  bool may_add_evidence = false;  // the filer, while moderators ask for more
  std::vector<Event> events;
};

// What an import of field submissions did, or would do: every problem with its line and column, and nothing stored
// when there is one.
struct SubmissionProblem {
  std::size_t line = 0;
  std::string instance_id;
  std::string column;
  std::string message;  // a msgid
  std::string value;
};
struct SubmissionsImport {
  int filed = 0;     // new assessments (or, in a dry run, that would be)
  int repeated = 0;  // submissions imported before with the same content
  std::vector<SubmissionProblem> problems;
  bool dry_run = false;
};

// One measure's two views in one cycle.
struct SideBySide {
  Cycle cycle;
  CommunityView community;
  bool differs = false;
  std::optional<Resolution> resolution;
};

struct Discrepancy {
  ScopeItem item;
  Cycle cycle;
  CommunityView community;
  std::optional<Resolution> resolution;  // resolved when set
};

// What the dashboards show of one municipality's monitoring (docs/methodology.md, "Dashboards").
struct MonitoringFigures {
  std::int64_t items = 0;    // measures and activities of its plans in force
  std::int64_t overdue = 0;  // of them
  std::int64_t open_discrepancies = 0;
  std::int64_t assessments = 0;      // verified
  std::optional<double> mean_score;  // over every score of every verified assessment
  bool demo = false;
};

class MonitoringService {
 public:
  MonitoringService(MonitoringStore& store, places::PlacesService& places, policies::PoliciesService& policies,
                    accounts::OrganisationService& organisations, indicators::IndicatorsService& indicators,
                    notifications::Outbox& outbox, kernel::AuditLog& audit, const core::Clock& clock,
                    int discrepancy_threshold, int suppress_below)
      : store_(store),
        places_(places),
        policies_(policies),
        organisations_(organisations),
        indicators_(indicators),
        outbox_(outbox),
        audit_(audit),
        clock_(clock),
        threshold_(discrepancy_threshold),
        suppress_below_(suppress_below) {}

  int threshold() const { return threshold_; }
  int suppress_below() const { return suppress_below_; }
  std::string Today() const;

  // Cycles.
  // The organisations a person runs cycles for: those they edit for (every one for an administrator, as ids).
  static std::vector<std::int64_t> EditedOrganisations(const core::Actor& actor);
  static bool MayOpenCycles(const core::Actor& actor);
  core::Result<Cycle> OpenCycle(const core::Actor& actor, Cycle cycle);
  core::Result<Cycle> FindCycle(std::int64_t id);
  std::vector<Cycle> Cycles(const std::string& municipality_code) { return store_.ListCycles(municipality_code); }
  std::vector<ScopeItem> Scope(const Cycle& cycle) { return store_.ScopeOf(cycle); }
  std::map<std::string, std::int64_t> CountByState(std::int64_t cycle_id) { return store_.CountByState(cycle_id); }
  static bool MayModerate(const core::Actor& actor, const Cycle& cycle);
  static bool MayFile(const core::Actor& actor, const Cycle& cycle);
  // An official of the municipality: answers its assessments and resolves its discrepancies.
  static bool IsOfficialOf(const core::Actor& actor, const std::string& municipality_code);
  // Why this person may not file in this cycle, or nothing when they may.
  std::optional<core::Error> FilingRefused(const core::Actor& actor, const Cycle& cycle);
  // Closes the cycle with its interface meeting's outcome and joint action plan, and enters its scores as values of
  // the indicators "scorecard score" and "action items closed" (kScorecardScore, kActionsClosed) for its
  // municipality and the year it ends. The values refused (a closed period) come back as `unfed`: the cycle closes.
  struct Closed {
    Cycle cycle;
    std::vector<core::Error> unfed;
  };
  core::Result<Closed> CloseCycle(const core::Actor& actor, std::int64_t cycle_id, Outcome outcome,
                                  std::vector<Action> actions);
  std::optional<Outcome> OutcomeOf(std::int64_t cycle_id) { return store_.OutcomeOf(cycle_id); }
  std::vector<Action> ActionsOf(std::int64_t cycle_id) { return store_.ActionsOf(cycle_id); }
  std::optional<Action> FindAction(std::int64_t id) { return store_.FindAction(id); }
  // The open actions of the municipality's earlier cycles, which this one follows up.
  std::vector<Action> FollowUps(const Cycle& cycle) { return store_.ActionsBefore(cycle, true); }
  // Every action of the municipality's earlier cycles, open or not.
  std::vector<Action> EarlierActions(const Cycle& cycle) { return store_.ActionsBefore(cycle, false); }
  // Moderators of the action's cycle and officials of its municipality move an action on, from the `version` of it
  // their form showed: a conflict when someone changed it since.
  core::Result<Action> UpdateAction(const core::Actor& actor, std::int64_t action_id, std::int64_t version,
                                    const std::string& status, const std::string& note);
  bool MayUpdateActions(const core::Actor& actor, const Cycle& cycle) const;
  // Field collection: the cycle's form as an XLSForm workbook, and the submissions exported from ODK Central or
  // KoboToolbox filed as assessments waiting for moderation, all or nothing, each once (by its instance id).
  core::Result<std::string> XlsFormOf(const core::Actor& actor, std::int64_t cycle_id);
  core::Result<SubmissionsImport> ImportSubmissions(const core::Actor& actor, std::int64_t cycle_id,
                                                    const formats::Table& table, bool dry_run);

  // Following a measure or activity ("item", its id), a plan ("document", its id) or a municipality (its code).
  core::Result<bool> Follow(const core::Actor& actor, const std::string& kind, const std::string& target);
  core::Result<bool> Unfollow(const core::Actor& actor, const std::string& kind, const std::string& target);
  bool IsFollowing(const core::Actor& actor, const std::string& kind, const std::string& target);
  // Queues, for each person who follows something, the public changes since their last digest (a week at most) as
  // one message in the outbox; links start with `base_url` ("" leaves paths). Returns how many were queued.
  int QueueDigests(const std::string& base_url);
  // The two indicators a closed cycle feeds, made in the library when it lacks them (at seeding).
  bool EnsureIndicators();

  // Filing.
  core::Result<Filed, FilingRefusal> File(const core::Actor& actor, Filing filing);
  // The files kept under a form's key (a refused sending), to list on the form again.
  std::vector<Evidence> KeptUploads(const std::string& key);
  // The assessment filed under a receipt (the form's key), as the one who holds it sees it.
  core::Result<AssessmentView> ReadByReceipt(const core::Actor& actor, const std::string& receipt);
  core::Result<AssessmentView> Read(const core::Actor& actor, std::int64_t id);
  // The monitor adds evidence, with the receipt (or as the named filer); back to the moderators when they asked.
  core::Result<AssessmentView> AddEvidence(const core::Actor& actor, std::int64_t id, const std::string& receipt,
                                           std::vector<Upload> uploads, std::vector<std::string> links,
                                           const std::string& visibility);

  // What a person's home shows: their own assessments (those asked for more evidence first) and, for an editor, the
  // open cycles of their organisations with assessments waiting for moderation.
  struct Desk {
    std::vector<AssessmentView> mine;
    std::vector<std::pair<Cycle, std::int64_t>> waiting;
  };
  Desk DeskOf(const core::Actor& actor);

  // Moderation: action is verify, ask (for more evidence) or reject; a reason for the last two.
  core::Result<AssessmentView> Moderate(const core::Actor& actor, std::int64_t id, std::int64_t version,
                                        const std::string& action, const std::string& reason);
  // The official of the measure's municipality answers a verified assessment.
  core::Result<AssessmentView> Reply(const core::Actor& actor, std::int64_t id, const std::string& body);

  // Assessments of a cycle a person may see (moderators every state; others the verified), newest first.
  std::vector<AssessmentView> AssessmentsOfCycle(const core::Actor& actor, const Cycle& cycle);
  // Of one measure or activity, as the reader may see them; the public sees the verified.
  std::vector<AssessmentView> AssessmentsOfItem(const core::Actor& actor, std::int64_t item_id);
  // The official view and the community's in each cycle that assessed the item, newest cycle first.
  std::vector<SideBySide> ViewsOfItem(std::int64_t item_id);
  std::optional<ScopeItem> FindItem(std::int64_t item_id) { return store_.FindScopeItem(item_id); }
  std::vector<ItemInCycle> CommunityViewsOfCycle(std::int64_t cycle_id) {
    return store_.CommunityViewsOfCycle(cycle_id);
  }
  // How many people filed the cycle's verified assessments (0 in an anonymous cycle, where nobody is recorded).
  std::int64_t CountMonitors(std::int64_t cycle_id) { return store_.CountMonitors(cycle_id); }
  // Discrepancies of a municipality's measures, open ones first.
  std::vector<Discrepancy> Discrepancies(const std::string& municipality_code,
                                         std::optional<std::int64_t> plan = std::nullopt);
  // The measures and activities of a municipality past their deadline and not completed.
  std::vector<ScopeItem> Overdue(const std::string& municipality_code);
  // Every municipality with a plan in force or a verified assessment, by code: one pass over all of them.
  std::map<std::string, MonitoringFigures, std::less<>> FiguresOfMunicipalities();
  // A municipality's measures with the community's latest view beside the official one.
  std::vector<std::pair<ScopeItem, SideBySide>> ViewsOfMunicipality(const std::string& municipality_code);
  std::vector<VerifiedAssessment> LatestVerified(const std::string& municipality_code, std::size_t limit) {
    return store_.LatestVerified(municipality_code, limit);
  }
  std::vector<CycleNews> CycleNewsSince(std::int64_t since, std::size_t limit) {
    return store_.CycleNewsSince(since, limit);
  }
  core::Result<bool> Resolve(const core::Actor& actor, std::int64_t item_id, std::int64_t cycle_id,
                             const std::string& note);

  // The stored file, when the reader may see it on an assessment (or on the one filed under `receipt`).
  core::Result<StoredFile> FileFor(const core::Actor& actor, const std::string& sha256, const std::string& receipt);
  std::string PlaceName(const std::string& municipality_code, bool english);
  std::string OrganisationName(std::int64_t id);
  std::vector<places::Municipality> AllMunicipalities() { return places_.AllMunicipalities(); }
  std::vector<places::Oblast> AllOblasts() { return places_.AllOblasts(); }
  // The organisations a person may open a cycle for: those they edit for; every civil-society organisation and
  // initiative group for an administrator.
  std::vector<accounts::Organisation> OrganisationsFor(const core::Actor& actor);
  // The plans a cycle may cover: a municipality's municipal plans that are not drafts.
  std::vector<policies::Document> PlansOf(const std::string& municipality_code);

  // Demo data: a cycle over the demo plan's municipality with verified assessments, one answered.
  // `directory` holds the demo's photo; `log` hears what was loaded. False when there is nothing to load (the demo
  // is there, or there is no demo plan).
  bool LoadDemo(const std::filesystem::path& directory, const std::function<void(const std::string&)>& log);

 private:
  // The standing resolution of each of a municipality's discrepancies, by item and cycle.
  std::map<std::pair<std::int64_t, std::int64_t>, Resolution> ResolutionsByItemAndCycle(
      const std::string& municipality_code);
  // `with_history`: read its steps too (one query each: for one assessment's page, not for lists).
  AssessmentView ViewOf(const core::Actor& actor, Assessment assessment, const Cycle& cycle, const ScopeItem& item,
                        bool with_history);
  bool MaySee(const core::Actor& actor, const Assessment& assessment, const Cycle& cycle) const;
  static bool IsFiler(const core::Actor& actor, const Assessment& assessment);
  core::Result<std::vector<PreparedFile>, core::Error> Prepare(const std::vector<Upload>& uploads,
                                                               const std::string& visibility,
                                                               std::vector<Evidence>& evidence);
  void Audit(const core::Actor& actor, std::string_view action, const std::string& subject);
  void AuditAnonymously(std::string_view action, const std::string& subject);

  MonitoringStore& store_;
  places::PlacesService& places_;
  policies::PoliciesService& policies_;
  accounts::OrganisationService& organisations_;
  indicators::IndicatorsService& indicators_;
  notifications::Outbox& outbox_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  int threshold_;
  int suppress_below_;
};

}  // namespace monitoring
