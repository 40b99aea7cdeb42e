#include "modules/consultations/consultations_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"
#include "modules/accounts/roles.hpp"
#include "web/markdown.hpp"

namespace consultations {
namespace {

using core::Role;
using core::Scope;
using core::ScopeKind;

bool HoldsFor(const std::vector<core::RoleAssignment>& roles, std::initializer_list<Role> wanted, const Scope& where) {
  return std::any_of(roles.begin(), roles.end(), [&](const core::RoleAssignment& assignment) {
    return std::find(wanted.begin(), wanted.end(), assignment.role) != wanted.end() &&
           accounts::ScopeCovers(assignment.scope, where);
  });
}

// What a second moderator is told of a comment or proposal hidden already: when the first hid it, and why.
core::Error WhenAndWhyHidden(core::Error refusal, std::optional<std::int64_t> hidden_at, std::string reason) {
  return std::move(refusal).With("date", IsoDay(hidden_at.value_or(0)), true).With("reason", std::move(reason));
}

core::Error Invalid(std::vector<core::FieldProblem> problems) {
  return core::Error::InvalidFields(std::move(problems));
}

std::string Clip(const std::string& text) { return text.size() <= 80 ? text : text.substr(0, 77) + "…"; }

}  // namespace

bool MaySpeakForAuthority(const std::vector<core::RoleAssignment>& roles, const policies::Document& document) {
  const Scope installation{ScopeKind::kInstallation, ""};
  if (HoldsFor(roles, {Role::kAdministrator}, installation)) return true;
  switch (document.level) {
    case policies::Level::kEu:
    case policies::Level::kNational:
      return HoldsFor(roles, {Role::kCoordinator}, installation);
    case policies::Level::kRegional:
      return !document.oblast_code.empty() &&
             HoldsFor(roles, {Role::kCoordinator}, {ScopeKind::kOblast, document.oblast_code});
    case policies::Level::kMunicipal:
    case policies::Level::kProject:
      return !document.municipality_code.empty() && HoldsFor(roles, {Role::kCoordinator, Role::kMunicipalOfficial},
                                                             {ScopeKind::kMunicipality, document.municipality_code});
  }
  return false;
}

void ConsultationsService::Audit(const core::Actor& actor, std::string_view action, const std::string& subject) {
  audit_.Write(actor, action, subject);
}

core::Result<ConsultationsService::InScope> ConsultationsService::ConsultationOf(std::int64_t id) {
  auto consultation = store_.FindConsultation(id);
  if (!consultation) return core::Error::NotFound("There is no such consultation.");
  auto document = policies_.FindDocument(consultation->document_id);
  if (!document) return core::Error::NotFound("There is no such consultation.");
  return InScope{std::move(*consultation), std::move(*document)};
}

std::optional<core::Error> ConsultationsService::RefuseAuthority(const core::Actor& actor,
                                                                 const policies::Document& document) {
  if (MaySpeakForAuthority(actor.roles, document)) return std::nullopt;
  return core::Error::Forbidden(
             "Only the authority that drafted “{document}” answers for it: an official of its place, its coordinator "
             "or an administrator.")
      .WithName("document", document.title, document.title_en.empty() ? document.title : document.title_en);
}

std::optional<core::Error> ConsultationsService::RefuseClosed(const Consultation& consultation) {
  const std::string today = Today();
  switch (StateOn(consultation, today)) {
    case State::kPlanned:
      return core::Error::Conflict("The consultation opens on {date}: proposals and comments are taken from then.")
          .With("date", consultation.opens_on, true);
    case State::kCompleted:
      return core::Error::Conflict("The consultation closed on {date}: proposals and comments are no longer taken.")
          .With("date", consultation.closes_on, true);
    case State::kActive:
    case State::kReopened:
      break;
  }
  return std::nullopt;
}

core::Result<policies::Document> ConsultationsService::DocumentToConsult(const core::Actor& actor,
                                                                         std::int64_t document_id) {
  auto document = policies_.FindDocument(document_id);
  if (!document) return core::Error::NotFound("There is no such document.");
  if (auto refused = RefuseAuthority(actor, *document)) return *refused;
  if (document->status != "draft" && document->status != "in_consultation") {
    return core::Error::Conflict(
        "Only a draft is put to consultation: this document is already adopted or superseded.");
  }
  return *document;
}

core::Result<Consultation> ConsultationsService::Open(const core::Actor& actor, Consultation consultation) {
  auto document = DocumentToConsult(actor, consultation.document_id);
  if (!document) return document.error();
  for (std::string* date : {&consultation.opens_on, &consultation.closes_on}) {
    if (auto iso = policies::NormaliseDate(*date)) *date = *iso;
  }
  consultation.short_period_reason = core::TrimSpaces(consultation.short_period_reason);
  const std::string today = Today();
  auto problems = ConsultationProblems(consultation, today);
  if (!problems.empty()) return Invalid(std::move(problems));
  for (const Listed& other : store_.List({.document_id = consultation.document_id, .municipality_code = ""})) {
    if (StateOn(other.consultation, today) != State::kCompleted) {
      return core::Error::Conflict("A consultation on this document is already planned or open, until {date}.")
          .With("date", other.consultation.closes_on, true);
    }
  }
  auto motives = web::MarkdownToHtml(consultation.motives);
  auto impact = web::MarkdownToHtml(consultation.impact_assessment);
  if (!motives) return Invalid({{"motives", motives.error().message, ""}});
  if (!impact) return Invalid({{"impact_assessment", impact.error().message, ""}});
  consultation.motives_html = std::move(*motives);
  consultation.impact_assessment_html = std::move(*impact);
  consultation.reopened_on.clear();
  consultation.report_published_at.reset();
  consultation.opened_by = actor.user_id;
  consultation.opened_at = clock_.Now();
  if (document->status == "draft") {
    policies::Document changed = *document;
    changed.status = "in_consultation";
    if (auto updated = policies_.UpdateDocument(actor, changed); !updated) return updated.error();
  }
  consultation.id = store_.InsertConsultation(consultation);
  Audit(actor, "consultation_opened",
        fmt::format("consultation {} on document {}: {} to {}", consultation.id, consultation.document_id,
                    consultation.opens_on, consultation.closes_on));
  return *store_.FindConsultation(consultation.id);
}

core::Result<Consultation> ConsultationsService::Reopen(const core::Actor& actor, std::int64_t id, std::int64_t version,
                                                        const std::string& closes_on, const std::string& reason) {
  auto found = ConsultationOf(id);
  if (!found) return found.error();
  if (auto refused = RefuseAuthority(actor, found->document)) return *refused;
  Consultation& consultation = found->consultation;
  if (consultation.report_published_at) {
    return core::Error::Conflict("The statement on the proposals was published: the consultation stays closed.");
  }
  const std::string today = Today();
  const std::string last = policies::NormaliseDate(closes_on).value_or(closes_on);
  if (!DayOf(last)) return Invalid({{"closes_on", std::string(message::kNotADate), closes_on}});
  if (last <= consultation.closes_on || last < today) {
    return Invalid({{"closes_on", "The new last day comes after the present one and is not already past.", last}});
  }
  const bool ended = StateOn(consultation, today) == State::kCompleted;
  if (ended && core::TrimSpaces(reason).empty()) {
    return Invalid({{"short_period_reason", "Say why the consultation opens again.", ""}});
  }
  if (ended) consultation.reopened_on = today;
  if (!core::TrimSpaces(reason).empty()) {
    if (core::CountCharacters(reason) > kMaxReasonCharacters || !core::IsValidUtf8(reason)) {
      return Invalid({{"short_period_reason", std::string(message::kTooLongReason), ""}});
    }
    consultation.short_period_reason = core::TrimSpaces(reason);
  }
  consultation.closes_on = last;
  if (!store_.UpdateConsultation(consultation, version)) {
    return core::Error::Conflict("Someone changed the consultation meanwhile: open it again to see the change.");
  }
  Audit(actor, "consultation_reopened", fmt::format("consultation {}: until {}", id, last));
  return *store_.FindConsultation(id);
}

core::Result<View> ConsultationsService::Read(const core::Actor& actor, std::int64_t id) {
  auto listed = store_.FindListed(id);
  if (!listed) return core::Error::NotFound("There is no such consultation.");
  auto document = policies_.FindDocument(listed->consultation.document_id);
  if (!document) return core::Error::NotFound("There is no such consultation.");
  View view;
  view.today = Today();
  view.state = StateOn(listed->consultation, view.today);
  view.may_speak_for_authority = actor.user_id && MaySpeakForAuthority(actor.roles, *document);
  view.comments = store_.Comments(id);
  for (Comment& comment : view.comments) {
    if (comment.hidden_at) comment.body.clear();
  }
  view.proposals = store_.Proposals(id);
  for (Proposal& proposal : view.proposals) {
    if (proposal.hidden_at) {
      proposal.title.clear();
      proposal.body.clear();
    }
    if (!proposal.answer_published_at && !view.may_speak_for_authority) {
      proposal.answer.clear();
      proposal.answer_reason.clear();
      proposal.became_item_id.reset();
    }
  }
  if (actor.user_id) {
    view.supported = store_.SupportedBy(*actor.user_id, id);
    view.organisations = organisations_.OrganisationsOf(*actor.user_id);
  }
  view.listed = std::move(*listed);
  view.document = std::move(*document);
  return view;
}

core::Result<std::optional<accounts::Organisation>> ConsultationsService::OnBehalfOf(
    const core::SignedIn& user, std::optional<std::int64_t> organisation_id) {
  if (!organisation_id) return std::optional<accounts::Organisation>();
  for (accounts::Organisation& organisation : organisations_.OrganisationsOf(user.user_id())) {
    if (organisation.id == *organisation_id) return std::optional<accounts::Organisation>(std::move(organisation));
  }
  return Invalid({{"organisation", "You write on behalf of an organisation you belong to only.", ""}});
}

core::Result<Comment> ConsultationsService::AddComment(const core::SignedIn& user, std::int64_t consultation_id,
                                                       CommentInput input) {
  auto found = ConsultationOf(consultation_id);
  if (!found) return found.error();
  if (auto refused = RefuseClosed(found->consultation)) return *refused;
  std::vector<core::FieldProblem> problems = CommentProblems(input.body);
  if (input.item_id) {
    const auto item = policies_.FindItem(*input.item_id);
    if (!item || item->document_id != found->document.id || item->withdrawn_at) {
      problems.push_back({"item", "This item is not in the draft under consultation.", ""});
    }
  }
  if (input.proposal_id) {
    const auto proposal = store_.FindProposal(*input.proposal_id);
    if (!proposal || proposal->consultation_id != consultation_id || proposal->hidden_at) {
      problems.push_back({"proposal", "There is no such proposal in this consultation.", ""});
    }
  }
  if (input.reply_to) {
    const auto earlier = store_.FindComment(*input.reply_to);
    if (!earlier || earlier->consultation_id != consultation_id || earlier->hidden_at) {
      problems.push_back({"reply_to", "The comment you answer is not in this consultation.", ""});
    } else {
      // A reply belongs where the comment it answers is.
      input.item_id = earlier->item_id;
      input.proposal_id = earlier->proposal_id;
    }
  }
  auto organisation = OnBehalfOf(user, input.organisation_id);
  if (!organisation) {
    problems.insert(problems.end(), organisation.error().problems.begin(), organisation.error().problems.end());
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  Comment comment;
  comment.consultation_id = consultation_id;
  comment.item_id = input.item_id;
  comment.proposal_id = input.proposal_id;
  comment.reply_to = input.reply_to;
  comment.author_id = user.user_id();
  comment.author_name = user.display_name();
  if (*organisation) {
    comment.organisation_id = (*organisation)->id;
    comment.organisation_name = (*organisation)->name;
  }
  comment.body = input.body;
  comment.written_at = clock_.Now();
  comment.id = store_.InsertComment(comment);
  Audit(user, "consultation_commented", fmt::format("consultation {}: comment {}", consultation_id, comment.id));
  return comment;
}

core::Result<Proposal> ConsultationsService::Propose(const core::SignedIn& user, std::int64_t consultation_id,
                                                     Proposal proposal) {
  auto found = ConsultationOf(consultation_id);
  if (!found) return found.error();
  if (proposal.by_authority) {
    if (auto refused = RefuseAuthority(user, found->document)) return *refused;
  }
  if (auto refused = RefuseClosed(found->consultation)) return *refused;
  proposal.title = core::TrimSpaces(proposal.title);
  std::vector<core::FieldProblem> problems = ProposalProblems(proposal);
  if (proposal.item_id) {
    const auto item = policies_.FindItem(*proposal.item_id);
    if (!item || item->document_id != found->document.id || item->withdrawn_at) {
      problems.push_back({"item", "This item is not in the draft under consultation.", ""});
    } else if (proposal.kind == "new_measure" && item->kind != "objective") {
      problems.push_back({"item", "A new measure goes under an objective: choose one.", ""});
    } else if (proposal.kind == "new_activity" && item->kind != "measure") {
      problems.push_back({"item", std::string(message::kChooseMeasure), ""});
    }
  }
  auto organisation = OnBehalfOf(user, proposal.organisation_id);
  if (!organisation) {
    problems.insert(problems.end(), organisation.error().problems.begin(), organisation.error().problems.end());
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  proposal.id = 0;
  proposal.consultation_id = consultation_id;
  proposal.author_id = user.user_id();
  proposal.author_name = user.display_name();
  proposal.organisation_id.reset();
  proposal.organisation_name.clear();
  if (*organisation) {
    proposal.organisation_id = (*organisation)->id;
    proposal.organisation_name = (*organisation)->name;
  }
  proposal.written_at = clock_.Now();
  proposal.answer.clear();
  proposal.answer_reason.clear();
  proposal.answered_by.reset();
  proposal.answered_at.reset();
  proposal.answer_published_at.reset();
  proposal.became_item_id.reset();
  proposal.demo = false;
  proposal = store_.InsertProposal(std::move(proposal));
  Audit(user, "consultation_proposal_made",
        fmt::format("consultation {}: proposal {} ({})", consultation_id, proposal.number, Clip(proposal.title)));
  return *store_.FindProposal(proposal.id);
}

core::Result<bool> ConsultationsService::Support(const core::SignedIn& user, std::int64_t proposal_id, bool support) {
  const auto proposal = store_.FindProposal(proposal_id);
  if (!proposal || proposal->hidden_at) return core::Error::NotFound("There is no such proposal.");
  auto found = ConsultationOf(proposal->consultation_id);
  if (!found) return found.error();
  if (auto refused = RefuseClosed(found->consultation)) return *refused;
  if (proposal->author_id == user.user_id()) {
    return core::Error::InvalidInput("Your own proposal counts as yours already: support the proposals of others.");
  }
  return support ? store_.Support(proposal_id, user.user_id(), clock_.Now())
                 : store_.WithdrawSupport(proposal_id, user.user_id());
}

core::Result<Proposal> ConsultationsService::Answer(const core::SignedIn& user, std::int64_t proposal_id,
                                                    const AnswerInput& input) {
  auto proposal = store_.FindProposal(proposal_id);
  if (!proposal) return core::Error::NotFound("There is no such proposal.");
  auto found = ConsultationOf(proposal->consultation_id);
  if (!found) return found.error();
  if (auto refused = RefuseAuthority(user, found->document)) return *refused;
  if (proposal->hidden_at) return core::Error::Conflict("A hidden proposal is not answered.");
  if (proposal->answer_published_at) {
    return core::Error::Conflict("The answer to this proposal was published on {date}: it can no longer be changed.")
        .With("date", IsoDay(*proposal->answer_published_at), true);
  }
  std::vector<core::FieldProblem> problems = AnswerProblems(input.answer, input.reason);
  const bool taken = input.answer == "accepted" || input.answer == "partly_accepted";
  if (input.outcome != Outcome::kNone && !taken) {
    problems.push_back({"outcome", "Only an accepted proposal becomes an item of the plan.", ""});
  }
  std::optional<policies::Item> linked;
  if (input.outcome == Outcome::kLinkItem) {
    if (input.item_id) linked = policies_.FindItem(*input.item_id);
    if (!linked || linked->document_id != found->document.id) {
      problems.push_back({"item", "Choose the item of this plan the proposal became.", ""});
    }
  }
  if (input.outcome == Outcome::kCreateItem && proposal->kind != "new_measure" && proposal->kind != "new_activity") {
    problems.push_back(
        {"outcome", "Only a proposed measure or activity is created in the plan: link the item it changed.", ""});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  if (input.version != 0 && input.version != proposal->version) {
    return core::Error::Conflict("Someone answered this proposal meanwhile: open it again to see the answer.");
  }

  if (input.outcome == Outcome::kCreateItem && proposal->became_item_id) {
    // Created when the answer was first prepared: changing the answer does not make a second one.
  } else if (input.outcome == Outcome::kCreateItem) {
    policies::Item item;
    item.document_id = found->document.id;
    item.kind = proposal->kind == "new_measure" ? "measure" : "activity";
    item.parent_id = proposal->item_id;
    item.title = proposal->title;
    item.description = proposal->body;
    item.official_status = "planned";
    auto created = policies_.CreateItem(user, item);
    if (!created) {
      // The plan's own rules (a measure needs its objective): the message says what to choose instead.
      std::vector<core::FieldProblem> refused;
      for (const core::FieldProblem& problem : created.error().problems) {
        refused.push_back({"outcome", problem.message, problem.value});
      }
      if (refused.empty()) return created.error();
      return Invalid(std::move(refused));
    }
    proposal->became_item_id = created->id;
  } else if (input.outcome == Outcome::kLinkItem) {
    proposal->became_item_id = linked->id;
  } else if (!taken) {
    proposal->became_item_id.reset();
  }
  const std::int64_t version = proposal->version;
  proposal->answer = input.answer;
  proposal->answer_reason = core::TrimSpaces(input.reason);
  proposal->answered_by = user.user_id();
  proposal->answered_at = clock_.Now();
  if (!store_.SaveAnswer(*proposal, version)) {
    return core::Error::Conflict("Someone answered this proposal meanwhile: open it again to see the answer.");
  }
  Audit(user, "consultation_answer_prepared",
        fmt::format("consultation {}: proposal {} {}", proposal->consultation_id, proposal->number, input.answer));
  return *store_.FindProposal(proposal_id);
}

core::Result<std::int64_t> ConsultationsService::PublishAnswers(const core::SignedIn& user,
                                                                std::int64_t consultation_id) {
  auto found = ConsultationOf(consultation_id);
  if (!found) return found.error();
  if (auto refused = RefuseAuthority(user, found->document)) return *refused;
  const std::int64_t published = store_.PublishAnswers(consultation_id, clock_.Now());
  if (published == 0) return core::Error::InvalidInput("No answer is prepared and waiting to be published.");
  Audit(user, "consultation_answers_published", fmt::format("consultation {}: {} answers", consultation_id, published));
  return published;
}

core::Result<Statement> ConsultationsService::PublishStatement(const core::SignedIn& user,
                                                               std::int64_t consultation_id) {
  auto found = ConsultationOf(consultation_id);
  if (!found) return found.error();
  if (auto refused = RefuseAuthority(user, found->document)) return *refused;
  Consultation& consultation = found->consultation;
  if (consultation.report_published_at) {
    return core::Error::Conflict("The statement was published on {date}.")
        .With("date", IsoDay(*consultation.report_published_at), true);
  }
  if (StateOn(consultation, Today()) != State::kCompleted) {
    return core::Error::Conflict("The statement is published after the consultation closes on {date}.")
        .With("date", consultation.closes_on, true);
  }
  const ReportFigures figures = consultations::FiguresOf(store_.Proposals(consultation_id));
  if (figures.unanswered > 0) {
    return core::Error::Conflict("Every proposal needs a published answer first (still unanswered: {count}).")
        .With("count", std::to_string(figures.unanswered));
  }
  const std::int64_t version = consultation.version;
  consultation.report_published_at = clock_.Now();
  if (!store_.UpdateConsultation(consultation, version)) {
    return core::Error::Conflict("Someone changed the consultation meanwhile: open it again to see the change.");
  }
  Audit(user, "consultation_statement_published", fmt::format("consultation {}", consultation_id));
  Statement statement{*store_.FindConsultation(consultation_id), figures, std::nullopt};
  const std::string& place = found->document.level == policies::Level::kRegional ? found->document.oblast_code
                                                                                 : found->document.municipality_code;
  if (const auto share = figures.accepted_share(); share && !place.empty()) {
    indicators::Entry entry;
    entry.indicator = std::string(kProposalsAccepted);
    entry.place = place;
    entry.period = consultation.closes_on.substr(0, 4);
    entry.source_kind = "authority";
    entry.value = fmt::format("{:.1f}", *share);
    entry.confidence = "high";
    entry.source_title = found->document.title;
    entry.note = fmt::format("{} of {} proposals accepted in full, {} in part, {} rejected (consultation {}).",
                             figures.accepted, figures.accepted + figures.partly_accepted + figures.rejected,
                             figures.partly_accepted, figures.rejected, consultation_id);
    if (auto entered = indicators_.Enter(user, entry); !entered) statement.unfed = entered.error();
  }
  return statement;
}

core::Result<Comment> ConsultationsService::HideComment(const core::SignedIn& user, std::int64_t comment_id,
                                                        const std::string& reason) {
  const auto comment = store_.FindComment(comment_id);
  if (!comment) return core::Error::NotFound("There is no such comment.");
  auto found = ConsultationOf(comment->consultation_id);
  if (!found) return found.error();
  if (auto refused = RefuseAuthority(user, found->document)) return *refused;
  const std::string why = core::TrimSpaces(reason);
  if (why.empty()) return Invalid({{"reason", "Say why it is hidden: the reason is shown in its place.", ""}});
  if (core::CountCharacters(why) > 500) return Invalid({{"reason", "The reason is at most 500 characters.", ""}});
  // Hidden once: a second moderator (who opened the page before the first hid it) is told, and the first's reason
  // stays.
  const auto hidden_already = [](const Comment& hidden) {
    return WhenAndWhyHidden(core::Error::Conflict("Another moderator hid this comment already, on {date}: {reason}"),
                            hidden.hidden_at, hidden.hidden_reason);
  };
  if (comment->hidden_at) return hidden_already(*comment);
  if (!store_.HideComment(comment_id, user.user_id(), why, clock_.Now())) {
    return hidden_already(*store_.FindComment(comment_id));
  }
  Audit(user, "consultation_comment_hidden", fmt::format("comment {}: {}", comment_id, Clip(why)));
  return *store_.FindComment(comment_id);
}

core::Result<Proposal> ConsultationsService::HideProposal(const core::SignedIn& user, std::int64_t proposal_id,
                                                          const std::string& reason) {
  const auto proposal = store_.FindProposal(proposal_id);
  if (!proposal) return core::Error::NotFound("There is no such proposal.");
  auto found = ConsultationOf(proposal->consultation_id);
  if (!found) return found.error();
  if (auto refused = RefuseAuthority(user, found->document)) return *refused;
  if (proposal->answer_published_at) {
    return core::Error::Conflict("An answered proposal stays in the record of the consultation.");
  }
  const std::string why = core::TrimSpaces(reason);
  if (why.empty()) return Invalid({{"reason", "Say why it is hidden: the reason is shown in its place.", ""}});
  if (core::CountCharacters(why) > 500) return Invalid({{"reason", "The reason is at most 500 characters.", ""}});
  const auto hidden_already = [](const Proposal& hidden) {  // as for a comment
    return WhenAndWhyHidden(core::Error::Conflict("Another moderator hid this proposal already, on {date}: {reason}"),
                            hidden.hidden_at, hidden.hidden_reason);
  };
  if (proposal->hidden_at) return hidden_already(*proposal);
  if (!store_.HideProposal(proposal_id, user.user_id(), why, clock_.Now())) {
    return hidden_already(*store_.FindProposal(proposal_id));
  }
  Audit(user, "consultation_proposal_hidden", fmt::format("proposal {}: {}", proposal_id, Clip(why)));
  return *store_.FindProposal(proposal_id);
}

ConsultationsService::Name ConsultationsService::PlaceOf(const Listed& listed) {
  if (listed.level == "eu") return {"Европейски съюз", "European Union"};
  if (listed.level == "national") return {"България", "Bulgaria"};
  if (!listed.municipality_code.empty()) {
    if (const auto found = places_.FindMunicipality(listed.municipality_code)) {
      const places::Municipality& municipality = (*found)->detail.municipality;
      return {municipality.name_bg, municipality.name_en};
    }
  }
  if (const auto oblast = places_.FindOblast(listed.oblast_code)) return {oblast->name_bg, oblast->name_en};
  return {listed.municipality_code, listed.municipality_code};
}

ConsultationsService::Name ConsultationsService::AuthorityOf(const Listed& listed) {
  if (listed.level == "eu") return {"Европейска комисия", "European Commission"};
  if (listed.level == "national") return {"Министерски съвет", "Council of Ministers"};
  const Name place = PlaceOf(listed);
  if (listed.level == "regional") {
    return {"Областна администрация " + place.bg, place.en + " Regional Administration"};
  }
  return {"Община " + place.bg, place.en + " Municipality"};
}

bool ConsultationsService::EnsureIndicator() {
  if (indicators_.Find(std::string(kProposalsAccepted))) return false;
  indicators::Indicator indicator;
  indicator.code = std::string(kProposalsAccepted);
  indicator.name_bg = "Приети предложения от обществени консултации";
  indicator.name_en = "Consultation proposals accepted";
  indicator.unit = "percent";
  indicator.direction = "up";
  indicator.kind = "process";
  indicator.source = "Khetane, from the statements of public consultations";
  indicator.method =
      "Of the proposals the public made in a consultation on a draft of the place (not the authority's own, not those "
      "hidden by a moderator) and the authority answered, the share accepted in full; entered when the statement of "
      "the Normative Acts Act, Art. 26(5), is published, for the year the consultation closed.";
  const auto created = indicators_.Create(core::CommandLineActor(), indicator);
  if (!created) throw std::runtime_error("consultations: indicator: " + created.error().message);
  return true;
}

}  // namespace consultations
