// A demo association of Лом keeps a register (a school, an initiative group, a newspaper, the mayor by office, a
// teacher under a pseudonym), leads a public coalition for education mediators, has drawn a stakeholder map twice
// (the school moved from neutral to ally), and runs a campaign whose ask is the demo plan's first measure, with a
// meeting with the mayor, an information request and the budget line the council added. All invented, marked demo.
#include "modules/advocacy/advocacy_demo.hpp"

#include <stdexcept>

namespace advocacy {

bool LoadDemoAdvocacy(AdvocacyService& service, accounts::OrganisationService& organisations,
                      const std::function<void(const std::string&)>& log) {
  if (service.HasDemo()) return false;
  policies::PoliciesService& policies = service.policies();
  std::optional<policies::Item> measure;
  for (const policies::Document& each : policies.ListDocuments({})) {
    if (!each.demo || each.municipality_code != "MON24" || each.status != "adopted") continue;
    if (const auto tree = policies.Tree(each.id)) {
      for (const policies::TreeNode& node : tree->nodes) {
        if (node.item.kind == "measure" && !measure) measure = node.item;
      }
    }
  }
  if (!measure) return false;  // the demo plan is not there: nothing to ask of
  const auto keeper = organisations.Create(core::CommandLineActor(),
                                           {"Сдружение „Заедно“ – Лом (демонстрационни данни)", "cso", "MON24"});
  if (!keeper) throw std::runtime_error("demo advocacy: " + keeper.error().message);
  AdvocacyStore& store = service.store();
  const std::string today = service.Today();
  const auto day = [&](int days_ago) { return core::IsoOf(*core::DayOf(today) - std::chrono::days(days_ago)); };
  const auto add = [&](std::string kind, std::string name, std::string sector, std::string basis, bool pseudonym) {
    Stakeholder stakeholder;
    stakeholder.keeper_id = keeper->id;
    stakeholder.kind = std::move(kind);
    stakeholder.name = std::move(name);
    stakeholder.sector = std::move(sector);
    stakeholder.consent_basis = std::move(basis);
    stakeholder.consent_on = stakeholder.consent_basis.empty() ? "" : day(90);
    stakeholder.consent_purpose = stakeholder.consent_basis == "consent" ? "Работа по кампанията за медиатори" : "";
    stakeholder.pseudonym = pseudonym;
    stakeholder.place_code = "MON24";
    stakeholder.demo = true;
    return store.InsertStakeholder(stakeholder, 0);
  };
  const std::int64_t school =
      add("organization", "Основно училище в кв. Младеново (демонстрационни данни)", "institution", "", false);
  const std::int64_t group =
      add("organization", "Инициативна група „Младеново“ (демонстрационни данни)", "initiative_group", "", false);
  const std::int64_t newspaper = add("organization", "Местен вестник (демонстрационни данни)", "media", "", false);
  const std::int64_t mayor = add("person", "Кметът на Община Лом", "", "public_role", false);
  const std::int64_t teacher = add("person", "Учителка М.", "", "consent", true);
  store.InsertMembership({0, teacher, school, "учител", "", std::nullopt, "2019", ""});

  Coalition coalition;
  coalition.keeper_id = keeper->id;
  coalition.name = "Коалиция за образователни медиатори в Лом (демонстрационни данни)";
  coalition.goals = "Образователен медиатор във всяко училище с ромски деца.";
  coalition.place_code = "MON24";
  coalition.members_public = true;
  coalition.demo = true;
  coalition.id = store.InsertCoalition(coalition, 0);
  for (const std::int64_t member : {group, school, newspaper}) store.AddMember(coalition.id, member, day(80));
  store.InsertLog({0, coalition.id, day(80), "Коалицията е създадена."}, std::nullopt, 0);
  StakeholderMap first{0, coalition.id, "Образователни медиатори във всяко училище", day(70), {}};
  first.positions = {{mayor, 5, 3, "neutral", "Да не се увеличават разходите", std::nullopt},
                     {school, 3, 4, "neutral", "Повече помощ с отсъстващите деца", teacher},
                     {group, 2, 5, "ally", "Медиатор, който говори романи", std::nullopt},
                     {newspaper, 3, 2, "neutral", "", std::nullopt}};
  store.InsertMap(first, 0);
  StakeholderMap second = first;
  second.drawn_on = day(20);
  second.positions[1].stance = "ally";
  store.InsertMap(second, 0);

  Campaign campaign;
  campaign.coalition_id = coalition.id;
  campaign.title = "Образователен медиатор във всяко училище (демонстрационни данни)";
  campaign.goal =
      "Общинският план да осигури медиатор във всяко училище с ромски деца още от следващата учебна година.";
  campaign.stage = "follow_up";
  campaign.demo = true;
  campaign.id = store.InsertCampaign(campaign, 0);
  store.InsertAsk({0, campaign.id, "Мярката да включва медиатор във всяко училище, с бюджет за това.", measure->id});
  store.AddTarget(campaign.id, mayor);
  store.InsertAction({0, campaign.id, "meeting", day(40), "Среща с кмета", "Кметът обеща да предложи бюджетно перо.",
                      "", std::nullopt});
  store.InsertAction({0, campaign.id, "petition", day(35), "Подписка на родителите", "", "", 312});
  store.InsertResult({0, campaign.id, "budget_line_added", day(10),
                      "Общинският съвет добави бюджетно перо за медиаторите.", measure->id, measure->version});
  if (log) log("stored the demo coalition and campaign of Лом");
  return true;
}

}  // namespace advocacy
