#include "modules/consultations/consultations_store.hpp"

namespace consultations {
namespace {

db::Value OptionalId(std::optional<std::int64_t> id) { return id ? db::Value(*id) : db::Value(nullptr); }
db::Value Flag(bool value) { return std::int64_t{value ? 1 : 0}; }

constexpr std::string_view kConsultationColumns =
    "c.id, c.document_id, c.opens_on, c.closes_on, c.short_period_reason, c.motives, c.motives_html, "
    "c.impact_assessment, c.impact_assessment_html, c.reopened_on, c.report_published_at, c.opened_by, c.opened_at, "
    "c.demo, c.version";

Consultation ConsultationOf(const db::Row& row) {
  Consultation consultation;
  consultation.id = row.Int(0);
  consultation.document_id = row.Int(1);
  consultation.opens_on = row.Text(2);
  consultation.closes_on = row.Text(3);
  consultation.short_period_reason = row.Text(4);
  consultation.motives = row.Text(5);
  consultation.motives_html = row.Text(6);
  consultation.impact_assessment = row.Text(7);
  consultation.impact_assessment_html = row.Text(8);
  consultation.reopened_on = row.Text(9);
  consultation.report_published_at = row.OptionalInt(10);
  consultation.opened_by = row.OptionalInt(11);
  consultation.opened_at = row.Int(12);
  consultation.demo = row.Int(13) != 0;
  consultation.version = row.Int(14);
  return consultation;
}

// What a list shows beside each consultation; the counts leave hidden comments and proposals out.
const std::string kListedSelect =
    "SELECT " + std::string(kConsultationColumns) +
    ", d.title, d.title_en, d.level, COALESCE(d.oblast_code, ''), COALESCE(d.municipality_code, ''), "
    "(SELECT COUNT(*) FROM consultation_comments m WHERE m.consultation_id = c.id AND m.hidden_at IS NULL), "
    "(SELECT COUNT(*) FROM consultation_proposals p WHERE p.consultation_id = c.id AND p.hidden_at IS NULL) "
    "FROM consultations c JOIN policy_documents d ON d.id = c.document_id ";

Listed ListedOf(const db::Row& row) {
  Listed listed;
  listed.consultation = ConsultationOf(row);
  listed.document_title = row.Text(15);
  listed.document_title_en = row.Text(16);
  listed.level = row.Text(17);
  listed.oblast_code = row.Text(18);
  listed.municipality_code = row.Text(19);
  listed.comments = row.Int(20);
  listed.proposals = row.Int(21);
  return listed;
}

constexpr std::string_view kCommentSelect =
    "SELECT id, consultation_id, item_id, proposal_id, reply_to, author_id, author_name, organisation_id, "
    "organisation_name, body, "
    "written_at, hidden_at, hidden_reason, demo FROM consultation_comments ";

Comment CommentOf(const db::Row& row) {
  Comment comment;
  comment.id = row.Int(0);
  comment.consultation_id = row.Int(1);
  comment.item_id = row.OptionalInt(2);
  comment.proposal_id = row.OptionalInt(3);
  comment.reply_to = row.OptionalInt(4);
  comment.author_id = row.OptionalInt(5);
  comment.author_name = row.Text(6);
  comment.organisation_id = row.OptionalInt(7);
  comment.organisation_name = row.Text(8);
  comment.body = row.Text(9);
  comment.written_at = row.Int(10);
  comment.hidden_at = row.OptionalInt(11);
  comment.hidden_reason = row.Text(12);
  comment.demo = row.Int(13) != 0;
  return comment;
}

constexpr std::string_view kProposalSelect =
    "SELECT p.id, p.consultation_id, p.number, p.kind, p.item_id, p.title, p.body, p.author_id, p.author_name, "
    "p.organisation_id, p.organisation_name, p.by_authority, p.written_at, COALESCE(p.answer, ''), p.answer_reason, "
    "p.answered_by, p.answered_at, p.answer_published_at, p.became_item_id, p.hidden_at, p.hidden_reason, p.demo, "
    "p.version, (SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = p.id) "
    "FROM consultation_proposals p ";

Proposal ProposalOf(const db::Row& row) {
  Proposal proposal;
  proposal.id = row.Int(0);
  proposal.consultation_id = row.Int(1);
  proposal.number = row.Int(2);
  proposal.kind = row.Text(3);
  proposal.item_id = row.OptionalInt(4);
  proposal.title = row.Text(5);
  proposal.body = row.Text(6);
  proposal.author_id = row.OptionalInt(7);
  proposal.author_name = row.Text(8);
  proposal.organisation_id = row.OptionalInt(9);
  proposal.organisation_name = row.Text(10);
  proposal.by_authority = row.Int(11) != 0;
  proposal.written_at = row.Int(12);
  proposal.answer = row.Text(13);
  proposal.answer_reason = row.Text(14);
  proposal.answered_by = row.OptionalInt(15);
  proposal.answered_at = row.OptionalInt(16);
  proposal.answer_published_at = row.OptionalInt(17);
  proposal.became_item_id = row.OptionalInt(18);
  proposal.hidden_at = row.OptionalInt(19);
  proposal.hidden_reason = row.Text(20);
  proposal.demo = row.Int(21) != 0;
  proposal.version = row.Int(22);
  proposal.supports = row.Int(23);
  return proposal;
}

}  // namespace

std::int64_t ConsultationsStore::InsertConsultation(const Consultation& consultation) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(
      "INSERT INTO consultations (document_id, opens_on, closes_on, short_period_reason, motives, motives_html, "
      "impact_assessment, impact_assessment_html, reopened_on, report_published_at, opened_by, opened_at, demo) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
      {consultation.document_id, consultation.opens_on, consultation.closes_on, consultation.short_period_reason,
       consultation.motives, consultation.motives_html, consultation.impact_assessment,
       consultation.impact_assessment_html, consultation.reopened_on, OptionalId(consultation.report_published_at),
       OptionalId(consultation.opened_by), consultation.opened_at, Flag(consultation.demo)});
  return row->Int(0);
}

