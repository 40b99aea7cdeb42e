#pragma once
// What people do with good practices: publish one for their municipality, add a version in another language (written
// or machine-translated, and said which), find practices, record that their municipality adopts or adapts one, and
// see the municipalities like theirs. Every permission check is here.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/data_version.hpp"
#include "modules/places/places_service.hpp"
#include "modules/practices/machine_translation.hpp"
#include "modules/practices/practices_store.hpp"

namespace practices {

// A municipality like another, and why: its size, and the platform's areas both work in.
struct LikeYours {
  MunicipalityProfile municipality;
  std::vector<std::string> shared_areas;  // codes, in the platform's order
  std::int64_t practices = 0;             // its practices in the library
  double score = 0;
};

class PracticesService {
 public:
  PracticesService(PracticesStore& store, places::PlacesService& places, kernel::AuditLog& audit,
                   const core::Clock& clock, kernel::DataVersion& version);

  // Who may publish a practice of a municipality, edit its facts and record that it takes one up: those who work for
  // it (an official, a civil-society editor, a coordinator or a programme operator whose scope covers it), and
  // administrators.
  bool MayWriteFor(const core::Actor& actor, const std::string& municipality_code) const;
  // Anyone signed in with a role may add a version in a language the practice lacks, or replace a machine's version;
  // a version a person wrote is replaced by those who may write for the practice's municipality.
  bool MayWriteVersion(const core::Actor& actor, const Practice& practice, std::string_view language) const;

  core::Result<std::int64_t> Publish(const core::SignedIn& user, const PracticeFields& fields);
  // Changes the facts of a practice read at `version`; refused when someone changed it in between. Each of these
  // returns the practice's id.
  core::Result<std::int64_t> EditFacts(const core::SignedIn& user, std::int64_t id, std::int64_t version,
                                       const PracticeFields& fields);
  // Adds the version in `text.language`, or replaces the one there; refused (kConflict) unless `text.version` is the
  // stored one's, 0 when the form showed none.
  core::Result<std::int64_t> SaveVersion(const core::SignedIn& user, std::int64_t id, PracticeText text);
  // Records or replaces the municipality's take-up, as SaveVersion: `version` is the one the form showed, 0 for none.
  core::Result<std::int64_t> RecordTransfer(const core::SignedIn& user, std::int64_t id,
                                            const std::string& municipality_code, const std::string& kind,
                                            const std::string& item, const std::string& note, std::int64_t version);

  // A translation service the installation configured (khetane serve --translation-url): any reader signed in may
  // then ask for a practice in their language, translated by machine from the original, stored and marked so.
  void UseTranslationService(TranslationService service) { translation_ = std::move(service); }
  const std::optional<TranslationService>& translation_service() const { return translation_; }
  // The practice in `language` by machine (its id); kNotFound without a service, kUnavailable when the service did not
  // translate it. A version already there, by a person or a machine, is kept as it is.
  core::Result<std::int64_t> TranslateByMachine(const core::SignedIn& user, std::int64_t id,
                                                const std::string& language);

  core::Result<Practice> Find(std::int64_t id);
  core::Result<SearchResult> Search(const SearchQuery& query, const std::string& language);
  std::vector<PracticeSummary> OfMunicipality(const std::string& code, const std::string& language) {
    return store_.OfMunicipality(code, language);
  }
  std::vector<PracticeSummary> TransferredTo(const std::string& code, const std::string& language) {
    return store_.TransferredTo(code, language);
  }
  // The measures of a municipality's plans, for the transfer form.
  std::vector<std::pair<std::int64_t, std::string>> MeasuresOf(const std::string& code) {
    return store_.MeasuresOf(code);
  }
  // Up to `limit` municipalities of any country like `code`: near in population (within a factor of two counts most),
  // and working in the same areas (their practices' and their plans'). Reads every municipality once per change of
  // the data.
  std::vector<LikeYours> MunicipalitiesLike(const std::string& code, std::size_t limit);
  std::vector<PracticesStore::Area> Areas() { return store_.Areas(); }
  places::PlacesService& places() { return places_; }
  // For the demo data, which is written as it is and named by nobody.
  PracticesStore& store() { return store_; }
  std::int64_t Now() const { return clock_.Now(); }

 private:
  struct Profiles {
    std::vector<MunicipalityProfile> all;
    std::map<std::string, std::size_t, std::less<>> index;
  };
  // Checks the facts and the texts of a form; the practice it makes, or the problems by field.
  core::Result<Practice> PracticeFrom(const PracticeFields& fields);

  PracticesStore& store_;
  places::PlacesService& places_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  std::shared_ptr<kernel::KeptUntilChange<Profiles>> profiles_;
  std::optional<TranslationService> translation_;
};

}  // namespace practices
