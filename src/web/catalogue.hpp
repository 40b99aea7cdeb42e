#pragma once
// A compiled gettext catalogue (.mo) read as data, to learn at start-up what it translates and whether a fluent
// speaker reviewed it, and the rules that judge it against the reference catalogue (the Bulgarian one).
//
// The .mo rather than the .po: the server judges exactly what it loads, an installation ships locale/ without po/,
// and msgfmt has already left out fuzzy and empty entries, so "translated" is "present, with every plural form
// filled". The format is a fixed table of offsets (GNU gettext manual, "The Format of GNU MO Files").

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace web {

// The header field in which a catalogue says whether a fluent speaker reviewed it: "yes", or "no" for a machine's or
// a non-fluent translator's work not yet reviewed. A catalogue without it counts as not reviewed.
inline constexpr std::string_view kReviewedField = "X-Khetane-Reviewed";

struct Catalogue {
  // msgid → its translation. A plural message's msgid is "singular\0plural" and its translation the forms separated
  // by '\0', as the file holds them; a message with a context is "context\x04msgid".
  std::map<std::string, std::string, std::less<>> messages;
  // The header's fields ("Language" → "cs"), from the translation of the empty msgid.
  std::map<std::string, std::string, std::less<>> header;

  bool Reviewed() const;
};

// Throws std::runtime_error for bytes that are not a catalogue, naming what is wrong.
Catalogue ParseCatalogue(std::string_view bytes);
Catalogue ReadCatalogue(const std::filesystem::path& file);

// Whether `catalogue` translates `msgid` of the reference: present, and no plural form left empty.
bool Translates(const Catalogue& catalogue, std::string_view msgid);
// The msgids of `reference` that `catalogue` does not translate, in byte order. A catalogue is complete when there
// are none.
std::vector<std::string> MissingMessages(const Catalogue& reference, const Catalogue& catalogue);

// A message of the reference that a catalogue lacks or translates with a slip.
struct TranslationProblem {
  std::string msgid;  // the singular of a plural message
  std::string problem;
};
// Every problem of `catalogue` against `reference`, in byte order of msgid: a message it does not translate, and
// a translation (each plural form) that drops or adds a "{name}" placeholder or an HTML tag of the msgid. With
// MissingCounts::kNo, only the slips of what it does translate (a template still being filled in).
enum class MissingCounts { kYes, kNo };
std::vector<TranslationProblem> TranslationProblems(const Catalogue& reference, const Catalogue& catalogue,
                                                    MissingCounts missing_counts = MissingCounts::kYes);

// The "{name}" placeholders and the HTML tags ("<a>", "</a>", "<strong>") of a text, sorted, for comparison.
std::vector<std::string> PlaceholdersOf(std::string_view text);
std::vector<std::string> TagsOf(std::string_view text);

}  // namespace web
