#pragma once
// Participation guides: how a municipality works and each mechanism the law gives people to take part, in Bulgarian
// and English, written in Markdown (data/guides/) and turned into HTML once, when the server starts. Other modules
// link to a guide by its slug where the mechanism is used (the consultations module to "public-consultation").

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace guides {

struct Guide {
  std::string slug;  // "public-consultation": its address, /guides/public-consultation
  std::string title_bg;
  std::string title_en;
  std::string summary_bg;
  std::string summary_en;
  std::string html_bg;  // the whole guide, rendered in safe mode
  std::string html_en;
};

// The guides `directory` lists in index.csv (slug, title_bg, title_en, summary_bg, summary_en), in its order, each
// read from <slug>.bg.md and <slug>.en.md. An error names the file and what is wrong with it: a guide that is listed
// but missing, a slug that is not lower-case letters, digits and '-', Markdown that cannot be rendered.
core::Result<std::vector<Guide>> LoadGuides(const std::filesystem::path& directory);

// The guides by slug, as the pages ask for them.
class Library {
 public:
  explicit Library(std::vector<Guide> guides) : guides_(std::move(guides)) {}
  const std::vector<Guide>& all() const { return guides_; }
  const Guide* Find(std::string_view slug) const;

 private:
  std::vector<Guide> guides_;
};

}  // namespace guides
