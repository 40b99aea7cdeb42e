#include "modules/practices/events_store.hpp"

#include <map>

namespace practices {
namespace {

constexpr std::string_view kEventColumns = R"(
  SELECT e.meeting_id, e.kind, e.host_code, hm.name_bg, hm.name_en, hm.country_code, e.version,
         mt.body_id, mt.title, mt.starts_at, mt.ends_at, mt.location, mt.link, mt.is_public, mt.minutes_html, mt.demo,
         b.kind, b.name, b.place_code, b.demo
  FROM platform_events e JOIN meetings mt ON mt.id = e.meeting_id JOIN meeting_bodies b ON b.id = mt.body_id
  LEFT JOIN municipalities hm ON hm.code = e.host_code)";

// "$1, $2, …" for `count` parameters.
std::string Placeholders(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += (i ? ", $" : "$") + std::to_string(i + 1);
  return text;
}

std::optional<int> OptionalYear(const db::Row& row, std::size_t column) {
  const auto value = row.OptionalInt(column);
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

void InsertMunicipalities(db::Connection& connection, const PlatformEvent& event) {
  for (const NamedMunicipality& each : event.municipalities) {
    connection.Execute(
        "INSERT INTO event_municipalities (meeting_id, municipality_code, participants) VALUES ($1, $2, $3)",
        {event.meeting.id, each.code, each.participants});
  }
}

}  // namespace

std::vector<PlatformEvent> EventsStore::ReadEvents(const std::string& where, const db::Params& params) {
  auto connection = database_.Acquire();
  std::vector<PlatformEvent> events;
  for (const auto& row :
       connection->Query(std::string(kEventColumns) + where + " ORDER BY mt.starts_at DESC, mt.id DESC", params)) {
    PlatformEvent event;
    event.meeting.id = row.Int(0);
    event.kind = EventKindFromCode(row.Text(1)).value_or(EventKind::kPlatformMeeting);
    if (!row.IsNull(2)) event.host = NamedMunicipality{row.Text(2), row.Text(3), row.Text(4), row.Text(5), 0};
    event.version = row.Int(6);
    event.meeting.body_id = row.Int(7);
    event.meeting.title = row.Text(8);
    event.meeting.starts_at = row.Text(9);
    event.meeting.ends_at = row.Text(10);
    event.meeting.location = row.Text(11);
    event.meeting.link = row.Text(12);
    event.meeting.is_public = row.Int(13) != 0;
    event.meeting.minutes_html = row.Text(14);
    event.meeting.demo = row.Int(15) != 0;
    event.body = {row.Int(7), row.Text(16), row.Text(17), row.Text(18), row.Int(19) != 0};
    events.push_back(std::move(event));
  }
  if (events.empty()) return events;
  db::Params ids;
  std::map<std::int64_t, PlatformEvent*> by_id;
  for (PlatformEvent& event : events) {
    ids.push_back(event.meeting.id);
    by_id[event.meeting.id] = &event;
  }
  for (const auto& row : connection->Query(
           "SELECT em.meeting_id, em.municipality_code, m.name_bg, m.name_en, m.country_code, em.participants "
           "FROM event_municipalities em JOIN municipalities m ON m.code = em.municipality_code "
           "WHERE em.meeting_id IN (" +
               Placeholders(ids.size()) + ") ORDER BY m.country_code, m.name_en, m.code",
           ids)) {
    by_id[row.Int(0)]->municipalities.push_back({row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5)});
  }
  return events;
}

std::vector<PlatformEvent> EventsStore::Events() { return ReadEvents("", {}); }

std::optional<PlatformEvent> EventsStore::FindEvent(std::int64_t meeting_id) {
  auto events = ReadEvents(" WHERE e.meeting_id = $1", {meeting_id});
  if (events.empty()) return std::nullopt;
  return std::move(events.front());
}

std::vector<PlatformEvent> EventsStore::EventsOf(const std::string& municipality_code) {
  return ReadEvents(
      " WHERE e.host_code = $1 OR e.meeting_id IN "
      "(SELECT meeting_id FROM event_municipalities WHERE municipality_code = $1)",
      {municipality_code});
}

bool EventsStore::IsEvent(std::int64_t meeting_id) {
  return database_.Acquire()->QueryOne("SELECT 1 FROM platform_events WHERE meeting_id = $1", {meeting_id}).has_value();
}

void EventsStore::InsertEvent(const PlatformEvent& event) {
  database_.Transaction([&](db::Connection& connection) {
    connection.Execute("INSERT INTO platform_events (meeting_id, kind, host_code) VALUES ($1, $2, $3)",
                       {event.meeting.id, std::string(CodeOf(event.kind)),
                        event.host ? db::Value(event.host->code) : db::Value(nullptr)});
    InsertMunicipalities(connection, event);
  });
}

bool EventsStore::UpdateEvent(const PlatformEvent& event) {
  return database_.Transaction([&](db::Connection& connection) {
    const auto changed = connection.Execute(
        "UPDATE platform_events SET kind = $1, host_code = $2, version = version + 1 "
        "WHERE meeting_id = $3 AND version = $4",
        {std::string(CodeOf(event.kind)), event.host ? db::Value(event.host->code) : db::Value(nullptr),
         event.meeting.id, event.version});
    if (changed == 0) return false;
    connection.Execute("DELETE FROM event_municipalities WHERE meeting_id = $1", {event.meeting.id});
    InsertMunicipalities(connection, event);
    return true;
  });
}

