// Full-text search on both databases from one analyser: the texts are indexed by core::IndexTerms in an FTS5 table
// (SQLite) and a tsvector with a GIN index (PostgreSQL), and what a person typed is asked with db::FullTextMatch. The
// backend is the environment's (scripts/with-postgres for PostgreSQL), and every test also asks a SQLite database of
// its own the same, so that under scripts/with-postgres the two answers are compared directly.
#include "db/full_text.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/full_text.hpp"
#include "support/test_database.hpp"

namespace {

using test_support::TestDatabase;

struct Document {
  std::int64_t id;
  const char* language;
  const char* text;
};

const std::vector<Document> kDocuments = {
    {1, "bg", "Най-доброто училище в Лом: добри практики за приобщаващо образование"},
    {2, "en", "Schools and social housing: good practices from Gabrovo"},
    {3, "cs", "Škola v Přívozu a spolupráce obcí v kraji"},
    {4, "nl", "Een school in Gent werkt samen met de gemeenten"},
    {5, "en", "Houses for young families in Lom"},
    {6, "bg", "Училищата в областта и общините"},
    {7, "en", "Readings of 6e30wai9 and 1e5 in the report"},
};

// The documents indexed in `database`, in the table its backend searches with.
class PracticeIndex {
 public:
  explicit PracticeIndex(db::Database& database) : database_(database) {
    auto connection = database_.Acquire();
    if (database_.backend() == db::Backend::kPostgres) {
      connection->ExecuteScript(
          "CREATE TABLE practice_terms (id BIGINT PRIMARY KEY, terms TSVECTOR NOT NULL);"
          "CREATE INDEX practice_terms_search ON practice_terms USING GIN (terms);");
    } else {
      connection->Execute("CREATE VIRTUAL TABLE practice_terms USING fts5(terms, content='')");
    }
    const char* insert = database_.backend() == db::Backend::kPostgres
                             ? "INSERT INTO practice_terms (id, terms) VALUES ($1, to_tsvector('simple', $2))"
                             : "INSERT INTO practice_terms (rowid, terms) VALUES ($1, $2)";
    for (const Document& document : kDocuments) {
      connection->Execute(insert, {document.id, core::IndexTerms(document.text, document.language)});
    }
  }

  // The documents that match what a person typed, by id.
  std::vector<std::int64_t> Hits(std::string_view typed) { return Hits(core::ParseFullTextQuery(typed)); }

  std::vector<std::int64_t> Hits(const core::FullTextQuery& query) {
    const char* search = database_.backend() == db::Backend::kPostgres
                             ? "SELECT id FROM practice_terms WHERE terms @@ to_tsquery('simple', $1) ORDER BY id"
                             : "SELECT rowid FROM practice_terms WHERE practice_terms MATCH $1 ORDER BY rowid";
    auto connection = database_.Acquire();
    std::vector<std::int64_t> ids;
    const std::string match = db::FullTextMatch(connection->backend(), query);
    for (const db::Row& row : connection->Query(search, {match})) ids.push_back(row.Int(0));
    return ids;
  }

 private:
  db::Database& database_;
};

// A SQLite database in a temporary folder, removed at the end, whatever the environment's backend.
class SqliteDatabase {
 public:
  SqliteDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "khetane-full-text-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    directory_ = pattern;
    database_ = db::Database::Open({.target = (directory_ / "test.db").string(), .pool_size = 2});
  }
  ~SqliteDatabase() {
    database_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  db::Database& operator*() { return *database_; }

 private:
  std::filesystem::path directory_;
  std::unique_ptr<db::Database> database_;
};

class FullTextSearch : public ::testing::Test {
 protected:
  TestDatabase database_;
  PracticeIndex index_{*database_};
  SqliteDatabase sqlite_;
  PracticeIndex sqlite_index_{*sqlite_};

