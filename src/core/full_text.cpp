#include "core/full_text.hpp"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <hunspell.hxx>
#include <mutex>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "core/text.hpp"

namespace core {
namespace {

constexpr std::array<std::string_view, 4> kLanguages = {"bg", "en", "cs", "nl"};

enum class Language { kBulgarian, kEnglish, kCzech, kDutch, kOther };

// "bg", "BG" and "bg-BG" are Bulgarian.
Language LanguageOf(std::string_view code) {
  const std::string_view primary = code.substr(0, code.find_first_of("-_"));
  std::string lower(primary);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "bg") return Language::kBulgarian;
  if (lower == "en") return Language::kEnglish;
  if (lower == "cs") return Language::kCzech;
  if (lower == "nl") return Language::kDutch;
  return Language::kOther;
}

// A word longer than this (in UTF-16 units) is no word of these languages: it is neither stemmed nor indexed, which
// bounds what a hostile text costs.
constexpr std::int32_t kMaxWordUnits = 256;
// What a query looks at of what was typed: 16 words of 64 bytes and what separates them fit many times over.
constexpr std::size_t kMaxTypedBytes = 4096;

// A term: the search key of a word without its spaces ("don't" → "dont", "1,000" → "1000"), ASCII a-z and 0-9.
std::string TermOf(std::string_view word) {
  std::string term = SearchKey(word);
  std::erase(term, ' ');
  return term;
}

// ICU's break iterators are not safe to share between threads: one per thread, built on its first text.
icu::BreakIterator& WordBreaks() {
  thread_local const std::unique_ptr<icu::BreakIterator> breaks = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> built(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU word breaks: ") + u_errorName(status));
    return built;
  }();
  return *breaks;
}

// Calls `visit` with each word of `text` (ICU's word breaks, without spaces and punctuation), in NFC, case-folded and
// in UTF-8, until it returns false.
template <typename Visit>
void ForEachWord(std::string_view text, Visit&& visit) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status) && !nfc->isNormalized(unicode, status) && U_SUCCESS(status)) {
    icu::UnicodeString composed = nfc->normalize(unicode, status);
    if (U_SUCCESS(status)) unicode = std::move(composed);
  }
  icu::BreakIterator& breaks = WordBreaks();
  breaks.setText(unicode);
  std::string word;
  for (std::int32_t start = breaks.first(), end = breaks.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaks.next()) {
    if (breaks.getRuleStatus() < UBRK_WORD_NONE_LIMIT || end - start > kMaxWordUnits) continue;
    icu::UnicodeString folded(unicode, start, end - start);
    folded.foldCase();
    word.clear();
    folded.toUTF8String(word);
    if (!visit(std::as_const(word))) break;
  }
  static const icu::UnicodeString kNothing;
  breaks.setText(kNothing);  // the iterator outlives `unicode`
}

// `word` with its first letter a capital ("praze" → "Praze"): Hunspell finds names only so ("Praze" → "Praha").
std::string Capitalised(const std::string& word) {
  std::int32_t after = 0;
  UChar32 first = 0;
  U8_NEXT(word.data(), after, static_cast<std::int32_t>(word.size()), first);
  const UChar32 title = first < 0 ? first : u_totitle(first);
  if (title == first) return {};
  std::string capitalised;
  AppendUtf8(capitalised, static_cast<char32_t>(title));
  capitalised.append(word, static_cast<std::size_t>(after));
  return capitalised;
}

