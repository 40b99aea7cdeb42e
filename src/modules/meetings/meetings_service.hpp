#pragma once
// What people do with meetings: whoever works for a place (its officials, coordinators and CSO editors; an
// administrator anywhere) sets up a body and schedules its meetings; the meeting's agenda takes what it discusses (an
// information request of the place, a measure, a proposal, an assessment), and, on its own, every follow-up of the
// body not yet done; afterwards the organisers record attendance by kind, the minutes, the decisions and the
// follow-ups with an owner and a due day. Anyone signed in registers for a public meeting; everyone may subscribe to
// a body's or a place's calendar, and each person to a secret calendar of the meetings they registered for.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/agenda_sources.hpp"
#include "kernel/audit_log.hpp"
#include "modules/meetings/meetings_store.hpp"
#include "modules/requests/filings_service.hpp"

namespace meetings {

// An agenda item with what it links to, as the reader sees it.
struct AgendaEntry {
  AgendaItem item;
  std::optional<FollowUp> follow_up;  // a carried follow-up, as it stands now
};

struct MeetingView {
  Meeting meeting;
  Body body;
  std::vector<AgendaEntry> agenda;
  std::vector<Decision> decisions;
  std::vector<FollowUp> follow_ups;  // agreed at this meeting
  std::vector<Attendance> attendance;
  std::int64_t registrations = 0;
  bool registered = false;  // the reader
  bool may_organise = false;
  int notice_days_short = 0;                  // a council session announced fewer than the days the law asks
  std::vector<requests::FilingView> filings;  // the place's open filings, to put on the agenda (organisers only)
};

class MeetingsService {
 public:
  MeetingsService(MeetingsStore& store, requests::FilingsService& filings, kernel::AuditLog& audit,
                  const core::Clock& clock, const kernel::AgendaSources& agenda_sources, std::string public_url)
      : store_(store),
        filings_(filings),
        audit_(audit),
        clock_(clock),
        agenda_sources_(agenda_sources),
        public_url_(std::move(public_url)) {}

  bool MayOrganise(const core::Actor& actor, const std::string& place_code) const;
  core::Result<Body> CreateBody(const core::SignedIn& user, Body body);
  std::vector<Body> Bodies(const std::string& place_code = "") { return store_.Bodies(place_code); }
  std::optional<Body> FindBody(std::int64_t id) { return store_.FindBody(id); }

  // Schedules a meeting of a body (MeetingProblems; kForbidden for whoever may not organise the body's meetings);
  // the body's follow-ups not yet done come on its agenda, and what other modules bring to the body.
  core::Result<Meeting> Schedule(const core::SignedIn& user, Meeting meeting);
  // Changes a meeting's fields and minutes (Markdown, rendered once) if it is still at `meeting.version`.
  core::Result<Meeting> Change(const core::SignedIn& user, Meeting meeting);
  // A meeting as `actor` may read it: a private one only for its organisers (kNotFound for others).
  core::Result<MeetingView> Read(const core::Actor& actor, std::int64_t id);
  // The meetings `actor` may read: of a body, of a place's bodies, or all.
  std::vector<Meeting> Meetings(const core::Actor& actor, std::optional<std::int64_t> body_id,
                                const std::string& place_code = "");

  core::Result<AgendaItem> AddAgendaItem(const core::SignedIn& user, AgendaItem item);
  // A decision, or a follow-up, taken on an item of the meeting's agenda (or on none): the page the item discusses
  // then shows it (an information request, a project's problem).
  core::Result<Decision> AddDecision(const core::SignedIn& user, Decision decision);
  core::Result<FollowUp> AddFollowUp(const core::SignedIn& user, FollowUp follow_up);
  // Moves a follow-up on (its state, owner or due day) if it is still at `follow_up.version` (kConflict otherwise);
  // done records the day.
  core::Result<FollowUp> ChangeFollowUp(const core::SignedIn& user, FollowUp follow_up);
  // Records who came, by kind, if the meeting is still at `version` (kConflict otherwise), and moves the meeting's
  // version on: attendance is part of the meeting.
  core::Result<bool> SetAttendance(const core::SignedIn& user, std::int64_t meeting_id, std::int64_t version,
                                   const std::vector<Attendance>& attendance);
  // Registers for a public meeting that has not ended, or withdraws.
  core::Result<bool> Register(const core::SignedIn& user, std::int64_t meeting_id, bool registered);
  std::vector<FollowUpListed> FollowUps(const core::Actor& actor, std::optional<std::int64_t> body_id);

  // The public meetings that discuss a page of Khetane ("/requests/12").
  std::vector<CalendarEntry> Discussing(const std::string& link);
  // What those meetings decided on it, and the follow-up actions they agreed.
  std::vector<Decision> DecisionsOn(const std::string& link) { return store_.DecisionsOn(link); }
  std::vector<FollowUp> FollowUpsOn(const std::string& link) { return store_.FollowUpsOn(link); }
  // iCalendar feeds: a body's, a place's (its bodies'), a person's (by their secret address; nullopt for an unknown
  // one).
  std::string BodyCalendar(const Body& body, const std::string& base_url);
  std::string PlaceCalendar(const std::string& place_code, const std::string& name, const std::string& base_url);
  std::optional<std::string> PersonCalendar(const std::string& token, const std::string& base_url);
  // Makes the person a new secret calendar address (the old one stops working): the token, shown once.
  std::string NewCalendarAddress(const core::SignedIn& user);
  bool HasCalendarAddress(const core::SignedIn& user) { return store_.CalendarOf(user.user_id()).has_value(); }

  requests::FilingsService& filings() { return filings_; }
  // Where users reach the site (--public-url; "" leaves paths): a calendar's links begin with it.
  const std::string& public_url() const { return public_url_; }
  std::string Today() const { return core::IsoDay(clock_.Now()); }
  std::int64_t Now() const { return clock_.Now(); }
  bool HasDemo() { return store_.HasDemo(); }
  // Demo data as written (seeding only).
  std::int64_t InsertDemoBody(const Body& body) { return store_.InsertBody(body, std::nullopt, clock_.Now()); }
  std::int64_t InsertDemoMeeting(const Meeting& meeting) {
    return store_.InsertMeeting(meeting, std::nullopt, clock_.Now());
  }
  MeetingsStore& store() { return store_; }

 private:
  // The meeting and its body, with kNotFound or kForbidden for whoever may not organise it.
  core::Result<std::pair<Meeting, Body>> ToOrganise(const core::Actor& actor, std::int64_t meeting_id);
  std::vector<CalendarEntry> Entries(const std::vector<Meeting>& meetings, bool public_only);
  // Whether the item is on the meeting's agenda (true for none).
  bool OnTheAgenda(std::int64_t meeting_id, std::optional<std::int64_t> agenda_item_id);

  MeetingsStore& store_;
  requests::FilingsService& filings_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  const kernel::AgendaSources& agenda_sources_;
  std::string public_url_;
};

}  // namespace meetings
