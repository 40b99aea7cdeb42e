#pragma once
// All of the meetings' SQL: bodies, meetings, agenda items, decisions, follow-ups, attendance, registrations and
// calendar addresses, as the tables of migration 0023 hold them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "kernel/agenda_sources.hpp"
#include "modules/meetings/meetings.hpp"

namespace meetings {

// A follow-up with where it was agreed, for lists across meetings.
struct FollowUpListed {
  FollowUp follow_up;
  std::int64_t body_id = 0;
  std::string meeting_title;
  std::string meeting_starts_at;
};

class MeetingsStore {
 public:
  explicit MeetingsStore(db::Database& database) : database_(database) {}

  std::int64_t InsertBody(const Body& body, std::optional<std::int64_t> by, std::int64_t at);
  std::optional<Body> FindBody(std::int64_t id);
  std::vector<Body> Bodies(const std::string& place_code = "");

  // Inserts a meeting and, as its first agenda items, every follow-up of the body still open or in progress.
  // Adds the meeting with, on its agenda, the body's follow-ups not done yet and then `proposals` (what other modules
  // bring to the body: kernel/agenda_sources.hpp).
  std::int64_t InsertMeeting(const Meeting& meeting, std::optional<std::int64_t> by, std::int64_t at,
                             const std::vector<kernel::AgendaProposal>& proposals = {});
  std::optional<Meeting> FindMeeting(std::int64_t id);
  // Writes the meeting's fields if it is still at `meeting.version`: false when someone changed it meanwhile.
  bool UpdateMeeting(const Meeting& meeting);
  // Every meeting of the body, or of the bodies of a place, or every one, by start.
  std::vector<Meeting> Meetings(std::optional<std::int64_t> body_id = std::nullopt, const std::string& place_code = "");
  std::vector<Meeting> MeetingsRegisteredBy(std::int64_t user_id);

  std::vector<AgendaItem> Agenda(std::int64_t meeting_id);
  std::int64_t InsertAgendaItem(const AgendaItem& item);
  // The meetings whose agenda discusses `link`, by start.
  std::vector<Meeting> MeetingsDiscussing(const std::string& link);
  // What public meetings agreed on their agenda items that discuss `link`.
  std::vector<Decision> DecisionsOn(const std::string& link);
  std::vector<FollowUp> FollowUpsOn(const std::string& link);

  std::vector<Decision> Decisions(std::int64_t meeting_id);
  std::int64_t InsertDecision(const Decision& decision);

  std::vector<FollowUp> FollowUpsAgreedAt(std::int64_t meeting_id);
  std::optional<FollowUp> FindFollowUp(std::int64_t id);
  std::int64_t InsertFollowUp(const FollowUp& follow_up);
  // Writes the follow-up if it is still at `follow_up.version`, moving the version on: false when someone changed it
  // meanwhile.
  bool UpdateFollowUp(const FollowUp& follow_up);
  // Every follow-up of a body's meetings (or of all bodies), by due day.
  std::vector<FollowUpListed> FollowUps(std::optional<std::int64_t> body_id = std::nullopt);

  std::vector<Attendance> AttendanceOf(std::int64_t meeting_id);
  // Replaces the meeting's attendance if the meeting is still at `version`, moving its version on: false when someone
  // changed it meanwhile.
  bool SetAttendance(std::int64_t meeting_id, std::int64_t version, const std::vector<Attendance>& attendance);

  // Registers (or withdraws) a person: whether anything changed.
  bool Register(std::int64_t meeting_id, std::int64_t user_id, bool registered, std::int64_t at);
  bool IsRegistered(std::int64_t meeting_id, std::int64_t user_id);
  std::int64_t Registrations(std::int64_t meeting_id);

  std::optional<std::int64_t> UserOfCalendar(const std::string& token);
  std::optional<std::string> CalendarOf(std::int64_t user_id);
  void SetCalendar(std::int64_t user_id, const std::string& token);

  bool HasDemo();

 private:
  db::Database& database_;
};

}  // namespace meetings
