#include "modules/indicators/dhis2_exchange.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/table.hpp"

namespace {

using indicators::DataValue;
using indicators::DataValues;
using indicators::ExchangeProblem;

const std::string kHeader =
    "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,"
    "deleted\n";

formats::Table TableOf(const std::string& bytes) {
  auto table = formats::ReadTable(bytes);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? *table : formats::Table{};
}

DataValues Read(const std::string& csv) { return indicators::ReadDataValues(TableOf(csv)); }

std::string Describe(const std::vector<ExchangeProblem>& problems) {
  std::string text;
  for (const ExchangeProblem& problem : problems) {
    text += "line " + std::to_string(problem.line) + ", " + problem.column + " (" + problem.value + ") of [" +
            problem.code + "]: " + problem.message + "\n";
  }
  return text;
}

ExchangeProblem Problem(std::size_t line, const std::string& column, const std::string& value, std::string_view message,
                        const std::string& code = "") {
  return {line, column, value, std::string(message), code};
}

DataValue Value(std::size_t line, const std::string& dataelement, const std::string& period, const std::string& orgunit,
                const std::string& value) {
  DataValue data_value;
  data_value.line = line;
  data_value.dataelement = dataelement;
  data_value.period = period;
  data_value.orgunit = orgunit;
  data_value.value = value;
  return data_value;
}

std::vector<DataValue> WithoutLines(std::vector<DataValue> values) {
  for (DataValue& value : values) value.line = 0;
  return values;
}

}  // namespace

TEST(Dhis2DataValues, ReadsAnExportAsDhis2WritesIt) {
  // As DHIS2 exports with idScheme=code: a byte order mark, CRLF, every column, ISO 8601 times, some values quoted.
  const DataValues read = Read(
      "\xEF\xBB\xBF"
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,"
      "deleted\r\n"
      "ROMA_EMPLOYMENT,2025,BG,total,official,52.3,nsi_import,2026-03-14T09:21:05.000+0000,,false,false\r\n"
      "ROMA_EMPLOYMENT,2025,BG,female,official,38.1,nsi_import,2026-03-14T09:21:05.000+0000,\"Оценка, НСИ\",true,"
      "false\r\n"
      "\"SCHOOL_DROPOUT\",\"2025S1\",\"MON24\",\"age_0_17\",\"civic\",\"0012\",\"ngo_lom\",\"2026-01-05T10:00:00.000\","
      "\"\",\"false\",\"true\"\r\n");
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{}) << Describe(read.problems);

  DataValue total = Value(2, "ROMA_EMPLOYMENT", "2025", "BG", "52.3");
  total.categoryoptioncombo = "total";
  total.attributeoptioncombo = "official";
  total.storedby = "nsi_import";
  total.lastupdated = "2026-03-14T09:21:05.000+0000";
  DataValue women = total;
  women.line = 3;
  women.categoryoptioncombo = "female";
  women.value = "38.1";
  women.comment = "Оценка, НСИ";
  women.followup = true;
  DataValue dropout = Value(4, "SCHOOL_DROPOUT", "2025S1", "MON24", "0012");
  dropout.categoryoptioncombo = "age_0_17";
  dropout.attributeoptioncombo = "civic";
  dropout.storedby = "ngo_lom";
  dropout.lastupdated = "2026-01-05T10:00:00.000";
  dropout.deleted = true;
  EXPECT_EQ(read.rows, (std::vector<DataValue>{total, women, dropout}));
}

TEST(Dhis2DataValues, ReadsColumnsInAnyOrderAndCaseWithSpacesAroundNamesAndCodes) {
  const DataValues read = Read(
      "Value;\" OrgUnit \";PERIOD;dataElement;CategoryOptionCombo;FollowUp\n"
      "\"12,5\"; MON24 ;2026Q1;\u00A0ROMA_EMPLOYMENT ; female ;TRUE\n");
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{}) << Describe(read.problems);
  DataValue expected = Value(2, "ROMA_EMPLOYMENT", "2026Q1", "MON24", "12,5");
  expected.categoryoptioncombo = "female";
  expected.followup = true;  // as a spreadsheet writes it after opening the file
  EXPECT_EQ(read.rows, std::vector<DataValue>{expected});
}

TEST(Dhis2DataValues, LeavesMissingOptionalColumnsEmpty) {
  const DataValues read = Read("dataelement,period,orgunit,value\nROMA_EMPLOYMENT,2025,BG,52.3\n");
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{}) << Describe(read.problems);
  EXPECT_EQ(read.rows, std::vector<DataValue>{Value(2, "ROMA_EMPLOYMENT", "2025", "BG", "52.3")});
  EXPECT_EQ(read.rows[0].categoryoptioncombo, "") << "the service reads an empty breakdown as the total";
  EXPECT_FALSE(read.rows[0].followup);
  EXPECT_FALSE(read.rows[0].deleted);
}

