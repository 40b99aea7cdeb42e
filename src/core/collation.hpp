#pragma once
// The order people of a language expect a list in, by ICU's collation (CLDR): Bulgarian puts Cyrillic before Latin
// and "Ямбол" after "ахтопол" whatever the case; Czech puts "ch" after "h". The databases sort by the same rules
// (db::CollationOf), so a list comes out alike on SQLite and PostgreSQL.

#include <memory>
#include <string>
#include <string_view>

struct UCollator;

namespace core {

class Collator {
 public:
  // `language` is a BCP 47 tag ("bg", "en", "cs"); ICU falls back to the root order for one it does not know.
  explicit Collator(std::string_view language);
  ~Collator();
  Collator(Collator&&) noexcept;
  Collator& operator=(Collator&&) noexcept;

  // <0, 0 or >0. Texts the rules find equal compare by their bytes, as PostgreSQL's deterministic collations do:
  // only the same text is equal.
  int Compare(std::string_view a, std::string_view b) const;
  bool operator()(std::string_view a, std::string_view b) const { return Compare(a, b) < 0; }

 private:
  struct Closer {
    void operator()(UCollator* collator) const;
  };
  std::unique_ptr<UCollator, Closer> collator_;
};

}  // namespace core
