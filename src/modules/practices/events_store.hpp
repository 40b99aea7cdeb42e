#pragma once
// All SQL of the platform's events and research studies (migrations/0032_platform_events.sql).

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/practices/events.hpp"

namespace practices {

class EventsStore {
 public:
  explicit EventsStore(db::Database& database) : database_(database) {}

  // Every event, the latest first; or one; or those `municipality_code` hosted or took part in.
  std::vector<PlatformEvent> Events();
  std::optional<PlatformEvent> FindEvent(std::int64_t meeting_id);
  std::vector<PlatformEvent> EventsOf(const std::string& municipality_code);
  bool IsEvent(std::int64_t meeting_id);
  // The facts of a new event of the meeting `event.meeting.id`.
  void InsertEvent(const PlatformEvent& event);
  // The facts if they are still at `event.version` (false otherwise).
  bool UpdateEvent(const PlatformEvent& event);

  std::int64_t InsertStudy(const Study& study, std::optional<std::int64_t> user_id, std::int64_t now);
  // Studies without their findings (counted in `findings` as empty entries), the latest first.
  std::vector<Study> Studies();
  std::vector<Study> StudiesOf(const std::string& municipality_code);
  std::optional<Study> FindStudy(std::int64_t id, const std::string& language);
  std::vector<FindingAbout> FindingsAbout(std::int64_t practice_id);
  bool HasDemo();
  // The municipalities in the platform so far (with practices, in groups or at events), offered on the forms.
  std::vector<NamedMunicipality> PlatformMunicipalities();

 private:
  std::vector<PlatformEvent> ReadEvents(const std::string& where, const db::Params& params);
  std::vector<Study> ReadStudies(const std::string& where, const db::Params& params);

  db::Database& database_;
};

}  // namespace practices
