#include "formats/xlsx_reader.hpp"

#include <gtest/gtest.h>

#include "formats/table.hpp"
#include "support/table_checks.hpp"
#include "support/zip_builder.hpp"

namespace {

using test_support::ExpectRefused;
using test_support::Lines;
using test_support::Rows;
using test_support::Values;
using test_support::WithLimit;

using test_support::Workbook;
using test_support::WorkbookParts;

// Shared strings as LibreOffice and Excel write them: plain, rich text in runs (one with an escaped &), a carriage
// return escaped as _x000D_, and a phonetic reading that is not part of the text.
const std::string kSharedStrings =
    "<si><t>Мярка</t></si>"
    "<si><t>Срок</t></si>"
    "<si><t>Бюджет</t></si>"
    "<si><r><rPr><b val=\"true\"/><sz val=\"10\"/></rPr><t xml:space=\"preserve\">Ремонт на </t></r>"
    "<r><t>училище &amp; &quot;двор&quot;</t></r></si>"
    "<si><t>0012</t></si>"
    "<si><t xml:space=\"preserve\">ред 1_x000D_\nред 2</t></si>"
    "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>カンジ</t></rPh></si>"
    "<si><t xml:space=\"preserve\"> </t></si>";

// A date format of its own (164), the built-in date 14, and a currency (4). The cell style formats (<cellStyleXfs>)
// come first and must not shift the indexes of <cellXfs>, which cells' s="N" refer to.
const std::string kStyles =
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"DD.MM.YYYY\"/></numFmts>"
    "<fonts count=\"1\"><font><sz val=\"10\"/></font></fonts>"
    "<cellStyleXfs count=\"2\"><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"164\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"true\"/>"
    "<xf numFmtId=\"14\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"4\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>";

const std::string kSheet =
    "<dimension ref=\"A1:E6\"/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
    "<sheetData>"
    "<row r=\"1\" spans=\"1:5\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>4</v></c>"
    "<c r=\"E1\" t=\"inlineStr\"><is><t>Бележка</t></is></c></row>"
    // Row 2 is missing altogether; E3 is missing at the end of the row.
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\" s=\"1\"><v>46112</v></c>"
    "<c r=\"C3\" s=\"3\"><v>1500.5</v></c><c r=\"D3\" t=\"s\"><v>4</v></c></row>"
    // D4 is missing in the middle; a formula's cached value; a boolean; a time of day under a date-only format.
    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>5</v></c><c r=\"B4\" s=\"2\"><v>45658.5</v></c>"
    "<c r=\"C4\"><f>SUM(C3)</f><v>1500</v></c><c r=\"E4\" t=\"b\"><v>1</v></c></row>"
    // Only a formatted blank cell and a whitespace-free empty string: no value, so no row.
    "<row r=\"5\"><c r=\"A5\" s=\"1\"/><c r=\"B5\" t=\"inlineStr\"><is><t></t></is></c></row>"
    // Cells without references follow the previous one; an error value; a formula string with an escape.
    "<row r=\"6\"><c t=\"s\"><v>6</v></c><c/><c t=\"e\"><v>#DIV/0!</v></c><c t=\"str\"><v>x_x0041_</v></c>"
    "<c t=\"s\"><v>7</v></c></row>"
    "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>";

std::string BillionLaughs() {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol \"lol\">\n"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) xml += "&lol" + std::to_string(i - 1) + ";";
    xml += "\">\n";
  }
  return xml +
         "]>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
         "<c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>";
}

}  // namespace

TEST(XlsxReader, ReadsAWorkbookLaidOutAsLibreOfficeAndExcelWriteIt) {
  const auto table = formats::ReadTable(
      Workbook({.sheet = kSheet, .shared_strings = kSharedStrings, .styles = kStyles, .workbook_properties = {}}));
  ASSERT_TRUE(table.ok()) << table.error().message << " " << table.error().detail;
  EXPECT_EQ(table->kind, formats::FileKind::kXlsx);
  EXPECT_EQ(Values(*table), (Rows{
                                {"Мярка", "Срок", "Бюджет", "0012", "Бележка"},
                                {"Ремонт на училище & \"двор\"", "2026-03-31", "1500.5", "0012", ""},
                                {"ред 1\r\nред 2", "2025-01-01", "1500", "", "TRUE"},
                                {"漢字", "", "#DIV/0!", "xA", " "},
                            }));
  EXPECT_EQ(Lines(*table), (std::vector<std::size_t>{1, 3, 4, 6})) << "the sheet's row numbers";
}

