#include "modules/guides/guides.hpp"

#include <fstream>
#include <iterator>

#include "formats/table.hpp"
#include "web/markdown.hpp"

namespace guides {
namespace {

bool IsSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 64) return false;
  for (const char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

core::Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::NotFound(path.string() + ": missing");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

core::Result<std::string> Render(const std::filesystem::path& path) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  auto html = web::MarkdownToHtml(*text);
  if (!html) return core::Error::InvalidInput(path.string() + ": " + html.error().message);
  return html;
}

}  // namespace

core::Result<std::vector<Guide>> LoadGuides(const std::filesystem::path& directory) {
  const std::filesystem::path index = directory / "index.csv";
  auto bytes = ReadFile(index);
  if (!bytes) return bytes.error();
  const auto table = formats::ReadTable(*bytes);
  if (!table) return core::Error::InvalidInput(index.string() + ": " + table.error().message);
  std::vector<Guide> guides;
  for (std::size_t line = 1; line < table->rows.size(); ++line) {
    const std::vector<std::string>& row = table->rows[line].fields;
    const std::size_t at = table->rows[line].line;
    if (row.size() < 5) {
      return core::Error::InvalidInput(index.string() + ": line " + std::to_string(at) +
                                       ": a guide has five columns: slug, title_bg, title_en, summary_bg, summary_en");
    }
    Guide guide{row[0], row[1], row[2], row[3], row[4], "", ""};
    if (!IsSlug(guide.slug)) {
      return core::Error::InvalidInput(index.string() + ": line " + std::to_string(at) + ": the slug \"" + guide.slug +
                                       "\" is not lower-case letters, digits and '-'");
    }
    auto bg = Render(directory / (guide.slug + ".bg.md"));
    if (!bg) return bg.error();
    auto en = Render(directory / (guide.slug + ".en.md"));
    if (!en) return en.error();
    guide.html_bg = std::move(*bg);
    guide.html_en = std::move(*en);
    guides.push_back(std::move(guide));
  }
  return guides;
}

const Guide* Library::Find(std::string_view slug) const {
  for (const Guide& guide : guides_) {
    if (guide.slug == slug) return &guide;
  }
  return nullptr;
}

}  // namespace guides