std::optional<Consultation> ConsultationsStore::FindConsultation(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(
      "SELECT " + std::string(kConsultationColumns) + " FROM consultations c WHERE c.id = $1", {id});
  if (!row) return std::nullopt;
  return ConsultationOf(*row);
}

bool ConsultationsStore::UpdateConsultation(const Consultation& consultation, std::int64_t version) {
  auto connection = database_.Acquire();
  return connection->Execute(
             "UPDATE consultations SET closes_on = $1, short_period_reason = $2, reopened_on = $3, "
             "report_published_at = $4, version = version + 1 WHERE id = $5 AND version = $6",
             {consultation.closes_on, consultation.short_period_reason, consultation.reopened_on,
              OptionalId(consultation.report_published_at), consultation.id, version}) == 1;
}

std::vector<Listed> ConsultationsStore::List(const ListFilter& filter) {
  auto connection = database_.Acquire();
  std::vector<Listed> listed;
  std::string sql = kListedSelect + "WHERE 1 = 1 ";
  db::Params params;
  if (filter.document_id) {
    params.push_back(*filter.document_id);
    sql += "AND c.document_id = $" + std::to_string(params.size()) + " ";
  }
  if (!filter.municipality_code.empty()) {
    params.push_back(filter.municipality_code);
    sql += "AND d.municipality_code = $" + std::to_string(params.size()) + " ";
  }
  sql += "ORDER BY c.opens_on DESC, c.id DESC";
  for (const db::Row& row : connection->Query(sql, params)) listed.push_back(ListedOf(row));
  return listed;
}

std::optional<Listed> ConsultationsStore::FindListed(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kListedSelect + "WHERE c.id = $1", {id});
  if (!row) return std::nullopt;
  return ListedOf(*row);
}