TEST(Dhis2DataValues, ReadsTheShorterNamesOlderDhis2Wrote) {
  const DataValues read = Read(
      "\"dataelement\",\"period\",\"orgunit\",\"catoptcombo\",\"attroptcombo\",\"value\",\"strby\",\"lstupd\",\"cmt\","
      "\"flwup\"\n"
      "\"ROMA_EMPLOYMENT\",\"2024\",\"BG\",\"male\",\"official\",\"61\",\"admin\",\"2025-04-01\",\"стара\",\"true\"\n");
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{}) << Describe(read.problems);
  DataValue expected = Value(2, "ROMA_EMPLOYMENT", "2024", "BG", "61");
  expected.categoryoptioncombo = "male";
  expected.attributeoptioncombo = "official";
  expected.storedby = "admin";
  expected.lastupdated = "2025-04-01";
  expected.comment = "стара";
  expected.followup = true;
  EXPECT_EQ(read.rows, std::vector<DataValue>{expected});
}

TEST(Dhis2DataValues, NamesAMissingRequiredColumnOnceOnTheHeadersLine) {
  const DataValues read =
      Read("dataelement,period,orgunit,comment\nROMA_EMPLOYMENT,2025,BG,\nSCHOOL_DROPOUT,2025,BG,\n");
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{Problem(1, "value", "", indicators::kMissingColumn)})
      << Describe(read.problems);
  EXPECT_TRUE(read.rows.empty()) << "no row is whole without its value";

  const DataValues two_missing = Read("value,orgunit\n12,BG\n");
  EXPECT_EQ(two_missing.problems,
            (std::vector<ExchangeProblem>{Problem(1, "dataelement", "", indicators::kMissingColumn),
                                          Problem(1, "period", "", indicators::kMissingColumn)}))
      << Describe(two_missing.problems);
}

TEST(Dhis2DataValues, ReportsAnUnknownColumnAndStillReadsTheRows) {
  const DataValues read =
      Read("dataelement,period,orgunit,value, dataset \nROMA_EMPLOYMENT,2025,BG,52.3,pBOMPrpg1QX\n");
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{Problem(1, "dataset", "dataset", indicators::kUnknownColumn)})
      << Describe(read.problems);
  EXPECT_EQ(read.rows, std::vector<DataValue>{Value(2, "ROMA_EMPLOYMENT", "2025", "BG", "52.3")});
}

TEST(Dhis2DataValues, ReportsADuplicateColumnAndReadsTheFirst) {
  const DataValues read = Read("dataelement,period,orgunit,value,Value\nROMA_EMPLOYMENT,2025,BG,52.3,99\n");
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{Problem(1, "value", "Value", indicators::kDuplicateColumn)})
      << Describe(read.problems);
  EXPECT_EQ(read.rows, std::vector<DataValue>{Value(2, "ROMA_EMPLOYMENT", "2025", "BG", "52.3")});

  const DataValues old_and_new =
      Read("dataelement,period,orgunit,value,catoptcombo,CategoryOptionCombo\nA,2025,BG,1,x,y\n");
  EXPECT_EQ(old_and_new.problems, std::vector<ExchangeProblem>{Problem(1, "categoryoptioncombo", "CategoryOptionCombo",
                                                                       indicators::kDuplicateColumn)})
      << Describe(old_and_new.problems);
}

TEST(Dhis2DataValues, ReportsEachRowMissingARequiredValueWithItsLineColumnAndCode) {
  const DataValues read = Read(kHeader +
                               ",2025,BG,,,52.3,,,,,\n"
                               "ROMA_EMPLOYMENT,,BG,,,52.3,,,,,\n"
                               "ROMA_EMPLOYMENT,2025,  ,,,52.3,,,,,\n"
                               "ROMA_EMPLOYMENT,2025,BG,,,,,,,,\n"
                               "ROMA_EMPLOYMENT,2025,MON,,,47,,,,,\n");
  EXPECT_EQ(read.problems, (std::vector<ExchangeProblem>{
                               Problem(2, "dataelement", "", indicators::kMissingValue, "2025 BG"),
                               Problem(3, "period", "", indicators::kMissingValue, "ROMA_EMPLOYMENT BG"),
                               Problem(4, "orgunit", "  ", indicators::kMissingValue, "ROMA_EMPLOYMENT 2025"),
                               Problem(5, "value", "", indicators::kMissingValue, "ROMA_EMPLOYMENT 2025 BG"),
                           }))
      << Describe(read.problems);
  EXPECT_EQ(read.rows, std::vector<DataValue>{Value(6, "ROMA_EMPLOYMENT", "2025", "MON", "47")})
      << "only the whole rows";
}

