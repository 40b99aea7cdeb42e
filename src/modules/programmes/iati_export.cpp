#include "modules/programmes/iati_export.hpp"

#include <libxml/xmlwriter.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace programmes {
namespace {

struct WriterFree {
  void operator()(xmlTextWriter* writer) const { xmlFreeTextWriter(writer); }
};
struct BufferFree {
  void operator()(xmlBuffer* buffer) const { xmlBufferFree(buffer); }
};

const xmlChar* X(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

// libxml2's writer escapes what it is given; each call's result is checked once, at the end, by the buffer's size.
class Writer {
 public:
  Writer(xmlTextWriter* writer, std::string generated_day)
      : writer_(writer), generated_day_(std::move(generated_day)) {}

  void Start(const char* name) { xmlTextWriterStartElement(writer_, X(name)); }
  void End() { xmlTextWriterEndElement(writer_); }
  // An optional attribute: left out when empty.
  void Attribute(const char* name, const std::string& value) {
    if (!value.empty()) Required(name, value);
  }
  // An attribute the schema requires: written even when empty, as a file that was read may have it (role="").
  void Required(const char* name, const std::string& value) {
    xmlTextWriterWriteAttribute(writer_, X(name), X(Clean(value).c_str()));
  }
  void LanguageAttribute(const std::string& language) {
    if (!language.empty()) xmlTextWriterWriteAttributeNS(writer_, X("xml"), X("lang"), nullptr, X(language.c_str()));
  }
  void Text(const std::string& text) { xmlTextWriterWriteString(writer_, X(Clean(text).c_str())); }

  // <name attribute="value"/>, with an attribute the schema requires.
  void Empty(const char* name, const char* attribute, const std::string& value) {
    Start(name);
    Required(attribute, value);
    End();
  }

  // <name><narrative xml:lang="…">…</narrative>…</name>, left out when there is no narrative.
  void Narratives(const char* name, const std::vector<IatiNarrative>& narratives) {
    if (narratives.empty()) return;
    Start(name);
    WriteNarratives(narratives);
    End();
  }

  // <name> with a text the schema requires: its narratives, or one narrative of `otherwise` when there are none.
  void RequiredNarratives(const char* name, const std::vector<IatiNarrative>& narratives,
                          std::initializer_list<std::string_view> otherwise) {
    Start(name);
    WriteRequiredNarratives(narratives, otherwise);
    End();
  }

  // The narratives of a text the schema requires: when there are none, one of the first text of `otherwise` that is
  // not empty, or of a dash (a file read may have given its texts, identifiers and names all empty).
  void WriteRequiredNarratives(const std::vector<IatiNarrative>& narratives,
                               std::initializer_list<std::string_view> otherwise) {
    if (narratives.empty()) {
      const auto given = std::ranges::find_if(otherwise, [](std::string_view text) { return !text.empty(); });
      Start("narrative");
      Text(std::string(given == otherwise.end() ? "—" : *given));
      End();
    }
    WriteNarratives(narratives);
  }

  void WriteNarratives(const std::vector<IatiNarrative>& narratives) {
    for (const IatiNarrative& narrative : narratives) {
      Start("narrative");
      LanguageAttribute(narrative.language);
      Text(narrative.text);
      End();
    }
  }

  void Organisation(const char* name, const IatiOrganisation& organisation) {
    Start(name);
    const bool reporting = std::string_view(name) == "reporting-org";
    // The reporting organisation's ref and type are required; a participant's role is.
    if (reporting) {
      Required("ref", organisation.ref);
      Required("type", organisation.type);
    } else {
      Attribute("ref", organisation.ref);
      Attribute("type", organisation.type);
      Required("role", organisation.role);
    }
    // The schema wants the reporting organisation named: by its identifier when no name is known.
    if (reporting) {
      WriteRequiredNarratives(organisation.name, {organisation.ref});
    } else {
      WriteNarratives(organisation.name);
    }
    End();
  }

  void Value(const IatiAmount& amount, const std::string& default_currency) {
    Start("value");
    if (amount.currency != default_currency) Attribute("currency", amount.currency);
    Attribute("value-date", amount.value_date);
    Text(amount.value);
    End();
  }

  void Measure(const char* name, const IatiMeasure& measure) {
    Start(name);
    Attribute("value", measure.value);
    for (const auto& [dimension, value] : measure.dimensions) {
      Start("dimension");
      Attribute("name", dimension);
      Attribute("value", value);
      End();
    }
    Narratives("comment", measure.comment);
    End();
  }

  void Indicator(const IatiIndicator& indicator) {
    Start("indicator");
    Required("measure", indicator.measure);
    Attribute("ascending", indicator.ascending ? "1" : "0");
    RequiredNarratives("title", indicator.title, {});
    Narratives("description", indicator.description);
    if (!indicator.baseline_year.empty() || !indicator.baseline_value.empty()) {
      Start("baseline");
      Attribute("year", indicator.baseline_year);
      Attribute("iso-date", indicator.baseline_date);
      Attribute("value", indicator.baseline_value);
      End();
    }
    for (const IatiPeriod& period : indicator.periods) {
      Start("period");
      Empty("period-start", "iso-date", period.start);
      Empty("period-end", "iso-date", period.end);
      for (const IatiMeasure& target : period.targets) Measure("target", target);
      for (const IatiMeasure& actual : period.actuals) Measure("actual", actual);
      End();
    }
    End();
  }

  void Activity(const IatiActivity& activity) {
    Start("iati-activity");
    Attribute("last-updated-datetime", activity.last_updated);
    LanguageAttribute(activity.default_language);
    Attribute("default-currency", activity.default_currency);
    Attribute("hierarchy", activity.hierarchy);
    Start("iati-identifier");
    Text(activity.identifier);
    End();
    Organisation("reporting-org", activity.reporting_org);
    RequiredNarratives("title", activity.title, {activity.identifier});
    Start("description");
    Attribute("type", "1");
    WriteRequiredNarratives(activity.description,
                            {NarrativeIn(activity.title, activity.default_language), activity.identifier});
    End();
    for (const IatiOrganisation& participant : activity.participants) Organisation("participating-org", participant);
    Empty("activity-status", "code", activity.status.empty() ? "2" : activity.status);
    const std::pair<const char*, const std::string*> dates[] = {{"1", &activity.planned_start},
                                                                {"2", &activity.actual_start},
                                                                {"3", &activity.planned_end},
                                                                {"4", &activity.actual_end}};
    bool dated = false;
    for (const auto& [type, day] : dates) {
      if (day->empty()) continue;
      Start("activity-date");
      Attribute("type", type);
      Attribute("iso-date", *day);
      End();
      dated = true;
    }
    if (!dated) {
      Start("activity-date");
      Attribute("type", "1");
      const std::string& from_budget =
          activity.budgets.empty() ? generated_day_ : activity.budgets.front().period_start;
      Attribute("iso-date", from_budget.empty() ? generated_day_ : from_budget);
      End();
    }
    for (const std::string& country : activity.recipient_countries) Empty("recipient-country", "code", country);
    for (const IatiBudget& budget : activity.budgets) {
      Start("budget");
      Attribute("type", budget.type);
      Attribute("status", budget.status);
      Empty("period-start", "iso-date", budget.period_start);
      Empty("period-end", "iso-date", budget.period_end);
      Value(budget.amount, activity.default_currency);
      End();
    }
    for (const IatiTransaction& transaction : activity.transactions) {
      Start("transaction");
      Empty("transaction-type", "code", transaction.type);
      Empty("transaction-date", "iso-date", transaction.date);
      Value(transaction.amount, activity.default_currency);
      Narratives("description", transaction.description);
      End();
    }
    for (const std::string& parent : activity.parents) {
      Start("related-activity");
      Required("ref", parent);
      Attribute("type", "1");
      End();
    }
    for (const std::string& child : activity.children) {
      Start("related-activity");
      Required("ref", child);
      Attribute("type", "2");
      End();
    }
    for (const IatiResult& result : activity.results) {
      Start("result");
      Required("type", result.type);
      RequiredNarratives("title", result.title, {});
      for (const IatiIndicator& indicator : result.indicators) Indicator(indicator);
      End();
    }
    End();
  }

 private:
  // XML 1.0 has no place for the control characters other than tab and the line ends: they are dropped.
  static std::string Clean(const std::string& text) {
    std::string clean;
    clean.reserve(text.size());
    for (const char c : text) {
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') clean += c;
    }
    return clean;
  }

  xmlTextWriter* writer_;
  std::string generated_day_;  // "2026-12-06": the date of an activity that has none
};

}  // namespace

std::string WriteIatiActivities(const std::vector<IatiActivity>& activities, std::string_view generated) {
  const std::unique_ptr<xmlBuffer, BufferFree> buffer(xmlBufferCreate());
  if (buffer == nullptr) throw std::bad_alloc();
  const std::unique_ptr<xmlTextWriter, WriterFree> writer(xmlNewTextWriterMemory(buffer.get(), 0));
  if (writer == nullptr) throw std::bad_alloc();
  xmlTextWriterSetIndent(writer.get(), 1);
  xmlTextWriterSetIndentString(writer.get(), X("  "));
  if (xmlTextWriterStartDocument(writer.get(), "1.0", "UTF-8", nullptr) < 0) {
    throw std::runtime_error("cannot start the IATI file");
  }
  Writer write(writer.get(), std::string(generated.substr(0, 10)));
  write.Start("iati-activities");
  write.Attribute("version", "2.03");
  write.Attribute("generated-datetime", std::string(generated));
  for (const IatiActivity& activity : activities) write.Activity(activity);
  write.End();
  if (xmlTextWriterEndDocument(writer.get()) < 0) throw std::runtime_error("cannot finish the IATI file");
  xmlTextWriterFlush(writer.get());
  return {reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
          static_cast<std::size_t>(xmlBufferLength(buffer.get()))};
}

}  // namespace programmes
