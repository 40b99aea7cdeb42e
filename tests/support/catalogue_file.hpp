#pragma once
// Catalogues of a test's own, written as msgfmt writes a .mo (GNU gettext manual, "The Format of GNU MO Files"), with
// no hash table (readers look messages up without one): a complete language, an incomplete one, a header saying who
// reviewed it.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace test_support {

// `messages` maps each msgid ("" for the header; "singular\0plural" for a plural message) to its translation (forms
// separated by '\0').
inline std::string MoBytes(const std::map<std::string, std::string>& messages) {
  const auto word = [](std::string& out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  };
  const auto count = static_cast<std::uint32_t>(messages.size());
  const std::uint32_t originals = 28;
  const std::uint32_t translations = originals + 8 * count;
  std::uint32_t offset = translations + 8 * count;
  std::string head;
  for (const std::uint32_t value : {0x950412deU, 0U, count, originals, translations, 0U, offset}) word(head, value);
  std::string original_table, translation_table, strings;
  for (const bool translated : {false, true}) {
    for (const auto& [msgid, translation] : messages) {
      const std::string& text = translated ? translation : msgid;
      word(translated ? translation_table : original_table, static_cast<std::uint32_t>(text.size()));
      word(translated ? translation_table : original_table, offset);
      strings += text;
      strings.push_back('\0');
      offset += static_cast<std::uint32_t>(text.size() + 1);
    }
  }
  return head + original_table + translation_table + strings;
}

// A header as msgfmt keeps it, with `extra` fields ("X-Khetane-Reviewed: no\n") at its end.
inline std::string MoHeader(const std::string& language, const std::string& extra = "") {
  return "Project-Id-Version: khetane\nLanguage: " + language +
         "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
         "Plural-Forms: nplurals=2; plural=(n != 1);\n" +
         extra;
}

// Writes `messages` as <directory>/<language>/LC_MESSAGES/khetane.mo.
inline void WriteCatalogue(const std::filesystem::path& directory, const std::string& language,
                           const std::map<std::string, std::string>& messages) {
  const auto folder = directory / language / "LC_MESSAGES";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "khetane.mo", std::ios::binary) << MoBytes(messages);
}

}  // namespace test_support
