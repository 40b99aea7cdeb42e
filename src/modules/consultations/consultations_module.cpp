#include "modules/consultations/consultations_module.hpp"

#include "modules/accounts/organisations.hpp"
#include "modules/consultations/consultation_demo.hpp"
#include "modules/consultations/consultations_routes.hpp"
#include "modules/consultations/consultations_service.hpp"
#include "modules/consultations/consultations_store.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"

namespace consultations {

void Register(kernel::Module& module) {
  module.Name("consultations");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<ConsultationsStore>(context.database);
    context.services.Make<ConsultationsService>(
        store, context.services.Get<policies::PoliciesService>(), context.services.Get<places::PlacesService>(),
        context.services.Get<accounts::OrganisationService>(), context.services.Get<indicators::IndicatorsService>(),
        context.services.Get<kernel::AuditLog>(), context.services.Get<core::Clock>());
  });
  // The process indicator the statements feed, then the demo consultations of the demo plan's municipality.
  module.Seed([](kernel::SeedContext& context) {
    auto& service = context.services.Get<ConsultationsService>();
    const bool made = service.EnsureIndicator();
    return LoadDemo(service, context.log) || made;
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& service = services.Get<ConsultationsService>();
    AddConsultationsApi(routes, site, service);
    AddConsultationPages(routes, site, service);
    AddAnswerPages(routes, site, service);
    services.Get<kernel::ItemSections>().Add(ProposalsBehindTheItem(site, service));
    services.Get<kernel::DocumentSections>().Add(ConsultationOfTheDocument(site, service));
    services.Get<kernel::PlaceSections>().Add(ConsultationsOfThePlace(site, service));
    services.Get<kernel::Home>().AddFront(OpenConsultationsOnTheFront(site, service));
    services.Get<kernel::Home>().Add(ProposalsToAnswer(site, service));
    services.Get<kernel::ScorecardParts>().Add(ConsultationsOnTheScorecard(site, service));
    services.Get<kernel::RecentChanges>().Add(ConsultationNewsOfTheWeek(site, service));
  });
  module.Navigation("Consultations", "/consultations");
  module.Audit("consultation_opened", "Public consultation opened");
  module.Audit("consultation_reopened", "Public consultation extended or reopened");
  module.Audit("consultation_commented", "Comment on a draft in consultation");
  module.Audit("consultation_proposal_made", "Proposal made in a public consultation");
  module.Audit("consultation_answer_prepared", "Answer to a proposal prepared");
  module.Audit("consultation_answers_published", "Answers to proposals published");
  module.Audit("consultation_statement_published", "Statement on the proposals published");
  module.Audit("consultation_comment_hidden", "Comment hidden by a moderator");
  module.Audit("consultation_proposal_hidden", "Proposal hidden by a moderator");
}

}  // namespace consultations