TEST(Dhis2DataValues, RefusesAFollowupThatIsNeitherTrueNorFalse) {
  const DataValues read = Read(
      "dataelement,period,orgunit,value,followup,deleted\n"
      "ROMA_EMPLOYMENT,2025,BG,52.3,maybe,\n"
      "ROMA_EMPLOYMENT,2025,MON,47,FALSE,1\n");
  EXPECT_EQ(read.problems, (std::vector<ExchangeProblem>{
                               Problem(2, "followup", "maybe", indicators::kNotTrueOrFalse, "ROMA_EMPLOYMENT 2025 BG"),
                               Problem(3, "deleted", "1", indicators::kNotTrueOrFalse, "ROMA_EMPLOYMENT 2025 MON"),
                           }))
      << Describe(read.problems);
  EXPECT_TRUE(read.rows.empty());
}

TEST(Dhis2DataValues, ReportsEveryProblemOfEveryRowAtOnce) {
  const DataValues read = Read(
      "dataelement,period,orgunit,value,followup,deleted,dataset\n"
      "ROMA_EMPLOYMENT,2025,BG,52.3,false,false,x\n"
      ",,MON24,,yes,no\n"
      "SCHOOL_DROPOUT,2025,MON,,,\n"
      "SCHOOL_DROPOUT,2025,VID,3.1,,,,forgotten\n");
  EXPECT_EQ(read.problems, (std::vector<ExchangeProblem>{
                               Problem(1, "dataset", "dataset", indicators::kUnknownColumn),
                               Problem(3, "dataelement", "", indicators::kMissingValue, "MON24"),
                               Problem(3, "period", "", indicators::kMissingValue, "MON24"),
                               Problem(3, "value", "", indicators::kMissingValue, "MON24"),
                               Problem(3, "followup", "yes", indicators::kNotTrueOrFalse, "MON24"),
                               Problem(3, "deleted", "no", indicators::kNotTrueOrFalse, "MON24"),
                               Problem(4, "value", "", indicators::kMissingValue, "SCHOOL_DROPOUT 2025 MON"),
                               // A value past the header's last name: the spreadsheet's column letter.
                               Problem(5, "H", "forgotten", indicators::kUnknownColumn, "SCHOOL_DROPOUT 2025 VID"),
                           }))
      << Describe(read.problems);
  EXPECT_EQ(read.rows, std::vector<DataValue>{Value(2, "ROMA_EMPLOYMENT", "2025", "BG", "52.3")});
}

TEST(Dhis2DataValues, ReportsAValueUnderAColumnWithoutAName) {
  const DataValues read = Read("dataelement,,period,orgunit,value\nA,,2025,BG,1\nB,note,2025,BG,2\n");
  EXPECT_EQ(read.problems,
            std::vector<ExchangeProblem>{Problem(3, "B", "note", indicators::kUnknownColumn, "B 2025 BG")})
      << Describe(read.problems);
  EXPECT_EQ(read.rows, std::vector<DataValue>{Value(2, "A", "2025", "BG", "1")});
}

TEST(Dhis2DataValues, AFileOfOnlyTheHeaderHasNoRowsAndNoProblems) {
  const DataValues read = Read(kHeader);
  EXPECT_TRUE(read.rows.empty());
  EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{}) << Describe(read.problems);
}

TEST(Dhis2DataValues, WritesDhis2sColumnsInItsOrderWithLowerCaseTrueAndFalse) {
  DataValue value = Value(7, "ROMA_EMPLOYMENT", "2025", "BG", "52.3");
  value.categoryoptioncombo = "total";
  value.attributeoptioncombo = "official";
  value.storedby = "khetane";
  value.lastupdated = "2026-03-14T09:21:05Z";
  value.deleted = true;
  EXPECT_EQ(formats::WriteCsv(indicators::DataValuesTable({value})),
            "\xEF\xBB\xBF" + std::string(kHeader.substr(0, kHeader.size() - 1)) +
                "\r\n"
                "ROMA_EMPLOYMENT,2025,BG,total,official,52.3,khetane,2026-03-14T09:21:05Z,,false,true\r\n");
  EXPECT_EQ(indicators::DataValuesTable({}).size(), 1U) << "the header alone";
}