bool ConsultationsStore::HasDemo() {
  auto connection = database_.Acquire();
  return connection->QueryOne("SELECT 1 FROM consultations WHERE demo = 1 LIMIT 1").has_value();
}

void ConsultationsStore::MarkDemo(std::int64_t consultation_id) {
  auto connection = database_.Acquire();
  connection->Execute("UPDATE consultations SET demo = 1 WHERE id = $1", {consultation_id});
}

std::int64_t ConsultationsStore::InsertComment(const Comment& comment) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(
      "INSERT INTO consultation_comments (consultation_id, item_id, proposal_id, reply_to, author_id, author_name, "
      "organisation_id, organisation_name, body, written_at, demo) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
      {comment.consultation_id, OptionalId(comment.item_id), OptionalId(comment.proposal_id),
       OptionalId(comment.reply_to), OptionalId(comment.author_id), comment.author_name,
       OptionalId(comment.organisation_id), comment.organisation_name, comment.body, comment.written_at,
       Flag(comment.demo)});
  return row->Int(0);
}

std::optional<Comment> ConsultationsStore::FindComment(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(std::string(kCommentSelect) + "WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return CommentOf(*row);
}

std::vector<Comment> ConsultationsStore::Comments(std::int64_t consultation_id) {
  auto connection = database_.Acquire();
  std::vector<Comment> comments;
  for (const db::Row& row :
       connection->Query(std::string(kCommentSelect) + "WHERE consultation_id = $1 ORDER BY id", {consultation_id})) {
    comments.push_back(CommentOf(row));
  }
  return comments;
}

bool ConsultationsStore::HideComment(std::int64_t id, std::int64_t by, const std::string& reason, std::int64_t at) {
  // Only one that is not hidden: of two moderators hiding it at once, the second does not replace the first's reason.
  auto connection = database_.Acquire();
  return connection->Execute(
             "UPDATE consultation_comments SET hidden_at = $1, hidden_by = $2, hidden_reason = $3 "
             "WHERE id = $4 AND hidden_at IS NULL",
             {at, by, reason, id}) == 1;
}

Proposal ConsultationsStore::InsertProposal(Proposal proposal) {
  return database_.Transaction([&](db::Connection& connection) {
    // The write lock is held from BEGIN (SQLite) or the row is counted again on conflict (PostgreSQL's unique key).
    proposal.number =
        connection
            .QueryOne("SELECT COALESCE(MAX(number), 0) + 1 FROM consultation_proposals WHERE consultation_id = $1",
                      {proposal.consultation_id})
            ->Int(0);
    const auto row = connection.QueryOne(
        "INSERT INTO consultation_proposals (consultation_id, number, kind, item_id, title, body, author_id, "
        "author_name, organisation_id, organisation_name, by_authority, written_at, answer, answer_reason, "
        "answered_by, answered_at, answer_published_at, became_item_id, demo) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
        {proposal.consultation_id, proposal.number, proposal.kind, OptionalId(proposal.item_id), proposal.title,
         proposal.body, OptionalId(proposal.author_id), proposal.author_name, OptionalId(proposal.organisation_id),
         proposal.organisation_name, Flag(proposal.by_authority), proposal.written_at,
         proposal.answer.empty() ? db::Value(nullptr) : db::Value(proposal.answer), proposal.answer_reason,
         OptionalId(proposal.answered_by), OptionalId(proposal.answered_at), OptionalId(proposal.answer_published_at),
         OptionalId(proposal.became_item_id), Flag(proposal.demo)});
    proposal.id = row->Int(0);
    return proposal;
  });
}

std::optional<Proposal> ConsultationsStore::FindProposal(std::int64_t id) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(std::string(kProposalSelect) + "WHERE p.id = $1", {id});
  if (!row) return std::nullopt;
  return ProposalOf(*row);
}