// Snowball's stemmers keep their work inside the stemmer, so a thread may not share one. They are small (a few hundred
// bytes) and made in under a microsecond: each thread makes its own on first use, with no lock between threads.
struct SnowballDelete {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using Snowball = std::unique_ptr<sb_stemmer, SnowballDelete>;

const char* SnowballAlgorithmOf(Language language) { return language == Language::kEnglish ? "english" : "dutch"; }

sb_stemmer* SnowballOf(Language language) {
  thread_local Snowball english;
  thread_local Snowball dutch;
  Snowball& stemmer = language == Language::kEnglish ? english : dutch;
  if (stemmer == nullptr) stemmer.reset(sb_stemmer_new(SnowballAlgorithmOf(language), "UTF_8"));
  return stemmer.get();  // null only when memory ran out: the word is then its own stem
}

void AppendSnowballStem(Language language, const std::string& word, std::vector<std::string>& stems) {
  sb_stemmer* stemmer = SnowballOf(language);
  if (stemmer == nullptr) return;
  // Snowball knows the apostrophe (children's → children) but not the typographic one people's editors write.
  std::string plain = word;
  for (std::size_t at = plain.find("\u2019"); at != std::string::npos; at = plain.find("\u2019", at + 1)) {
    plain.replace(at, 3, "'");
  }
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(plain.data()), static_cast<int>(plain.size()));
  if (stem != nullptr) {
    stems.emplace_back(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
  }
}

bool Readable(const std::string& path) { return std::ifstream(path, std::ios::binary).good(); }

struct ConverterClose {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};

// Words of this field that a dictionary lacks or stems apart from their kin: a word it lacks that inflects like one
// it knows (added with that word's affixes), and forms whose stem is another word (irregular plurals, which
// dictionaries list as words of their own). Found by running the policy texts of ../shared/data/policy-sources and
// the interface's catalogue through the dictionaries; core::kFullTextVersion moves on when this changes.
struct Supplement {
  std::span<const std::pair<std::string_view, std::string_view>> inflected_like;  // {word, a known word like it}
  std::span<const std::pair<std::string_view, std::string_view>> stems;           // {form, its stem}
};

constexpr std::pair<std::string_view, std::string_view> kBulgarianInflectedLike[] = {
    {"ромски", "цигански"},          {"общностен", "регионален"},
    {"интеграционен", "регионален"}, {"недискриминация", "дискриминация"},
    {"сегрегиран", "изолиран"},      {"антициганизъм", "расизъм"},
};
constexpr std::pair<std::string_view, std::string_view> kBulgarianStems[] = {
    {"роми", "ром"}, {"ромите", "ром"}, {"деца", "дете"}, {"децата", "дете"}, {"детето", "дете"},
};
constexpr std::pair<std::string_view, std::string_view> kCzechStems[] = {
    {"děti", "dítě"}, {"dětí", "dítě"}, {"dětem", "dítě"}, {"dětech", "dítě"}, {"dětmi", "dítě"},
};
constexpr Supplement kBulgarianSupplement{kBulgarianInflectedLike, kBulgarianStems};
constexpr Supplement kCzechSupplement{{}, kCzechStems};

}  // namespace

// One Hunspell dictionary, read on first use.
//
// Hunspell is not safe to call from two threads at once (a lookup keeps its state in the object), so the threads share
// one dictionary behind a lock, taken for each word, rather than keep one each. Measured (bench/full_text.cpp, 2 cores,
// docs/PERFORMANCE.md): a copy of the Czech dictionary costs 28 MB and 0.3–0.4 s to read, the Bulgarian 9 MB and
// 0.1 s, and the server runs a thread per core; a lookup holds the lock 2–60 µs. Two threads indexing Czech texts at
// once with a dictionary each did no better than with the shared one (the machine was shared too), and a three-word
// query takes its usual 32 µs (median) while another thread indexes Czech texts.
class HunspellStemmer {
 public:
  HunspellStemmer(std::string language, std::string path, Supplement supplement)
      : language_(std::move(language)), path_(std::move(path)), supplement_(supplement) {}

  // Appends the stems the supplement and Hunspell know for `word` (case-folded UTF-8), in UTF-8; Hunspell's for the
  // word with a capital first letter when the word itself has none (a name); only the supplement's when the
  // dictionary is missing.
  void AppendStems(const std::string& word, std::vector<std::string>& stems) {
    std::call_once(loaded_, [this] { Load(); });
    for (const auto& [form, stem] : supplement_.stems) {
      if (form == word) stems.emplace_back(stem);
    }
    if (hunspell_ == nullptr) return;
    const std::lock_guard lock(use_);
    std::vector<std::string> found = hunspell_->stem(Encoded(word));
    if (found.empty()) {
      const std::string capitalised = Capitalised(word);
      if (!capitalised.empty()) found = hunspell_->stem(Encoded(capitalised));
    }
    for (const std::string& stem : found) stems.push_back(Decoded(stem));
  }

  // Its dictionary file and that file's size, "missing" when there is none: what changes when Debian's package does.
  std::string Identity() const {
    std::error_code error;
    const auto size = std::filesystem::file_size(path_ + ".dic", error);
    return path_ + ".dic:" + (error ? std::string("missing") : std::to_string(size));
  }

  FullTextStemmer Status() {
    std::call_once(loaded_, [this] { Load(); });
    return {.language = language_,
            .method = "hunspell " + path_,
            .active = hunspell_ != nullptr,
            .problem = problem_,
            .load_time = load_time_};
  }

