#include "modules/meetings/meetings_store.hpp"

namespace meetings {
namespace {

db::Value OptionalId(std::optional<std::int64_t> id) { return id ? db::Value(*id) : db::Value(nullptr); }
db::Value Flag(bool value) { return std::int64_t{value ? 1 : 0}; }

constexpr std::string_view kMeetingColumns =
    "m.id, m.body_id, m.title, m.starts_at, m.ends_at, m.location, m.link, m.is_public, m.announced_on, m.minutes, "
    "m.minutes_html, m.demo, m.version";

Meeting MeetingOf(const db::Row& row) {
  Meeting meeting;
  meeting.id = row.Int(0);
  meeting.body_id = row.Int(1);
  meeting.title = row.Text(2);
  meeting.starts_at = row.Text(3);
  meeting.ends_at = row.Text(4);
  meeting.location = row.Text(5);
  meeting.link = row.Text(6);
  meeting.is_public = row.Int(7) != 0;
  meeting.announced_on = row.Text(8);
  meeting.minutes = row.Text(9);
  meeting.minutes_html = row.Text(10);
  meeting.demo = row.Int(11) != 0;
  meeting.version = row.Int(12);
  return meeting;
}

Body BodyOf(const db::Row& row) { return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4) != 0}; }

constexpr std::string_view kFollowUpColumns =
    "f.id, f.meeting_id, f.agenda_item_id, f.action, f.owner, f.due_on, f.state, f.done_on, f.version";

FollowUp FollowUpOf(const db::Row& row) {
  return {row.Int(0),  row.Int(1),  row.OptionalInt(2), row.Text(3), row.Text(4),
          row.Text(5), row.Text(6), row.Text(7),        row.Int(8)};
}

std::vector<Meeting> MeetingsOf(db::Rows rows) {
  std::vector<Meeting> meetings;
  for (const db::Row& row : rows) meetings.push_back(MeetingOf(row));
  return meetings;
}

}  // namespace

std::int64_t MeetingsStore::InsertBody(const Body& body, std::optional<std::int64_t> by, std::int64_t at) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO meeting_bodies (kind, name, place_code, demo, created_by, created_at) VALUES ($1, $2, $3, $4, "
          "$5, $6) RETURNING id",
          {body.kind, body.name, body.place_code, Flag(body.demo), OptionalId(by), at})
      ->Int(0);
}

std::optional<Body> MeetingsStore::FindBody(std::int64_t id) {
  const auto row =
      database_.Acquire()->QueryOne("SELECT id, kind, name, place_code, demo FROM meeting_bodies WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return BodyOf(*row);
}

std::vector<Body> MeetingsStore::Bodies(const std::string& place_code) {
  std::vector<Body> bodies;
  const bool one_place = !place_code.empty();
  for (const db::Row& row : database_.Acquire()->Query(
           std::string("SELECT id, kind, name, place_code, demo FROM meeting_bodies ") +
               (one_place ? "WHERE place_code = $1 " : "") + "ORDER BY name COLLATE \"bg-x-icu\", id",
           one_place ? db::Params{place_code} : db::Params{})) {
    bodies.push_back(BodyOf(row));
  }
  return bodies;
}

std::int64_t MeetingsStore::InsertMeeting(const Meeting& meeting, std::optional<std::int64_t> by, std::int64_t at,
                                          const std::vector<kernel::AgendaProposal>& proposals) {
  return database_.Transaction([&](db::Connection& connection) {
    const std::int64_t id =
        connection
            .QueryOne(
                "INSERT INTO meetings (body_id, title, starts_at, ends_at, location, link, is_public, announced_on, "
                "minutes, minutes_html, demo, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                "$11, $12, $13) RETURNING id",
                {meeting.body_id, meeting.title, meeting.starts_at, meeting.ends_at, meeting.location, meeting.link,
                 Flag(meeting.is_public), meeting.announced_on, meeting.minutes, meeting.minutes_html,
                 Flag(meeting.demo), OptionalId(by), at})
            ->Int(0);
    // What the body agreed to do and has not done yet comes back on its next agenda, until it is done.
    std::int64_t position = 0;
    for (const db::Row& row : connection.Query(
             "SELECT f.id, f.action, f.owner FROM meeting_follow_ups f JOIN meetings m ON m.id = f.meeting_id "
             "WHERE m.body_id = $1 AND m.id <> $2 AND f.state IN ('open', 'in_progress') ORDER BY f.due_on, f.id",
             {meeting.body_id, id})) {
      connection.Execute(
          "INSERT INTO meeting_agenda_items (meeting_id, position, title, link, follow_up_id) VALUES ($1, $2, $3, '', "
          "$4)",
          {id, ++position, row.Text(1) + " (" + row.Text(2) + ")", row.Int(0)});
    }
    for (const kernel::AgendaProposal& proposal : proposals) {
      connection.Execute("INSERT INTO meeting_agenda_items (meeting_id, position, title, link) VALUES ($1, $2, $3, $4)",
                         {id, ++position, proposal.title, proposal.link});
    }
    return id;
  });
}

