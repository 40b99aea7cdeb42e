#include "web/svg_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/xml_checks.hpp"

namespace web {
namespace {

using nlohmann::json;
using test_support::CountOccurrences;
using test_support::ExpectWellFormedXml;

// The boundaries the product ships; CTest runs from the source tree.
constexpr std::string_view kDataDirectory = "data/bg";
constexpr std::size_t kSizeBudgetBytes = 25000;

json LoadJson(const std::string& name) {
  std::ifstream file(std::string(kDataDirectory) + "/" + name);
  return json::parse(file);
}

bool HaveData() { return std::filesystem::exists(std::string(kDataDirectory) + "/provinces.geojson"); }

struct ViewBox {
  double width;
  double height;
};

ViewBox ViewBoxOf(const std::string& svg) {
  static const std::regex kViewBox(R"re(viewBox="0 0 ([0-9.]+) ([0-9.]+)")re");
  std::smatch match;
  if (!std::regex_search(svg, match, kViewBox)) return {0, 0};
  return {std::stod(match[1].str()), std::stod(match[2].str())};
}

std::vector<std::string> PathData(const std::string& svg, const std::string& css_class) {
  const std::regex path("<path class=\"" + css_class + "\" d=\"([^\"]*)\"");
  std::vector<std::string> paths;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), path); it != std::sregex_iterator(); ++it) {
    paths.push_back((*it)[1].str());
  }
  return paths;
}

// The absolute points of a path written as "M x y l dx dy … Z", the only commands the map uses.
std::vector<std::pair<double, double>> PathPoints(const std::string& d) {
  static const std::regex kToken(R"re([MlZ]|-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))re");
  std::vector<std::pair<double, double>> points;
  char command = 0;
  std::vector<double> numbers;
  double x = 0, y = 0;
  for (auto it = std::sregex_iterator(d.begin(), d.end(), kToken); it != std::sregex_iterator(); ++it) {
    const std::string token = it->str();
    if (token == "M" || token == "l" || token == "Z") {
      command = token[0];
      continue;
    }
    numbers.push_back(std::stod(token));
    if (numbers.size() < 2) continue;
    if (command == 'M') {
      x = numbers[0], y = numbers[1];
    } else if (command == 'l') {
      x += numbers[0], y += numbers[1];
    } else {
      ADD_FAILURE() << "a number outside M or l in " << d;
    }
    points.emplace_back(x, y);
    numbers.clear();
  }
  EXPECT_TRUE(numbers.empty()) << "odd count of numbers in " << d;
  return points;
}

struct Boundaries {
  std::vector<Shape> provinces = ShapesFromGeoJson(LoadJson("provinces.geojson"), "PROVINCE_CODE");
  std::vector<Shape> municipalities = ShapesFromGeoJson(LoadJson("municipalities.geojson"), "LAU_CODE");
};

const Boundaries& LoadBoundariesOnce() {
  static const Boundaries boundaries;
  return boundaries;
}

class Blagoevgrad : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(HaveData()) << "boundary data not found in " << kDataDirectory << " (run from the source tree)";
    provinces_ = LoadBoundariesOnce().provinces;
    municipalities_ = LoadBoundariesOnce().municipalities;
    blagoevgrad_ = FindShape(municipalities_, "BLG03");
    ASSERT_NE(blagoevgrad_, nullptr);
    MapOptions options;
    options.title = "Община Благоевград";
    options.description = "Blagoevgrad municipality, in the south-west of Bulgaria";
    options.id_prefix = "place-map";
    svg_ = RenderLocatorMap(provinces_, {blagoevgrad_}, options);
  }

  std::vector<Shape> provinces_;
  std::vector<Shape> municipalities_;
  const Shape* blagoevgrad_ = nullptr;
  std::string svg_;
};

TEST_F(Blagoevgrad, DataHoldsEveryMunicipalityAndProvince) {
  EXPECT_EQ(provinces_.size(), 28u);
  EXPECT_EQ(municipalities_.size(), 265u);
  EXPECT_NE(FindShape(provinces_, "BLG"), nullptr);
  EXPECT_EQ(FindShape(provinces_, "XXX"), nullptr);
}

