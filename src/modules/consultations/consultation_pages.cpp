// A consultation's pages: the list, the form that opens one, the consultation with its draft item by item and a
// comment form on each, the proposal form and a proposal's page, and the actions on them (comment, support, hide,
// reopen).
#include <fmt/format.h>

#include <map>

#include "http/request.hpp"
#include "modules/consultations/consultations_routes.hpp"
#include "modules/policies/policies.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace consultations {
namespace {

using nlohmann::json;

constexpr std::string_view kGuide = "/guides/public-consultation";

std::string ItemLabel(const web::Reader& reader, const policies::Item& item) {
  const std::string title = reader.Localised(item.title, item.title_en);
  return item.code.empty() ? title : item.code + " " + title;
}

// A comment form that came back refused: where it was (its target), what was typed and why.
struct TypedComment {
  std::string target;  // "document", "item-12", "proposal-3", "reply-40"
  std::string body;
  std::string problem;
  std::optional<std::int64_t> organisation_id = std::nullopt;  // written on behalf of
};

std::string TargetOf(const CommentInput& input) {
  if (input.reply_to) return "reply-" + std::to_string(*input.reply_to);
  if (input.item_id) return "item-" + std::to_string(*input.item_id);
  if (input.proposal_id) return "proposal-" + std::to_string(*input.proposal_id);
  return "document";
}

// A comment form's data; the one that came back refused holds what was typed, its problem, and is open. `mine` are
// the reader's organisations ({value, label}), offered to write on behalf of.
json CommentForm(std::string target, std::string label, const TypedComment& typed, const json& mine,
                 std::optional<std::int64_t> item, std::optional<std::int64_t> proposal,
                 std::optional<std::int64_t> reply_to) {
  const bool refused = typed.target == target;
  json organisations = json::array();
  for (const json& each : mine) {
    organisations.push_back({{"value", each["value"]},
                             {"label", each["label"]},
                             {"f_selected", refused && typed.organisation_id == each["value"].get<std::int64_t>()}});
  }
  return {{"f_id", "comment-" + target},
          {"f_organisations", std::move(organisations)},
          {"f_label", std::move(label)},
          {"f_item", item ? std::to_string(*item) : ""},
          {"f_proposal", proposal ? std::to_string(*proposal) : ""},
          {"f_reply_to", reply_to ? std::to_string(*reply_to) : ""},
          {"f_typed", refused ? typed.body : ""},
          {"f_problem", refused ? typed.problem : ""},
          {"f_open", refused}};
}

json CommentJson(const web::Reader& reader, const Comment& comment, bool may_hide) {
  const std::string by = comment.organisation_name.empty()
                             ? comment.author_name
                             : reader.Say("{person} for {organisation}", {{"person", comment.author_name},
                                                                          {"organisation", comment.organisation_name}});
  return {{"c_id", comment.id},
          {"c_by", by},
          {"c_written", reader.Date(IsoDay(comment.written_at))},
          {"c_body", comment.body},
          {"c_demo", comment.demo},
          {"c_hidden", comment.hidden_at.has_value()},
          {"c_hidden_note", comment.hidden_at ? reader.Say("Hidden by the moderators on {date}: {reason}",
                                                           {{"date", IsoDay(*comment.hidden_at), true},
                                                            {"reason", comment.hidden_reason}})
                                              : ""},
          {"c_may_hide", may_hide && !comment.hidden_at}};
}

// The comments on one part of the draft as threads: each comment that answers none, with every answer under it (an
// answer to an answer joins the thread of the comment it started from).
class Threads {
 public:
  // `mine`: the reader's organisations, offered in each reply form.
  Threads(const std::vector<Comment>& comments, const json& mine) : comments_(comments), mine_(mine) {
    std::map<std::int64_t, std::int64_t> root_of;
    for (const Comment& comment : comments_) {
      std::int64_t root = comment.id;
      if (comment.reply_to) {
        const auto found = root_of.find(*comment.reply_to);
        root = found != root_of.end() ? found->second : *comment.reply_to;
      }
      root_of[comment.id] = root;
      if (root != comment.id) replies_[root].push_back(&comment);
    }
  }

