#pragma once
// Full-text analysis for texts in Bulgarian, English, Czech and Dutch: the terms a text is indexed by and the terms a
// typed query looks for, made here once so that SQLite (FTS5) and PostgreSQL (tsvector, `simple`) find the same
// (db/full_text.hpp writes the query for each). No SQL here.
//
// A word (ICU's word breaks) is put in NFC and case-folded, stemmed in its language (Snowball for English and Dutch,
// Hunspell with Debian's dictionaries for Bulgarian and Czech), and both the word and its stem are folded by the search
// keys' rules (core::SearchKey) without spaces: every term is ASCII a-z and 0-9, so "uchilishte" typed in Latin meets
// "училище", and "Škola" meets "skola".

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// The languages whose words are stemmed; a text in another language is indexed by its words as they are.
std::span<const std::string_view> FullTextLanguages();

// A longer term is not indexed, nor looked for: no word of these languages is, and it bounds a hostile text.
inline constexpr std::size_t kMaxFullTextTermBytes = 64;
// Moves on whenever the terms a text is indexed by change (the rules here, the supplement to the dictionaries): the
// stores' terms are then made again at start-up (kernel/full_text_indexes.hpp).
inline constexpr int kFullTextVersion = 2;
// The words of a query that count; more are ignored.
inline constexpr std::size_t kMaxFullTextQueryWords = 16;

// One word a person typed: the terms of which any may match it, its folded form first, then its stems in every
// language (a query does not say its language). Distinct, none empty.
struct FullTextWord {
  std::vector<std::string> alternatives;
  bool operator==(const FullTextWord&) const = default;
};

// What a person typed into a search box: a text matches when it matches every word (AND), each by one of its
// alternatives (OR). Empty when nothing searchable was typed (punctuation, spaces): show nothing, ask no database.
struct FullTextQuery {
  std::vector<FullTextWord> words;
  bool empty() const { return words.empty(); }
  bool operator==(const FullTextQuery&) const = default;
};

// A language's stemmer, and whether it runs: for a log line at start-up.
struct FullTextStemmer {
  std::string language;                   // "bg"
  std::string method;                     // "hunspell /usr/share/hunspell/bg_BG", "snowball english"
  bool active = false;                    // false: the language's texts are indexed by their words as they are
  std::string problem;                    // why it is not active
  std::chrono::microseconds load_time{};  // reading its dictionary
};

// Where Debian's hunspell-bg and hunspell-cs put their dictionaries (bg_BG.aff/.dic, cs_CZ.aff/.dic).
inline constexpr std::string_view kHunspellDirectory = "/usr/share/hunspell";

// The analyser, with Hunspell's dictionaries read from `dictionary_directory` on first use. Safe to use from several
// threads at once. A dictionary that is missing or cannot be read leaves its language to its words as they are.
class FullTextAnalyser {
 public:
  explicit FullTextAnalyser(std::string dictionary_directory = std::string(kHunspellDirectory));
  ~FullTextAnalyser();
  FullTextAnalyser(const FullTextAnalyser&) = delete;
  FullTextAnalyser& operator=(const FullTextAnalyser&) = delete;

  // The terms a text written in `language` ("bg", "en", "cs", "nl") is indexed by, space-separated, in the text's
  // order: each word's folded form, and its folded stems where they differ. Another language: the words only.
  std::string IndexTerms(std::string_view text, std::string_view language) const;
  // The first kMaxFullTextQueryWords distinct words of what a person typed, each with its alternatives.
  FullTextQuery ParseQuery(std::string_view typed) const;
  // What the terms depend on: kFullTextVersion and each Hunspell dictionary's file, "v2 /usr/share/hunspell/bg_BG.dic:
  // 1234567 …". Terms kept under another fingerprint are made again (kernel/full_text_indexes.hpp).
  std::string Fingerprint() const;
  // Every language's stemmer, its dictionary read now if it was not yet.
  std::vector<FullTextStemmer> Stemmers() const;

 private:
  struct Dictionaries;
  std::unique_ptr<Dictionaries> dictionaries_;
};

// The process's analyser, over kHunspellDirectory.
const FullTextAnalyser& TheFullTextAnalyser();

// TheFullTextAnalyser().IndexTerms(text, language): what a store keeps beside a text to find it.
std::string IndexTerms(std::string_view text, std::string_view language);
// TheFullTextAnalyser().ParseQuery(typed): what a store searches for (db::FullTextMatch writes it for the database).
FullTextQuery ParseFullTextQuery(std::string_view typed);

// One line for the log: "full-text stemmers: bg hunspell … (61 ms), en snowball english, cs …, nl …"; an inactive one
// says why ("bg: words only, /usr/share/hunspell/bg_BG.dic is missing").
std::string DescribeFullTextStemmers(const std::vector<FullTextStemmer>& stemmers);

}  // namespace core
