#include "modules/policies/plan_languages.hpp"

namespace policies {

PlanLanguage PlanLanguageOf(const web::Translations& translations, web::Language language) {
  return {.translate = [&translations,
                        language](std::string_view msgid) { return translations.Translate(language, msgid); },
          .english = language != web::Language::kBulgarian};
}

std::vector<PlanLanguage> EveryPlanLanguage(const web::Translations& translations) {
  std::vector<PlanLanguage> languages;
  for (const web::Language language : web::AllLanguages()) languages.push_back(PlanLanguageOf(translations, language));
  return languages;
}

}  // namespace policies
