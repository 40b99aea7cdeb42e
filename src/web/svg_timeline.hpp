#pragma once
// A server-rendered timeline of dated pieces of work (a project's activities): each a bar from its first to its last
// day under its name, the part done filled, with the years or quarters marked above and today's line across. Like
// the other charts: no script, no style attributes, and a table beside it for screen readers and print.

#include <functional>
#include <string>
#include <vector>

#include "web/svg_common.hpp"

namespace web {

struct TimelineBar {
  std::string label;
  std::string starts_on;  // ISO days; a bar without a valid span is left out
  std::string ends_on;
  int progress = 0;  // percent done, 0 to 100
};

struct TimelineOptions {
  std::string title;  // <title>, the accessible name
  std::string description;
  std::string id_prefix = "timeline";
  std::string empty_text = "No data";
  std::string today;        // ISO day; its line is drawn when it falls within the timeline
  std::string today_label;  // written at the top of today's line: "today"
  int width = 720;
  // A tick's label from the first day of its month: "Apr 2027" as the reader writes it. When empty, "2027-04".
  std::function<std::string(const std::string& iso_day)> format_month;
  // A bar's hover title from its label, days and progress. When empty: "label: 2027-01-01 – 2027-06-30, 40%".
  std::function<std::string(const TimelineBar& bar)> format_bar;
};

std::string RenderTimeline(const std::vector<TimelineBar>& bars, const TimelineOptions& options);

}  // namespace web
