#include "modules/policies/funding_source_routes.hpp"

#include <nlohmann/json.hpp>

#include "modules/policies/plan_exchange.hpp"
#include "modules/policies/policy_pages.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace policies {
namespace {

using nlohmann::json;

constexpr char kPagePath[] = "/admin/funding-sources";

// The sources with the columns each gives the action-plan file, and the form to add one (with what was typed and a
// message beside each field it refuses).
http::Response SourcesPage(http::Request& request, const web::Site& site, PoliciesService& policies,
                           const FundingSource& typed, const web::Refusal& refusal, const std::string& added) {
  const web::Reader reader = site.ReaderOf(request);
  json sources = json::array();
  for (const FundingSource& source : policies.FundingSources()) {
    const PlanLayout layout(std::vector<std::string>{source.code});
    std::string columns;
    for (std::size_t amount = 0; amount < std::size(kAmountNames); ++amount) {
      columns += (amount ? ", " : "") + layout.AmountColumn(0, amount);
    }
    sources.push_back({{"code", source.code},
                       {"name_bg", source.name_bg},
                       {"name_en", source.name_en},
                       {"columns", columns},
                       {"added", source.code == added}});
  }
  // The field names of FundingSourceProblems, with the ids of the form's boxes.
  const auto problem = [&](std::string_view field) { return refusal.ProblemOf(reader, field); };
  const auto id_of = [](std::string_view field) {
    return field == "name_bg"   ? std::string("source-name-bg")
           : field == "name_en" ? std::string("source-name-en")
                                : "source-" + std::string(field);
  };
  const json fields = json::array(
      {web::ui::TextField(
           {.name = "code",
            .id = id_of("code"),
            .label = reader.Translate("Code"),
            .value = typed.code,
            .hint = reader.Translate("Lower-case Latin letters, digits and _, as in interreg or unicef_bg."),
            .type = "text",
            .required = true,
            .maxlength = static_cast<int>(kMaxFundingSourceCode)},
           problem("code")),
       web::ui::TextField({.name = "name_bg",
                           .id = id_of("name_bg"),
                           .label = reader.Translate("Name in Bulgarian"),
                           .value = typed.name_bg,
                           .hint = "",
                           .type = "text",
                           .required = true,
                           .maxlength = static_cast<int>(kMaxFundingSourceName)},
                          problem("name_bg")),
       web::ui::TextField({.name = "name_en",
                           .id = id_of("name_en"),
                           .label = reader.Translate("Name in English"),
                           .value = typed.name_en,
                           .hint = "",
                           .type = "text",
                           .required = true,
                           .maxlength = static_cast<int>(kMaxFundingSourceName)},
                          problem("name_en"))});
  const json data = {{"sources", sources},
                     {"count", sources.size()},
                     {"added", added},
                     {"fields", fields},
                     {"refusal", refusal.Data(reader, id_of)},
                     {"action", kPagePath},
                     {"csrf", web::CsrfOf(request)}};
  return site.Page(request, reader.Translate("Funding sources"), "policies/funding_sources", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddFundingSourceRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies) {
  routes.Get("/api/v1/policies/funding-sources", core::Access::Anyone(), [&policies](http::Request&) {
    json sources = json::array();
    for (const FundingSource& source : policies.FundingSources()) {
      sources.push_back({{"code", source.code}, {"name_bg", source.name_bg}, {"name_en", source.name_en}});
    }
    return web::Site::List({{"items", sources}, {"total", sources.size()}, {"next", nullptr}}, "items");
  });

  routes.Get(kPagePath, core::Access::Administrator(),
             [&site, &policies](http::Request& request, const core::SignedIn&) {
               return SourcesPage(request, site, policies, {}, {}, request.Query("added").value_or(""));
             });

  routes.Post(kPagePath, core::Access::Administrator(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const FundingSource typed{request.Form("code").value_or(""), request.Form("name_bg").value_or(""),
                                          request.Form("name_en").value_or("")};
                const auto added = policies.AddFundingSource(user, typed);
                if (!added) return SourcesPage(request, site, policies, typed, web::Refusal::Of(added.error()), "");
                return http::Response::Redirect(std::string(kPagePath) + "?added=" + http::PercentEncode(added->code));
              });
}

}  // namespace policies
