#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>

namespace core {
namespace {

// Decodes one code point at `pos`; returns U+FFFD and advances one byte on malformed input.
char32_t DecodeUtf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || pos + length > text.size()) {
    ++pos;
    return U'\uFFFD';
  }
  char32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return U'\uFFFD';
    }
    code = (code << 6) | (next & 0x3F);
  }
  // Strict, as PostgreSQL is (RFC 3629): no overlong form (a shorter one exists), no surrogate, nothing above U+10FFFF.
  constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kShortest[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
    ++pos;
    return U'\uFFFD';
  }
  pos += length;
  return code;
}

// Lowercase Bulgarian letters а (U+0430) … я (U+044F), by the Transliteration Act.
constexpr std::array<std::string_view, 32> kLatinOfLowercase = {
    "a", "b", "v", "g", "d", "e", "zh", "z",  "i",  "y",   "k", "l",         "m",         "n",         "o",  "p",
    "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sht", "a", "y" /* ы */, "y" /* ь */, "e" /* э */, "yu", "ya"};

bool IsCyrillicLetter(char32_t c) { return (c >= 0x410 && c <= 0x44F) || c == 0x451 || c == 0x401; }

char32_t ToLowerCyrillic(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c == 0x401) return 0x451;
  return c;
}

std::string_view LatinOf(char32_t lower) {
  if (lower == 0x451) return "yo";  // ё: Russian, appears in foreign names
  return kLatinOfLowercase[lower - 0x430];
}

bool IsWordCharacter(char32_t c) {
  return IsCyrillicLetter(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string TransliterateBulgarian(std::string_view utf8) {
  std::u32string codes;
  for (std::size_t pos = 0; pos < utf8.size();) codes += DecodeUtf8(utf8, pos);

  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const char32_t c = codes[i];
    if (!IsCyrillicLetter(c)) {
      AppendUtf8(out, c);
      continue;
    }
    // The exception the Transliteration Act makes for the country: Bulgaria, not Balgaria.
    static constexpr std::u32string_view kBulgaria = U"българия";
    const bool word_starts = i == 0 || !IsWordCharacter(codes[i - 1]);
    if (word_starts && i + kBulgaria.size() <= codes.size() &&
        (i + kBulgaria.size() == codes.size() || !IsWordCharacter(codes[i + kBulgaria.size()])) &&
        std::equal(kBulgaria.begin(), kBulgaria.end(), codes.begin() + static_cast<std::ptrdiff_t>(i),
                   [](char32_t want, char32_t got) { return ToLowerCyrillic(got) == want; })) {
      const bool all_caps = codes[i + 1] != U'ъ';
      out += all_caps ? "BULGARIA" : (c == U'Б' ? "Bulgaria" : "bulgaria");
      i += kBulgaria.size() - 1;
      continue;
    }
    const char32_t lower = ToLowerCyrillic(c);
    const bool upper = lower != c;
    std::string latin(LatinOf(lower));
    // Art. 2 of the Act: "ия" at the end of a word is written "ia".
    const bool word_ends_next = i + 2 >= codes.size() || !IsWordCharacter(codes[i + 2]);
    if (lower == U'и' && i + 1 < codes.size() && ToLowerCyrillic(codes[i + 1]) == U'я' && word_ends_next) {
      const bool next_upper = codes[i + 1] != U'я';
      out += upper ? "I" : "i";
      out += next_upper ? "A" : "a";
      ++i;
      continue;
    }
    if (upper && !latin.empty()) {
      // All-caps words stay all-caps, to their last letter (ЩИТ → SHTIT, ГАРАЖ → GARAZH); a capital in a word keeps
      // only its first letter big (Щит → Shtit).
      const auto is_upper_letter = [&](std::size_t at) {
        return at < codes.size() && IsCyrillicLetter(codes[at]) && ToLowerCyrillic(codes[at]) != codes[at];
      };
      const bool in_capitals = is_upper_letter(i + 1) || (i > 0 && is_upper_letter(i - 1));
      for (std::size_t k = 0; k < latin.size(); ++k) {
        if (k == 0 || in_capitals) latin[k] = static_cast<char>(latin[k] - 'a' + 'A');
      }
    }
    out += latin;
  }
  return out;
}

namespace {

// ICU's transliterators are not safe to share between threads: each thread builds its own once (about 20 ms,
// bench/search_keys.cpp); Bulgarian and ASCII names never need it.
const icu::Transliterator& ToAscii() {
  thread_local const std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    // Any-Latin romanises the scripts left after the Bulgarian transliteration (Greek, Serbian, Ukrainian …);
    // Latin-ASCII folds accented and special Latin letters (Ü → U, ř → r, ß → ss, ı → i, Ø → O).
    std::unique_ptr<icu::Transliterator> built(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU transliterator: ") + u_errorName(status));
    return built;
  }();
  return *transliterator;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// NFC, so that a letter typed as a base and a combining mark (и + ◌̆) is the one letter (й) the rules know.
std::string Composed(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  if (U_FAILURE(status) || nfc->isNormalized(text, status)) return std::string(utf8);
  std::string composed;
  nfc->normalize(text, status).toUTF8String(composed);
  return U_SUCCESS(status) ? composed : std::string(utf8);
}

}  // namespace

std::string SearchKey(std::string_view utf8) {
  std::string latin = TransliterateBulgarian(Composed(utf8));
  if (!IsAscii(latin)) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(latin);
    ToAscii().transliterate(text);
    text.foldCase();
    latin.clear();
    text.toUTF8String(latin);
  }
  std::string key;
  key.reserve(latin.size());
  bool pending_space = false;
  for (const char raw : latin) {
    char c = raw;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!keep) {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key += ' ';
    pending_space = false;
    key += c;
  }
  return key;
}

std::string FoldCase(std::string_view utf8) {
  std::string folded;
  folded.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const std::size_t start = pos;
    const char32_t c = DecodeUtf8(utf8, pos);
    if (c >= 'A' && c <= 'Z') {
      folded += static_cast<char>(c - 'A' + 'a');
    } else if (c >= 0x410 && c <= 0x42F) {  // А … Я
      AppendUtf8(folded, c + 0x20);
    } else if (c >= 0x400 && c <= 0x40F) {  // Ѐ … Џ (Ё, Ѝ …)
      AppendUtf8(folded, c + 0x50);
    } else {
      folded.append(utf8.substr(start, pos - start));  // as it was, malformed bytes too
    }
  }
  return folded;
}

