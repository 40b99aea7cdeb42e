#pragma once
// The advocacy module's pages and API: the register, coalitions with their stakeholder maps, campaigns, what an item's
// page shows of the campaigns that ask something of it.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/item_sections.hpp"
#include "kernel/module.hpp"
#include "modules/advocacy/advocacy_service.hpp"
#include "web/form.hpp"
#include "web/reader.hpp"
#include "web/site.hpp"

namespace advocacy {

void AddRegisterPages(kernel::Routes& routes, const web::Site& site, AdvocacyService& service,
                      const PopoloSchemas& schemas);
void AddCoalitionPages(kernel::Routes& routes, const web::Site& site, AdvocacyService& service);
void AddCampaignPages(kernel::Routes& routes, const web::Site& site, AdvocacyService& service);
void AddRegisterApi(kernel::Routes& routes, const web::Site& site, AdvocacyService& service,
                    const PopoloSchemas& schemas);
void AddAdvocacyApi(kernel::Routes& routes, const web::Site& site, AdvocacyService& service);
// On a measure's or objective's page: the campaigns that ask something of it, and what came of them.
kernel::ItemSectionSource CampaignsOnTheItem(const web::Site& site, AdvocacyService& service);

std::string StakeholderPath(std::int64_t id);
std::string CoalitionPath(std::int64_t id);
std::string CampaignPath(std::int64_t id);
// A title of a code for the reader (msgids): a sector, a stance, a stage, a kind of action or result, a basis.
std::string_view TitleOf(std::string_view code);
// The name a stakeholder is shown by: the name, "(pseudonym)" marked.
std::string ShownName(const web::Reader& reader, const Stakeholder& stakeholder);
// The register offered in a form's list (whom to invite, whom to target): the whole register while it is short
// (kWholeRegisterInAForm), else those whose name has the words of `search`, at most kWholeRegisterInAForm of them, so
// that a register of thousands is searched rather than sent whole. For the template: "register" (value, label),
// "register_searchable", "register_search" and "register_more" (how many matches were left out).
inline constexpr std::size_t kWholeRegisterInAForm = 150;
nlohmann::json RegisterChoices(const web::Reader& reader, const std::vector<Stakeholder>& everyone,
                               const std::string& search);
// The name shown to everyone (a public coalition's members, a campaign's targets): an organisation's, a person's only
// when they hold a public role; anyone else is "a person" (their consent was given for the keeper's work, not for
// publishing), an erased one "erased person".
std::string PublicName(const web::Reader& reader, const Stakeholder& stakeholder);

// A stakeholder as the API gives it to the register's keepers; with its memberships and coalitions (what a person may
// ask to see of themselves, GDPR Art. 15).
nlohmann::json StakeholderJson(const Stakeholder& stakeholder);
nlohmann::json StakeholderRecordJson(AdvocacyService& service, const Stakeholder& stakeholder);

// One stakeholder on a map as drawn.
struct MapDot {
  int number = 0;  // its row in the table beside the map
  std::string name;
  int influence = 3;
  int interest = 3;
  std::string stance;
  int offset = 0;  // how many drawn before it in the same cell
};
std::string StakeholderMapSvg(const web::Reader& reader, const std::vector<MapDot>& dots, std::string_view issue);

}  // namespace advocacy