std::optional<Meeting> MeetingsStore::FindMeeting(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(
      "SELECT " + std::string(kMeetingColumns) + " FROM meetings m WHERE m.id = $1", {id});
  if (!row) return std::nullopt;
  return MeetingOf(*row);
}

bool MeetingsStore::UpdateMeeting(const Meeting& meeting) {
  return database_.Acquire()->Execute(
             "UPDATE meetings SET title = $1, starts_at = $2, ends_at = $3, location = $4, link = $5, is_public = $6, "
             "announced_on = $7, minutes = $8, minutes_html = $9, version = version + 1 WHERE id = $10 AND "
             "version = $11",
             {meeting.title, meeting.starts_at, meeting.ends_at, meeting.location, meeting.link,
              Flag(meeting.is_public), meeting.announced_on, meeting.minutes, meeting.minutes_html, meeting.id,
              meeting.version}) == 1;
}

std::vector<Meeting> MeetingsStore::Meetings(std::optional<std::int64_t> body_id, const std::string& place_code) {
  const std::string select = "SELECT " + std::string(kMeetingColumns) + " FROM meetings m ";
  auto connection = database_.Acquire();
  if (body_id) return MeetingsOf(connection->Query(select + "WHERE m.body_id = $1 ORDER BY m.starts_at", {*body_id}));
  if (!place_code.empty()) {
    return MeetingsOf(connection->Query(
        select + "JOIN meeting_bodies b ON b.id = m.body_id WHERE b.place_code = $1 ORDER BY m.starts_at",
        {place_code}));
  }
  return MeetingsOf(connection->Query(select + "ORDER BY m.starts_at"));
}

std::vector<Meeting> MeetingsStore::MeetingsRegisteredBy(std::int64_t user_id) {
  return MeetingsOf(database_.Acquire()->Query(
      "SELECT " + std::string(kMeetingColumns) +
          " FROM meetings m JOIN meeting_registrations r ON r.meeting_id = m.id WHERE r.user_id = $1 "
          "ORDER BY m.starts_at",
      {user_id}));
}

std::vector<AgendaItem> MeetingsStore::Agenda(std::int64_t meeting_id) {
  std::vector<AgendaItem> items;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT id, meeting_id, position, title, link, follow_up_id FROM meeting_agenda_items WHERE meeting_id = "
           "$1 ORDER BY position, id",
           {meeting_id})) {
    items.push_back(
        {row.Int(0), row.Int(1), static_cast<int>(row.Int(2)), row.Text(3), row.Text(4), row.OptionalInt(5)});
  }
  return items;
}

std::int64_t MeetingsStore::InsertAgendaItem(const AgendaItem& item) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO meeting_agenda_items (meeting_id, position, title, link, follow_up_id) VALUES ($1, "
          "(SELECT COALESCE(MAX(position), 0) + 1 FROM meeting_agenda_items WHERE meeting_id = $1), $2, $3, $4) "
          "RETURNING id",
          {item.meeting_id, item.title, item.link, OptionalId(item.follow_up_id)})
      ->Int(0);
}