std::int64_t EventsStore::InsertStudy(const Study& study, std::optional<std::int64_t> user_id, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    const std::int64_t id =
        connection
            .QueryOne(
                "INSERT INTO research_studies (title, authors, year, summary, link, demo, created_at, created_by) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                {study.title, study.authors, study.year ? db::Value(std::int64_t{*study.year}) : db::Value(nullptr),
                 study.summary, study.link, std::int64_t{study.demo ? 1 : 0}, now,
                 user_id ? db::Value(*user_id) : db::Value(nullptr)})
            ->Int(0);
    for (const NamedMunicipality& each : study.municipalities) {
      connection.Execute("INSERT INTO study_municipalities (study_id, municipality_code) VALUES ($1, $2)",
                         {id, each.code});
    }
    std::int64_t position = 0;
    for (const Finding& finding : study.findings) {
      connection.Execute(
          "INSERT INTO study_findings (study_id, position, text, practice_id) VALUES ($1, $2, $3, $4)",
          {id, ++position, finding.text, finding.practice_id ? db::Value(*finding.practice_id) : db::Value(nullptr)});
    }
    return id;
  });
}

std::vector<Study> EventsStore::ReadStudies(const std::string& where, const db::Params& params) {
  auto connection = database_.Acquire();
  std::vector<Study> studies;
  for (const auto& row :
       connection->Query("SELECT s.id, s.title, s.authors, s.year, s.summary, s.link, s.demo, s.created_at, "
                         "(SELECT COUNT(*) FROM study_findings f WHERE f.study_id = s.id) FROM research_studies s" +
                             where + " ORDER BY s.year DESC, s.created_at DESC, s.id DESC",
                         params)) {
    Study study{row.Int(0), row.Text(1), row.Text(2), OptionalYear(row, 3), row.Text(4), row.Text(5), row.Int(6) != 0,
                row.Int(7), {},          {}};
    study.findings.resize(static_cast<std::size_t>(row.Int(8)));
    studies.push_back(std::move(study));
  }
  if (studies.empty()) return studies;
  db::Params ids;
  std::map<std::int64_t, Study*> by_id;
  for (Study& study : studies) {
    ids.push_back(study.id);
    by_id[study.id] = &study;
  }
  for (const auto& row :
       connection->Query("SELECT sm.study_id, sm.municipality_code, m.name_bg, m.name_en, m.country_code "
                         "FROM study_municipalities sm JOIN municipalities m ON m.code = sm.municipality_code "
                         "WHERE sm.study_id IN (" +
                             Placeholders(ids.size()) + ") ORDER BY m.country_code, m.name_en, m.code",
                         ids)) {
    by_id[row.Int(0)]->municipalities.push_back({row.Text(1), row.Text(2), row.Text(3), row.Text(4), 0});
  }
  return studies;
}

std::vector<Study> EventsStore::Studies() { return ReadStudies("", {}); }

std::vector<Study> EventsStore::StudiesOf(const std::string& municipality_code) {
  return ReadStudies(" WHERE s.id IN (SELECT study_id FROM study_municipalities WHERE municipality_code = $1)",
                     {municipality_code});
}

std::optional<Study> EventsStore::FindStudy(std::int64_t id, const std::string& language) {
  auto studies = ReadStudies(" WHERE s.id = $1", {id});
  if (studies.empty()) return std::nullopt;
  Study study = std::move(studies.front());
  study.findings.clear();
  // Each finding's practice is titled in the reader's language where it has a version in it, else as first written.
  for (const auto& row : database_.Acquire()->Query(
           "SELECT f.id, f.text, f.practice_id, COALESCE(t.title, o.title, '') FROM study_findings f "
           "LEFT JOIN practices p ON p.id = f.practice_id "
           "LEFT JOIN practice_texts o ON o.practice_id = p.id AND o.language = p.original_language "
           "LEFT JOIN practice_texts t ON t.practice_id = p.id AND t.language = $2 "
           "WHERE f.study_id = $1 ORDER BY f.position, f.id",
           {id, language})) {
    study.findings.push_back({row.Int(0), row.Text(1), row.OptionalInt(2), row.Text(3)});
  }
  return study;
}

std::vector<FindingAbout> EventsStore::FindingsAbout(std::int64_t practice_id) {
  std::vector<FindingAbout> findings;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT s.id, s.title, s.year, f.text FROM study_findings f JOIN research_studies s ON s.id = f.study_id "
           "WHERE f.practice_id = $1 ORDER BY s.year DESC, s.id DESC, f.position",
           {practice_id})) {
    findings.push_back({row.Int(0), row.Text(1), OptionalYear(row, 2), row.Text(3)});
  }
  return findings;
}

std::vector<NamedMunicipality> EventsStore::PlatformMunicipalities() {
  std::vector<NamedMunicipality> municipalities;
  for (const auto& row : database_.Acquire()->Query(
           "SELECT code, name_bg, name_en, country_code FROM municipalities WHERE code IN ("
           "SELECT municipality_code FROM practices UNION SELECT municipality_code FROM group_members "
           "UNION SELECT municipality_code FROM event_municipalities UNION SELECT municipality_code FROM "
           "study_municipalities) ORDER BY country_code, name_en, code")) {
    municipalities.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3), 0});
  }
  return municipalities;
}

bool EventsStore::HasDemo() {
  return database_.Acquire()
      ->QueryOne(
          "SELECT 1 FROM research_studies WHERE demo = 1 UNION ALL SELECT 1 FROM platform_events e "
          "JOIN meetings mt ON mt.id = e.meeting_id WHERE mt.demo = 1 LIMIT 1")
      .has_value();
}

}  // namespace practices
