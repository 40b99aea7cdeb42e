#pragma once
// What people do with a public consultation: the authority opens one on a draft of the cascade and reopens it; anyone
// signed in comments on the draft where it is (the document, an objective, a measure, an activity, a proposal) and
// makes proposals, for themselves or for an organisation they belong to, and supports others'; the authority answers
// each proposal, links the accepted ones to the item they became, publishes the answers together and, once the
// period is over and every proposal answered, the statement of Art. 26(5), which feeds the process indicator
// "consultation proposals accepted (%)". Moderators hide what breaks the rules, with a reason that stays visible.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/consultations/consultations_store.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"

namespace consultations {

// The process indicator a published statement feeds.
inline constexpr std::string_view kProposalsAccepted = "consultation_proposals_accepted";

// Whether `roles` may speak for the authority of `document`: answer proposals, open and reopen its consultation, and
// moderate. Administrators; coordinators for the level (the installation for national and EU documents, the oblast
// for regional ones, the municipality, or its oblast or the installation, for municipal ones); municipal officials
// for their municipality's documents. Civil-society editors, who help write a plan, do not answer for the authority.
bool MaySpeakForAuthority(const std::vector<core::RoleAssignment>& roles, const policies::Document& document);

// What a comment or a proposal is written with.
struct CommentInput {
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> proposal_id;
  std::optional<std::int64_t> reply_to;
  std::optional<std::int64_t> organisation_id;  // on behalf of an organisation the author belongs to
  std::string body;
};

// What the answer makes of an accepted or partly accepted proposal in the plan.
enum class Outcome {
  kNone,        // nothing yet (a rejection; an item linked later)
  kCreateItem,  // a new measure or activity: create it in the draft from the proposal
  kLinkItem,    // the proposal became, or changed, `item_id`
};
struct AnswerInput {
  std::string answer;
  std::string reason;
  std::int64_t version = 0;  // the proposal's version the official saw
  Outcome outcome = Outcome::kNone;
  std::optional<std::int64_t> item_id;  // for kLinkItem
};

// A consultation as `actor` may read it.
struct View {
  Listed listed;
  policies::Document document;
  State state = State::kPlanned;
  std::string today;
  std::vector<Comment> comments;     // hidden ones without their text
  std::vector<Proposal> proposals;   // prepared answers only for whoever may answer; hidden ones without their text
  std::set<std::int64_t> supported;  // by the reader
  bool may_speak_for_authority = false;
  std::vector<accounts::Organisation> organisations;  // the reader's, to write on behalf of
};

// What publishing the statement did.
struct Statement {
  Consultation consultation;
  ReportFigures figures;
  std::optional<core::Error> unfed;  // why the indicator could not take the share, when it could not
};

class ConsultationsService {
 public:
  ConsultationsService(ConsultationsStore& store, policies::PoliciesService& policies, places::PlacesService& places,
                       accounts::OrganisationService& organisations, indicators::IndicatorsService& indicators,
                       kernel::AuditLog& audit, const core::Clock& clock)
      : store_(store),
        policies_(policies),
        places_(places),
        organisations_(organisations),
        indicators_(indicators),
        audit_(audit),
        clock_(clock) {}

  std::string Today() const { return IsoDay(clock_.Now()); }
  std::int64_t Now() const { return clock_.Now(); }

  // Opens a consultation on a draft (or a draft in consultation), whose status becomes "in consultation": the
  // period, the motives and the preliminary impact assessment (Markdown) are checked (ConsultationProblems); a second
  // consultation while one is planned or open on the same document is a conflict.
  core::Result<Consultation> Open(const core::Actor& actor, Consultation consultation);
  // Moves the last day (later only; not before today). After the period ended, the consultation is reopened.
  core::Result<Consultation> Reopen(const core::Actor& actor, std::int64_t id, std::int64_t version,
                                    const std::string& closes_on, const std::string& reason);
  std::vector<Listed> List(const ListFilter& filter = {}) { return store_.List(filter); }
  std::optional<Listed> Find(std::int64_t id) { return store_.FindListed(id); }
  core::Result<View> Read(const core::Actor& actor, std::int64_t id);
  // The draft a consultation is on, for a form: kNotFound, or kForbidden for whoever may not speak for its authority.
  core::Result<policies::Document> DocumentToConsult(const core::Actor& actor, std::int64_t document_id);