TEST_F(Blagoevgrad, MapShowsTheTwentyEightProvincesAndOneHighlightedMunicipality) {
  EXPECT_EQ(PathData(svg_, "map-context").size(), 28u);
  EXPECT_EQ(PathData(svg_, "map-highlight").size(), 1u);
  EXPECT_EQ(CountOccurrences(svg_, "class=\"map-marker\""), 1u);
  EXPECT_NE(svg_.find("fill-rule=\"evenodd\""), std::string::npos);
  ExpectWellFormedXml(svg_);
}

TEST_F(Blagoevgrad, MapIsSmallEnoughToInlineInEveryPage) {
  EXPECT_LT(svg_.size(), kSizeBudgetBytes);
  EXPECT_GT(svg_.size(), 5000u) << "so small that the outlines must have been lost";
}

TEST_F(Blagoevgrad, MapIsAccessibleAndResponsive) {
  EXPECT_EQ(svg_.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg_.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg_.find("width=\"100%\""), std::string::npos);
  EXPECT_NE(svg_.find("<title id=\"place-map-title\">Община Благоевград</title>"), std::string::npos);
  EXPECT_NE(svg_.find("aria-describedby=\"place-map-desc\""), std::string::npos);
  EXPECT_EQ(svg_.find("style="), std::string::npos);
}

TEST_F(Blagoevgrad, ViewBoxKeepsTheCountrysProportions) {
  const ViewBox box = ViewBoxOf(svg_);
  EXPECT_EQ(box.width, 320);
  // 6.25° of longitude × cos(42.7°) against 2.97° of latitude: about 1.55 times wider than tall.
  EXPECT_NEAR(box.width / box.height, 1.52, 0.05);
}

TEST_F(Blagoevgrad, HighlightLiesInsideTheViewBoxInTheSouthWest) {
  const ViewBox box = ViewBoxOf(svg_);
  const std::vector<std::string> highlights = PathData(svg_, "map-highlight");
  ASSERT_EQ(highlights.size(), 1u);
  const auto points = PathPoints(highlights[0]);
  ASSERT_GE(points.size(), 10u);
  for (const auto& [x, y] : points) {
    EXPECT_GE(x, 0);
    EXPECT_LE(x, box.width);
    EXPECT_GE(y, 0);
    EXPECT_LE(y, box.height);
    EXPECT_LT(x, box.width / 4) << "Blagoevgrad is in the west";
    EXPECT_GT(y, box.height / 2) << "and in the south";
  }
}

TEST_F(Blagoevgrad, EveryContextOutlineLiesInsideTheViewBox) {
  const ViewBox box = ViewBoxOf(svg_);
  double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
  for (const std::string& d : PathData(svg_, "map-context")) {
    for (const auto& [x, y] : PathPoints(d)) {
      min_x = std::min(min_x, x), max_x = std::max(max_x, x);
      min_y = std::min(min_y, y), max_y = std::max(max_y, y);
    }
  }
  EXPECT_GE(min_x, 0);
  EXPECT_LE(max_x, box.width);
  EXPECT_GE(min_y, 0);
  EXPECT_LE(max_y, box.height);
  EXPECT_LT(min_x, 8) << "the country fills the width, within the margin";
  EXPECT_GT(max_x, box.width - 8);
}

TEST_F(Blagoevgrad, HolesAndExclavesAreKept) {
  // Dobrich-selska surrounds the town of Dobrich: one outer ring and one hole.
  const Shape* dobrich_selska = FindShape(municipalities_, "DOB15");
  ASSERT_NE(dobrich_selska, nullptr);
  ASSERT_EQ(dobrich_selska->rings.size(), 2u);
  const std::string svg = RenderLocatorMap(provinces_, {dobrich_selska}, {});
  const auto highlights = PathData(svg, "map-highlight");
  ASSERT_EQ(highlights.size(), 1u);
  EXPECT_EQ(CountOccurrences(highlights[0], "M"), 2u);
}

