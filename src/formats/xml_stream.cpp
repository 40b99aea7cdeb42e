#include "formats/xml_stream.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <mutex>
#include <string>
#include <vector>

namespace formats {
namespace {

XmlStream& StreamOf(void* context) { return *static_cast<XmlStream*>(context); }

std::string_view View(const xmlChar* text) { return reinterpret_cast<const char*>(text); }

std::string_view View(const xmlChar* begin, const xmlChar* end) {
  return {reinterpret_cast<const char*>(begin), static_cast<std::size_t>(end - begin)};
}

// Without entity substitution (the parse never substitutes: XML_PARSE_NOENT is off), libxml2 hands an attribute's
// '&' (written &amp; or &#38;) to SAX as "&#38;"; every '&' in the value starts one.
std::string_view DecodeAmpersands(std::string_view value, std::string& storage) {
  if (value.find('&') == std::string_view::npos) return value;
  storage.clear();
  for (std::size_t i = 0; i < value.size(); ++i) {
    storage += value[i];
    if (value.compare(i, 5, "&#38;") == 0) i += 4;
  }
  return storage;
}

void StartElement(void* context, const xmlChar* name, const xmlChar*, const xmlChar*, int, const xmlChar**, int count,
                  int, const xmlChar** attributes) {
  std::vector<XmlAttribute> list(static_cast<std::size_t>(count));
  std::vector<std::string> storage(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const xmlChar** attribute = attributes + 5 * i;  // local name, prefix, URI, value, end of value
    list[i] = {View(attribute[0]), DecodeAmpersands(View(attribute[3], attribute[4]), storage[i])};
  }
  StreamOf(context).OnStart(View(name), list);
}

void EndElement(void* context, const xmlChar* name, const xmlChar*, const xmlChar*) {
  StreamOf(context).OnEnd(View(name));
}

void Characters(void* context, const xmlChar* text, int length) { StreamOf(context).OnText(View(text, text + length)); }

void DocumentType(void* context, const xmlChar*, const xmlChar*, const xmlChar*) { StreamOf(context).OnDocumentType(); }

void StructuredError(void* context, xmlErrorPtr error) {
  if (error != nullptr && error->level >= XML_ERR_ERROR) StreamOf(context).OnError(error->message);
}

xmlSAXHandler Handler() {
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = StartElement;
  sax.endElementNs = EndElement;
  sax.characters = Characters;
  sax.cdataBlock = Characters;
  sax.ignorableWhitespace = Characters;  // whitespace is a value too: <t xml:space="preserve"> </t>
  sax.internalSubset = DocumentType;
  sax.externalSubset = DocumentType;
  sax.serror = StructuredError;  // errors come here, never to stderr
  return sax;
}

// No XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE (libxml2's limits on
// depth, names and text stay on), and no network.
constexpr int kParseOptions = XML_PARSE_NONET;

}  // namespace

XmlStream::XmlStream(XmlHandler& handler) : handler_(handler) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { xmlInitParser(); });
  xmlSAXHandler sax = Handler();
  context_ = xmlCreatePushParserCtxt(&sax, this, nullptr, 0, nullptr);
  if (context_ == nullptr) {
    stopped_ = true;
    first_error_ = "cannot create an XML parser";
    return;
  }
  xmlCtxtUseOptions(context_, kParseOptions);
}

XmlStream::~XmlStream() {
  if (context_ != nullptr) {
    if (context_->myDoc != nullptr) xmlFreeDoc(context_->myDoc);
    xmlFreeParserCtxt(context_);
  }
}

bool XmlStream::Feed(std::string_view chunk) {
  constexpr std::size_t kSlice = 1 << 20;  // xmlParseChunk takes an int
  while (!chunk.empty() && !stopped_) {
    const std::string_view slice = chunk.substr(0, kSlice);
    chunk.remove_prefix(slice.size());
    if (xmlParseChunk(context_, slice.data(), static_cast<int>(slice.size()), 0) != 0) stopped_ = true;
  }
  return !stopped_;
}

std::optional<FormatError> XmlStream::Finish() {
  if (!stopped_ && xmlParseChunk(context_, nullptr, 0, 1) != 0) stopped_ = true;
  if (handler_.failure) return handler_.failure;
  if (document_type_)
    return FormatError{.message = std::string(message::kDocumentType), .line = {}, .column = {}, .detail = {}};
  if (context_ == nullptr || !context_->wellFormed || stopped_) {
    return FormatError{.message = std::string(message::kDamagedWorkbook),
                       .line = {},
                       .column = {},
                       .detail = first_error_.empty() ? "malformed XML" : first_error_};
  }
  return std::nullopt;
}

void XmlStream::OnStart(std::string_view name, std::span<const XmlAttribute> attributes) {
  if (stopped_) return;  // nothing after the first failure
  handler_.StartElement(name, attributes);
  if (handler_.failure) Stop();
}

void XmlStream::OnEnd(std::string_view name) {
  if (stopped_) return;  // nothing after the first failure
  handler_.EndElement(name);
  if (handler_.failure) Stop();
}

void XmlStream::OnText(std::string_view text) {
  if (stopped_) return;  // nothing after the first failure
  handler_.Text(text);
  if (handler_.failure) Stop();
}

void XmlStream::OnDocumentType() {
  document_type_ = true;
  Stop();
}

void XmlStream::OnError(const char* message) {
  if (first_error_.empty() && message != nullptr) first_error_ = message;
  while (!first_error_.empty() && first_error_.back() == '\n') first_error_.pop_back();
}

void XmlStream::Stop() {
  stopped_ = true;
  xmlStopParser(context_);
}

std::optional<FormatError> ParseXml(std::string_view document, XmlHandler& handler) {
  XmlStream stream(handler);
  stream.Feed(document);
  return stream.Finish();
}

}  // namespace formats