TEST(XlsxReader, ReadsDatesInThe1904Calendar) {
  const auto table = formats::ReadTable(Workbook({
      .sheet = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Срок</t></is></c></row>"
               "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>44196</v></c></row></sheetData>",
      .shared_strings = {},
      .styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>",
      .workbook_properties = "<workbookPr date1904=\"true\"/>",
  }));
  ASSERT_TRUE(table.ok()) << table.error().detail;
  EXPECT_EQ(Values(*table), (Rows{{"Срок"}, {"2025-01-01"}}));
}

TEST(XlsxReader, RefusesAZipThatIsNotAWorkbook) {
  const auto table = formats::ReadTable(test_support::Zip({{"word/document.xml", "<document/>"}}));
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, formats::message::kNotAWorkbook);
}

TEST(XlsxReader, RefusesADamagedZip) {
  std::string zip = Workbook({.sheet = kSheet, .shared_strings = {}, .styles = {}, .workbook_properties = {}});
  zip.resize(zip.size() / 2);
  const auto table = formats::ReadTable(zip);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, formats::message::kDamagedWorkbook);
  EXPECT_FALSE(table.error().detail.empty()) << "libzip's reason goes to the log";
}

TEST(XlsxReader, RefusesMalformedXmlInASheet) {
  const auto table = formats::ReadTable(Workbook({.sheet = "<sheetData><row r=\"1\"><c><v>1</c></row>",
                                                  .shared_strings = {},
                                                  .styles = {},
                                                  .workbook_properties = {}}));
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, formats::message::kDamagedWorkbook);
  EXPECT_NE(table.error().detail.find("xl/worksheets/sheet1.xml"), std::string::npos) << table.error().detail;
}

TEST(XlsxReader, RefusesASharedStringIndexOutOfRange) {
  const auto table = formats::ReadTable(Workbook({.sheet = "<sheetData><row r=\"1\"><c t=\"s\"><v>3</v></c></row>"
                                                           "</sheetData>",
                                                  .shared_strings = "<si><t>one</t></si>",
                                                  .styles = {},
                                                  .workbook_properties = {}}));
  ExpectRefused(table, formats::message::kDamagedWorkbook, 1, 1);
}

TEST(XlsxReader, RefusesABillionLaughsWithoutExpandingIt) {
  test_support::ZipParts parts = test_support::WorkbookZipParts(
      {.sheet = "<sheetData/>", .shared_strings = {}, .styles = {}, .workbook_properties = {}});
  for (auto& [name, content] : parts) {
    if (name == "xl/worksheets/sheet1.xml") content = BillionLaughs();
  }
  const auto table = formats::ReadTable(test_support::Zip(parts));
  ExpectRefused(table, formats::message::kDocumentType);
}

TEST(XlsxReader, RefusesAnExternalEntity) {
  test_support::ZipParts parts = test_support::WorkbookZipParts(
      {.sheet = "<sheetData/>", .shared_strings = "<si><t>x</t></si>", .styles = {}, .workbook_properties = {}});
  for (auto& [name, content] : parts) {
    if (name == "xl/sharedStrings.xml") {
      content =
          "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
          "<sst><si><t>&secret;</t></si></sst>";
    }
  }
  ExpectRefused(formats::ReadTable(test_support::Zip(parts)), formats::message::kDocumentType);
}

TEST(XlsxReader, RefusesAPartThatDeclaresASmallSizeButInflatesPastTheLimit) {
  // 4 MiB of XML that deflates to a few kilobytes, declared as 200 bytes.
  std::string sheet = "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>" + std::string(4 << 20, 'x') +
                      "</t></is></c></row></sheetData>";
  std::string zip = Workbook({.sheet = sheet, .shared_strings = {}, .styles = {}, .workbook_properties = {}});
  ASSERT_LT(zip.size(), 64u * 1024);
  test_support::DeclareUncompressedSize(zip, "xl/worksheets/sheet1.xml", 200);
  ExpectRefused(formats::ReadTable(zip, WithLimit(&formats::ReadLimits::max_uncompressed_bytes, 1 << 20)),
                formats::message::kUnpacksTooLarge);
}