TEST_F(Blagoevgrad, SeveralPlacesCanBeHighlightedAndNullsAreSkipped) {
  const std::string svg =
      RenderLocatorMap(provinces_, {blagoevgrad_, nullptr, FindShape(municipalities_, "VAR06")}, {});
  EXPECT_EQ(PathData(svg, "map-highlight").size(), 2u);
  EXPECT_EQ(CountOccurrences(svg, "class=\"map-marker\""), 2u);
}

TEST_F(Blagoevgrad, APlaceTooSmallToSeeStillGetsAMarker) {
  // A square of about 80 m inside Blagoevgrad: well under a pixel at this scale.
  const Shape tiny{"TINY", {{{23.1, 42.0}, {23.101, 42.0}, {23.101, 42.001}, {23.1, 42.001}, {23.1, 42.0}}}};
  const std::string svg = RenderLocatorMap(provinces_, {&tiny}, {});
  static const std::regex kMarker(R"re(<circle class="map-marker" cx="([0-9.]+)" cy="([0-9.]+)" r="([0-9.]+)")re");
  std::smatch marker;
  ASSERT_TRUE(std::regex_search(svg, marker, kMarker)) << svg.substr(svg.size() - 400);
  EXPECT_GE(std::stod(marker[3].str()), 5.0);
  EXPECT_GT(std::stod(marker[1].str()), 0);
  EXPECT_LT(std::stod(marker[1].str()), ViewBoxOf(svg).width);
  ExpectWellFormedXml(svg);
}

TEST_F(Blagoevgrad, OutputIsDeterministic) {
  EXPECT_EQ(svg_, RenderLocatorMap(provinces_, {blagoevgrad_},
                                   {"Община Благоевград", "Blagoevgrad municipality, in the south-west of Bulgaria",
                                    320, "place-map"}));
}

