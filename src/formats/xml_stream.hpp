#pragma once
// Streaming XML (libxml2's SAX2 push parser) for parts of files from outside: memory stays flat whatever the size,
// nothing is fetched from the network, and a document type declaration stops the parse before its entities are
// read, so "billion laughs" and external entities never get a chance. OOXML parts never have one.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "formats/format_error.hpp"

typedef struct _xmlParserCtxt xmlParserCtxt;

namespace formats {

struct XmlAttribute {
  std::string_view name;  // the local name, without a prefix: r:id is "id"
  std::string_view value;
};

// Receives what the parser finds. Element names are local names, without a prefix.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void StartElement(std::string_view name, std::span<const XmlAttribute> attributes) = 0;
  virtual void EndElement(std::string_view name) = 0;
  virtual void Text(std::string_view text) = 0;  // may come in several pieces

  // A handler that finds the content wrong (or too much) sets this; the parse stops and returns it.
  std::optional<FormatError> failure;
};

// Feeds chunks of one document to the handler.
class XmlStream {
 public:
  explicit XmlStream(XmlHandler& handler);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  bool Feed(std::string_view chunk);    // false once the parse has stopped
  std::optional<FormatError> Finish();  // the first failure: the handler's, a document type, or malformed XML

  // Called by libxml2.
  void OnStart(std::string_view name, std::span<const XmlAttribute> attributes);
  void OnEnd(std::string_view name);
  void OnText(std::string_view text);
  void OnDocumentType();
  void OnError(const char* message);

 private:
  void Stop();

  XmlHandler& handler_;
  xmlParserCtxt* context_ = nullptr;
  bool document_type_ = false;
  bool stopped_ = false;
  std::string first_error_;
};

// Parses a whole document held in memory.
std::optional<FormatError> ParseXml(std::string_view document, XmlHandler& handler);

}  // namespace formats