TEST(Dhis2DataValues, SurvivesWritingAndReadingBackUnchanged) {
  DataValue quoted = Value(0, "ROMA_EMPLOYMENT", "2025", "BG", "52,3");
  quoted.categoryoptioncombo = "female";
  quoted.attributeoptioncombo = "official";
  quoted.comment = "По данни на НСИ, \"Преброяване 2021\"; предварителни";
  quoted.followup = true;
  DataValue multiline = Value(0, "SCHOOL_DROPOUT", "202603", "MON24", "0012");
  multiline.comment = "Първи ред\nвтори ред\r\nтрети ред";
  multiline.storedby = "Сдружение „Рома-Лом“";
  multiline.deleted = true;
  DataValue formula_like = Value(0, "HOUSING_LEGALISED", "2026Q3", "VID", "-2.5");
  formula_like.comment = "=HYPERLINK(\"http://example.org\")";
  formula_like.storedby = "@nsi";
  formula_like.lastupdated = "2026-09-30T23:59:59.999+0300";
  const std::vector<DataValue> values = {quoted, multiline, formula_like};

  for (const char separator : {',', ';'}) {
    const DataValues read =
        indicators::ReadDataValues(TableOf(formats::WriteCsv(indicators::DataValuesTable(values), separator)));
    EXPECT_EQ(read.problems, std::vector<ExchangeProblem>{}) << Describe(read.problems);
    EXPECT_EQ(WithoutLines(read.rows), values) << separator;
    ASSERT_EQ(read.rows.size(), 3U);
    EXPECT_EQ(read.rows[2].line, 6U) << "the line breaks in a comment move the next row down";
  }
  const auto xlsx = formats::WriteXlsx(indicators::DataValuesTable(values));
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  const DataValues from_xlsx = indicators::ReadDataValues(TableOf(*xlsx));
  EXPECT_EQ(from_xlsx.problems, std::vector<ExchangeProblem>{}) << Describe(from_xlsx.problems);
  EXPECT_EQ(WithoutLines(from_xlsx.rows), values);
}

TEST(SdmxPeriod, WritesEachKindOfPeriodAsSdmxDoes) {
  EXPECT_EQ(indicators::SdmxPeriod("2026"), "2026");
  EXPECT_EQ(indicators::SdmxPeriod("2026S1"), "2026-S1");
  EXPECT_EQ(indicators::SdmxPeriod("2026S2"), "2026-S2");
  EXPECT_EQ(indicators::SdmxPeriod("2026Q3"), "2026-Q3");
  EXPECT_EQ(indicators::SdmxPeriod("202603"), "2026-03");
  EXPECT_EQ(indicators::SdmxPeriod("202612"), "2026-12");
}

TEST(SdmxPeriod, LeavesWhatIsNoPeriodCodeAsItIs) {
  for (const std::string_view text : {"", "26", "2026Q5", "2026Q0", "2026S3", "202613", "202600", "2026W10", "2026-Q3",
                                      "2026-03", "2026q3", "20260301", "abcdQ1"}) {
    EXPECT_EQ(indicators::SdmxPeriod(text), text);
  }
}

TEST(SdmxCsv, WritesTheDataflowTheDimensionsTheValueAndTheAttributes) {
  const indicators::SdmxObservation observation{.indicator = "ROMA_EMPLOYMENT",
                                                .place = "MON24",
                                                .breakdown = "female",
                                                .source_kind = "official",
                                                .period = "2026S1",
                                                .value = "38.1",
                                                .status = "P",
                                                .unit = "percent",
                                                .comment = "Оценка, НСИ"};
  indicators::SdmxObservation suppressed = observation;
  suppressed.period = "2026";
  suppressed.value = "";
  suppressed.status = "C";
  suppressed.comment = "";
  const std::vector<std::vector<std::string>> table = indicators::SdmxCsvTable({observation, suppressed});
  EXPECT_EQ(
      table,
      (std::vector<std::vector<std::string>>{
          {"DATAFLOW", "INDICATOR", "REF_AREA", "BREAKDOWN", "SOURCE", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS",
           "UNIT_MEASURE", "COMMENT"},
          {"KHETANE:INDICATORS(1.0)", "ROMA_EMPLOYMENT", "MON24", "female", "official", "2026-S1", "38.1", "P",
           "percent", "Оценка, НСИ"},
          {"KHETANE:INDICATORS(1.0)", "ROMA_EMPLOYMENT", "MON24", "female", "official", "2026", "", "C", "percent", ""},
      }));
  EXPECT_TRUE(
      formats::WriteCsv(table).starts_with("\xEF\xBB\xBF"
                                           "DATAFLOW,INDICATOR,REF_AREA,"))
      << "SDMX-CSV separates with commas";
}