TEST(SvgMap, EscapesTitleAndDescription) {
  MapOptions options;
  options.title = "<script>alert(1)</script>";
  options.description = "A & B";
  const Shape square{"SQ", {{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}};
  const std::string svg = RenderLocatorMap({square}, {&square}, options);
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("A &amp; B"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  ExpectWellFormedXml(svg);
}

TEST(SvgMap, NothingToDrawStillGivesAWellFormedImage) {
  ExpectWellFormedXml(RenderLocatorMap({}, {}, {}));
  const Shape point_like{"P", {{{10, 10}, {10, 10}, {10, 10}, {10, 10}}}};
  ExpectWellFormedXml(RenderLocatorMap({point_like}, {&point_like}, {}));
  const Shape far_away{"F", {{{-170, -80}, {-169, -80}, {-169, -79}, {-170, -80}}}};
  ExpectWellFormedXml(RenderLocatorMap({point_like}, {&far_away}, {}));
  // A context a few millimetres wide magnifies a shape around it far beyond any viewBox.
  const Shape speck{"S", {{{10, 10}, {10.0000001, 10}, {10.0000001, 10.0000001}, {10, 10}}}};
  const Shape world{"W", {{{-170, -80}, {170, -80}, {170, 80}, {-170, 80}, {-170, -80}}}};
  ExpectWellFormedXml(RenderLocatorMap({speck}, {&world}, {}));
}

// Expects std::invalid_argument whose message contains `expected`.
void ExpectRejected(const json& document, const std::string& expected) {
  try {
    ShapesFromGeoJson(document, "CODE");
    ADD_FAILURE() << "accepted " << document.dump();
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
  }
}

json Feature(json geometry, json properties = {{"CODE", "X1"}}) {
  return {{"type", "Feature"}, {"properties", std::move(properties)}, {"geometry", std::move(geometry)}};
}

json Square() { return {{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}}; }

json Collection(std::vector<json> features) { return {{"type", "FeatureCollection"}, {"features", features}}; }

TEST(SvgMap, ReadsPolygonsAndMultiPolygons) {
  json multi = {{"type", "MultiPolygon"},
                {"coordinates", {Square()["coordinates"], {{{5, 5, 100}, {6, 5, 100}, {6, 6, 100}, {5, 5, 100}}}}}};
  const auto shapes = ShapesFromGeoJson(Collection({Feature(Square()), Feature(multi, {{"CODE", 7}})}), "CODE");
  ASSERT_EQ(shapes.size(), 2u);
  EXPECT_EQ(shapes[0].code, "X1");
  EXPECT_EQ(shapes[0].rings.size(), 1u);
  EXPECT_EQ(shapes[1].code, "7");
  ASSERT_EQ(shapes[1].rings.size(), 2u);
  EXPECT_EQ(shapes[1].rings[1][1].lon, 6);
  EXPECT_EQ(shapes[1].rings[1][1].lat, 5);
}

TEST(SvgMap, MalformedGeoJsonIsRejectedNamingTheFeature) {
  ExpectRejected(json::array(), "not an object");
  ExpectRejected(json::object(), "no \"features\" array");
  ExpectRejected({{"features", "none"}}, "no \"features\" array");
  ExpectRejected(Collection({Feature(Square()), 5}), "feature 1: not an object");
  ExpectRejected(Collection({Feature(Square()), Feature(nullptr)}), "feature 1: no geometry");
  ExpectRejected(Collection({Feature({{"type", "Point"}, {"coordinates", {1, 2}}})}),
                 "feature 0: geometry type \"Point\" is not Polygon or MultiPolygon");
  ExpectRejected(Collection({Feature({{"type", "Polygon"}})}), "feature 0: the geometry has no \"coordinates\"");
  ExpectRejected(Collection({Feature({{"type", "Polygon"}, {"coordinates", {{{0, 0}, {"1", 0}, {1, 1}, {0, 0}}}}})}),
                 "feature 0: a coordinate is not a number");
  ExpectRejected(Collection({Feature({{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1}, {1, 1}, {0, 0}}}}})}),
                 "feature 0: a position is not an array of two numbers");
  ExpectRejected(Collection({Feature({{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 1}, {0, 0}}}}})}),
                 "feature 0: a ring has fewer than 4 positions");
  ExpectRejected(Collection({Feature({{"type", "Polygon"}, {"coordinates", json::array()}})}),
                 "feature 0: a polygon is not a non-empty array of rings");
  ExpectRejected(Collection({Feature({{"type", "MultiPolygon"}, {"coordinates", {1, 2}}})}),
                 "feature 0: a polygon is not a non-empty array of rings");
  ExpectRejected(
      Collection(
          {Feature({{"type", "Polygon"},
                    {"coordinates", {{{500000, 4700000}, {500100, 4700000}, {500100, 4700100}, {500000, 4700000}}}}})}),
      "feature 0: a coordinate is outside longitude/latitude range");
  ExpectRejected(Collection({Feature({{"type", "Polygon"}, {"coordinates", {{{NAN, 0}, {1, 0}, {1, 1}, {0, 0}}}}})}),
                 "feature 0: a coordinate is outside");
  ExpectRejected(Collection({Feature(Square(), json::object())}), "feature 0: no \"CODE\" property");
  ExpectRejected(Collection({Feature(Square(), {{"CODE", nullptr}})}), "feature 0: the \"CODE\" property is not");
  ExpectRejected(Collection({{{"geometry", Square()}}}), "feature 0: no \"properties\" object");
}