  core::Result<Comment> AddComment(const core::SignedIn& user, std::int64_t consultation_id, CommentInput input);
  core::Result<Proposal> Propose(const core::SignedIn& user, std::int64_t consultation_id, Proposal proposal);
  // Adds or withdraws the user's support while the consultation takes proposals; not for their own proposal.
  core::Result<bool> Support(const core::SignedIn& user, std::int64_t proposal_id, bool support);

  // Prepares (or changes, until published) the authority's answer to a proposal.
  core::Result<Proposal> Answer(const core::SignedIn& user, std::int64_t proposal_id, const AnswerInput& input);
  // Publishes every prepared answer of the consultation at once: how many.
  core::Result<std::int64_t> PublishAnswers(const core::SignedIn& user, std::int64_t consultation_id);
  // Publishes the statement of Art. 26(5) once the period is over and every proposal has a published answer, and
  // enters the share accepted for the document's place and the year the period ended.
  core::Result<Statement> PublishStatement(const core::SignedIn& user, std::int64_t consultation_id);

  core::Result<Comment> HideComment(const core::SignedIn& user, std::int64_t comment_id, const std::string& reason);
  core::Result<Proposal> HideProposal(const core::SignedIn& user, std::int64_t proposal_id, const std::string& reason);

  std::vector<Origin> OriginsOf(std::int64_t item_id) { return store_.OriginsOf(item_id); }
  std::optional<Proposal> FindProposal(std::int64_t id) { return store_.FindProposal(id); }
  // The figures of a consultation's statement as they stand (published answers only).
  ReportFigures FiguresOf(std::int64_t consultation_id) {
    return consultations::FiguresOf(store_.Proposals(consultation_id));
  }
  std::optional<Comment> FindComment(std::int64_t id) { return store_.FindComment(id); }
  // The plans the consultations are on, for the pages that show a draft's items.
  policies::PoliciesService& policies() { return policies_; }
  // The place a consultation's document concerns ("Лом", "Монтана", "България", "ЕС"), and the authority that
  // drafted it ("Община Лом"), each in Bulgarian and English.
  struct Name {
    std::string bg;
    std::string en;
  };
  Name PlaceOf(const Listed& listed);
  Name AuthorityOf(const Listed& listed);
  // Creates the process indicator the statements feed, when it is missing: whether it made it.
  bool EnsureIndicator();
  bool HasDemo() { return store_.HasDemo(); }
  // Stores demo data as written (seeding only): the rules of the period do not hold for a consultation of the past.
  std::int64_t InsertDemoConsultation(const Consultation& consultation) {
    return store_.InsertConsultation(consultation);
  }
  std::int64_t InsertDemoComment(const Comment& comment) { return store_.InsertComment(comment); }
  Proposal InsertDemoProposal(const Proposal& proposal) { return store_.InsertProposal(proposal); }
  void MarkDemo(std::int64_t consultation_id) { store_.MarkDemo(consultation_id); }

 private:
  struct InScope {
    Consultation consultation;
    policies::Document document;
  };
  core::Result<InScope> ConsultationOf(std::int64_t id);
  // kForbidden naming the document when `actor` may not speak for its authority.
  std::optional<core::Error> RefuseAuthority(const core::Actor& actor, const policies::Document& document);
  // kConflict when the consultation takes no input today.
  std::optional<core::Error> RefuseClosed(const Consultation& consultation);
  // The organisation `user` writes for: kInvalidInput (field "organisation") when they are not a member.
  core::Result<std::optional<accounts::Organisation>> OnBehalfOf(const core::SignedIn& user,
                                                                 std::optional<std::int64_t> organisation_id);
  void Audit(const core::Actor& actor, std::string_view action, const std::string& subject);

  ConsultationsStore& store_;
  policies::PoliciesService& policies_;
  places::PlacesService& places_;
  accounts::OrganisationService& organisations_;
  indicators::IndicatorsService& indicators_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace consultations