 private:
  void Load() {
    for (const char* extension : {".aff", ".dic"}) {
      if (!Readable(path_ + extension)) {
        problem_ = path_ + extension + " is missing";
        return;
      }
    }
    const auto start = std::chrono::steady_clock::now();
    auto hunspell = std::make_unique<Hunspell>((path_ + ".aff").c_str(), (path_ + ".dic").c_str());
    // The .aff file's SET line: Debian 12's bg_BG and cs_CZ say UTF-8; older ones said microsoft-cp1251 and
    // ISO8859-2, and a dictionary in another encoding takes and gives words in it.
    std::string encoding = hunspell->get_dict_encoding();
    if (encoding != "UTF-8" && encoding != "utf-8") {
      if (encoding.starts_with("microsoft-")) encoding.erase(0, 10);  // ICU calls microsoft-cp1251 cp1251
      UErrorCode status = U_ZERO_ERROR;
      converter_.reset(ucnv_open(encoding.c_str(), &status));
      if (U_SUCCESS(status)) {
        // A letter the dictionary's encoding cannot hold makes a word it cannot know, rather than a "?".
        ucnv_setFromUCallBack(converter_.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
      }
      if (U_FAILURE(status)) {
        problem_ = path_ + ".aff is in an encoding ICU does not know: " + hunspell->get_dict_encoding();
        converter_.reset();
        return;
      }
    }
    hunspell_ = std::move(hunspell);
    for (const auto& [word, like] : supplement_.inflected_like) {
      hunspell_->add_with_affix(Encoded(std::string(word)), Encoded(std::string(like)));
    }
    load_time_ = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  }

  // UTF-8 → the dictionary's encoding; "" when it cannot hold the word (Hunspell then finds nothing).
  std::string Encoded(const std::string& utf8) {
    if (converter_ == nullptr) return utf8;
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(utf8);
    std::string encoded(static_cast<std::size_t>(UCNV_GET_MAX_BYTES_FOR_STRING(unicode.length(), 4)), '\0');
    UErrorCode status = U_ZERO_ERROR;
    ucnv_resetFromUnicode(converter_.get());
    const std::int32_t length =
        ucnv_fromUChars(converter_.get(), encoded.data(), static_cast<std::int32_t>(encoded.size()),
                        unicode.getBuffer(), unicode.length(), &status);
    if (U_FAILURE(status)) return {};
    encoded.resize(static_cast<std::size_t>(length));
    return encoded;
  }

  std::string Decoded(const std::string& encoded) {
    if (converter_ == nullptr) return encoded;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_resetToUnicode(converter_.get());
    const icu::UnicodeString unicode(encoded.data(), static_cast<std::int32_t>(encoded.size()), converter_.get(),
                                     status);
    std::string utf8;
    unicode.toUTF8String(utf8);
    return utf8;
  }

  const std::string language_;
  const std::string path_;  // without .aff or .dic
  const Supplement supplement_;
  std::once_flag loaded_;
  std::unique_ptr<Hunspell> hunspell_;                     // null when the dictionary could not be read
  std::unique_ptr<UConverter, ConverterClose> converter_;  // null for a UTF-8 dictionary
  std::string problem_;
  std::chrono::microseconds load_time_{};
  std::mutex use_;  // Hunspell and the converter, one thread at a time
};

struct FullTextAnalyser::Dictionaries {
  explicit Dictionaries(const std::string& directory)
      : bulgarian("bg", directory + "/bg_BG", kBulgarianSupplement),
        czech("cs", directory + "/cs_CZ", kCzechSupplement) {}
  HunspellStemmer bulgarian;
  HunspellStemmer czech;

