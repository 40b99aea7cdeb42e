#pragma once
// What people do with the platform's events and research. Whoever may organise a platform body's meetings (those who
// work for its place; an administrator) records an event of it: the meeting is scheduled through the meetings module,
// with the event's kind, host and taking-part municipalities beside it, and they change those facts later; the
// programme, report and follow-ups are the meeting's, kept on its page. Those who work for a municipality a study
// studied publish the study and its findings. Everyone reads events (a private meeting only its organisers) and
// studies.

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/meetings/meetings_service.hpp"
#include "modules/practices/events_store.hpp"
#include "modules/practices/practices_service.hpp"

namespace practices {

class EventsService {
 public:
  EventsService(EventsStore& store, PracticesService& practices, meetings::MeetingsService& meetings,
                kernel::AuditLog& audit, const core::Clock& clock)
      : store_(store), practices_(practices), meetings_(meetings), audit_(audit), clock_(clock) {}

  // The platform bodies and working groups whose meetings `actor` may record as the platform's events.
  std::vector<meetings::Body> BodiesFor(const core::Actor& actor);
  bool MayChange(const core::Actor& actor, const PlatformEvent& event) const;
  // Events as `actor` may see them, the latest first: a private meeting's only to those who organise it.
  std::vector<PlatformEvent> Events(const core::Actor& actor);
  std::vector<PlatformEvent> EventsOf(const core::Actor& actor, const std::string& municipality_code);
  core::Result<PlatformEvent> Find(const core::Actor& actor, std::int64_t meeting_id);
  // Schedules the meeting and records the event beside it; the event's id is the meeting's.
  core::Result<std::int64_t> Create(const core::SignedIn& user, const EventFields& fields);
  // Changes the event's kind, host and municipalities if they are still at `fields.version`.
  core::Result<std::int64_t> Change(const core::SignedIn& user, std::int64_t meeting_id, const EventFields& fields);

  // Anyone who works for a municipality or a region: they record events and publish studies (the checks of each
  // decide for which).
  bool WorksForAPlace(const core::Actor& actor) const;
  core::Result<std::int64_t> PublishStudy(const core::SignedIn& user, const StudyFields& fields);
  std::vector<Study> Studies() { return store_.Studies(); }
  std::vector<Study> StudiesOf(const std::string& municipality_code) { return store_.StudiesOf(municipality_code); }
  core::Result<Study> FindStudy(std::int64_t id, const std::string& language);
  std::vector<FindingAbout> FindingsAbout(std::int64_t practice_id) { return store_.FindingsAbout(practice_id); }

  std::vector<NamedMunicipality> PlatformMunicipalities() { return store_.PlatformMunicipalities(); }
  PracticesService& practices() { return practices_; }
  meetings::MeetingsService& meetings() { return meetings_; }
  EventsStore& store() { return store_; }

 private:
  // The municipality of `code` with its names, or a problem under `field`.
  std::optional<NamedMunicipality> Municipality(std::vector<core::FieldProblem>& problems, const std::string& field,
                                                const std::string& code);
  // The facts of `fields` checked against the places: the host and the taking-part municipalities.
  PlatformEvent FactsOf(std::vector<core::FieldProblem>& problems, const EventFields& fields);

  EventsStore& store_;
  PracticesService& practices_;
  meetings::MeetingsService& meetings_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace practices
