#include "modules/policies/funding_source_routes.hpp"

#include <nlohmann/json.hpp>

#include "modules/policies/plan_exchange.hpp"
#include "modules/policies/policy_pages.hpp"
#include "web/form.hpp"

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
  const json data = {{"sources", sources},
                     {"count", sources.size()},
                     {"added", added},
                     {"code", typed.code},
                     {"name_bg", typed.name_bg},
                     {"name_en", typed.name_en},
                     {"refusal", refusal.Data(reader,
                                              [](std::string_view field) {
                                                return "source-" + std::string(field == "name_bg"   ? "name-bg"
                                                                               : field == "name_en" ? "name-en"
                                                                                                    : field);
                                              })},
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
    return web::Site::Json({{"items", sources}, {"total", sources.size()}, {"next", nullptr}});
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
