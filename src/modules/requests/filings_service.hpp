#pragma once
// What people do with information requests, proposals and signals: a signed-in person files one with an
// institution, for themselves or for an organisation they belong to; whoever may (the filer, the organisation's
// members, an official or coordinator of the place, an administrator) records what happened to it; everyone reads the
// public ones with their deadlines, and how often each institution answered on time, which feeds the process
// indicator "information requests answered on time (%)". A daily command reminds the filer and the organisation
// before a deadline and tells them when it passed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/places/places_service.hpp"
#include "modules/requests/filings_store.hpp"
#include "modules/requests/requests_service.hpp"
#include "notifications/outbox.hpp"

namespace requests {

// The process indicator the information requests feed.
inline constexpr std::string_view kAnsweredOnTime = "information_requests_answered_on_time";
// How many days before a deadline the reminder goes.
inline constexpr int kReminderDays = 3;

// A filing as a reader sees it: its events, its deadlines today, and what the reader may do.
struct FilingView {
  Filing filing;
  std::vector<FilingEvent> events;
  RequestClock clock;
  bool may_record = false;  // record events, read the contact address and the filer's name
  bool may_appeal = false;
  int appeal_days_late = 0;
};

struct FilingFilter {
  std::string kind;        // "" for every kind
  std::string place_code;  // "" for every place
  bool mine = false;       // only those the reader may record
};

// A place's names for the pages.
struct PlaceName {
  std::string bg;
  std::string en;
};

class FilingsService {
 public:
  FilingsService(FilingsStore& store, RequestsService& clock, places::PlacesService& places,
                 accounts::OrganisationService& organisations, indicators::IndicatorsService& indicators,
                 notifications::Outbox& outbox, kernel::AuditLog& audit, const core::Clock& time,
                 std::string public_url = "")
      : store_(store),
        legal_clock_(clock),
        places_(places),
        organisations_(organisations),
        indicators_(indicators),
        outbox_(outbox),
        audit_(audit),
        time_(time),
        public_url_(std::move(public_url)) {}

  // Files a request, proposal or signal: every problem of FilingProblems at once, an unknown place, an organisation
  // the user does not belong to. The addressee's name is made from its kind and the place unless it is "other".
  core::Result<Filing> File(const core::SignedIn& user, Filing filing);
  // A filing as `actor` may read it: kNotFound for one they may not see (private and not theirs).
  core::Result<FilingView> Read(const core::Actor& actor, std::int64_t id);
  // Records what happened, if the filing is still at `version` (kConflict otherwise): the problems of EventProblems;
  // kForbidden for whoever may not record it. A decision on an information request feeds the process indicator.
  core::Result<FilingView> Record(const core::SignedIn& user, std::int64_t filing_id, std::int64_t version,
                                  FilingEvent event);
  std::vector<FilingView> List(const core::Actor& actor, const FilingFilter& filter);
  // How each institution answered information requests (all of them, public or not: a figure about the institution).
  std::vector<OnTime> Institutions(const std::string& place_code = "");
  // Queues the reminders due today (a deadline within kReminderDays, or one that passed) to the filer and the
  // organisation's members, each once; enters the indicator again for places where a deadline passed unanswered.
  // Returns how many messages were queued.
  int QueueReminders(const std::string& base_url);

  bool MayRecord(const core::Actor& actor, const Filing& filing);
  std::vector<accounts::Organisation> OrganisationsOf(const core::SignedIn& user) {
    return organisations_.OrganisationsOf(user.user_id());
  }
  std::optional<PlaceName> NameOfPlace(const std::string& place_code);
  // The places a filing may be addressed to, for the form: every municipality, oblast and the country.
  std::vector<std::pair<std::string, PlaceName>> Places();
  Rules CurrentRules() { return legal_clock_.CurrentRules(); }
  // A filing's address as others cite it (evidence of an assessment): the site's address (--public-url) and its path.
  std::string AddressOf(std::int64_t id) const { return public_url_ + FilingPath(id); }
  Day Today() const { return legal_clock_.Today(); }
  bool EnsureIndicator();
  bool HasDemo() { return store_.HasDemo(); }
  // Stores demo data as written (seeding only).
  std::int64_t InsertDemo(const Filing& filing) { return store_.Insert(filing); }
  void InsertDemoEvent(const FilingEvent& event) { store_.InsertEvent(event, store_.Find(event.filing_id)->version); }

 private:
  FilingView ViewOf(const core::Actor& actor, FilingWithEvents filing, const Rules& rules);
  // Enters the share of information requests to `place_code` answered on time in `year`.
  void Feed(const std::string& place_code, int year);

  FilingsStore& store_;
  RequestsService& legal_clock_;
  places::PlacesService& places_;
  accounts::OrganisationService& organisations_;
  indicators::IndicatorsService& indicators_;
  notifications::Outbox& outbox_;
  kernel::AuditLog& audit_;
  const core::Clock& time_;
  std::string public_url_;
};

}  // namespace requests