  // The thread on the document (item and proposal nullopt), an item or a proposal; null when there is none.
  json Of(const web::Reader& reader, const View& view, std::optional<std::int64_t> item,
          std::optional<std::int64_t> proposal, const TypedComment& typed, bool may_write) const {
    json list = json::array();
    for (const Comment& comment : comments_) {
      if (comment.reply_to || comment.item_id != item || comment.proposal_id != proposal) continue;
      json row = CommentJson(reader, comment, view.may_speak_for_authority);
      json replies = json::array();
      if (const auto found = replies_.find(comment.id); found != replies_.end()) {
        for (const Comment* reply : found->second) {
          replies.push_back(CommentJson(reader, *reply, view.may_speak_for_authority));
        }
      }
      row["has_replies"] = !replies.empty();
      row["replies"] = std::move(replies);
      row["form"] = may_write && !comment.hidden_at
                        ? CommentForm("reply-" + std::to_string(comment.id), reader.Translate("Your reply"), typed,
                                      mine_, std::nullopt, std::nullopt, comment.id)
                        : json(nullptr);
      list.push_back(std::move(row));
    }
    if (list.empty()) return nullptr;
    return {{"comments", std::move(list)}};
  }

 private:
  const std::vector<Comment>& comments_;
  const json& mine_;
  std::map<std::int64_t, std::vector<const Comment*>> replies_;
};

json OrganisationChoices(const std::vector<accounts::Organisation>& organisations,
                         std::optional<std::int64_t> chosen = std::nullopt) {
  json list = json::array();
  for (const accounts::Organisation& organisation : organisations) {
    list.push_back({{"value", organisation.id}, {"label", organisation.name}, {"selected", chosen == organisation.id}});
  }
  return list;
}

http::Response ConsultationPage(http::Request& request, const web::Site& site, ConsultationsService& service,
                                policies::PoliciesService& policies, std::int64_t id, const web::Refusal& refusal,
                                const TypedComment& typed, const std::string& typed_closes_on,
                                const std::string& typed_reason) {
  const core::Actor actor = kernel::ActorOf(request);
  const auto view = service.Read(actor, id);
  if (!view) return site.Fail(request, view.error());
  const web::Reader reader = site.ReaderOf(request);
  const bool signed_in = actor.user_id.has_value();
  const bool takes_input = TakesInput(view->listed.consultation, view->today);
  const bool may_write = signed_in && takes_input;
  const std::string path = ConsultationPath(id);
  const json mine = OrganisationChoices(view->organisations);
  const Threads threads(view->comments, mine);
  std::map<std::int64_t, const policies::Item*> items_by_id;

  json items = json::array();
  const auto tree = policies.Tree(view->document.id);
  if (tree) {
    for (const policies::TreeNode& node : tree->nodes) {
      const policies::Item& item = node.item;
      json row = {{"item_id", item.id},
                  {"depth", node.depth},
                  {"kind", reader.Translate(policies::KindTitle(item.kind))},
                  {"code", item.code},
                  {"title", reader.Localised(item.title, item.title_en)},
                  {"description", item.description},
                  {"thread", threads.Of(reader, *view, item.id, std::nullopt, typed, may_write)},
                  {"form", nullptr}};
      if (may_write) {
        const std::string label = reader.Say(
            "Comment on {item}", {{"item", item.code.empty() ? row["title"].get<std::string>() : item.code}});
        json form =
            CommentForm("item-" + std::to_string(item.id), label, typed, mine, item.id, std::nullopt, std::nullopt);
        form["comment_label"] = label;
        form["change_url"] = fmt::format("{}/proposals/new?kind=change&item={}", path, item.id);
        if (item.kind == "objective") {
          form["below_url"] = fmt::format("{}/proposals/new?kind=new_measure&item={}", path, item.id);
          form["below_label"] = reader.Translate("Propose a new measure here");
        } else if (item.kind == "measure") {
          form["below_url"] = fmt::format("{}/proposals/new?kind=new_activity&item={}", path, item.id);
          form["below_label"] = reader.Translate("Propose a new activity here");
        } else {
          form["below_url"] = "";
        }
        row["form"] = std::move(form);
      }
      items.push_back(std::move(row));
      items_by_id[item.id] = &node.item;
    }
  }

  json proposals = json::array();
  for (const Proposal& proposal : view->proposals) {
    json row = ProposalJson(reader, proposal);
    row["hidden_note"] =
        proposal.hidden_at
            ? reader.Say("Hidden by the moderators on {date}: {reason}",
                         {{"date", IsoDay(*proposal.hidden_at), true}, {"reason", proposal.hidden_reason}})
            : "";
    row["prepared"] = !proposal.answer.empty() && !proposal.answer_published_at;
    if (proposal.item_id) {
      const auto found = items_by_id.find(*proposal.item_id);
      row["about"] = found != items_by_id.end() ? ItemLabel(reader, *found->second) : "";
    }
    proposals.push_back(std::move(row));
  }

  json data = {
      {"consultation", ConsultationJson(reader, service, view->listed, view->today)},
      {"motives_html", view->listed.consultation.motives_html},
      {"impact_html", view->listed.consultation.impact_assessment_html},
      {"guide_url", kGuide},
      {"api_url", "/api/v1/consultations/" + std::to_string(id)},
      {"csrf", web::CsrfOf(request)},
      {"signed_in", signed_in},
      {"sign_in_url", "/signin?next=" + http::PercentEncode(path)},
      {"takes_input", takes_input},
      {"comment_action", path + "/comments"},
      {"proposal_url", path + "/proposals/new"},
      {"has_organisations", !view->organisations.empty()},
      {"proposals", proposals},
      {"has_proposals", !proposals.empty()},
      {"items", items},
      {"document_thread", threads.Of(reader, *view, std::nullopt, std::nullopt, typed, may_write)},
      {"document_form", may_write ? CommentForm("document", reader.Translate("Your comment on the whole draft"), typed,
                                                mine, std::nullopt, std::nullopt, std::nullopt)
                                  : json(nullptr)},
      {"authority", view->may_speak_for_authority && !view->listed.consultation.report_published_at},
      {"answers_url", path + "/answers"},
      {"reopen_url", path + "/reopen"},
      {"version", view->listed.consultation.version},
      {"typed_closes_on", typed_closes_on},
      {"typed_reason", typed_reason}};
  data["refusal"] = refusal.Data(reader, [&](std::string_view field) {
    if (field == "closes_on" || field == "short_period_reason") return "reopen-" + std::string(field);
    return typed.target.empty() ? std::string("draft") : "comment-" + typed.target;
  });
  data["problems"] = data["refusal"]["problems"];
  const std::string title =
      reader.Say("Public consultation: {title}", {{"title", data["consultation"]["title"].get<std::string>()}});
  return site.Page(request, title, "consultations/consultation", data, refusal.Empty() ? 200 : refusal.Status());
}

http::Response OpenForm(http::Request& request, const web::Site& site, const policies::Document& document,
                        const Consultation& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  json data = {{"csrf", web::CsrfOf(request)},
               {"document_id", document.id},
               {"document_title", reader.Localised(document.title, document.title_en)},
               {"document_url", "/policies/documents/" + std::to_string(document.id)},
               {"guide_url", kGuide},
               {"opens_on", typed.opens_on},
               {"closes_on", typed.closes_on},
               {"short_period_reason", typed.short_period_reason},
               {"motives", typed.motives},
               {"impact_assessment", typed.impact_assessment}};
  data["refusal"] = refusal.Data(reader, [](std::string_view field) { return "consultation-" + std::string(field); });
  data["problems"] = data["refusal"]["problems"];
  return site.Page(request, reader.Translate("Open a public consultation"), "consultations/open_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response ProposalForm(http::Request& request, const web::Site& site, ConsultationsService& service,
                            policies::PoliciesService& policies, std::int64_t consultation_id, const Proposal& typed,
                            const web::Refusal& refusal) {
  const core::Actor actor = kernel::ActorOf(request);
  const auto view = service.Read(actor, consultation_id);
  if (!view) return site.Fail(request, view.error());
  const web::Reader reader = site.ReaderOf(request);
  json kinds = json::array();
  for (const std::string_view kind : kProposalKinds) {
    kinds.push_back(
        {{"value", kind}, {"label", reader.Translate(ProposalKindTitle(kind))}, {"checked", kind == typed.kind}});
  }
  json items = json::array();
  if (const auto tree = policies.Tree(view->document.id)) {
    for (const policies::TreeNode& node : tree->nodes) {
      items.push_back(
          {{"value", node.item.id},
           {"label", std::string(static_cast<std::size_t>(node.depth) * 2, ' ') +
                         reader.Translate(policies::KindTitle(node.item.kind)) + " " + ItemLabel(reader, node.item)},
           {"selected", typed.item_id == node.item.id}});
    }
  }
  const std::string path = ConsultationPath(consultation_id);
  json data = {{"csrf", web::CsrfOf(request)},
               {"consultation_url", path},
               {"consultation_title", reader.Localised(view->listed.document_title, view->listed.document_title_en)},
               {"heading", typed.by_authority ? reader.Translate("A proposal of the authority")
                                              : reader.Translate("Make a proposal")},
               {"guide_url", kGuide},
               {"action", path + "/proposals"},
               {"by_authority", typed.by_authority},
               {"kinds", kinds},
               {"items", items},
               {"title", typed.title},
               {"body", typed.body},
               {"organisations", OrganisationChoices(view->organisations, typed.organisation_id)},
               {"has_organisations", !view->organisations.empty() && !typed.by_authority}};
  data["refusal"] = refusal.Data(reader, [](std::string_view field) { return "proposal-" + std::string(field); });
  data["problems"] = data["refusal"]["problems"];
  return site.Page(request, data["heading"].get<std::string>(), "consultations/proposal_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response ProposalPage(http::Request& request, const web::Site& site, ConsultationsService& service,
                            policies::PoliciesService& policies, std::int64_t proposal_id, const web::Refusal& refusal,
                            const TypedComment& typed) {
  const core::Actor actor = kernel::ActorOf(request);
  const auto found = service.FindProposal(proposal_id);
  if (!found) return site.Fail(request, core::Error::NotFound("There is no such proposal."));
  const auto view = service.Read(actor, found->consultation_id);
  if (!view) return site.Fail(request, view.error());
  const web::Reader reader = site.ReaderOf(request);
  const Proposal* proposal = nullptr;
  for (const Proposal& each : view->proposals) {
    if (each.id == proposal_id) proposal = &each;
  }
  if (proposal == nullptr) return site.Fail(request, core::Error::NotFound("There is no such proposal."));
  const bool signed_in = actor.user_id.has_value();
  const bool takes_input = TakesInput(view->listed.consultation, view->today);
  json row = ProposalJson(reader, *proposal);
  row["hidden_note"] =
      proposal->hidden_at
          ? reader.Say("Hidden by the moderators on {date}: {reason}",
                       {{"date", IsoDay(*proposal->hidden_at), true}, {"reason", proposal->hidden_reason}})
          : "";
  row["prepared"] = !proposal->answer.empty() && !proposal->answer_published_at;
  if (proposal->item_id) {
    if (const auto item = policies.FindItem(*proposal->item_id)) {
      row["about"] = ItemLabel(reader, *item);
      row["about_url"] = "/policies/items/" + std::to_string(item->id);
    }
  }
  const json mine = OrganisationChoices(view->organisations);
  const Threads threads(view->comments, mine);
  const bool may_write = signed_in && takes_input && !proposal->hidden_at;
  json thread = threads.Of(reader, *view, std::nullopt, proposal->id, typed, may_write);
  json data = {
      {"consultation", ConsultationJson(reader, service, view->listed, view->today)},
      {"proposal", row},
      {"csrf", web::CsrfOf(request)},
      {"comment_action", ConsultationPath(view->listed.consultation.id) + "/comments"},
      {"has_organisations", !view->organisations.empty()},
      {"thread", thread},
      {"has_comments", !thread.is_null()},
      {"form", may_write ? CommentForm("proposal-" + std::to_string(proposal->id),
                                       reader.Translate("Your comment on the proposal"), typed, mine, std::nullopt,
                                       proposal->id, std::nullopt)
                         : json(nullptr)},
      {"answers_url", view->may_speak_for_authority ? ConsultationPath(view->listed.consultation.id) +
                                                          "/answers#proposal-" + std::to_string(proposal->number)
                                                    : ""},
      {"may_hide", view->may_speak_for_authority && !proposal->hidden_at && !proposal->answer_published_at},
      {"hide_action", ProposalPath(proposal->id) + "/hide"}};
  if (signed_in && takes_input && !proposal->hidden_at && proposal->author_id != actor.user_id) {
    const bool supported = view->supported.contains(proposal->id);
    data["support"] = {{"support_action", ProposalPath(proposal->id) + "/support"},
                       {"support_value", supported ? "no" : "yes"},
                       {"support_label", supported ? reader.Translate("Withdraw my support")
                                                   : reader.Translate("Support this proposal")}};
  }
  data["refusal"] = refusal.Data(reader, [&](std::string_view) { return "comment-" + typed.target; });
  const std::string title = reader.Say("Proposal {number}", {{"number", std::to_string(proposal->number)}});
  return site.Page(request, title, "consultations/proposal", data, refusal.Empty() ? 200 : refusal.Status());
}

Proposal ProposalOfForm(const http::Request& request) {
  Proposal proposal;
  proposal.kind = request.Form("kind").value_or("");
  proposal.item_id = IdIn(request.Form("item"));
  proposal.title = request.Form("title").value_or("");
  proposal.body = request.Form("body").value_or("");
  proposal.organisation_id = IdIn(request.Form("organisation"));
  proposal.by_authority = request.Form("by").value_or("") == "authority";
  return proposal;
}

}  // namespace

void AddConsultationPages(kernel::Routes& routes, const web::Site& site, ConsultationsService& service) {
  policies::PoliciesService& policies = service.policies();
  routes.Get("/consultations", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    const std::string today = service.Today();
    json open = json::array(), planned = json::array(), closed = json::array();
    bool demo = false;
    auto listed = service.List();
    // Open ones closing first; the others newest first, as listed.
    std::stable_sort(listed.begin(), listed.end(), [&](const Listed& a, const Listed& b) {
      const bool a_open = TakesInput(a.consultation, today), b_open = TakesInput(b.consultation, today);
      if (a_open && b_open) return a.consultation.closes_on < b.consultation.closes_on;
      return a_open && !b_open;
    });
    for (const Listed& each : listed) {
      demo = demo || each.consultation.demo;
      json row = ConsultationJson(reader, service, each, today);
      switch (StateOn(each.consultation, today)) {
        case State::kActive:
        case State::kReopened:
          open.push_back(std::move(row));
          break;
        case State::kPlanned:
          planned.push_back(std::move(row));
          break;
        case State::kCompleted:
          closed.push_back(std::move(row));
          break;
      }
    }
    const auto group = [&](std::string key, std::string_view heading, json rows, std::string_view none) {
      const bool has_rows = !rows.empty();
      return json{{"key", std::move(key)},
                  {"heading", reader.Translate(heading)},
                  {"rows", std::move(rows)},
                  {"has_rows", has_rows},
                  {"none", web::ui::Empty(reader.Translate(none))}};
    };
    const json data = {
        {"groups",
         json::array({group("open", "Open for proposals", open,
                            "No consultation is open now. A draft plan is put to consultation from its page."),
                      group("planned", "Opening soon", planned, "None is planned."),
                      group("closed", "Closed", closed, "None has closed yet.")})},
        {"has_demo", demo},
        {"guide_url", kGuide}};
    return site.Page(request, reader.Translate("Public consultations"), "consultations/list", data);
  });

  routes.Get("/consultations/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto document = service.DocumentToConsult(user, IdIn(request.Query("document")).value_or(0));
               if (!document) return site.Fail(request, document.error());
               Consultation typed;
               typed.opens_on = service.Today();
               typed.closes_on = IsoOf(*DayOf(typed.opens_on) + std::chrono::days(kUsualDays));
               return OpenForm(request, site, *document, typed, {});
             });
  routes.Post("/consultations", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                Consultation typed;
                typed.document_id = IdIn(request.Form("document")).value_or(0);
                typed.opens_on = request.Form("opens_on").value_or("");
                typed.closes_on = request.Form("closes_on").value_or("");
                typed.short_period_reason = request.Form("short_period_reason").value_or("");
                typed.motives = request.Form("motives").value_or("");
                typed.impact_assessment = request.Form("impact_assessment").value_or("");
                const auto opened = service.Open(user, typed);
                if (opened) return http::Response::Redirect(ConsultationPath(opened->id));
                const auto document = service.DocumentToConsult(user, typed.document_id);
                if (!document) return site.Fail(request, document.error());
                return OpenForm(request, site, *document, typed, web::Refusal::Of(opened.error()));
              });

  const std::string consultation = "/consultations/{id:int}";
  routes.Get(consultation, core::Access::Anyone(), [&site, &service, &policies](http::Request& request) {
    return ConsultationPage(request, site, service, policies, request.IntParameter("id"), {}, {}, "", "");
  });
  routes.Post(consultation + "/comments", core::Access::SignedIn(),
              [&site, &service, &policies](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                CommentInput input;
                input.item_id = IdIn(request.Form("item"));
                input.proposal_id = IdIn(request.Form("proposal"));
                input.reply_to = IdIn(request.Form("reply_to"));
                input.organisation_id = IdIn(request.Form("organisation"));
                input.body = request.Form("body").value_or("");
                const std::string target = TargetOf(input);
                const auto added = service.AddComment(user, id, input);
                if (added) {
                  if (added->proposal_id) {
                    return http::Response::Redirect(ProposalPath(*added->proposal_id) + "#comment-" +
                                                    std::to_string(added->id));
                  }
                  return http::Response::Redirect(ConsultationPath(id) + "#comment-" + std::to_string(added->id));
                }
                if (added.error().kind == core::ErrorKind::kNotFound) return site.Fail(request, added.error());
                const web::Reader reader = site.ReaderOf(request);
                const web::Refusal refusal = web::Refusal::Of(added.error());
                TypedComment typed{target, input.body, refusal.ProblemOf(reader, "body"), input.organisation_id};
                if (typed.problem.empty() && !refusal.problems.empty()) {
                  typed.problem = reader.Say(refusal.problems.front().message, added.error().arguments);
                }
                if (input.proposal_id && !input.reply_to) {
                  return ProposalPage(request, site, service, policies, *input.proposal_id, refusal, typed);
                }
                return ConsultationPage(request, site, service, policies, id, refusal, typed, "", "");
              });
  routes.Post(consultation + "/reopen", core::Access::SignedIn(),
              [&site, &service, &policies](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const std::string closes_on = request.Form("closes_on").value_or("");
                const std::string reason = request.Form("reason").value_or("");
                const auto reopened =
                    service.Reopen(user, id, IdIn(request.Form("version")).value_or(0), closes_on, reason);
                if (reopened) return http::Response::Redirect(ConsultationPath(id));
                if (reopened.error().kind == core::ErrorKind::kNotFound ||
                    reopened.error().kind == core::ErrorKind::kForbidden) {
                  return site.Fail(request, reopened.error());
                }
                return ConsultationPage(request, site, service, policies, id, web::Refusal::Of(reopened.error()), {},
                                        closes_on, reason);
              });
  routes.Get(consultation + "/proposals/new", core::Access::SignedIn(),
             [&site, &service, &policies](http::Request& request, const core::SignedIn&) {
               Proposal typed;
               typed.kind = request.Query("kind").value_or("new_measure");
               typed.item_id = IdIn(request.Query("item"));
               typed.by_authority = request.Query("by").value_or("") == "authority";
               return ProposalForm(request, site, service, policies, request.IntParameter("id"), typed, {});
             });
  routes.Post(
      consultation + "/proposals", core::Access::SignedIn(),
      [&site, &service, &policies](http::Request& request, const core::SignedIn& user) {
        const std::int64_t id = request.IntParameter("id");
        const Proposal typed = ProposalOfForm(request);
        const auto made = service.Propose(user, id, typed);
        if (made) return http::Response::Redirect(ProposalPath(made->id));
        if (made.error().kind == core::ErrorKind::kNotFound || made.error().kind == core::ErrorKind::kForbidden) {
          return site.Fail(request, made.error());
        }
        return ProposalForm(request, site, service, policies, id, typed, web::Refusal::Of(made.error()));
      });

  const std::string proposal = "/consultations/proposals/{id:int}";
  routes.Get(proposal, core::Access::Anyone(), [&site, &service, &policies](http::Request& request) {
    return ProposalPage(request, site, service, policies, request.IntParameter("id"), {}, {});
  });
  routes.Post(proposal + "/support", core::Access::SignedIn(),
              [&site, &service, &policies](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto supported = service.Support(user, id, request.Form("support").value_or("yes") != "no");
                if (supported) return http::Response::Redirect(ProposalPath(id));
                if (supported.error().kind == core::ErrorKind::kNotFound) return site.Fail(request, supported.error());
                return ProposalPage(request, site, service, policies, id, web::Refusal::Of(supported.error()), {});
              });
  routes.Post(
      proposal + "/hide", core::Access::SignedIn(),
      [&site, &service, &policies](http::Request& request, const core::SignedIn& user) {
        const std::int64_t id = request.IntParameter("id");
        const auto hidden = service.HideProposal(user, id, request.Form("reason").value_or(""));
        if (hidden) return http::Response::Redirect(ProposalPath(id));
        if (hidden.error().kind == core::ErrorKind::kNotFound || hidden.error().kind == core::ErrorKind::kForbidden) {
          return site.Fail(request, hidden.error());
        }
        return ProposalPage(request, site, service, policies, id, web::Refusal::Of(hidden.error()), {});
      });
  routes.Post("/consultations/comments/{id:int}/hide", core::Access::SignedIn(),
              [&site, &service, &policies](http::Request& request, const core::SignedIn& user) {
                const auto hidden =
                    service.HideComment(user, request.IntParameter("id"), request.Form("reason").value_or(""));
                if (!hidden) {
                  const core::ErrorKind kind = hidden.error().kind;
                  if (kind != core::ErrorKind::kInvalidInput && kind != core::ErrorKind::kConflict) {
                    return site.Fail(request, hidden.error());
                  }
                  // The page the comment is on, with why it was refused: hidden already shows the first reason.
                  const auto comment = service.FindComment(request.IntParameter("id"));
                  if (comment->proposal_id) {
                    return ProposalPage(request, site, service, policies, *comment->proposal_id,
                                        web::Refusal::Of(hidden.error()), {});
                  }
                  return ConsultationPage(request, site, service, policies, comment->consultation_id,
                                          web::Refusal::Of(hidden.error()), {}, "", "");
                }
                const std::string anchor = "#comment-" + std::to_string(hidden->id);
                if (hidden->proposal_id) return http::Response::Redirect(ProposalPath(*hidden->proposal_id) + anchor);
                return http::Response::Redirect(ConsultationPath(hidden->consultation_id) + anchor);
              });
}

}  // namespace consultations