std::vector<Meeting> MeetingsStore::MeetingsDiscussing(const std::string& link) {
  return MeetingsOf(database_.Acquire()->Query(
      "SELECT DISTINCT " + std::string(kMeetingColumns) +
          " FROM meetings m JOIN meeting_agenda_items a ON a.meeting_id = m.id WHERE a.link = $1 ORDER BY m.starts_at",
      {link}));
}

std::vector<Decision> MeetingsStore::DecisionsOn(const std::string& link) {
  std::vector<Decision> decisions;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT d.id, d.meeting_id, d.agenda_item_id, d.text FROM meeting_decisions d JOIN meeting_agenda_items a "
           "ON a.id = d.agenda_item_id JOIN meetings m ON m.id = d.meeting_id WHERE a.link = $1 AND m.is_public = 1 "
           "ORDER BY m.starts_at, d.id",
           {link})) {
    decisions.push_back({row.Int(0), row.Int(1), row.OptionalInt(2), row.Text(3)});
  }
  return decisions;
}

std::vector<FollowUp> MeetingsStore::FollowUpsOn(const std::string& link) {
  std::vector<FollowUp> follow_ups;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT " + std::string(kFollowUpColumns) +
               " FROM meeting_follow_ups f JOIN meeting_agenda_items a ON a.id = f.agenda_item_id JOIN meetings m ON "
               "m.id = f.meeting_id WHERE a.link = $1 AND m.is_public = 1 ORDER BY f.due_on, f.id",
           {link})) {
    follow_ups.push_back(FollowUpOf(row));
  }
  return follow_ups;
}

std::vector<Decision> MeetingsStore::Decisions(std::int64_t meeting_id) {
  std::vector<Decision> decisions;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT id, meeting_id, agenda_item_id, text FROM meeting_decisions WHERE meeting_id = $1 ORDER BY id",
           {meeting_id})) {
    decisions.push_back({row.Int(0), row.Int(1), row.OptionalInt(2), row.Text(3)});
  }
  return decisions;
}

std::int64_t MeetingsStore::InsertDecision(const Decision& decision) {
  return database_.Acquire()
      ->QueryOne("INSERT INTO meeting_decisions (meeting_id, agenda_item_id, text) VALUES ($1, $2, $3) RETURNING id",
                 {decision.meeting_id, OptionalId(decision.agenda_item_id), decision.text})
      ->Int(0);
}

std::vector<FollowUp> MeetingsStore::FollowUpsAgreedAt(std::int64_t meeting_id) {
  std::vector<FollowUp> follow_ups;
  for (const db::Row& row :
       database_.Acquire()->Query("SELECT " + std::string(kFollowUpColumns) +
                                      " FROM meeting_follow_ups f WHERE f.meeting_id = $1 ORDER BY "
                                      "f.id",
                                  {meeting_id})) {
    follow_ups.push_back(FollowUpOf(row));
  }
  return follow_ups;
}

std::optional<FollowUp> MeetingsStore::FindFollowUp(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(
      "SELECT " + std::string(kFollowUpColumns) + " FROM meeting_follow_ups f WHERE f.id = $1", {id});
  if (!row) return std::nullopt;
  return FollowUpOf(*row);
}

std::int64_t MeetingsStore::InsertFollowUp(const FollowUp& follow_up) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO meeting_follow_ups (meeting_id, agenda_item_id, action, owner, due_on, state, done_on) VALUES "
          "($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {follow_up.meeting_id, OptionalId(follow_up.agenda_item_id), follow_up.action, follow_up.owner,
           follow_up.due_on, follow_up.state, follow_up.done_on})
      ->Int(0);
}

bool MeetingsStore::UpdateFollowUp(const FollowUp& follow_up) {
  // The version is checked in the write itself, so that of two changes at once from one version only one goes
  // through.
  return database_.Acquire()->Execute(
             "UPDATE meeting_follow_ups SET action = $1, owner = $2, due_on = $3, state = $4, done_on = $5, "
             "version = version + 1 WHERE id = $6 AND version = $7",
             {follow_up.action, follow_up.owner, follow_up.due_on, follow_up.state, follow_up.done_on, follow_up.id,
              follow_up.version}) == 1;
}