bool IsSpace(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\v':
    case U'\f':
    case U'\r':
    case U'\u0085':
    case U'\u00A0':
    case U'\u1680':
    case U'\u2028':
    case U'\u2029':
    case U'\u202F':
    case U'\u205F':
    case U'\u3000':
    case U'\u200B':
    case U'\uFEFF':
      return true;
    default:
      return c >= U'\u2000' && c <= U'\u200A';
  }
}

std::string TrimSpaces(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!IsSpace(DecodeUtf8(text, next))) break;
    begin = next;
  }
  std::size_t end = begin;  // the end of the last character that is not a space
  for (std::size_t pos = begin; pos < text.size();) {
    if (!IsSpace(DecodeUtf8(text, pos))) end = pos;
  }
  return std::string(text.substr(begin, end - begin));
}

bool IsValidUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t before = pos;
    if (DecodeUtf8(text, pos) == U'\uFFFD' && !(pos - before == 3 && text.substr(before, 3) == "\xEF\xBF\xBD")) {
      return false;
    }
  }
  return true;
}

bool IsStorableText(std::string_view text) { return text.find('\0') == std::string_view::npos && IsValidUtf8(text); }

std::size_t CountCharacters(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string_view CutAtCharacter(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // text[end] starts the next one
  return text.substr(0, end);
}

std::string Shortened(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  return std::string(CutAtCharacter(text, max_bytes)) + "…";
}

void CheckText(std::vector<FieldProblem>& problems, std::string_view field, std::string_view text,
               std::size_t max_characters, bool required) {
  if (!IsValidUtf8(text)) {
    problems.push_back({std::string(field), "The text is not valid UTF-8.", ""});
  } else if (required && TrimSpaces(text).empty()) {
    problems.push_back({std::string(field), "Fill this in.", ""});
  } else if (CountCharacters(text) > max_characters) {
    problems.push_back({std::string(field), "The text is too long.", Shortened(text)});
  }
}

}  // namespace core
