#include "modules/requests/filings_store.hpp"

#include <map>

namespace requests {
namespace {

db::Value OptionalId(std::optional<std::int64_t> id) { return id ? db::Value(*id) : db::Value(nullptr); }
db::Value Flag(bool value) { return std::int64_t{value ? 1 : 0}; }

constexpr std::string_view kFilingSelect =
    "SELECT id, kind, place_code, addressee_kind, addressee, channel, access_form, subject, body, filed_on, "
    "registered_on, registration_number, violation_on, filed_by, filer_name, organisation_id, organisation_name, "
    "contact, is_public, demo, created_at, version FROM filings ";
// The same for lists, without the texts no list shows (the body, the contact address): a list of 10,000 filings
// otherwise spends most of its time copying them.
constexpr std::string_view kListedSelect =
    "SELECT id, kind, place_code, addressee_kind, addressee, channel, access_form, subject, '', filed_on, "
    "registered_on, registration_number, violation_on, filed_by, filer_name, organisation_id, organisation_name, "
    "'', is_public, demo, created_at, version FROM filings ";

Filing FilingOf(const db::Row& row) {
  Filing filing;
  filing.id = row.Int(0);
  filing.kind = row.Text(1);
  filing.place_code = row.Text(2);
  filing.addressee_kind = row.Text(3);
  filing.addressee = row.Text(4);
  filing.channel = row.Text(5);
  filing.access_form = row.Text(6);
  filing.subject = row.Text(7);
  filing.body = row.Text(8);
  filing.filed_on = row.Text(9);
  filing.registered_on = row.Text(10);
  filing.registration_number = row.Text(11);
  filing.violation_on = row.Text(12);
  filing.filed_by = row.OptionalInt(13);
  filing.filer_name = row.Text(14);
  filing.organisation_id = row.OptionalInt(15);
  filing.organisation_name = row.Text(16);
  filing.contact = row.Text(17);
  filing.is_public = row.Int(18) != 0;
  filing.demo = row.Int(19) != 0;
  filing.created_at = row.Int(20);
  filing.version = row.Int(21);
  return filing;
}

constexpr std::string_view kEventSelect =
    "SELECT id, filing_id, kind, day, detail, grounds, body, recorded_by, recorded_by_name, recorded_at "
    "FROM filing_events ";

FilingEvent EventOf(const db::Row& row) {
  FilingEvent event;
  event.id = row.Int(0);
  event.filing_id = row.Int(1);
  event.kind = row.Text(2);
  event.day = row.Text(3);
  event.detail = row.Text(4);
  event.grounds = row.Text(5);
  event.text = row.Text(6);
  event.recorded_by = row.OptionalInt(7);
  event.recorded_by_name = row.Text(8);
  event.recorded_at = row.Int(9);
  return event;
}

}  // namespace

std::int64_t FilingsStore::Insert(const Filing& filing) {
  const auto row = database_.Acquire()->QueryOne(
      "INSERT INTO filings (kind, place_code, addressee_kind, addressee, channel, access_form, subject, body, "
      "filed_on, registered_on, registration_number, violation_on, filed_by, filer_name, organisation_id, "
      "organisation_name, contact, is_public, demo, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
      "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
      {filing.kind,
       filing.place_code,
       filing.addressee_kind,
       filing.addressee,
       filing.channel,
       filing.access_form,
       filing.subject,
       filing.body,
       filing.filed_on,
       filing.registered_on,
       filing.registration_number,
       filing.violation_on,
       OptionalId(filing.filed_by),
       filing.filer_name,
       OptionalId(filing.organisation_id),
       filing.organisation_name,
       filing.contact,
       Flag(filing.is_public),
       Flag(filing.demo),
       filing.created_at});
  return row->Int(0);
}

std::optional<Filing> FilingsStore::Find(std::int64_t id) {
  const auto row = database_.Acquire()->QueryOne(std::string(kFilingSelect) + "WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return FilingOf(*row);
}

std::vector<FilingEvent> FilingsStore::Events(std::int64_t filing_id) {
  std::vector<FilingEvent> events;
  for (const db::Row& row :
       database_.Acquire()->Query(std::string(kEventSelect) + "WHERE filing_id = $1 ORDER BY id", {filing_id})) {
    events.push_back(EventOf(row));
  }
  return events;
}

bool FilingsStore::InsertEvent(const FilingEvent& event, std::int64_t version) {
  return database_.Transaction([&](db::Connection& connection) {
    if (connection.Execute("UPDATE filings SET version = version + 1 WHERE id = $1 AND version = $2",
                           {event.filing_id, version}) != 1) {
      return false;
    }
    connection.Execute(
        "INSERT INTO filing_events (filing_id, kind, day, detail, grounds, body, recorded_by, recorded_by_name, "
        "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {event.filing_id, event.kind, event.day, event.detail, event.grounds, event.text, OptionalId(event.recorded_by),
         event.recorded_by_name, event.recorded_at});
    return true;
  });
}

std::vector<FilingWithEvents> FilingsStore::All(const std::string& place_code) {
  auto connection = database_.Acquire();
  const bool one_place = !place_code.empty();
  std::vector<FilingWithEvents> filings;
  std::map<std::int64_t, std::size_t> at;
  for (const db::Row& row : connection->Query(
           std::string(kListedSelect) + (one_place ? "WHERE place_code = $1 " : "") + "ORDER BY filed_on DESC, id DESC",
           one_place ? db::Params{place_code} : db::Params{})) {
    at.emplace(row.Int(0), filings.size());
    filings.push_back({FilingOf(row), {}});
  }
  for (const db::Row& row : connection->Query(
           std::string(kEventSelect) +
               (one_place ? "WHERE filing_id IN (SELECT id FROM filings WHERE place_code = $1) " : "") + "ORDER BY id",
           one_place ? db::Params{place_code} : db::Params{})) {
    if (const auto found = at.find(row.Int(1)); found != at.end()) {
      filings[found->second].events.push_back(EventOf(row));
    }
  }
  return filings;
}

bool FilingsStore::WasReminded(std::int64_t filing_id, const std::string& kind, const std::string& due_on) {
  return database_.Acquire()
      ->QueryOne("SELECT 1 FROM filing_reminders WHERE filing_id = $1 AND kind = $2 AND due_on = $3",
                 {filing_id, kind, due_on})
      .has_value();
}

void FilingsStore::MarkReminded(db::Connection& connection, std::int64_t filing_id, const std::string& kind,
                                const std::string& due_on, std::int64_t at) {
  connection.Execute("INSERT INTO filing_reminders (filing_id, kind, due_on, sent_at) VALUES ($1, $2, $3, $4)",
                     {filing_id, kind, due_on, at});
}

std::vector<std::string> FilingsStore::Recipients(const Filing& filing) {
  std::vector<std::string> emails;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT email FROM users WHERE id = $1 UNION SELECT u.email FROM organisation_members m "
           "JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $2 ORDER BY 1",
           {OptionalId(filing.filed_by), OptionalId(filing.organisation_id)})) {
    emails.push_back(row.Text(0));
  }
  return emails;
}

bool FilingsStore::HasDemo() {
  return database_.Acquire()->QueryOne("SELECT 1 FROM filings WHERE demo = 1 LIMIT 1").has_value();
}

}  // namespace requests