std::vector<Proposal> ConsultationsStore::Proposals(std::int64_t consultation_id) {
  auto connection = database_.Acquire();
  std::vector<Proposal> proposals;
  for (const db::Row& row : connection->Query(
           std::string(kProposalSelect) + "WHERE p.consultation_id = $1 ORDER BY p.number", {consultation_id})) {
    proposals.push_back(ProposalOf(row));
  }
  return proposals;
}

bool ConsultationsStore::SaveAnswer(const Proposal& proposal, std::int64_t version) {
  auto connection = database_.Acquire();
  return connection->Execute(
             "UPDATE consultation_proposals SET answer = $1, answer_reason = $2, answered_by = $3, answered_at = $4, "
             "answer_published_at = $5, became_item_id = $6, version = version + 1 WHERE id = $7 AND version = $8",
             {proposal.answer, proposal.answer_reason, OptionalId(proposal.answered_by),
              OptionalId(proposal.answered_at), OptionalId(proposal.answer_published_at),
              OptionalId(proposal.became_item_id), proposal.id, version}) == 1;
}

std::int64_t ConsultationsStore::PublishAnswers(std::int64_t consultation_id, std::int64_t at) {
  auto connection = database_.Acquire();
  return connection->Execute(
      "UPDATE consultation_proposals SET answer_published_at = $1, version = version + 1 "
      "WHERE consultation_id = $2 AND answer IS NOT NULL AND answer_published_at IS NULL AND hidden_at IS NULL",
      {at, consultation_id});
}

bool ConsultationsStore::HideProposal(std::int64_t id, std::int64_t by, const std::string& reason, std::int64_t at) {
  auto connection = database_.Acquire();
  return connection->Execute(
             "UPDATE consultation_proposals SET hidden_at = $1, hidden_by = $2, hidden_reason = $3, "
             "version = version + 1 WHERE id = $4 AND hidden_at IS NULL",
             {at, by, reason, id}) == 1;
}

bool ConsultationsStore::Support(std::int64_t proposal_id, std::int64_t user_id, std::int64_t at) {
  auto connection = database_.Acquire();
  return connection->Execute(
             "INSERT INTO proposal_supports (proposal_id, user_id, supported_at) VALUES ($1, $2, $3) "
             "ON CONFLICT (proposal_id, user_id) DO NOTHING",
             {proposal_id, user_id, at}) == 1;
}

bool ConsultationsStore::WithdrawSupport(std::int64_t proposal_id, std::int64_t user_id) {
  auto connection = database_.Acquire();
  return connection->Execute("DELETE FROM proposal_supports WHERE proposal_id = $1 AND user_id = $2",
                             {proposal_id, user_id}) == 1;
}

std::set<std::int64_t> ConsultationsStore::SupportedBy(std::int64_t user_id, std::int64_t consultation_id) {
  auto connection = database_.Acquire();
  std::set<std::int64_t> ids;
  for (const db::Row& row : connection->Query(
           "SELECT s.proposal_id FROM proposal_supports s JOIN consultation_proposals p ON p.id = s.proposal_id "
           "WHERE s.user_id = $1 AND p.consultation_id = $2",
           {user_id, consultation_id})) {
    ids.insert(row.Int(0));
  }
  return ids;
}

std::vector<Origin> ConsultationsStore::OriginsOf(std::int64_t item_id) {
  auto connection = database_.Acquire();
  std::vector<Origin> origins;
  for (const db::Row& row : connection->Query(
           "SELECT consultation_id, id, number, answer, author_name, organisation_name, by_authority, demo "
           "FROM consultation_proposals WHERE became_item_id = $1 AND answer_published_at IS NOT NULL "
           "AND hidden_at IS NULL ORDER BY id",
           {item_id})) {
    origins.push_back(
        {row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Text(4), row.Text(5), row.Int(6) != 0, row.Int(7) != 0});
  }
  return origins;
}

}  // namespace consultations
