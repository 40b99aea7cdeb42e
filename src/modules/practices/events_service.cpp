#include "modules/practices/events_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/text.hpp"

namespace practices {
namespace {

bool IsEventBody(const meetings::Body& body) {
  return std::find(kEventBodyKinds.begin(), kEventBodyKinds.end(), body.kind) != kEventBodyKinds.end();
}

}  // namespace

std::vector<meetings::Body> EventsService::BodiesFor(const core::Actor& actor) {
  std::vector<meetings::Body> bodies;
  for (meetings::Body& body : meetings_.Bodies()) {
    if (IsEventBody(body) && meetings_.MayOrganise(actor, body.place_code)) bodies.push_back(std::move(body));
  }
  return bodies;
}

bool EventsService::MayChange(const core::Actor& actor, const PlatformEvent& event) const {
  return meetings_.MayOrganise(actor, event.body.place_code);
}

std::vector<PlatformEvent> EventsService::Events(const core::Actor& actor) {
  auto events = store_.Events();
  std::erase_if(events,
                [&](const PlatformEvent& event) { return !event.meeting.is_public && !MayChange(actor, event); });
  return events;
}

std::vector<PlatformEvent> EventsService::EventsOf(const core::Actor& actor, const std::string& municipality_code) {
  auto events = store_.EventsOf(municipality_code);
  std::erase_if(events,
                [&](const PlatformEvent& event) { return !event.meeting.is_public && !MayChange(actor, event); });
  return events;
}

core::Result<PlatformEvent> EventsService::Find(const core::Actor& actor, std::int64_t meeting_id) {
  auto event = store_.FindEvent(meeting_id);
  if (!event || (!event->meeting.is_public && !MayChange(actor, *event))) {
    return core::Error::NotFound("There is no such event.");
  }
  return std::move(*event);
}

std::optional<NamedMunicipality> EventsService::Municipality(std::vector<core::FieldProblem>& problems,
                                                             const std::string& field, const std::string& code) {
  const auto found = practices_.places().FindMunicipality(code);
  if (!found) {
    problems.push_back({field, "There is no municipality with this code.", code});
    return std::nullopt;
  }
  const places::Municipality& municipality = (*found)->detail.municipality;
  return NamedMunicipality{municipality.code, municipality.name_bg, municipality.name_en, municipality.country_code, 0};
}

PlatformEvent EventsService::FactsOf(std::vector<core::FieldProblem>& problems, const EventFields& fields) {
  PlatformEvent event;
  event.kind = EventKindFromCode(fields.kind).value_or(EventKind::kPlatformMeeting);
  if (const std::string host = core::TrimSpaces(fields.host); !host.empty()) {
    event.host = Municipality(problems, "host", host);
  }
  for (std::size_t i = 0; i < fields.municipalities.size(); ++i) {
    const std::string code = core::TrimSpaces(fields.municipalities[i].first);
    if (code.empty()) continue;
    auto each = Municipality(problems, "municipality_" + std::to_string(i + 1), code);
    if (!each) continue;
    const std::string count = core::TrimSpaces(fields.municipalities[i].second);
    std::from_chars(count.data(), count.data() + count.size(), each->participants);  // EventProblems checked it
    event.municipalities.push_back(std::move(*each));
  }
  return event;
}

core::Result<std::int64_t> EventsService::Create(const core::SignedIn& user, const EventFields& fields) {
  std::vector<core::FieldProblem> problems = EventProblems(fields);
  meetings::Meeting meeting;
  std::int64_t body_id = 0;
  std::from_chars(fields.body_id.data(), fields.body_id.data() + fields.body_id.size(), body_id);
  const auto body = meetings_.FindBody(body_id);
  if (!body || !IsEventBody(*body)) {
    problems.push_back({"body", "Choose the platform or working group whose event it is.", fields.body_id});
  } else if (!meetings_.MayOrganise(user, body->place_code)) {
    return core::Error::Forbidden("Only those who work for the place set up its bodies and meetings.");
  }
  meeting.body_id = body_id;
  meeting.title = core::TrimSpaces(fields.title);
  meeting.starts_at = core::TrimSpaces(fields.starts_at);
  meeting.ends_at = core::TrimSpaces(fields.ends_at);
  meeting.location = core::TrimSpaces(fields.location);
  meeting.link = core::TrimSpaces(fields.link);
  for (core::FieldProblem& problem : meetings::MeetingProblems(meeting)) problems.push_back(std::move(problem));
  PlatformEvent event = FactsOf(problems, fields);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  auto scheduled = meetings_.Schedule(user, meeting);
  if (!scheduled) return scheduled.error();
  event.meeting = *scheduled;
  store_.InsertEvent(event);
  audit_.Write(user, "platform_event_recorded", fmt::format("event {}", event.meeting.id));
  return event.meeting.id;
}

core::Result<std::int64_t> EventsService::Change(const core::SignedIn& user, std::int64_t meeting_id,
                                                 const EventFields& fields) {
  auto existing = Find(user, meeting_id);
  if (!existing) return existing.error();
  if (!MayChange(user, *existing)) {
    return core::Error::Forbidden("Only those who work for the place set up its bodies and meetings.");
  }
  std::vector<core::FieldProblem> problems = EventProblems(fields);
  PlatformEvent event = FactsOf(problems, fields);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  event.meeting = existing->meeting;
  event.version = fields.version;
  if (!store_.UpdateEvent(event)) {
    return core::Error::Conflict(
        "Someone saved a change while you were editing it. What is saved now is shown beside what you typed: keep "
        "what you need of both and save again.");
  }
  audit_.Write(user, "platform_event_changed", fmt::format("event {}", meeting_id));
  return meeting_id;
}

bool EventsService::WorksForAPlace(const core::Actor& actor) const {
  if (actor.IsAdministrator()) return true;
  return std::any_of(actor.roles.begin(), actor.roles.end(), [](const core::RoleAssignment& assignment) {
    return assignment.scope.kind == core::ScopeKind::kMunicipality || assignment.scope.kind == core::ScopeKind::kOblast;
  });
}

core::Result<std::int64_t> EventsService::PublishStudy(const core::SignedIn& user, const StudyFields& fields) {
  std::vector<core::FieldProblem> problems = StudyProblems(fields);
  Study study;
  study.title = core::TrimSpaces(fields.title);
  study.authors = core::TrimSpaces(fields.authors);
  study.summary = core::TrimSpaces(fields.summary);
  study.link = core::TrimSpaces(fields.link);
  if (const std::string year = core::TrimSpaces(fields.year); !year.empty()) study.year = std::atoi(year.c_str());
  bool works_for_one = user.actor().IsAdministrator();
  for (std::size_t i = 0; i < fields.municipalities.size(); ++i) {
    const std::string code = core::TrimSpaces(fields.municipalities[i]);
    if (code.empty()) continue;
    const std::string field = "municipality_" + std::to_string(i + 1);
    if (std::any_of(study.municipalities.begin(), study.municipalities.end(),
                    [&](const NamedMunicipality& each) { return each.code == code; })) {
      problems.push_back({field, "This municipality is named twice.", code});
      continue;
    }
    if (auto each = Municipality(problems, field, code)) {
      works_for_one = works_for_one || practices_.MayWriteFor(user, each->code);
      study.municipalities.push_back(std::move(*each));
    }
  }
  if (study.municipalities.empty() && std::none_of(problems.begin(), problems.end(), [](const auto& problem) {
        return problem.field.starts_with("municipality_");
      })) {
    problems.push_back({"municipality_1", "Name at least one municipality the study studied.", ""});
  }
  for (std::size_t i = 0; i < fields.findings.size(); ++i) {
    const std::string text = core::TrimSpaces(fields.findings[i].first);
    if (text.empty()) continue;
    Finding finding{0, text, PracticeIdOf(fields.findings[i].second), ""};
    if (finding.practice_id && !practices_.Find(*finding.practice_id)) {
      problems.push_back(
          {"practice_" + std::to_string(i + 1), "There is no such practice.", fields.findings[i].second});
    }
    study.findings.push_back(std::move(finding));
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  if (!works_for_one) {
    return core::Error::Forbidden("Only those who work for a municipality a study studied publish it.");
  }
  const std::int64_t id = store_.InsertStudy(study, user.user_id(), clock_.Now());
  audit_.Write(user, "research_study_published", fmt::format("study {}", id));
  return id;
}

core::Result<Study> EventsService::FindStudy(std::int64_t id, const std::string& language) {
  auto study = store_.FindStudy(id, language);
  if (!study) return core::Error::NotFound("There is no such study.");
  return std::move(*study);
}

}  // namespace practices