  // Appends the stems of `word` (case-folded UTF-8) in `language`, unfolded.
  void AppendStems(Language language, const std::string& word, std::vector<std::string>& stems) {
    switch (language) {
      case Language::kBulgarian:
        return bulgarian.AppendStems(word, stems);
      case Language::kCzech:
        return czech.AppendStems(word, stems);
      case Language::kEnglish:
      case Language::kDutch:
        return AppendSnowballStem(language, word, stems);
      case Language::kOther:
        return;
    }
  }
};

namespace {

bool Fits(const std::string& term) { return !term.empty() && term.size() <= kMaxFullTextTermBytes; }

// Appends the folded `stems` that fit and are not yet in `terms`.
void AddFoldedStems(const std::vector<std::string>& stems, std::vector<std::string>& terms) {
  for (const std::string& stem : stems) {
    std::string term = TermOf(stem);
    if (Fits(term) && std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
  }
}

}  // namespace

std::span<const std::string_view> FullTextLanguages() { return kLanguages; }

FullTextAnalyser::FullTextAnalyser(std::string dictionary_directory)
    : dictionaries_(std::make_unique<Dictionaries>(dictionary_directory)) {}

FullTextAnalyser::~FullTextAnalyser() = default;

std::string FullTextAnalyser::IndexTerms(std::string_view text, std::string_view language) const {
  const Language stemmed_in = LanguageOf(language);
  std::string terms;
  terms.reserve(text.size());
  std::vector<std::string> stems;
  std::vector<std::string> word_terms;
  ForEachWord(text, [&](const std::string& word) {
    std::string surface = TermOf(word);
    if (surface.empty()) return true;  // a symbol with no letter in any script
    word_terms.assign(1, std::move(surface));
    stems.clear();
    dictionaries_->AppendStems(stemmed_in, word, stems);
    AddFoldedStems(stems, word_terms);
    for (const std::string& term : word_terms) {
      if (!Fits(term)) continue;
      if (!terms.empty()) terms += ' ';
      terms += term;
    }
    return true;
  });
  return terms;
}

FullTextQuery FullTextAnalyser::ParseQuery(std::string_view typed) const {
  FullTextQuery query;
  std::unordered_set<std::string> seen;
  std::vector<std::string> stems;
  ForEachWord(CutAtCharacter(typed, kMaxTypedBytes), [&](const std::string& word) {
    std::string surface = TermOf(word);
    if (surface.empty() || !seen.insert(surface).second) return true;
    FullTextWord found;
    if (Fits(surface)) found.alternatives.push_back(std::move(surface));
    stems.clear();
    for (const Language language : {Language::kBulgarian, Language::kEnglish, Language::kCzech, Language::kDutch}) {
      dictionaries_->AppendStems(language, word, stems);
    }
    AddFoldedStems(stems, found.alternatives);
    if (!found.alternatives.empty()) query.words.push_back(std::move(found));
    return query.words.size() < kMaxFullTextQueryWords;
  });
  return query;
}

std::string FullTextAnalyser::Fingerprint() const {
  std::string fingerprint = "v" + std::to_string(kFullTextVersion);
  for (const HunspellStemmer* stemmer : {&dictionaries_->bulgarian, &dictionaries_->czech}) {
    fingerprint += ' ' + stemmer->Identity();
  }
  return fingerprint;
}

std::vector<FullTextStemmer> FullTextAnalyser::Stemmers() const {
  std::vector<FullTextStemmer> stemmers;
  for (const std::string_view code : kLanguages) {
    const Language language = LanguageOf(code);
    if (language == Language::kBulgarian) {
      stemmers.push_back(dictionaries_->bulgarian.Status());
    } else if (language == Language::kCzech) {
      stemmers.push_back(dictionaries_->czech.Status());
    } else {
      const auto start = std::chrono::steady_clock::now();
      const bool made = SnowballOf(language) != nullptr;
      stemmers.push_back({.language = std::string(code),
                          .method = std::string("snowball ") + SnowballAlgorithmOf(language),
                          .active = made,
                          .problem = made ? "" : "libstemmer could not make its stemmer",
                          .load_time = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - start)});
    }
  }
  return stemmers;
}

const FullTextAnalyser& TheFullTextAnalyser() {
  static const FullTextAnalyser analyser;
  return analyser;
}

std::string IndexTerms(std::string_view text, std::string_view language) {
  return TheFullTextAnalyser().IndexTerms(text, language);
}

FullTextQuery ParseFullTextQuery(std::string_view typed) { return TheFullTextAnalyser().ParseQuery(typed); }

std::string DescribeFullTextStemmers(const std::vector<FullTextStemmer>& stemmers) {
  std::string line = "full-text stemmers:";
  for (std::size_t i = 0; i < stemmers.size(); ++i) {
    const FullTextStemmer& stemmer = stemmers[i];
    line += i == 0 ? " " : ", ";
    line += stemmer.language;
    if (!stemmer.active) {
      line += " words only (" + stemmer.problem + ")";
      continue;
    }
    line += ' ';
    line += stemmer.method;
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(stemmer.load_time).count();
    if (milliseconds > 0) line += " (" + std::to_string(milliseconds) + " ms)";
  }
  return line;
}

}  // namespace core
