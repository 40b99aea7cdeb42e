#include "modules/practices/group_demo.hpp"

namespace practices {
namespace {

constexpr std::int64_t kDay = 86400;

// The first demo practice of a municipality, if the library's demo has one.
std::optional<std::int64_t> DemoPracticeOf(GroupsService& service, const std::string& code) {
  for (const PracticeSummary& practice : service.practices().OfMunicipality(code, "en")) {
    if (practice.demo) return practice.id;
  }
  return std::nullopt;
}

}  // namespace

bool LoadDemoGroups(GroupsService& service, const std::function<void(const std::string&)>& log) {
  GroupsStore& store = service.store();
  if (store.Count() > 0) return false;
  for (const char* code : {"DOB17", "BE-44021", "CZ-554821"}) {
    if (!service.practices().places().FindMunicipality(code)) return false;
  }
  const std::int64_t now = service.Now();
  const std::int64_t started = now - 10 * kDay;

  const auto education = store.Create(
      {"education", "Demo data: early childhood education / Демонстрационни данни: предучилищно образование",
       "A demo group, invented to show how working groups work: officials of Каварна, Gent and Ostrava compare how "
       "they bring children of Roma families to kindergarten and keep them in school. Its members, threads and "
       "outputs are made up.\n\n"
       "Демонстрационна група, измислена, за да покаже как работят работните групи: служители на Каварна, Гент и "
       "Острава сравняват как привличат децата от ромски семейства в детската градина и ги задържат в училище. "
       "Членовете, темите и резултатите ѝ са измислени."},
      true, std::nullopt, started);
  if (!education) return false;
  for (const char* code : {"DOB17", "BE-44021", "CZ-554821"}) store.AddDemoMember(*education, code, started);
  const std::int64_t thread = store.StartThread(
      *education,
      {"Demo data: how do you reach parents before enrolment?",
       "Demo data. In Каварна an education mediator visits every family with a child of three before the enrolment "
       "period, and the kindergarten opens its doors one afternoon a week for parents. How do you do it?"},
      std::nullopt, "DOB17", true, started + kDay);
  store.AddPost(*education, thread,
                "Demo data. In Gent a bridge figure of the school meets parents at home and at the neighbourhood "
                "centre; the city pays the kindergarten's fees for the first year.",
                std::nullopt, "BE-44021", true, started + 2 * kDay);
  store.AddPost(*education, thread,
                "Demo data. In Ostrava a social worker and a teacher visit together; parents said the joint visit made "
                "them trust the school.",
                std::nullopt, "CZ-554821", true, started + 3 * kDay);
  if (const auto practice = DemoPracticeOf(service, "DOB17")) {
    store.SaveOutput(*education, *practice, OutputKind::kMethod, true, std::nullopt, started + 4 * kDay);
  }

  const auto work = store.Create(
      {"labour_market", "Demo data: first jobs in municipal services",
       "A demo group, invented to show how working groups work: Ostrava and Gent compare jobs in municipal services "
       "for people long out of work. Its members and outputs are made up."},
      true, std::nullopt, started);
  if (work) {
    for (const char* code : {"CZ-554821", "BE-44021"}) store.AddDemoMember(*work, code, started);
    if (const auto practice = DemoPracticeOf(service, "CZ-554821")) {
      store.SaveOutput(*work, *practice, OutputKind::kMethod, true, std::nullopt, started + kDay);
    }
  }
  if (log) log("loaded 2 demo working groups (Каварна, Gent, Ostrava)");
  return true;
}

}  // namespace practices