  // The hits on the environment's database, checked to be SQLite's too.
  std::vector<std::int64_t> Hits(std::string_view typed) {
    std::vector<std::int64_t> hits = index_.Hits(typed);
    EXPECT_EQ(hits, sqlite_index_.Hits(typed))
        << "for \"" << typed << "\": " << test_support::BackendName(database_.backend()) << " against sqlite";
    return hits;
  }
};

using Ids = std::vector<std::int64_t>;

TEST(FullTextMatch, WritesEachDatabasesSyntax) {
  const core::FullTextQuery query{{{{"school", "schol"}}, {{"lom"}}}};
  EXPECT_EQ(db::Fts5Match(query), R"(("school" OR "schol") AND ("lom"))");
  EXPECT_EQ(db::PostgresTsQuery(query), "('school' | 'schol') & ('lom')");
  EXPECT_EQ(db::FullTextMatch(db::Backend::kSqlite, query), db::Fts5Match(query));
  EXPECT_EQ(db::FullTextMatch(db::Backend::kPostgres, query), db::PostgresTsQuery(query));
}

TEST(FullTextMatch, QuotesWhatAQueryMadeByHandHolds) {
  const core::FullTextQuery query{{{{"a\"b", "c'd\\", ""}}, {{}}}};
  EXPECT_EQ(db::Fts5Match(query), R"(("a""b" OR "c'd\"))");
  EXPECT_EQ(db::PostgresTsQuery(query), R"(('a"b' | 'c''d\\'))");
}

TEST(FullTextMatch, AnEmptyQueryIsAnEmptyPhraseForFts5) {
  EXPECT_EQ(db::Fts5Match({}), "\"\"");
  EXPECT_EQ(db::PostgresTsQuery({}), "");
}

TEST_F(FullTextSearch, SqliteHasFts5CompiledIn) {
  std::vector<std::string> options;
  for (const db::Row& row : (*sqlite_).Acquire()->Query("PRAGMA compile_options")) options.push_back(row.Text(0));
  EXPECT_NE(std::find(options.begin(), options.end(), "ENABLE_FTS5"), options.end());
}

TEST_F(FullTextSearch, FindsAWordInAnyOfItsForms) {
  EXPECT_EQ(Hits("school"), (Ids{2, 4}));
  EXPECT_EQ(Hits("schools"), (Ids{2, 4})) << "the Dutch stem of schools is the Dutch school's";
  EXPECT_EQ(Hits("scholen"), (Ids{4}));
  EXPECT_EQ(Hits("housing"), (Ids{2, 5}));
  EXPECT_EQ(Hits("училища"), (Ids{1, 6}));
  EXPECT_EQ(Hits("училище"), (Ids{1, 6}));
  EXPECT_EQ(Hits("školy"), (Ids{3}));
  EXPECT_EQ(Hits("škole"), (Ids{3}));
  EXPECT_EQ(Hits("obec"), (Ids{3}));
  EXPECT_EQ(Hits("gemeente"), (Ids{4}));
}

TEST_F(FullTextSearch, FindsABulgarianWordTypedInLatinLetters) {
  EXPECT_EQ(Hits("uchilishte"), (Ids{1, 6}));
  EXPECT_EQ(Hits("Uchilishte LOM"), (Ids{1}));
  EXPECT_EQ(Hits("lom"), (Ids{1, 5}));
}

TEST_F(FullTextSearch, FindsOnlyWhatHasEveryWord) {
  EXPECT_EQ(Hits("good practices"), (Ids{2}));
  EXPECT_EQ(Hits("school Gent"), (Ids{4}));
  EXPECT_EQ(Hits("school Sofia"), (Ids{}));
}

TEST_F(FullTextSearch, FindsATermThePostgresParserSplitsAsAPhrase) {
  EXPECT_EQ(Hits("6e30wai9"), (Ids{7}));
  EXPECT_EQ(Hits("1e5"), (Ids{7}));
}

TEST_F(FullTextSearch, WhatAHostilePersonTypesIsNeverASyntaxError) {
  std::string long_text;
  while (long_text.size() < 10'000) long_text += "school \" OR * NEAR( ^ - ' ; ";
  const std::vector<std::string> typed = {
      "\" OR * NEAR( ^ -",
      "school\" OR \"lom",
      "NEAR(school lom, 2)",
      "school NOT lom",
      "terms:school",
      "school*",
      "^school",
      "-school",
      "school AND",
      "OR",
      "AND OR NOT",
      "' OR 1=1; DROP TABLE practice_terms; --",
      "school'); DELETE FROM practice_terms; --",
      "\\' \\\" \\\\",
      "!school & | <-> :*",
      "(((((",
      "))))",
      "Ω≈ç√∫ 🙂 \u200B\u202E\uFEFF ﬁ Ǆ \u0130 x\u0301",
      "",
      "   ",
      long_text,
      std::string(10'000, '"'),
      std::string(10'000, 'a'),
  };
  for (const std::string& text : typed) {
    EXPECT_NO_THROW(Hits(text)) << "for \"" << text.substr(0, 60) << "\"";
  }
  EXPECT_EQ(Hits("\" OR * NEAR( ^ -"), (Ids{})) << "or and near are words no text here has";
  EXPECT_EQ(Hits("school\" OR \"lom"), (Ids{})) << "school, or and lom: OR is a word like any";
  EXPECT_EQ(Hits("school*"), (Ids{2, 4}));
  EXPECT_EQ(Hits("' OR 1=1; DROP TABLE practice_terms; --"), (Ids{}));
  EXPECT_EQ(Hits(long_text), (Ids{})) << "school, or, near: no text has all three";
}

TEST_F(FullTextSearch, AQueryMadeByHandWithQuotesIsNoSyntaxErrorEither) {
  const core::FullTextQuery query{{{{"a\"b", "c'd\\", "", "school"}}, {{}}, {{"OR", "NEAR(", "*"}}}};
  EXPECT_NO_THROW(index_.Hits(query));
  EXPECT_NO_THROW(sqlite_index_.Hits(query));
}

TEST_F(FullTextSearch, NothingSearchableFindsNothingWithoutAnError) {
  EXPECT_EQ(Hits(""), (Ids{}));
  EXPECT_EQ(Hits("?!… — «»"), (Ids{}));
}

}  // namespace
