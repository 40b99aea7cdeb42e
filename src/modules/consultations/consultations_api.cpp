// The consultations as JSON: the list, the same in the OpenConsult fields, one consultation with its comments and
// proposals, and the calls a program makes where a person uses the forms (comment, propose, answer).
#include <fmt/format.h>

#include <cmath>

#include "core/text.hpp"
#include "modules/consultations/consultations_routes.hpp"
#include "web/json_body.hpp"

namespace consultations {
namespace {

using nlohmann::json;

json OptionalJson(const std::optional<std::int64_t>& value) { return value ? json(*value) : json(nullptr); }
json DateOf(const std::optional<std::int64_t>& at) { return at ? json(IsoDay(*at)) : json(nullptr); }

json ListedJson(ConsultationsService& service, const Listed& listed, const std::string& today) {
  const Consultation& consultation = listed.consultation;
  const auto place = service.PlaceOf(listed);
  return {{"id", consultation.id},
          {"document_id", consultation.document_id},
          {"title", listed.document_title},
          {"title_en", listed.document_title_en},
          {"level", listed.level},
          {"place", place.bg},
          {"place_en", place.en},
          {"municipality_code", listed.municipality_code},
          {"oblast_code", listed.oblast_code},
          {"opens_on", consultation.opens_on},
          {"closes_on", consultation.closes_on},
          {"state", StateName(StateOn(consultation, today))},
          {"short_period_reason", consultation.short_period_reason},
          {"reopened_on", consultation.reopened_on.empty() ? json(nullptr) : json(consultation.reopened_on)},
          {"statement_published_on", DateOf(consultation.report_published_at)},
          {"comments", listed.comments},
          {"proposals", listed.proposals},
          {"url", ConsultationPath(consultation.id)},
          {"demo", consultation.demo}};
}

// The fields of the OpenConsult data standard, one consultation each.
json OpenConsultJson(ConsultationsService& service, const Listed& listed, const std::string& today) {
  const State state = StateOn(listed.consultation, today);
  const auto place = service.PlaceOf(listed);
  const auto authority = service.AuthorityOf(listed);
  const std::string description(core::CutAtCharacter(listed.consultation.motives, 2000));
  return {{"ConsultationId", std::to_string(listed.consultation.id)},
          {"Title", listed.document_title},
          {"StatusCurrent", StateName(state)},
          {"StatusCurrentMapped", OpenConsultStatus(state)},
          {"Description", description},
          {"GeographicScope", place.bg},
          {"OrganizationName", authority.bg}};
}

json CommentApiJson(const Comment& comment) {
  return {{"id", comment.id},
          {"item_id", OptionalJson(comment.item_id)},
          {"proposal_id", OptionalJson(comment.proposal_id)},
          {"reply_to", OptionalJson(comment.reply_to)},
          {"author", comment.author_name},
          {"organisation", comment.organisation_name.empty() ? json(nullptr) : json(comment.organisation_name)},
          {"body", comment.hidden_at ? json(nullptr) : json(comment.body)},
          {"written_on", IsoDay(comment.written_at)},
          {"hidden_on", DateOf(comment.hidden_at)},
          {"hidden_reason", comment.hidden_at ? json(comment.hidden_reason) : json(nullptr)},
          {"demo", comment.demo}};
}

json ProposalApiJson(const Proposal& proposal) {
  const bool hidden = proposal.hidden_at.has_value();
  return {{"id", proposal.id},
          {"number", proposal.number},
          {"kind", proposal.kind},
          {"item_id", OptionalJson(proposal.item_id)},
          {"title", hidden ? json(nullptr) : json(proposal.title)},
          {"body", hidden ? json(nullptr) : json(proposal.body)},
          {"author", proposal.by_authority ? json(nullptr) : json(proposal.author_name)},
          {"organisation", proposal.organisation_name.empty() ? json(nullptr) : json(proposal.organisation_name)},
          {"by_authority", proposal.by_authority},
          {"written_on", IsoDay(proposal.written_at)},
          {"supporters", proposal.supports},
          {"answer", proposal.answer.empty() ? json(nullptr) : json(proposal.answer)},
          {"answer_reason", proposal.answer.empty() ? json(nullptr) : json(proposal.answer_reason)},
          {"answer_published_on", DateOf(proposal.answer_published_at)},
          {"became_item_id", OptionalJson(proposal.became_item_id)},
          {"hidden_on", DateOf(proposal.hidden_at)},
          {"hidden_reason", hidden ? json(proposal.hidden_reason) : json(nullptr)},
          {"url", ProposalPath(proposal.id)},
          {"demo", proposal.demo}};
}

}  // namespace

void AddConsultationsApi(kernel::Routes& routes, const web::Site& site, ConsultationsService& service) {
  routes.Get("/api/v1/consultations", core::Access::Anyone(), [&service](http::Request&) {
    const std::string today = service.Today();
    json list = json::array();
    for (const Listed& listed : service.List()) list.push_back(ListedJson(service, listed, today));
    return web::Site::List({{"consultations", list}}, "consultations");
  });
  routes.Get("/api/v1/consultations/openconsult", core::Access::Anyone(), [&service](http::Request&) {
    const std::string today = service.Today();
    json list = json::array();
    for (const Listed& listed : service.List()) list.push_back(OpenConsultJson(service, listed, today));
    return web::Site::List({{"consultations", list}}, "consultations");
  });
  routes.Get("/api/v1/consultations/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto view = service.Read(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    json record = ListedJson(service, view->listed, view->today);
    record["motives"] = view->listed.consultation.motives;
    record["impact_assessment"] = view->listed.consultation.impact_assessment;
    record["open_consult"] = OpenConsultJson(service, view->listed, view->today);
    json comments = json::array();
    for (const Comment& comment : view->comments) comments.push_back(CommentApiJson(comment));
    json proposals = json::array();
    for (const Proposal& proposal : view->proposals) proposals.push_back(ProposalApiJson(proposal));
    const ReportFigures figures = FiguresOf(view->proposals);
    const auto share = figures.accepted_share();
    record["statement"] = {{"received", figures.received},
                           {"accepted", figures.accepted},
                           {"partly_accepted", figures.partly_accepted},
                           {"rejected", figures.rejected},
                           {"unanswered", figures.unanswered},
                           {"accepted_share", share ? json(std::round(*share * 10) / 10) : json(nullptr)}};
    record["comments"] = std::move(comments);
    record["proposals"] = std::move(proposals);
    return web::Site::Json(record);
  });
  routes.Post(
      "/api/v1/consultations/{id:int}/comments", core::Access::SignedIn(),
      [&site, &service](http::Request& request, const core::SignedIn& user) {
        const auto body = web::JsonBodyOf(request, {"body"}, {"item_id", "proposal_id", "reply_to", "organisation_id"});
        if (!body) return site.Fail(request, body.error());
        CommentInput input{web::IdIn(*body, "item_id"), web::IdIn(*body, "proposal_id"), web::IdIn(*body, "reply_to"),
                           web::IdIn(*body, "organisation_id"), web::TextIn(*body, "body")};
        const auto added = service.AddComment(user, request.IntParameter("id"), std::move(input));
        if (!added) return site.Fail(request, added.error());
        return web::Site::JsonCreated(
            CommentApiJson(*added), ConsultationPath(added->consultation_id) + "#comment-" + std::to_string(added->id));
      });
  routes.Post("/api/v1/consultations/{id:int}/proposals", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"kind", "title", "body"}, {"item_id", "organisation_id"});
                if (!body) return site.Fail(request, body.error());
                Proposal proposal;
                proposal.kind = web::TextIn(*body, "kind");
                proposal.item_id = web::IdIn(*body, "item_id");
                proposal.title = web::TextIn(*body, "title");
                proposal.body = web::TextIn(*body, "body");
                proposal.organisation_id = web::IdIn(*body, "organisation_id");
                const auto by_authority = body->find("by_authority");
                proposal.by_authority =
                    by_authority != body->end() && by_authority->is_boolean() && by_authority->get<bool>();
                const auto made = service.Propose(user, request.IntParameter("id"), std::move(proposal));
                if (!made) return site.Fail(request, made.error());
                return web::Site::JsonCreated(ProposalApiJson(*made), ProposalPath(made->id));
              });
  routes.Post("/api/v1/consultations/proposals/{id:int}/answer", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"answer", "reason", "outcome"}, {"version", "item_id"});
                if (!body) return site.Fail(request, body.error());
                AnswerInput input;
                input.answer = web::TextIn(*body, "answer");
                input.reason = web::TextIn(*body, "reason");
                input.version = web::IdIn(*body, "version").value_or(0);
                const std::string outcome = web::TextIn(*body, "outcome");
                input.outcome = outcome == "create" ? Outcome::kCreateItem
                                : outcome == "link" ? Outcome::kLinkItem
                                                    : Outcome::kNone;
                input.item_id = web::IdIn(*body, "item_id");
                const auto answered = service.Answer(user, request.IntParameter("id"), input);
                if (!answered) return site.Fail(request, answered.error());
                return web::Site::Json(ProposalApiJson(*answered));
              });
}

}  // namespace consultations