std::vector<FollowUpListed> MeetingsStore::FollowUps(std::optional<std::int64_t> body_id) {
  std::vector<FollowUpListed> listed;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT " + std::string(kFollowUpColumns) +
               ", m.body_id, m.title, m.starts_at FROM meeting_follow_ups f JOIN meetings m ON m.id = f.meeting_id " +
               (body_id ? "WHERE m.body_id = $1 " : "") + "ORDER BY f.due_on, f.id",
           body_id ? db::Params{*body_id} : db::Params{})) {
    listed.push_back({FollowUpOf(row), row.Int(9), row.Text(10), row.Text(11)});
  }
  return listed;
}

std::vector<Attendance> MeetingsStore::AttendanceOf(std::int64_t meeting_id) {
  std::vector<Attendance> attendance;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT kind, count FROM meeting_attendance WHERE meeting_id = $1 ORDER BY kind", {meeting_id})) {
    attendance.push_back({row.Text(0), row.Int(1)});
  }
  return attendance;
}

bool MeetingsStore::SetAttendance(std::int64_t meeting_id, std::int64_t version,
                                  const std::vector<Attendance>& attendance) {
  return database_.Transaction([&](db::Connection& connection) {
    // Attendance is part of the meeting: its version moves on in the same transaction, checked as it is written, so
    // that of two forms sent at once from one version only one is stored.
    if (connection.Execute("UPDATE meetings SET version = version + 1 WHERE id = $1 AND version = $2",
                           {meeting_id, version}) != 1) {
      return false;
    }
    connection.Execute("DELETE FROM meeting_attendance WHERE meeting_id = $1", {meeting_id});
    for (const Attendance& each : attendance) {
      if (each.count == 0) continue;
      connection.Execute("INSERT INTO meeting_attendance (meeting_id, kind, count) VALUES ($1, $2, $3)",
                         {meeting_id, each.kind, each.count});
    }
    return true;
  });
}

bool MeetingsStore::Register(std::int64_t meeting_id, std::int64_t user_id, bool registered, std::int64_t at) {
  auto connection = database_.Acquire();
  if (!registered) {
    return connection->Execute("DELETE FROM meeting_registrations WHERE meeting_id = $1 AND user_id = $2",
                               {meeting_id, user_id}) == 1;
  }
  return connection->Execute(
             "INSERT INTO meeting_registrations (meeting_id, user_id, registered_at) VALUES ($1, $2, $3) "
             "ON CONFLICT (meeting_id, user_id) DO NOTHING",
             {meeting_id, user_id, at}) == 1;
}

bool MeetingsStore::IsRegistered(std::int64_t meeting_id, std::int64_t user_id) {
  return database_.Acquire()
      ->QueryOne("SELECT 1 FROM meeting_registrations WHERE meeting_id = $1 AND user_id = $2", {meeting_id, user_id})
      .has_value();
}

std::int64_t MeetingsStore::Registrations(std::int64_t meeting_id) {
  return database_.Acquire()
      ->QueryOne("SELECT COUNT(*) FROM meeting_registrations WHERE meeting_id = $1", {meeting_id})
      ->Int(0);
}

std::optional<std::int64_t> MeetingsStore::UserOfCalendar(const std::string& token) {
  const auto row = database_.Acquire()->QueryOne("SELECT user_id FROM calendar_feeds WHERE token = $1", {token});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<std::string> MeetingsStore::CalendarOf(std::int64_t user_id) {
  const auto row = database_.Acquire()->QueryOne("SELECT token FROM calendar_feeds WHERE user_id = $1", {user_id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

void MeetingsStore::SetCalendar(std::int64_t user_id, const std::string& token) {
  database_.Transaction([&](db::Connection& connection) {
    connection.Execute("DELETE FROM calendar_feeds WHERE user_id = $1", {user_id});
    connection.Execute("INSERT INTO calendar_feeds (user_id, token) VALUES ($1, $2)", {user_id, token});
  });
}

bool MeetingsStore::HasDemo() {
  return database_.Acquire()->QueryOne("SELECT 1 FROM meeting_bodies WHERE demo = 1 LIMIT 1").has_value();
}

}  // namespace meetings
