// libFuzzer target for what a meeting form brings (issue 15): the input split at NUL bytes into a title, a start, an
// end, a location and an agenda link is checked as the forms check it (meetings::MeetingProblems, LinkKind) and, when
// accepted, written as an iCalendar: whatever people type, libical parses the feed back into one event whose
// summary and location are the text as typed (control characters but line breaks made spaces), and every line is folded
// to 75 octets and ends in CRLF.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target meetings_fuzz -j2
//   mkdir -p build/fuzz/meetings && build/fuzz/meetings_fuzz -max_total_time=300 build/fuzz/meetings
//   fuzz/corpus/meetings

#include <libical/ical.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "modules/meetings/meetings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (parts.size() < 5) {
    const std::size_t nul = input.find('\0', from);
    parts.emplace_back(input.substr(from, nul == std::string_view::npos ? std::string_view::npos : nul - from));
    if (nul == std::string_view::npos) break;
    from = nul + 1;
  }
  parts.resize(5);
  meetings::Meeting meeting;
  meeting.id = 1;
  // As the service stores them: trimmed (libical drops a value's trailing spaces when it reads a feed).
  meeting.title = core::TrimSpaces(parts[0]);
  meeting.starts_at = parts[1];
  meeting.ends_at = parts[2];
  meeting.location = core::TrimSpaces(parts[3]);
  const std::string_view kind = meetings::LinkKind(parts[4]);
  if (!kind.empty() && (parts[4].find('"') != std::string::npos || parts[4].find('<') != std::string::npos)) {
    std::abort();  // a link that could break out of an attribute is never accepted
  }
  if (!meetings::MeetingProblems(meeting).empty()) return 0;
  const meetings::Body body{1, "working_group", "Работна група", "MON24", false};
  const std::string ical = meetings::ICalendar({{meeting, body}}, "fuzz", "https://khetane.example.org", 1'796'472'000);
  std::size_t line_start = 0;
  while (line_start < ical.size()) {
    const std::size_t end = ical.find("\r\n", line_start);
    if (end == std::string::npos || end - line_start > 75) std::abort();
    line_start = end + 2;
  }
  icalcomponent* parsed = icalparser_parse_string(ical.c_str());
  if (parsed == nullptr) std::abort();
  icalcomponent* event = icalcomponent_get_first_component(parsed, ICAL_VEVENT_COMPONENT);
  if (event == nullptr) std::abort();
  const char* summary = icalcomponent_get_summary(event);
  if (summary == nullptr || summary != meetings::CalendarText(body.name + ": " + meeting.title)) std::abort();
  const char* location = icalcomponent_get_location(event);
  const std::string written = meetings::CalendarText(meeting.location);
  if (!written.empty() && (location == nullptr || location != written)) std::abort();
  icalcomponent_free(parsed);
  return 0;
}