TEST(SvgAreaMap, LinksEachAreaAndHatchesTheMarkedOnesWithAnAccessibleName) {
  ASSERT_TRUE(HaveData()) << "boundary data not found in " << kDataDirectory << " (run from the source tree)";
  const auto municipalities = ShapesFromGeoJson(LoadJson("municipalities.geojson"), "LAU_CODE");
  std::vector<Shape> montana;
  for (const Shape& shape : municipalities) {
    if (shape.code.starts_with("MON")) montana.push_back(shape);
  }
  ASSERT_EQ(montana.size(), 11u);
  const ProjectedMap map = ProjectAreas(montana, {}, 320);
  ASSERT_EQ(map.areas.size(), 11u);
  EXPECT_EQ(map.width, 320);
  EXPECT_GT(map.height, 100);

  std::map<std::string, AreaLink, std::less<>> links;
  links["MON24"] = {"/places/municipalities/MON24", "Лом: has an adopted plan <demo>", true};
  links["MON29"] = {"/places/municipalities/MON29", "Montana: no adopted plan", false};
  MapOptions options;
  options.title = "Municipalities of Montana";
  options.id_prefix = "plans";
  const std::string svg = RenderAreaMap(map, links, options);
  ExpectWellFormedXml(svg);
  EXPECT_NE(svg.find("role=\"group\" aria-labelledby=\"plans-title\""), std::string::npos) << "not an image";
  EXPECT_EQ(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<a class=\"map-area map-marked\" href=\"/places/municipalities/MON24\"><title>Лом: has an "
                     "adopted plan &lt;demo&gt;</title><path d=\"M"),
            std::string::npos);
  EXPECT_NE(svg.find("fill=\"url(#plans-hatch)\""), std::string::npos) << "marked by a pattern, not colour alone";
  EXPECT_EQ(CountOccurrences(svg, "url(#plans-hatch)"), 1u);
  EXPECT_NE(svg.find("<a class=\"map-area\" href=\"/places/municipalities/MON29\"><title>Montana: no adopted"),
            std::string::npos);
  EXPECT_EQ(CountOccurrences(svg, "<a "), 2u) << "areas without a link are drawn, not linked";
  EXPECT_EQ(CountOccurrences(svg, "<g class=\"map-area\">"), 9u);
  // The same projection drawn again with other marks costs no projecting: the paths are the same strings.
  links["MON24"].marked = false;
  EXPECT_EQ(CountOccurrences(RenderAreaMap(map, links, options), "url(#plans-hatch)"), 0u);

  const std::string key = RenderAreaKey(true, "key-marked");
  ExpectWellFormedXml(key);
  EXPECT_NE(key.find("aria-hidden=\"true\""), std::string::npos);
  EXPECT_NE(key.find("url(#key-marked-hatch)"), std::string::npos);
}

TEST(SvgShadedMap, FillsEachAreaWithItsShadeAndHatchesThoseWithoutAFigure) {
  ASSERT_TRUE(HaveData()) << "boundary data not found in " << kDataDirectory << " (run from the source tree)";
  std::vector<Shape> montana;
  for (const Shape& shape : ShapesFromGeoJson(LoadJson("municipalities.geojson"), "LAU_CODE")) {
    if (shape.code.starts_with("MON")) montana.push_back(shape);
  }
  const ProjectedMap map = ProjectAreas(montana, {}, 320);
  std::map<std::string, ShadedArea, std::less<>> areas;
  areas["MON24"] = {"/scorecards/MON24", "Лом: 13%", 0};
  areas["MON29"] = {"/scorecards/MON29", "Montana: 90%", 4};
  areas["MON02"] = {"/scorecards/MON02", "Berkovitsa: No adopted plan", -1};
  MapOptions options;
  options.title = "Activities completed";
  options.description = "Of the activities …";
  options.id_prefix = "home-map";
  const std::string svg = RenderShadedMap(map, areas, options);
  ExpectWellFormedXml(svg);
  EXPECT_NE(svg.find("role=\"group\" aria-labelledby=\"home-map-title\" aria-describedby=\"home-map-desc\""),
            std::string::npos);
  EXPECT_NE(svg.find("<a class=\"map-area\" href=\"/scorecards/MON24\"><title>Лом: 13%</title><path d=\"M"),
            std::string::npos);
  EXPECT_NE(svg.find("fill=\"" + std::string(kShades[0]) + "\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"" + std::string(kShades[4]) + "\""), std::string::npos);
  // Without a figure, and without an entry at all, an area is hatched: never the lightest shade, which would read 0.
  EXPECT_EQ(CountOccurrences(svg, "fill=\"url(#home-map-none)\""), 9u);
  EXPECT_EQ(CountOccurrences(svg, "<a "), 3u);
  const std::string key = RenderShadeKey(-1, "legend");
  ExpectWellFormedXml(key);
  EXPECT_NE(key.find("url(#legend-none)"), std::string::npos);
  EXPECT_NE(RenderShadeKey(2, "legend").find(std::string(kShades[2])), std::string::npos);
}

}  // namespace
}  // namespace web
