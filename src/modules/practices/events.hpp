#pragma once
// Events and research of the practice platform (issue 21, part 6). An event (a platform meeting, an exchange visit, an
// online working session) is a meeting of the meetings module, so that its programme is the meeting's agenda, its
// report the minutes and its follow-up actions the meeting's, carried to the next meeting until done; the platform
// adds its kind, the municipality that hosts it and the municipalities taking part, each with how many people it sent
// (counted, never listed). A research study (such as a comparison of three municipalities) names the municipalities
// it studied and its findings, each of which may name the practice of the library it found. Pure types and checks.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "modules/meetings/meetings.hpp"

namespace practices {

enum class EventKind { kPlatformMeeting, kExchangeVisit, kWorkingSession };
inline constexpr std::array<EventKind, 3> kEventKinds = {EventKind::kPlatformMeeting, EventKind::kExchangeVisit,
                                                         EventKind::kWorkingSession};
std::string_view CodeOf(EventKind kind);   // "exchange_visit"
std::string_view TitleOf(EventKind kind);  // msgid: "Exchange visit"
std::optional<EventKind> EventKindFromCode(std::string_view code);

// The bodies whose meetings are the platform's events.
inline constexpr std::array<std::string_view, 2> kEventBodyKinds = {"platform", "working_group"};
// Rows for taking-part municipalities on the event's form, and for studied municipalities and findings on a study's.
inline constexpr std::size_t kMaxEventMunicipalities = 12;
inline constexpr std::size_t kMaxStudyFindings = 12;
inline constexpr std::int64_t kMaxParticipants = 10'000;
inline constexpr std::size_t kMaxStudyTitleCharacters = 300;
inline constexpr std::size_t kMaxStudySummaryCharacters = 5'000;
inline constexpr std::size_t kMaxFindingCharacters = 2'000;

// A municipality named with its names; `participants` is how many people it sent to an event (0 for a study's).
struct NamedMunicipality {
  std::string code;
  std::string name_bg;
  std::string name_en;
  std::string country_code;
  std::int64_t participants = 0;
};

struct PlatformEvent {
  meetings::Meeting meeting;
  meetings::Body body;
  EventKind kind = EventKind::kPlatformMeeting;
  std::optional<NamedMunicipality> host;  // none for a session held online
  std::vector<NamedMunicipality> municipalities;
  std::int64_t version = 1;  // of the event's facts; the meeting keeps its own

  std::int64_t Participants() const;
};

// The event's form as typed. A new event also brings the meeting: its body, title, times and place.
struct EventFields {
  std::string body_id;
  std::string title;
  std::string starts_at;  // "2027-03-10T09:30", Sofia's time as the meetings module keeps it
  std::string ends_at;
  std::string location;
  std::string link;
  std::string kind;
  std::string host;                                                 // a municipality's code, or ""
  std::vector<std::pair<std::string, std::string>> municipalities;  // code, participants; empty rows ignored
  std::int64_t version = 0;                                         // of the facts, when they are changed
};

struct Finding {
  std::int64_t id = 0;
  std::string text;
  std::optional<std::int64_t> practice_id;
  std::string practice_title;  // in the reader's language, else the original's
};

struct Study {
  std::int64_t id = 0;
  std::string title;
  std::string authors;
  std::optional<int> year;
  std::string summary;
  std::string link;  // where the whole study is: an http(s) address
  bool demo = false;
  std::int64_t created_at = 0;
  std::vector<NamedMunicipality> municipalities;
  std::vector<Finding> findings;
};

// A finding about a practice, with the study it comes from: for the practice's page.
struct FindingAbout {
  std::int64_t study_id = 0;
  std::string study_title;
  std::optional<int> year;
  std::string text;
};

struct StudyFields {
  std::string title;
  std::string authors;
  std::string year;
  std::string summary;
  std::string link;
  std::vector<std::string> municipalities;                    // codes; empty rows ignored
  std::vector<std::pair<std::string, std::string>> findings;  // text, practice ("12" or "/practices/12"); same
};

// "12", "/practices/12" or a whole address ending so → 12.
std::optional<std::int64_t> PracticeIdOf(std::string_view typed);
// The checks that need no database: kind, participants (whole numbers up to kMaxParticipants, a municipality named
// once), and for a study its title, year, link and finding texts. Fields are named as the forms name them:
// "municipality_3", "participants_3", "finding_2", "practice_2".
std::vector<core::FieldProblem> EventProblems(const EventFields& fields);
std::vector<core::FieldProblem> StudyProblems(const StudyFields& fields);

}  // namespace practices
