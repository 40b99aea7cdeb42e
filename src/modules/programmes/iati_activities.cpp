#include "modules/programmes/iati_activities.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <memory>
#include <mutex>
#include <stdexcept>

#include "formats/xml_stream.hpp"

namespace programmes {
namespace {

// No XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE (libxml2's limits on depth,
// names and text stay on), and no network.
constexpr int kParseOptions = XML_PARSE_NONET;

// libxml2's structured errors, collected with their lines.
struct Collected {
  std::vector<IatiProblem>* problems;
  std::size_t limit;
};

void CollectError(void* context, xmlErrorPtr error) {
  auto& collected = *static_cast<Collected*>(context);
  if (error == nullptr || error->level < XML_ERR_ERROR || collected.problems->size() >= collected.limit) return;
  std::string message = error->message == nullptr ? "malformed XML" : error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  collected.problems->push_back({error->line > 0 ? static_cast<std::size_t>(error->line) : 0, std::move(message)});
}

// Nothing is taken from outside: the schema's own imports are files beside it, read by path.
xmlParserInputPtr RefuseNetwork(const char* url, const char* id, xmlParserCtxtPtr context) {
  return xmlNoNetExternalEntityLoader(url, id, context);
}

// libxml2's generic errors (an encoding it cannot convert) would go to stderr; the structured ones say it with a line.
void Silently(void*, const char*, ...) {}

// The first parse only looks for a document type, which stops it before any entity is read.
struct NothingToKeep final : formats::XmlHandler {
  void StartElement(std::string_view, std::span<const formats::XmlAttribute>) override {}
  void EndElement(std::string_view) override {}
  void Text(std::string_view) override {}
};

struct DocumentFree {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
struct ValidationFree {
  void operator()(xmlSchemaValidCtxt* context) const { xmlSchemaFreeValidCtxt(context); }
};

std::string_view NameOf(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// IATI's own elements have no namespace; an extension's elements (other namespaces) are left alone.
bool Is(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && node->ns == nullptr && NameOf(node) == name;
}

template <typename Visit>
void ForEachChild(const xmlNode* parent, std::string_view name, Visit&& visit) {
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (Is(child, name)) visit(child);
  }
}

const xmlNode* FirstChild(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (Is(child, name)) return child;
  }
  return nullptr;
}

std::string Attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return {};
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

std::string Language(const xmlNode* node) {
  xmlChar* value = xmlGetNsProp(node, reinterpret_cast<const xmlChar*>("lang"), XML_XML_NAMESPACE);
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

std::string TextOf(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(content));
  xmlFree(content);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The <narrative> children of `node` (a title, a description, an organisation).
std::vector<IatiNarrative> Narratives(const xmlNode* node) {
  std::vector<IatiNarrative> narratives;
  if (node == nullptr) return narratives;
  ForEachChild(node, "narrative", [&](const xmlNode* narrative) {
    std::string text = TextOf(narrative);
    if (!text.empty()) narratives.push_back({Language(narrative), std::move(text)});
  });
  return narratives;
}

std::size_t LineOf(const xmlNode* node) {
  const long line = xmlGetLineNo(node);
  return line > 0 ? static_cast<std::size_t>(line) : 0;
}

IatiOrganisation OrganisationOf(const xmlNode* node) {
  return {Attribute(node, "ref"), Attribute(node, "type"), Attribute(node, "role"), Narratives(node)};
}

IatiAmount AmountOf(const xmlNode* value, const std::string& default_currency) {
  const std::string currency = Attribute(value, "currency");
  return {TextOf(value), currency.empty() ? default_currency : currency, Attribute(value, "value-date")};
}

IatiMeasure MeasureOf(const xmlNode* node) {
  IatiMeasure measure;
  measure.value = Attribute(node, "value");
  ForEachChild(node, "dimension", [&](const xmlNode* dimension) {
    measure.dimensions.emplace_back(Attribute(dimension, "name"), Attribute(dimension, "value"));
  });
  measure.comment = Narratives(FirstChild(node, "comment"));
  return measure;
}

IatiIndicator IndicatorOf(const xmlNode* node) {
  IatiIndicator indicator;
  indicator.measure = Attribute(node, "measure");
  const std::string ascending = Attribute(node, "ascending");
  indicator.ascending = !(ascending == "0" || ascending == "false");
  indicator.title = Narratives(FirstChild(node, "title"));
  indicator.description = Narratives(FirstChild(node, "description"));
  // 2.03 allows several baselines (by dimension, by location); Khetane keeps the first.
  if (const xmlNode* baseline = FirstChild(node, "baseline")) {
    indicator.baseline_year = Attribute(baseline, "year");
    indicator.baseline_date = Attribute(baseline, "iso-date");
    indicator.baseline_value = Attribute(baseline, "value");
  }
  ForEachChild(node, "period", [&](const xmlNode* period) {
    IatiPeriod read;
    read.start = Attribute(FirstChild(period, "period-start"), "iso-date");
    read.end = Attribute(FirstChild(period, "period-end"), "iso-date");
    ForEachChild(period, "target", [&](const xmlNode* target) { read.targets.push_back(MeasureOf(target)); });
    ForEachChild(period, "actual", [&](const xmlNode* actual) { read.actuals.push_back(MeasureOf(actual)); });
    indicator.periods.push_back(std::move(read));
  });
  return indicator;
}

IatiActivity ActivityOf(const xmlNode* node) {
  IatiActivity activity;
  activity.line = LineOf(node);
  activity.identifier = TextOf(FirstChild(node, "iati-identifier"));
  activity.default_currency = Attribute(node, "default-currency");
  activity.default_language = Language(node);
  activity.last_updated = Attribute(node, "last-updated-datetime");
  activity.hierarchy = Attribute(node, "hierarchy");
  ForEachChild(node, "related-activity", [&](const xmlNode* related) {
    const std::string type = Attribute(related, "type");
    if (type == "1") activity.parents.push_back(Attribute(related, "ref"));
    if (type == "2") activity.children.push_back(Attribute(related, "ref"));
  });
  activity.title = Narratives(FirstChild(node, "title"));
  // The general description (type 1, or no type) is the activity's; the others (objectives, target groups) are not
  // read yet.
  ForEachChild(node, "description", [&](const xmlNode* description) {
    const std::string type = Attribute(description, "type");
    if (activity.description.empty() && (type.empty() || type == "1")) activity.description = Narratives(description);
  });
  activity.status = Attribute(FirstChild(node, "activity-status"), "code");
  ForEachChild(node, "activity-date", [&](const xmlNode* date) {
    const std::string type = Attribute(date, "type");
    std::string day = Attribute(date, "iso-date");
    if (type == "1") activity.planned_start = std::move(day);
    if (type == "2") activity.actual_start = std::move(day);
    if (type == "3") activity.planned_end = std::move(day);
    if (type == "4") activity.actual_end = std::move(day);
  });
  if (const xmlNode* reporting = FirstChild(node, "reporting-org")) activity.reporting_org = OrganisationOf(reporting);
  ForEachChild(node, "participating-org",
               [&](const xmlNode* organisation) { activity.participants.push_back(OrganisationOf(organisation)); });
  ForEachChild(node, "recipient-country",
               [&](const xmlNode* country) { activity.recipient_countries.push_back(Attribute(country, "code")); });
  ForEachChild(node, "budget", [&](const xmlNode* budget) {
    activity.budgets.push_back({LineOf(budget), Attribute(budget, "type"), Attribute(budget, "status"),
                                Attribute(FirstChild(budget, "period-start"), "iso-date"),
                                Attribute(FirstChild(budget, "period-end"), "iso-date"),
                                AmountOf(FirstChild(budget, "value"), activity.default_currency)});
  });
  ForEachChild(node, "transaction", [&](const xmlNode* transaction) {
    activity.transactions.push_back({LineOf(transaction),
                                     Attribute(FirstChild(transaction, "transaction-type"), "code"),
                                     Attribute(FirstChild(transaction, "transaction-date"), "iso-date"),
                                     AmountOf(FirstChild(transaction, "value"), activity.default_currency),
                                     Narratives(FirstChild(transaction, "description"))});
  });
  ForEachChild(node, "result", [&](const xmlNode* result) {
    IatiResult read;
    read.type = Attribute(result, "type");
    read.title = Narratives(FirstChild(result, "title"));
    ForEachChild(result, "indicator",
                 [&](const xmlNode* indicator) { read.indicators.push_back(IndicatorOf(indicator)); });
    activity.results.push_back(std::move(read));
  });
  return activity;
}

}  // namespace

IatiActivitiesSchema::IatiActivitiesSchema(const std::filesystem::path& xsd) {
  static std::once_flag initialised;
  std::call_once(initialised, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(RefuseNetwork);
  });
  std::vector<IatiProblem> problems;
  Collected collected{&problems, 5};
  xmlSchemaParserCtxt* parser = xmlSchemaNewParserCtxt(xsd.c_str());
  if (parser == nullptr) throw std::runtime_error("cannot read the IATI schema " + xsd.string());
  xmlSchemaSetParserStructuredErrors(parser, CollectError, &collected);
  schema_ = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema_ == nullptr) {
    throw std::runtime_error("cannot read the IATI schema " + xsd.string() +
                             (problems.empty() ? "" : ": " + problems.front().message));
  }
}

