#pragma once
// ZIP archives and XLSX workbooks built in memory from hand-written parts (libzip), for tests of readers that must
// not depend on a particular writer, and for hostile archives: a part that lies about its size, too many parts.

#include <zip.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace test_support {

using ZipParts = std::vector<std::pair<std::string, std::string>>;  // name, content

// The bytes of a ZIP archive holding `parts`, deflated.
inline std::string Zip(const ZipParts& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = buffer == nullptr ? nullptr : zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) throw std::runtime_error("cannot create a zip archive in memory");
  zip_source_keep(buffer);  // read it after zip_close
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("cannot add " + name);
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("cannot write the zip archive");
  }
  zip_stat_t stat;
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    if (zip_source_stat(buffer, &stat) == 0) {
      bytes.resize(stat.size);
      if (zip_source_read(buffer, bytes.data(), stat.size) != static_cast<zip_int64_t>(stat.size)) bytes.clear();
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  if (bytes.empty()) throw std::runtime_error("cannot read the zip archive back");
  return bytes;
}

// Rewrites the uncompressed size that the local header and the central directory declare for part `name`
// (APPNOTE 4.3.7 and 4.3.12), leaving the compressed data as it is: the archive then lies about that part.
inline void DeclareUncompressedSize(std::string& zip, std::string_view name, std::uint32_t size) {
  const auto field = [&](std::size_t at, std::size_t width) {
    std::size_t value = 0;
    for (std::size_t i = 0; i < width; ++i)
      value |= static_cast<std::size_t>(static_cast<unsigned char>(zip[at + i])) << (8 * i);
    return value;
  };
  const auto write = [&](std::size_t at) {
    for (std::size_t i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  };
  int rewritten = 0;
  for (std::size_t at = 0; at + 46 < zip.size(); ++at) {
    if (zip.compare(at, 4, "PK\x03\x04") == 0 && zip.compare(at + 30, name.size(), name) == 0 &&
        field(at + 26, 2) == name.size()) {
      write(at + 22);
      ++rewritten;
    } else if (zip.compare(at, 4, "PK\x01\x02") == 0 && zip.compare(at + 46, name.size(), name) == 0 &&
               field(at + 28, 2) == name.size()) {
      write(at + 24);
      ++rewritten;
    }
  }
  if (rewritten != 2) throw std::runtime_error("no part named " + std::string(name));
}

// The parts of an XLSX workbook as LibreOffice and Excel lay them out: the sheet is the second relationship, as
// LibreOffice writes it, so a reader must follow r:id rather than guess.
struct WorkbookParts {
  std::string sheet;                // the <sheetData> element and what is inside it
  std::string shared_strings;       // the <si> elements, or empty for no sharedStrings.xml
  std::string styles;               // what goes inside <styleSheet>, or empty for no styles.xml
  std::string workbook_properties;  // e.g. <workbookPr date1904="1"/>
};

inline constexpr std::string_view kSpreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline constexpr std::string_view kRelationshipsNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

inline std::string XmlPart(std::string_view root, std::string_view inside) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<" + std::string(root) + " xmlns=\"" +
         std::string(kSpreadsheetNamespace) + "\" xmlns:r=\"" + std::string(kRelationshipsNamespace) + "\">" +
         std::string(inside) + "</" + std::string(root) + ">";
}

inline ZipParts WorkbookZipParts(const WorkbookParts& workbook) {
  const std::string type = std::string(kRelationshipsNamespace) + "/";
  std::string relationships =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" +
      type +
      "styles\" Target=\"styles.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"" +
      type +
      "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"" +
      type +
      "sharedStrings\" Target=\"sharedStrings.xml\"/>"
      "</Relationships>";
  ZipParts parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           type + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", XmlPart("workbook", workbook.workbook_properties +
                                                  "<sheets><sheet name=\"Лист1\" sheetId=\"1\" state=\"visible\" "
                                                  "r:id=\"rId2\"/><sheet name=\"Second\" sheetId=\"2\" "
                                                  "r:id=\"rId9\"/></sheets>")},
      {"xl/_rels/workbook.xml.rels", relationships},
      {"xl/worksheets/sheet1.xml", XmlPart("worksheet", workbook.sheet)},
  };
  if (!workbook.shared_strings.empty()) {
    parts.emplace_back("xl/sharedStrings.xml", XmlPart("sst", workbook.shared_strings));
  }
  if (!workbook.styles.empty()) parts.emplace_back("xl/styles.xml", XmlPart("styleSheet", workbook.styles));
  return parts;
}

inline std::string Workbook(const WorkbookParts& workbook) { return Zip(WorkbookZipParts(workbook)); }

}  // namespace test_support
