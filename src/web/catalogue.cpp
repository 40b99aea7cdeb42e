#include "web/catalogue.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace web {
namespace {

constexpr std::uint32_t kMagic = 0x950412de;

// The forms of a translation: one for a singular message, one per plural form otherwise.
std::vector<std::string_view> FormsOf(std::string_view translation) {
  std::vector<std::string_view> forms;
  for (std::size_t start = 0;;) {
    const std::size_t end = translation.find('\0', start);
    forms.push_back(translation.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return forms;
    start = end + 1;
  }
}

// What people call a message: its singular, without a context.
std::string ShownMsgid(std::string_view msgid) {
  if (const auto context_end = msgid.find('\x04'); context_end != std::string_view::npos) {
    msgid.remove_prefix(context_end + 1);
  }
  return std::string(msgid.substr(0, msgid.find('\0')));
}

std::string Listed(const std::vector<std::string>& items) {
  if (items.empty()) return "(none)";
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : " ") + item;
  return text;
}

// Reads a catalogue of either byte order.
class MoReader {
 public:
  explicit MoReader(std::string_view bytes) : bytes_(bytes) {
    if (bytes_.size() < 28) throw std::runtime_error("too short for a .mo catalogue");
    if (Word(0) != kMagic) {
      swapped_ = true;
      if (Word(0) != kMagic) throw std::runtime_error("not a .mo catalogue (wrong magic number)");
    }
    if (Word(4) >> 16 != 0) throw std::runtime_error("a .mo catalogue of an unknown major revision");
  }

  std::uint32_t Word(std::size_t at) const {
    if (at > bytes_.size() || bytes_.size() - at < 4) throw std::runtime_error("a .mo offset beyond the file");
    const auto byte = [&](std::size_t i) {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[at + i]));
    };
    return swapped_ ? byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3)
                    : byte(3) << 24 | byte(2) << 16 | byte(1) << 8 | byte(0);
  }

  // The string whose length and offset are at `descriptor` in a table.
  std::string_view String(std::size_t descriptor) const {
    const std::size_t length = Word(descriptor);
    const std::size_t offset = Word(descriptor + 4);
    if (offset > bytes_.size() || bytes_.size() - offset < length) {
      throw std::runtime_error("a .mo string beyond the file");
    }
    return bytes_.substr(offset, length);
  }

 private:
  std::string_view bytes_;
  bool swapped_ = false;
};

std::map<std::string, std::string, std::less<>> HeaderFields(std::string_view header) {
  std::map<std::string, std::string, std::less<>> fields;
  std::istringstream lines{std::string(header)};
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.pop_back();
    // A field given twice keeps both values ("yes, no"), so that a contradiction never reads as a plain yes.
    auto [field, added] = fields.emplace(line.substr(0, colon), value);
    if (!added) field->second += ", " + value;
  }
  return fields;
}

std::vector<std::string> Matches(std::string_view text, const std::regex& pattern,
                                 std::string (*shape)(const std::cmatch&)) {
  std::vector<std::string> found;
  for (auto match = std::cregex_iterator(text.data(), text.data() + text.size(), pattern);
       match != std::cregex_iterator(); ++match) {
    found.push_back(shape(*match));
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

bool Catalogue::Reviewed() const {
  const auto field = header.find(kReviewedField);
  return field != header.end() && field->second == "yes";
}

Catalogue ParseCatalogue(std::string_view bytes) {
  const MoReader reader(bytes);
  const std::size_t count = reader.Word(8);
  const std::size_t originals = reader.Word(12);
  const std::size_t translations = reader.Word(16);
  Catalogue catalogue;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view msgid = reader.String(originals + 8 * i);
    const std::string_view translation = reader.String(translations + 8 * i);
    if (msgid.empty()) {
      catalogue.header = HeaderFields(translation);
    } else {
      catalogue.messages.emplace(msgid, translation);
    }
  }
  return catalogue;
}

Catalogue ReadCatalogue(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the catalogue " + file.string());
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  try {
    return ParseCatalogue(bytes);
  } catch (const std::runtime_error& error) {
    throw std::runtime_error(file.string() + ": " + error.what());
  }
}

bool Translates(const Catalogue& catalogue, std::string_view msgid) {
  const auto found = catalogue.messages.find(msgid);
  if (found == catalogue.messages.end()) return false;
  const auto forms = FormsOf(found->second);
  return std::none_of(forms.begin(), forms.end(), [](std::string_view form) { return form.empty(); });
}

std::vector<std::string> MissingMessages(const Catalogue& reference, const Catalogue& catalogue) {
  std::vector<std::string> missing;
  for (const auto& [msgid, translation] : reference.messages) {
    if (!Translates(catalogue, msgid)) missing.push_back(msgid);
  }
  return missing;
}

std::vector<std::string> PlaceholdersOf(std::string_view text) {
  static const std::regex kPlaceholder(R"(\{[A-Za-z_][A-Za-z0-9_]*\})");
  return Matches(text, kPlaceholder, [](const std::cmatch& match) { return match.str(); });
}

std::vector<std::string> TagsOf(std::string_view text) {
  static const std::regex kTag(R"(<(/?)([A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?/?>)");
  return Matches(text, kTag, [](const std::cmatch& match) {
    std::string name = match[2].str();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return "<" + match[1].str() + name + ">";
  });
}

std::vector<TranslationProblem> TranslationProblems(const Catalogue& reference, const Catalogue& catalogue,
                                                    MissingCounts missing_counts) {
  std::vector<TranslationProblem> problems;
  for (const auto& [msgid, reference_translation] : reference.messages) {
    const std::string shown = ShownMsgid(msgid);
    if (!Translates(catalogue, msgid)) {
      if (missing_counts == MissingCounts::kYes) problems.push_back({shown, "not translated"});
      continue;
    }
    // A plural message's placeholders are those of its singular and its plural together.
    std::string_view source = msgid;
    if (const auto context_end = source.find('\x04'); context_end != std::string_view::npos) {
      source.remove_prefix(context_end + 1);
    }
    std::vector<std::string> placeholders = PlaceholdersOf(source);
    placeholders.erase(std::unique(placeholders.begin(), placeholders.end()), placeholders.end());
    const auto source_forms = FormsOf(source);
    const std::vector<std::string> tags = TagsOf(source_forms.back());
    const auto forms = FormsOf(catalogue.messages.find(msgid)->second);
    for (std::size_t i = 0; i < forms.size(); ++i) {
      const std::string form = forms.size() > 1 ? "form " + std::to_string(i) + ": " : "";
      std::vector<std::string> used = PlaceholdersOf(forms[i]);
      used.erase(std::unique(used.begin(), used.end()), used.end());
      if (used != placeholders) {
        problems.push_back({shown, form + "placeholders " + Listed(used) + " instead of " + Listed(placeholders)});
      }
      if (const auto used_tags = TagsOf(forms[i]); used_tags != tags) {
        problems.push_back({shown, form + "HTML tags " + Listed(used_tags) + " instead of " + Listed(tags)});
      }
    }
  }
  return problems;
}

}  // namespace web
