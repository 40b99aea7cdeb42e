// The authority's side of a consultation: the desk where it prepares an answer to each proposal and links what was
// accepted to the plan, the publication of the prepared answers, and the statement of Art. 26(5) as a page, a
// printable document and CSV.
#include <fmt/format.h>

#include <map>

#include "formats/table.hpp"
#include "modules/consultations/consultations_routes.hpp"
#include "modules/policies/policies.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace consultations {
namespace {

using nlohmann::json;

std::string Label(const web::Reader& reader, const policies::Item& item) {
  const std::string title = reader.Localised(item.title, item.title_en);
  return item.code.empty() ? title : item.code + " " + title;
}

// An answer form sent back: which proposal, what was typed, and why it was refused.
struct TypedAnswer {
  std::int64_t proposal_id = 0;
  AnswerInput input;
  web::Refusal refusal;
};

AnswerInput AnswerOfForm(const http::Request& request) {
  AnswerInput input;
  input.answer = request.Form("answer").value_or("");
  input.reason = request.Form("reason").value_or("");
  input.version = IdIn(request.Form("version")).value_or(0);
  const std::string outcome = request.Form("outcome").value_or("none");
  input.outcome = outcome == "create" ? Outcome::kCreateItem : outcome == "link" ? Outcome::kLinkItem : Outcome::kNone;
  input.item_id = IdIn(request.Form("item"));
  return input;
}

http::Response AnswersPage(http::Request& request, const web::Site& site, ConsultationsService& service,
                           std::int64_t id, const TypedAnswer& typed, const web::Refusal& page_refusal) {
  const auto view = service.Read(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  if (!view->may_speak_for_authority) {
    return site.Fail(request,
                     core::Error::Forbidden("Only the authority that drafted the plan answers the proposals."));
  }
  const web::Reader reader = site.ReaderOf(request);
  std::vector<policies::Item> items;
  std::map<std::int64_t, std::string> labels;
  if (const auto tree = service.policies().Tree(view->document.id)) {
    for (const policies::TreeNode& node : tree->nodes) {
      labels[node.item.id] = Label(reader, node.item);
      items.push_back(node.item);
    }
  }
  std::int64_t prepared = 0;
  json proposals = json::array();
  for (const Proposal& proposal : view->proposals) {
    json row = ProposalJson(reader, proposal);
    row["hidden_note"] =
        proposal.hidden_at
            ? reader.Say("Hidden by the moderators on {date}: {reason}",
                         {{"date", IsoDay(*proposal.hidden_at), true}, {"reason", proposal.hidden_reason}})
            : "";
    const bool is_prepared = !proposal.answer.empty() && !proposal.answer_published_at;
    if (is_prepared && !proposal.hidden_at) ++prepared;
    row["prepared"] = is_prepared;
    if (proposal.item_id) row["about"] = labels.contains(*proposal.item_id) ? labels[*proposal.item_id] : "";
    const bool refused_here = typed.proposal_id == proposal.id;
    const AnswerInput shown = refused_here ? typed.input
                                           : AnswerInput{proposal.answer, proposal.answer_reason, proposal.version,
                                                         proposal.became_item_id ? Outcome::kLinkItem : Outcome::kNone,
                                                         proposal.became_item_id};
    json choices = json::array();
    for (const std::string_view answer : kAnswers) {
      choices.push_back(
          {{"value", answer}, {"label", reader.Translate(AnswerTitle(answer))}, {"checked", shown.answer == answer}});
    }
    json item_choices = json::array();
    const std::optional<std::int64_t> chosen = shown.item_id ? shown.item_id : proposal.item_id;
    for (const policies::Item& item : items) {
      item_choices.push_back({{"value", item.id}, {"label", labels[item.id]}, {"selected", chosen == item.id}});
    }
    row["choices"] = choices;
    row["item_choices"] = item_choices;
    row["a_reason"] = shown.reason;
    row["a_outcome_create"] = shown.outcome == Outcome::kCreateItem;
    row["a_outcome_link"] = shown.outcome == Outcome::kLinkItem;
    row["a_open"] = refused_here;
    row["a_problems"] = refused_here
                            ? typed.refusal.Data(reader, [](std::string_view) { return std::string(); })["problems"]
                            : json::object();
    row["may_create"] = proposal.kind == "new_measure" || proposal.kind == "new_activity";
    row["create_label"] = proposal.kind == "new_measure" ? reader.Translate("Add it to the draft as a new measure")
                                                         : reader.Translate("Add it to the draft as a new activity");
    row["answer_action"] = ProposalPath(proposal.id) + "/answer";
    row["version"] = proposal.version;
    proposals.push_back(std::move(row));
  }
  const std::string path = ConsultationPath(id);
  json data = {{"consultation", ConsultationJson(reader, service, view->listed, view->today)},
               {"csrf", web::CsrfOf(request)},
               {"proposals", proposals},
               {"has_proposals", !proposals.empty()},
               {"publish_action", path + "/answers/publish"},
               {"has_prepared", prepared > 0},
               {"prepared_count", reader.SayPlural("{count} answer is prepared and not yet published.",
                                                   "{count} answers are prepared and not yet published.", prepared,
                                                   {{"count", reader.Number(prepared)}})}};
  const web::Refusal& refusal = typed.proposal_id != 0 ? typed.refusal : page_refusal;
  data["refusal"] = refusal.Data(reader, [&](std::string_view field) {
    return fmt::format("answer-{}-{}", typed.proposal_id, field == "answer_reason" ? "reason" : field);
  });
  return site.Page(request, reader.Translate("Answer the proposals"), "consultations/answers", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

// The statement's rows: every proposal from the public, with its answer when published.
struct Statement {
  View view;
  ReportFigures figures;
  std::int64_t by_authority = 0;
  std::map<std::int64_t, std::string> labels;
};

core::Result<Statement> StatementOf(const web::Reader& reader, ConsultationsService& service, std::int64_t id) {
  // What the public may read: the statement shows prepared answers to no one.
  auto view = service.Read(core::Actor{}, id);
  if (!view) return view.error();
  Statement statement{std::move(*view), {}, 0, {}};
  statement.figures = FiguresOf(statement.view.proposals);
  for (const Proposal& proposal : statement.view.proposals) {
    if (proposal.by_authority) ++statement.by_authority;
  }
  if (const auto tree = service.policies().Tree(statement.view.document.id)) {
    for (const policies::TreeNode& node : tree->nodes) statement.labels[node.item.id] = Label(reader, node.item);
  }
  return statement;
}

std::string AcceptedSentence(const web::Reader& reader, const ReportFigures& figures) {
  const std::int64_t answered = figures.accepted + figures.partly_accepted + figures.rejected;
  if (answered == 0) return reader.Translate("No proposal has a published answer yet.");
  return reader.SayPlural("{accepted} of {count} answered proposal accepted in full ({share})",
                          "{accepted} of {count} answered proposals accepted in full ({share})", answered,
                          {{"accepted", reader.Number(figures.accepted)},
                           {"count", reader.Number(answered)},
                           {"share", web::Reader::Percent(*figures.accepted_share())}});
}

std::vector<std::vector<std::string>> StatementTable(const Statement& statement) {
  std::vector<std::vector<std::string>> rows = {{"number", "kind", "item", "title", "by", "organisation", "written_on",
                                                 "supporters", "answer", "reasons", "answered_on", "became_item"}};
  for (const Proposal& proposal : statement.view.proposals) {
    if (proposal.by_authority || proposal.hidden_at) continue;
    const auto label = proposal.item_id ? statement.labels.find(*proposal.item_id) : statement.labels.end();
    rows.push_back({std::to_string(proposal.number), proposal.kind,
                    label != statement.labels.end() ? label->second : "", proposal.title, proposal.author_name,
                    proposal.organisation_name, IsoDay(proposal.written_at), std::to_string(proposal.supports),
                    proposal.answer_published_at ? proposal.answer : "",
                    proposal.answer_published_at ? proposal.answer_reason : "",
                    proposal.answer_published_at ? IsoDay(*proposal.answer_published_at) : "",
                    proposal.became_item_id ? "/policies/items/" + std::to_string(*proposal.became_item_id) : ""});
  }
  return rows;
}

http::Response ReportPage(http::Request& request, const web::Site& site, ConsultationsService& service, std::int64_t id,
                          const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto statement = StatementOf(reader, service, id);
  if (!statement) return site.Fail(request, statement.error());
  const View& view = statement->view;
  const ReportFigures& figures = statement->figures;
  json rows = json::array();
  for (const Proposal& proposal : view.proposals) {
    if (proposal.by_authority || proposal.hidden_at) continue;
    json row = ProposalJson(reader, proposal);
    if (proposal.item_id && statement->labels.contains(*proposal.item_id)) {
      row["about"] = statement->labels.at(*proposal.item_id);
    }
    rows.push_back(std::move(row));
  }
  const std::string path = ConsultationPath(id);
  const auto authority = service.AuthorityOf(view.listed);
  const bool may =
      kernel::ActorOf(request).user_id && MaySpeakForAuthority(kernel::ActorOf(request).roles, view.document);
  json data = {
      {"consultation", ConsultationJson(reader, service, view.listed, view.today)},
      {"authority", reader.english() ? authority.en : authority.bg},
      {"guide_url", "/guides/public-consultation"},
      {"published_on", view.listed.consultation.report_published_at
                           ? reader.Date(IsoDay(*view.listed.consultation.report_published_at))
                           : ""},
      {"summary", web::ui::Cards({{reader.Number(figures.received), reader.Translate("proposals received")},
                                  {reader.Number(figures.accepted), reader.Translate("accepted")},
                                  {reader.Number(figures.partly_accepted), reader.Translate("partly accepted")},
                                  {reader.Number(figures.rejected), reader.Translate("rejected")},
                                  {reader.Number(figures.unanswered), reader.Translate("not answered yet")}})},
      {"accepted_sentence", AcceptedSentence(reader, figures)},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"authority_proposals",
       statement->by_authority == 0
           ? ""
           : reader.SayPlural("The authority also put {count} proposal of its own up for comment; it is not counted "
                              "above.",
                              "The authority also put {count} proposals of its own up for comment; they are not "
                              "counted above.",
                              statement->by_authority, {{"count", reader.Number(statement->by_authority)}})},
      {"csv_url", path + "/report?format=csv"},
      {"api_url", "/api/v1/consultations/" + std::to_string(id)},
      {"csrf", web::CsrfOf(request)},
      {"may_publish", may && !view.listed.consultation.report_published_at},
      {"publish_action", path + "/report/publish"}};
  data["refusal"] = refusal.Data(reader, [](std::string_view) { return std::string(); });
  return site.Page(request, reader.Translate("Statement on the proposals received"), "consultations/report", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddAnswerPages(kernel::Routes& routes, const web::Site& site, ConsultationsService& service) {
  const std::string consultation = "/consultations/{id:int}";
  routes.Get(consultation + "/answers", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               return AnswersPage(request, site, service, request.IntParameter("id"), {}, {});
             });
  routes.Post("/consultations/proposals/{id:int}/answer", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t proposal_id = request.IntParameter("id");
                const auto proposal = service.FindProposal(proposal_id);
                if (!proposal) return site.Fail(request, core::Error::NotFound("There is no such proposal."));
                const AnswerInput input = AnswerOfForm(request);
                const auto answered = service.Answer(user, proposal_id, input);
                const std::string back = ConsultationPath(proposal->consultation_id) + "/answers#proposal-" +
                                         std::to_string(proposal->number);
                if (answered) return http::Response::Redirect(back);
                if (answered.error().kind == core::ErrorKind::kForbidden ||
                    answered.error().kind == core::ErrorKind::kNotFound) {
                  return site.Fail(request, answered.error());
                }
                return AnswersPage(request, site, service, proposal->consultation_id,
                                   {proposal_id, input, web::Refusal::Of(answered.error())}, {});
              });
  routes.Post(consultation + "/answers/publish", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto published = service.PublishAnswers(user, id);
                if (published) return http::Response::Redirect(ConsultationPath(id) + "/report");
                if (published.error().kind == core::ErrorKind::kForbidden ||
                    published.error().kind == core::ErrorKind::kNotFound) {
                  return site.Fail(request, published.error());
                }
                return AnswersPage(request, site, service, id, {}, web::Refusal::Of(published.error()));
              });
  routes.Get(consultation + "/report", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const std::int64_t id = request.IntParameter("id");
    if (request.Query("format").value_or("") != "csv") return ReportPage(request, site, service, id, {});
    const web::Reader reader = site.ReaderOf(request);
    const auto statement = StatementOf(reader, service, id);
    if (!statement) return site.Fail(request, statement.error());
    return web::Site::Download(formats::WriteCsv(StatementTable(*statement)), "text/csv; charset=utf-8",
                               fmt::format("khetane-consultation-{}-statement.csv", id));
  });
  routes.Post(consultation + "/report/publish", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto published = service.PublishStatement(user, id);
                if (published) return http::Response::Redirect(ConsultationPath(id) + "/report");
                if (published.error().kind == core::ErrorKind::kForbidden ||
                    published.error().kind == core::ErrorKind::kNotFound) {
                  return site.Fail(request, published.error());
                }
                return ReportPage(request, site, service, id, web::Refusal::Of(published.error()));
              });
}

}  // namespace consultations