IatiActivitiesSchema::~IatiActivitiesSchema() { xmlSchemaFree(schema_); }

IatiRead IatiActivitiesSchema::Read(std::string_view xml) const {
  IatiRead read;
  if (xml.size() > kMaxIatiBytes) {
    read.problems.push_back({0, "The file is larger than 64 MB; publish it in several files of fewer activities."});
    return read;
  }
  // On this thread only (libxml2 keeps its error handlers a thread), and back to the default on the way out.
  xmlSetGenericErrorFunc(nullptr, Silently);
  struct Restore {
    ~Restore() { xmlSetGenericErrorFunc(nullptr, nullptr); }
  } restore;
  NothingToKeep nothing;
  if (const auto failure = formats::ParseXml(xml, nothing);
      failure && failure->message == formats::message::kDocumentType) {
    read.problems.push_back({0,
                             "The file declares a document type (<!DOCTYPE …>). IATI files have none, and Khetane "
                             "reads no entity declared in one."});
    return read;
  }
  Collected collected{&read.problems, kMaxProblems};
  xmlParserCtxt* parser = xmlNewParserCtxt();
  if (parser == nullptr) throw std::bad_alloc();
  xmlSetStructuredErrorFunc(&collected, CollectError);
  const std::unique_ptr<xmlDoc, DocumentFree> document(
      xmlCtxtReadMemory(parser, xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kParseOptions));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlFreeParserCtxt(parser);
  if (document == nullptr || !read.problems.empty()) {
    if (read.problems.empty()) read.problems.push_back({0, "The file is not XML."});
    return read;
  }
  const xmlNode* root = xmlDocGetRootElement(document.get());
  if (root == nullptr || !Is(root, "iati-activities")) {
    read.problems.push_back({root == nullptr ? 0 : LineOf(root),
                             "The file is not an IATI activities file: its first element is not <iati-activities>."});
    return read;
  }
  const std::unique_ptr<xmlSchemaValidCtxt, ValidationFree> validation(xmlSchemaNewValidCtxt(schema_));
  if (validation == nullptr) throw std::bad_alloc();
  xmlSchemaSetValidStructuredErrors(validation.get(), CollectError, &collected);
  if (xmlSchemaValidateDoc(validation.get(), document.get()) != 0) {
    if (read.problems.empty()) read.problems.push_back({0, "The file does not follow the IATI activities schema."});
    return read;
  }
  read.version = Attribute(root, "version");
  if (!read.version.empty() && !read.version.starts_with("2.")) {
    read.warnings.push_back({LineOf(root), "The file says IATI version " + read.version +
                                               "; Khetane reads version 2 files, and read it as one."});
  }
  ForEachChild(root, "iati-activity",
               [&](const xmlNode* activity) { read.activities.push_back(ActivityOf(activity)); });
  return read;
}

std::string NarrativeIn(const std::vector<IatiNarrative>& narratives, std::string_view language) {
  for (const IatiNarrative& narrative : narratives) {
    if (narrative.language == language) return narrative.text;
  }
  for (const IatiNarrative& narrative : narratives) {
    if (narrative.language.empty()) return narrative.text;
  }
  return narratives.empty() ? std::string() : narratives.front().text;
}

}  // namespace programmes
