#pragma once
// All of the consultations' SQL. It reads the plans' documents and items (what a consultation is on, what a comment
// or a proposal is about) but writes only its own tables.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/consultations/consultations.hpp"

namespace consultations {

// A consultation with what a list needs of its document and how much it received.
struct Listed {
  Consultation consultation;
  std::string document_title;
  std::string document_title_en;
  std::string level;
  std::string oblast_code;
  std::string municipality_code;
  std::int64_t comments = 0;   // not hidden
  std::int64_t proposals = 0;  // not hidden
};

struct ListFilter {
  std::optional<std::int64_t> document_id;
  std::string municipality_code;  // "" for every place
};

// A proposal that became an item of a plan, as the item's page names it.
struct Origin {
  std::int64_t consultation_id = 0;
  std::int64_t proposal_id = 0;
  std::int64_t number = 0;
  std::string answer;
  std::string author_name;
  std::string organisation_name;
  bool by_authority = false;
  bool demo = false;
};

class ConsultationsStore {
 public:
  explicit ConsultationsStore(db::Database& database) : database_(database) {}

  std::int64_t InsertConsultation(const Consultation& consultation);
  std::optional<Consultation> FindConsultation(std::int64_t id);
  // Writes the period, the reopening and the report's publication; false when `version` is not the stored one.
  bool UpdateConsultation(const Consultation& consultation, std::int64_t version);
  // Newest first.
  std::vector<Listed> List(const ListFilter& filter);
  std::optional<Listed> FindListed(std::int64_t id);
  bool HasDemo();
  void MarkDemo(std::int64_t consultation_id);

  std::int64_t InsertComment(const Comment& comment);
  std::optional<Comment> FindComment(std::int64_t id);
  std::vector<Comment> Comments(std::int64_t consultation_id);  // in the order they were written
  // Hides a comment not hidden yet; false, keeping the first moderator's reason, when it was hidden already.
  bool HideComment(std::int64_t id, std::int64_t by, const std::string& reason, std::int64_t at);

  // Numbers the proposal within its consultation (1, 2, 3 …) and stores it.
  Proposal InsertProposal(Proposal proposal);
  std::optional<Proposal> FindProposal(std::int64_t id);
  std::vector<Proposal> Proposals(std::int64_t consultation_id);  // by number, with their supports counted
  // Stores an answer (not yet published) and what it became; false when `version` is not the stored one.
  bool SaveAnswer(const Proposal& proposal, std::int64_t version);
  // Publishes every prepared answer of the consultation: how many.
  std::int64_t PublishAnswers(std::int64_t consultation_id, std::int64_t at);
  // As HideComment: false when the proposal was hidden already.
  bool HideProposal(std::int64_t id, std::int64_t by, const std::string& reason, std::int64_t at);
  // False when the person supported it already (or no longer does, for Withdraw).
  bool Support(std::int64_t proposal_id, std::int64_t user_id, std::int64_t at);
  bool WithdrawSupport(std::int64_t proposal_id, std::int64_t user_id);
  std::set<std::int64_t> SupportedBy(std::int64_t user_id, std::int64_t consultation_id);
  // The published answers that made or changed `item_id`.
  std::vector<Origin> OriginsOf(std::int64_t item_id);

 private:
  db::Database& database_;
};

}  // namespace consultations
