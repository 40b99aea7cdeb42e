#pragma once
// All SQL of the practices module.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/practices/practices.hpp"

namespace practices {

// A practice in a list: its title in the reader's language (or its original), its place and its marks.
struct PracticeSummary {
  std::int64_t id = 0;
  std::string title;
  std::string title_language;
  bool machine_translated = false;
  std::string municipality_code;
  std::string municipality_name_bg;
  std::string municipality_name_en;
  std::string country_code;
  EvidenceLevel evidence_level = EvidenceLevel::kPromising;
  std::vector<std::string> areas;
  std::optional<int> period_start;
  std::optional<int> period_end;
  std::int64_t transfers = 0;
  bool demo = false;
};

struct SearchResult {
  std::vector<PracticeSummary> items;
  std::int64_t total = 0;
};

// What "municipalities like yours" compares: every municipality's latest population, country, and the platform areas
// its practices and its plans work in.
struct MunicipalityProfile {
  std::string code;
  std::string name_bg;
  std::string name_en;
  std::string country_code;
  std::optional<std::int64_t> population;
  std::set<std::string, std::less<>> areas;
  std::int64_t practices = 0;  // its practices in the library
};

class PracticesStore {
 public:
  explicit PracticesStore(db::Database& database) : database_(database) {}
  // Which database answers: the full-text query is written in its words.
  db::Backend backend() const { return database_.backend(); }

  // The id of the new practice, with its first version and its terms.
  std::int64_t Create(const Practice& practice, std::optional<std::int64_t> user_id, std::int64_t now);
  // Changes the facts (not the texts) when the practice is still at `practice.version`; false when someone changed it
  // in between.
  bool UpdateFacts(const Practice& practice, std::optional<std::int64_t> user_id, std::int64_t now);
  // Adds the version in `text.language` when `text.version` is 0, or replaces the stored one while it is still at
  // `text.version`, and indexes the practice again: false, writing nothing, when someone saved one in between.
  bool SaveText(std::int64_t practice_id, const PracticeText& text, std::int64_t now);
  std::optional<Practice> Find(std::int64_t id);
  // Practices matching the filters; `match` is the database's full-text query text (db::FullTextMatch), or "" for no
  // text. Titles in `language` where there is such a version.
  SearchResult Search(const SearchQuery& query, const std::string& match, const std::string& language);
  // The practices of a place, and those that travelled there.
  std::vector<PracticeSummary> OfMunicipality(const std::string& code, const std::string& language);
  std::vector<PracticeSummary> TransferredTo(const std::string& code, const std::string& language);
  // Records the municipality's take-up of the practice when `transfer.version` is 0, or replaces the stored one while
  // it is still at `transfer.version`: false, writing nothing, when someone recorded one in between.
  bool SaveTransfer(const Transfer& transfer, std::optional<std::int64_t> user_id, std::int64_t now);
  // Whether the plan item exists, is a measure, and belongs to a plan of `municipality_code`; its title if so.
  std::optional<std::string> MeasureOf(std::int64_t item_id, const std::string& municipality_code);
  // The measures of the municipality's plans, for the transfer form: id and "code title".
  std::vector<std::pair<std::int64_t, std::string>> MeasuresOf(const std::string& municipality_code);
  // Every municipality with a population or a practice, for "municipalities like yours".
  std::vector<MunicipalityProfile> Profiles();
  std::int64_t Count();
  // Makes every practice's search terms again (core::TheFullTextAnalyser changed); how many practices.
  std::int64_t RebuildSearchTerms();
  // Codes of the platform's areas, in their order, with their names.
  struct Area {
    std::string code;
    std::string name_bg;
    std::string name_en;
  };
  std::vector<Area> Areas();

 private:
  void IndexTerms(db::Connection& connection, std::int64_t practice_id);
  SearchResult Search(db::Connection& connection, const SearchQuery& query, const std::string& match,
                      const std::string& language);
  db::Database& database_;
};

}  // namespace practices
