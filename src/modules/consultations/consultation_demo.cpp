// Demo consultations, so that a new installation shows the module at work: the one that came before Лом's demo plan
// was adopted (closed, every proposal answered, its statement published, an accepted proposal linked to the measure it
// became), and one open now on a short draft of Монтана, with a comment and a proposal waiting. (Монтана, so that Лом
// keeps the one plan the other modules' demos show.)
// Everything is marked as demo data and invented; none of it is official text.
#include "modules/consultations/consultation_demo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace consultations {
namespace {

const core::Actor kLoader{
    std::nullopt, {{core::Role::kAdministrator, {core::ScopeKind::kInstallation, ""}}}, {"reference data", ""}};

constexpr std::string_view kMotives =
    "*Демонстрационни данни: текстът е измислен, за да покаже как работи една обществена консултация.*\n\n"
    "## Защо е нужен планът\n\n"
    "Общинският план за действие изпълнява на местно ниво Националната стратегия на Република България за "
    "равенство, приобщаване и участие на ромите. Той събира мерките на общината в образованието, заетостта, "
    "здравеопазването и жилищните условия.\n\n"
    "## Какво искаме да постигнем\n\n"
    "- повече деца в детска градина и училище;\n"
    "- здравни медиатори във всички квартали;\n"
    "- по-добри жилищни условия в ромските квартали.\n";

constexpr std::string_view kImpact =
    "*Демонстрационни данни.*\n\n"
    "| Засегнати | Очакван ефект |\n|---|---|\n"
    "| Деца и родители | повече записани деца, по-малко отпаднали |\n"
    "| Общинска администрация | нови медиатори, по-добро планиране |\n\n"
    "Разходите се покриват от общинския бюджет и от програми на Европейския съюз.";

std::int64_t At(std::string_view iso, int hour) {
  return std::chrono::duration_cast<std::chrono::seconds>(DayOf(iso)->time_since_epoch()).count() + hour * 3600;
}

// The demo plan's items by code, to say where a comment or a proposal goes.
std::map<std::string, policies::Item> ItemsByCode(policies::PoliciesService& policies, std::int64_t document_id) {
  std::map<std::string, policies::Item> items;
  if (const auto tree = policies.Tree(document_id)) {
    for (const policies::TreeNode& node : tree->nodes) items[node.item.code] = node.item;
  }
  return items;
}

std::optional<std::int64_t> IdOf(const std::map<std::string, policies::Item>& items, const std::string& code) {
  const auto found = items.find(code);
  return found == items.end() ? std::nullopt : std::optional(found->second.id);
}

// A draft plan of Монтана with one objective, two measures and an activity, invented for the demo.
policies::Document DemoDraft(policies::PoliciesService& policies, std::optional<std::int64_t> implements) {
  policies::Document draft;
  draft.level = policies::Level::kMunicipal;
  draft.kind = "action_plan";
  draft.title = "Общински план за действие на Монтана 2027–2030, проект (демонстрационни данни)";
  draft.title_en = "Montana municipal action plan 2027–2030, draft (demo data)";
  draft.period_start = 2027;
  draft.period_end = 2030;
  draft.municipality_code = "MON29";
  draft.status = "draft";
  draft.implements_document_id = implements;
  draft.demo = true;
  auto created = policies.CreateDocument(kLoader, draft);
  if (!created) throw std::runtime_error("demo consultation: " + created.error().message);
  const auto add = [&](std::string kind, std::optional<std::int64_t> parent, std::string code, std::string title,
                       std::string title_en) {
    policies::Item item;
    item.document_id = created->id;
    item.kind = std::move(kind);
    item.parent_id = parent;
    item.code = std::move(code);
    item.title = std::move(title);
    item.title_en = std::move(title_en);
    auto added = policies.CreateItem(kLoader, item);
    if (!added) throw std::runtime_error("demo consultation: " + added.error().message);
    return added->id;
  };
  const auto objective = add("objective", std::nullopt, "1", "Равен достъп до качествено образование",
                             "Equal access to quality education");
  const auto mediators = add("measure", objective, "1.1", "Образователни медиатори в училищата на квартал Кошарник",
                             "Education mediators in the schools of the Kosharnik quarter");
  add("activity", mediators, "1.1.1", "Наемане на трима образователни медиатори", "Hire three education mediators");
  add("measure", objective, "1.2", "Безплатна детска градина за децата от уязвими семейства",
      "Free kindergarten for the children of vulnerable families");
  return *created;
}

}  // namespace