TEST(XlsxReader, RefusesAPartThatDeclaresMoreThanTheLimitBeforeInflatingIt) {
  std::string sheet = "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>" + std::string(2 << 20, 'x') +
                      "</t></is></c></row></sheetData>";
  ExpectRefused(
      formats::ReadTable(Workbook({.sheet = sheet, .shared_strings = {}, .styles = {}, .workbook_properties = {}}),
                         WithLimit(&formats::ReadLimits::max_uncompressed_bytes, 1 << 20)),
      formats::message::kUnpacksTooLarge);
}

TEST(XlsxReader, RefusesAnArchiveWithTooManyParts) {
  test_support::ZipParts parts = test_support::WorkbookZipParts(
      {.sheet = "<sheetData/>", .shared_strings = {}, .styles = {}, .workbook_properties = {}});
  for (int i = 0; i < 1000; ++i) parts.emplace_back("xl/media/image" + std::to_string(i) + ".png", "x");
  ExpectRefused(formats::ReadTable(test_support::Zip(parts)), formats::message::kTooManyParts);
}

TEST(XlsxReader, RefusesARowWith100000CellsNamingTheRowAndColumn) {
  std::string row;
  for (int i = 0; i < 100'000; ++i) row += "<c><v>1</v></c>";
  const std::string sheet = "<sheetData><row r=\"1\"><c><v>1</v></c></row><row r=\"2\">" + row + "</row></sheetData>";
  ExpectRefused(
      formats::ReadTable(Workbook({.sheet = sheet, .shared_strings = {}, .styles = {}, .workbook_properties = {}})),
      formats::message::kTooManyColumns, 2, 1001);
}

TEST(XlsxReader, RefusesACellBeyondTheLastAllowedColumn) {
  const std::string sheet =
      "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"7\"><c r=\"XFD7\"><v>1</v></c></row>"
      "</sheetData>";
  const auto table =
      formats::ReadTable(Workbook({.sheet = sheet, .shared_strings = {}, .styles = {}, .workbook_properties = {}}));
  ExpectRefused(table, formats::message::kTooManyColumns, 7, 16384);
  EXPECT_EQ(formats::ColumnName(*table.error().column), "XFD");
}

TEST(XlsxReader, RefusesMoreRowsOrCellsThanAllowed) {
  const std::string sheet =
      "<sheetData><row r=\"1\"><c><v>1</v></c><c><v>2</v></c></row><row r=\"2\"><c><v>3</v></c></row>"
      "<row r=\"9\"><c><v>4</v></c><c><v>5</v></c></row></sheetData>";
  const std::string workbook =
      Workbook({.sheet = sheet, .shared_strings = {}, .styles = {}, .workbook_properties = {}});
  ExpectRefused(formats::ReadTable(workbook, WithLimit(&formats::ReadLimits::max_rows, 2)),
                formats::message::kTooManyRows, 9);
  ExpectRefused(formats::ReadTable(workbook, WithLimit(&formats::ReadLimits::max_cells, 4)),
                formats::message::kTooManyCells, 9);
  EXPECT_TRUE(formats::ReadTable(workbook, WithLimit(&formats::ReadLimits::max_cells, 5)).ok());
}

TEST(XlsxReader, RefusesAWorkbookWithoutASheet) {
  const auto table =
      formats::ReadTable(test_support::Zip({{"xl/workbook.xml", test_support::XmlPart("workbook", "<sheets/>")}}));
  ExpectRefused(table, formats::message::kNoSheet);
}

TEST(XlsxReader, RefusesAnEmptySheet) {
  ExpectRefused(formats::ReadTable(
                    Workbook({.sheet = "<sheetData/>", .shared_strings = {}, .styles = {}, .workbook_properties = {}})),
                formats::message::kNoRows);
}
