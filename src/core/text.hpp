#pragma once
// Text helpers that know Bulgarian: transliteration to Latin and keys for case- and script-blind search.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace core {

// Latin spelling of Bulgarian Cyrillic by the Transliteration Act (2009, the "streamlined system"):
// Щ → Sht, Ъ → A, Ю → Yu, and -ия at the end of a word → -ia. Other characters pass through.
std::string TransliterateBulgarian(std::string_view utf8);

// A key for matching names typed in any script, with or without accents, in any case: "Лом", "LOM" and "lom" all give
// "lom", "Ünal Çelik" gives "unal celik", "Přívoz" gives "privoz". NFC first; Bulgarian Cyrillic by the
// Transliteration Act; other scripts romanised and Latin letters folded to ASCII by ICU. Lowercase ASCII letters and
// digits, with runs of anything else collapsed to one space and trimmed: a key never holds % or _.
std::string SearchKey(std::string_view utf8);
// Moves on whenever SearchKey gives other keys than before, so that stored keys are made again
// (kernel::RefreshSearchKeys). 2: accents and other scripts through ICU.
inline constexpr std::int64_t kSearchKeyVersion = 2;

// True when `text` is valid UTF-8 by RFC 3629, as PostgreSQL checks it: no overlong forms, no surrogates (U+D800–
// U+DFFF), nothing above U+10FFFF. The one check of every input path (web::App, web::JsonBodyOf, the importers).
bool IsValidUtf8(std::string_view text);

// Text a database keeps the same on SQLite and PostgreSQL: valid UTF-8 without NUL, which PostgreSQL refuses.
bool IsStorableText(std::string_view text);

// Characters, not bytes, as a form's maxlength counts them (a Cyrillic letter is two bytes).
std::size_t CountCharacters(std::string_view utf8);

// The longest start of `text` of at most `max_bytes` bytes that does not cut a character in two.
std::string_view CutAtCharacter(std::string_view text, std::size_t max_bytes);
// `text` cut between characters to at most `max_bytes` bytes and "…" when something was cut: the start of a long
// text in a report or a message.
std::string Shortened(std::string_view text, std::size_t max_bytes = 80);

// Whether `c` is a space to a reader: ASCII white space, the Unicode space separators (the no-break space U+00A0,
// U+2000–U+200A, the narrow no-break space U+202F, U+3000 …), the line and paragraph separators, and the invisible
// U+200B and U+FEFF that copying from a word processor or a web page leaves behind.
bool IsSpace(char32_t c);

// `text` without the spaces (IsSpace) at either end: a title of only no-break spaces is empty.
std::string TrimSpaces(std::string_view text);

// `text` in lower case for comparing words without regard to case, in Latin and Cyrillic ("ДЕЙНОСТ", "Дейност" and
// "дейност" all give "дейност"; "Kind" gives "kind"), which SQLite's lower() and std::tolower do not do for Cyrillic.
// Every other character stays as it is.
std::string FoldCase(std::string_view utf8);

// Appends the UTF-8 bytes of one code point.
void AppendUtf8(std::string& out, char32_t c);

// The problem of a text field a form brings, added to `problems` under `field`: not UTF-8, empty when `required` (only
// spaces count as empty), or longer than `max_characters` ("Fill this in.", "The text is too long.").
void CheckText(std::vector<FieldProblem>& problems, std::string_view field, std::string_view text,
               std::size_t max_characters, bool required);

}  // namespace core