bool LoadDemo(ConsultationsService& service, const std::function<void(const std::string&)>& log) {
  if (service.HasDemo()) return false;
  policies::PoliciesService& policies = service.policies();
  std::optional<policies::Document> plan;
  for (const policies::Document& each : policies.ListDocuments({})) {
    if (each.demo && each.municipality_code == "MON24" && each.status == "adopted") plan = each;
  }
  if (!plan) return false;
  const auto items = ItemsByCode(policies, plan->id);
  const std::string group = "Инициативна група „Младеново“ (демонстрационни данни)";

  // Before adoption: closed, answered, the statement published.
  Consultation past;
  past.document_id = plan->id;
  past.opens_on = "2026-09-01";
  past.closes_on = "2026-10-01";
  past.motives = std::string(kMotives);
  past.impact_assessment = std::string(kImpact);
  past.motives_html = *web::MarkdownToHtml(past.motives);
  past.impact_assessment_html = *web::MarkdownToHtml(past.impact_assessment);
  past.opened_at = At(past.opens_on, 9);
  past.report_published_at = At("2026-10-20", 10);
  past.demo = true;
  past.id = service.InsertDemoConsultation(past);

  struct DemoProposal {
    std::string kind;
    std::string about;  // an item's code
    std::string title;
    std::string body;
    std::string author;
    std::string answer;
    std::string reason;
    std::string became;  // an item's code
  };
  const DemoProposal answered[] = {
      {"new_measure", "1", "Образователни медиатори във всички училища",
       "Предлагаме мярка за образователни медиатори във всяко училище с ученици от квартал Младеново.", "Милена",
       "accepted", "", "1.1"},
      {"change", "1.1", "Медиаторите да говорят и ромски",
       "При подбора на медиатори да се предпочитат хора, които говорят ромски и познават квартала.", "Асен",
       "partly_accepted",
       "Знанието на ромски език ще бъде предимство при подбора, но не условие: законът не позволява такова условие.",
       "1.1"},
      {"new_activity", "1.1", "Безплатен транспорт до училище", "Училищен автобус от Младеново до училищата в центъра.",
       "Милена", "rejected", "Общината вече осигурява транспорт по националната програма; втори автобус не е нужен.",
       ""},
  };
  for (const DemoProposal& each : answered) {
    Proposal proposal;
    proposal.consultation_id = past.id;
    proposal.kind = each.kind;
    proposal.item_id = IdOf(items, each.about);
    proposal.title = each.title;
    proposal.body = each.body;
    proposal.author_name = each.author;
    proposal.organisation_name = group;
    proposal.written_at = At("2026-09-10", 18);
    proposal.answer = each.answer;
    proposal.answer_reason = each.reason;
    proposal.answered_at = At("2026-10-15", 11);
    proposal.answer_published_at = At("2026-10-15", 12);
    if (!each.became.empty()) proposal.became_item_id = IdOf(items, each.became);
    proposal.demo = true;
    service.InsertDemoProposal(proposal);
  }
  Comment earlier;
  earlier.consultation_id = past.id;
  earlier.item_id = IdOf(items, "1");
  earlier.author_name = "Асен";
  earlier.organisation_name = group;
  earlier.body = "Целта е добра, но е нужен срок: до кога всички деца ще бъдат записани?";
  earlier.written_at = At("2026-09-05", 19);
  earlier.demo = true;
  service.InsertDemoComment(earlier);

  // Open now: a short draft of Монтана, so that Лом keeps one plan in the other modules' demos.
  const auto titled = DemoDraft(policies, plan->implements_document_id);
  Consultation open;
  open.document_id = titled.id;
  open.opens_on = service.Today();
  open.closes_on = IsoOf(*DayOf(open.opens_on) + std::chrono::days(kUsualDays));
  open.motives = std::string(kMotives);
  open.impact_assessment = std::string(kImpact);
  const auto opened = service.Open(kLoader, open);
  if (!opened) throw std::runtime_error("demo consultation: " + opened.error().message);
  // Open() took the date of today; the demo flag is the store's.
  service.MarkDemo(opened->id);
  const auto next = ItemsByCode(policies, titled.id);
  const std::string kosharnik = "Инициативна група „Кошарник“ (демонстрационни данни)";
  Comment comment;
  comment.consultation_id = opened->id;
  comment.item_id = IdOf(next, "1.1");
  comment.author_name = "Росица";
  comment.organisation_name = kosharnik;
  comment.body = "Медиаторите помогнаха много. Нека да са поне шестима, защото децата в квартала са повече.";
  comment.written_at = service.Now();
  comment.demo = true;
  service.InsertDemoComment(comment);
  Proposal proposal;
  proposal.consultation_id = opened->id;
  proposal.kind = "new_activity";
  proposal.item_id = IdOf(next, "1.1");
  proposal.title = "Клуб за родители в училище";
  proposal.body = "Веднъж месечно среща на родителите с учителите и медиаторите, в квартала, следобед.";
  proposal.author_name = "Росица";
  proposal.organisation_name = kosharnik;
  proposal.written_at = service.Now();
  proposal.demo = true;
  service.InsertDemoProposal(proposal);
  if (log) log("loaded two demo public consultations, for Лом and Монтана");
  return true;
}

}  // namespace consultations
