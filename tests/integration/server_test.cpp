// The real binary over HTTP on loopback: what a browser or an API client sees.

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/gunzip.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/server_suite.hpp"
#include "support/test_database.hpp"

namespace {

using test_support::Get;
using test_support::HttpResponse;

class ServerTest : public test_support::ServerSuite<ServerTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    Serve({"--max-body-bytes", "65536", "--max-form-bytes", "4096", "--max-upload-memory", "100000"});
  }
  static nlohmann::json GetJson(const std::string& target) {
    const HttpResponse response = Get(port(), target);
    EXPECT_EQ(response.status, 200) << target << "\n" << response.body;
    EXPECT_EQ(response.Header("content-type"), "application/json");
    return nlohmann::json::parse(response.body);
  }
};

TEST_F(ServerTest, ServesTheHomePageInBulgarianByDefault) {
  const HttpResponse response = Get(port(), "/");
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("<html lang=\"bg\">"), std::string::npos);
  EXPECT_NE(response.body.find("Заедно за приобщаване"), std::string::npos);
  EXPECT_FALSE(response.Header("x-request-id").empty());
}

TEST_F(ServerTest, ChoosesTheLanguageFromTheCookieBeforeAcceptLanguage) {
  EXPECT_NE(Get(port(), "/", {"Accept-Language: en-GB,en;q=0.9"}).body.find("<html lang=\"en\">"), std::string::npos);
  const HttpResponse both = Get(port(), "/", {"Accept-Language: en", "Cookie: lang=bg"});
  EXPECT_NE(both.body.find("<html lang=\"bg\">"), std::string::npos);
}

TEST_F(ServerTest, TheLanguageSwitcherSetsACookieAndReturnsToThePage) {
  const HttpResponse response = Get(port(), "/language/en?next=/places/municipalities/MON24");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.Header("location"), "/places/municipalities/MON24");
  EXPECT_NE(response.Header("set-cookie").find("lang=en"), std::string::npos);
  EXPECT_NE(response.Header("set-cookie").find("HttpOnly"), std::string::npos);
  EXPECT_NE(response.Header("set-cookie").find("SameSite=Lax"), std::string::npos);
}

TEST_F(ServerTest, TheLanguageSwitcherDoesNotRedirectToAnotherSite) {
  EXPECT_EQ(Get(port(), "/language/en?next=//evil.example/").Header("location"), "/");
  EXPECT_EQ(Get(port(), "/language/en?next=https://evil.example/").Header("location"), "/");
  EXPECT_EQ(Get(port(), "/language/en?next=/%09/evil.example/").Header("location"), "/");
  EXPECT_EQ(Get(port(), "/language/en?next=/%5Cevil.example/").Header("location"), "/");
}

TEST_F(ServerTest, AnUnknownAddressGetsANotFoundPageInTheUsersLanguage) {
  const HttpResponse bulgarian = Get(port(), "/no/such/page");
  EXPECT_EQ(bulgarian.status, 404);
  EXPECT_NE(bulgarian.body.find("Страницата не е намерена"), std::string::npos);
  const HttpResponse english = Get(port(), "/no/such/page", {"Accept-Language: en"});
  EXPECT_NE(english.body.find("Page not found"), std::string::npos);
  EXPECT_NE(english.body.find("href=\"/\""), std::string::npos);
}

TEST_F(ServerTest, AMalformedMunicipalityCodeIsNotFoundAndBytesThatAreNoTextAreRefused) {
  EXPECT_EQ(Get(port(), "/places/municipalities/abc").status, 404);
  const HttpResponse bytes = Get(port(), "/places/municipalities/%00%FF", {"Accept-Language: en"});
  EXPECT_EQ(bytes.status, 400) << "a NUL and a byte that is never UTF-8 are refused before any route";
  EXPECT_NE(bytes.body.find("bytes that are not text"), std::string::npos);
  EXPECT_EQ(Get(port(), "/places/municipalities/a+b").status, 404) << "a plus in a path is a plus";
  const HttpResponse unknown = Get(port(), "/places/municipalities/XYZ99");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("Няма община с този код."), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/places/municipalities/XYZ99").status, 404);
}

TEST_F(ServerTest, MetricsTellPrometheusOnThisMachineWhatWasAnsweredAndNobodyElse) {
  Get(port(), "/no/such/page");
  const HttpResponse metrics = Get(port(), "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_TRUE(metrics.Header("content-type").starts_with("text/plain; version=0.0.4"));
  EXPECT_EQ(metrics.Header("cache-control"), "no-store");
  for (const std::string line :
       {"khetane_http_requests_total{method=\"GET\",code=\"4xx\"} ",
        "khetane_http_request_duration_seconds_bucket{le=\"+Inf\"} ", "khetane_db_connections{state=\"in_use\"} ",
        "khetane_db_pool_size ", "khetane_outbox_pending ", "khetane_response_cache_entries ",
        "process_resident_memory_bytes ", "process_open_fds "}) {
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line << " missing in\n" << metrics.body;
  }
  // The version Prometheus is told is the one `khetane --version` prints ("0.1.0").
  const test_support::ProcessResult version = test_support::RunKhetane({"--version"});
  ASSERT_EQ(version.exit_code, 0) << version.output;
  const std::string build_info =
      "khetane_build_info{version=\"" + version.output.substr(0, version.output.find('\n')) + "\"} 1\n";
  EXPECT_NE(metrics.body.find(build_info), std::string::npos) << build_info << " missing in\n" << metrics.body;
  // A request a proxy in front passed on may come from anywhere: as if there were no such page.
  EXPECT_EQ(Get(port(), "/metrics", {"X-Forwarded-For: 203.0.113.9"}).status, 404);
  EXPECT_EQ(Get(port(), "/metrics", {"Forwarded: for=203.0.113.9"}).status, 404);
}

TEST_F(ServerTest, AReloadLeavesTheServerServing) {
  // `systemctl reload` sends SIGHUP, whose default action would end the process; twice, as an administrator may.
  for (int reload = 0; reload < 2; ++reload) {
    ASSERT_EQ(::kill(server_->pid(), SIGHUP), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(Get(port(), "/healthz").status, 200) << "after reload " << reload + 1;
  }
}

TEST_F(ServerTest, AFormBodyOverTheFormLimitGets413AndTheServerKeepsServing) {
  // /signin takes a form: 100 kB is refused unread, with a page in the reader's language.
  const HttpResponse response = test_support::Request(port(), "POST", "/signin", {}, std::string(100000, 'x'));
  EXPECT_EQ(response.status, 413);
  EXPECT_NE(response.body.find("твърде голямо"), std::string::npos);
  EXPECT_EQ(response.Header("connection"), "close");
  EXPECT_EQ(Get(port(), "/healthz").status, 200);
  // So is a body to an address without a route.
  EXPECT_EQ(test_support::Request(port(), "POST", "/places", {}, std::string(10000, 'x')).status, 413);
}

TEST_F(ServerTest, ARouteThatTakesFilesAcceptsALargerBodyUpToTheUploadLimit) {
  // The plan import takes files: 10 kB passes the transport (a visitor is then sent to sign in), 100 kB does not.
  const std::string upload = "/policies/documents/1/import";
  const HttpResponse accepted = test_support::Request(port(), "POST", upload, {}, std::string(10000, 'x'));
  EXPECT_NE(accepted.status, 413);
  EXPECT_LT(accepted.status, 500);
  EXPECT_EQ(test_support::Request(port(), "POST", upload, {}, std::string(100000, 'x')).status, 413);
}

TEST_F(ServerTest, AChunkedBodyOverTheFormLimitGets413EvenWhereFilesAreTaken) {
  for (const std::string path : {"/places", "/policies/documents/1/import"}) {
    std::string raw =
        "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    for (int i = 0; i < 10; ++i) raw += "400\r\n" + std::string(1024, 'y') + "\r\n";
    raw += "0\r\n\r\n";
    EXPECT_EQ(test_support::SendRaw(port(), raw).status, 413) << path;
  }
}

TEST_F(ServerTest, UploadsBeyondTheMemoryForUploadsAreAskedToComeBack) {
  // Two uploads of 60 kB at once hold more than the 100 kB the server gives uploads being received: the second one
  // is answered 503 with Retry-After (its body is not kept), and the first is served once it has arrived.
  const std::string head =
      "POST /policies/documents/1/import HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Content-Length: 60000\r\n\r\n";
  test_support::RawConnection first(port());
  first.Send(head + std::string(1000, 'a'));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the first one's headers have arrived
  const HttpResponse second = test_support::SendRaw(port(), head + std::string(60000, 'b'));
  EXPECT_EQ(second.status, 503);
  EXPECT_EQ(second.Header("retry-after"), "10");
  const HttpResponse first_answer = test_support::ParseReply(first.Finish(std::string(59000, 'a')));
  EXPECT_NE(first_answer.status, 503);
  EXPECT_NE(first_answer.status, 413);
  // The first one's lease was given back when it was answered: the next upload fits.
  EXPECT_NE(test_support::SendRaw(port(), head + std::string(60000, 'c')).status, 503);
}

TEST_F(ServerTest, AHeaderFoldedOntoASecondLineIsA400) {
  // A proxy in front may read "X-Forwarded-For: a\r\n b" as two lines where the server read one.
  const HttpResponse folded =
      test_support::SendRaw(port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(folded.status, 400);
  // A value that reaches the server in two reads is one line, and fine.
  test_support::RawConnection split(port());
  split.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: on");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(test_support::ParseReply(split.Finish("e two\r\nConnection: close\r\n\r\n")).status, 200);
  // A space before the colon, and an HTTP/1.1 request without a host, are refused as well.
  EXPECT_EQ(test_support::SendRaw(port(), "GET / HTTP/1.1\r\nHost : x\r\nConnection: close\r\n\r\n").status, 400);
  EXPECT_EQ(test_support::SendRaw(port(), "GET / HTTP/1.1\r\nConnection: close\r\n\r\n").status, 400);
  EXPECT_EQ(test_support::SendRaw(port(), "GET /healthz HTTP/1.0\r\n\r\n").status, 200) << "HTTP/1.0 needs no host";
  EXPECT_EQ(test_support::SendRaw(port(), "GET /healthz HTTP/1.1\r\nhost: x\r\nConnection: close\r\n\r\n").status, 200)
      << "a header's name in any case";
}

TEST_F(ServerTest, AClientCannotGiveItselfTheLimitOfAnUpload) {
  // The header by which the server marks an upload it gave memory to, sent by a client with a chunked form body: it
  // would have lifted the form's 4 kB limit to the upload's.
  std::string raw =
      "POST /signin HTTP/1.1\r\nHost: x\r\nX-Khetane-Upload-Lease: 1\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n";
  for (int i = 0; i < 10; ++i) raw += "400\r\n" + std::string(1024, 'y') + "\r\n";
  raw += "0\r\n\r\n";
  EXPECT_EQ(test_support::SendRaw(port(), raw).status, 400);
}

TEST_F(ServerTest, AnAddressOverTheLimitGets414AndHeadersOverItGet431) {
  const HttpResponse long_address = Get(port(), "/places/search?q=" + std::string(9000, 'a'));
  EXPECT_EQ(long_address.status, 414);
  EXPECT_NE(long_address.body.find("<html"), std::string::npos);
  const HttpResponse long_header = Get(port(), "/", {"Cookie: a=" + std::string(10000, 'c')});
  EXPECT_EQ(long_header.status, 431);
  std::vector<std::string> many;
  for (int i = 0; i < 150; ++i) many.push_back("X-Header-" + std::to_string(i) + ": " + std::to_string(i));
  EXPECT_EQ(Get(port(), "/", many).status, 431);
  // A header of 100 kB is read through and answered too, not met with a closed connection.
  EXPECT_EQ(Get(port(), "/", {"X-Big: " + std::string(100000, 'z')}).status, 431);
  EXPECT_EQ(Get(port(), "/healthz").status, 200);
}

TEST_F(ServerTest, AWrongMethodGets405) {
  EXPECT_EQ(test_support::Request(port(), "POST", "/places", {}, "a=1").status, 405);
}

TEST_F(ServerTest, EveryResponseCarriesTheSecurityHeaders) {
  for (const char* target : {"/", "/nope", "/api/v1/places/oblasts", "/static/app.css"}) {
    const HttpResponse response = Get(port(), target);
    const std::string csp = response.Header("content-security-policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << target;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << target;
    EXPECT_EQ(response.Header("x-content-type-options"), "nosniff") << target;
    EXPECT_FALSE(response.Header("referrer-policy").empty()) << target;
  }
}

TEST_F(ServerTest, StaticFilesAreCachedAndRevalidated) {
  const HttpResponse first = Get(port(), "/static/app.css");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(first.Header("cache-control").find("max-age"), std::string::npos);
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(Get(port(), "/static/app.css", {"If-None-Match: " + etag}).status, 304);
  EXPECT_EQ(Get(port(), "/static/../CMakeLists.txt").status, 404);
}

TEST_F(ServerTest, ListsArePagedWithANextLink) {
  const auto first = GetJson("/api/v1/places/municipalities?limit=100");
  EXPECT_EQ(first["total"], 265);
  EXPECT_EQ(first["items"].size(), 100u);
  ASSERT_TRUE(first["next"].is_string());
  const auto last = GetJson("/api/v1/places/municipalities?limit=100&offset=200");
  EXPECT_EQ(last["items"].size(), 65u);
  EXPECT_TRUE(last["next"].is_null());
  EXPECT_EQ(GetJson("/api/v1/places/oblasts")["total"], 28);
  EXPECT_EQ(GetJson("/api/v1/places/municipalities?oblast=MON")["total"], 11);
}

TEST_F(ServerTest, ABadPagingParameterIsA400WithAMessage) {
  for (const char* target : {"/api/v1/places/municipalities?limit=0", "/api/v1/places/municipalities?limit=1001",
                             "/api/v1/places/municipalities?limit=abc", "/api/v1/places/oblasts?offset=-1"}) {
    const HttpResponse response = Get(port(), target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_TRUE(nlohmann::json::parse(response.body)["error"]["message"].is_string()) << target;
  }
}

TEST_F(ServerTest, SearchFindsAMunicipalityAcrossCaseAndScript) {
  for (const char* query : {"Lom", "lom", "LOM", "%D0%9B%D0%BE%D0%BC" /* Лом */, "%D0%9B%D0%9E%D0%9C" /* ЛОМ */,
                            "L%C3%B3m" /* Lóm */, "Lo%CC%81m" /* o + combining acute */, "+l%C3%96M+"}) {
    const auto found = GetJson(std::string("/api/v1/places/search?q=") + query);
    ASSERT_GE(found["total"], 1) << query;
    EXPECT_EQ(found["items"][0]["code"], "MON24") << query;
    EXPECT_EQ(found["items"][0]["name_bg"], "Лом") << query;
  }
  const auto kavarna = GetJson("/api/v1/places/search?q=Kavarna");
  ASSERT_EQ(kavarna["total"], 1);
  EXPECT_EQ(kavarna["items"][0]["name_bg"], "Каварна");
}

TEST_F(ServerTest, SearchWithNothingToMatchFindsNothing) {
  EXPECT_EQ(GetJson("/api/v1/places/search?q=%22%27%3B--")["total"], 0);
  EXPECT_EQ(GetJson("/api/v1/places/search?q=")["total"], 0);
  EXPECT_EQ(GetJson("/api/v1/places/search?q=%25")["total"], 0) << "% is not a pattern";
  EXPECT_EQ(GetJson("/api/v1/places/search?q=_")["total"], 0) << "_ is not a pattern";
  const HttpResponse page = Get(port(), "/places/search?q=zzzzqqq");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Няма място"), std::string::npos);
}

TEST_F(ServerTest, AMunicipalitysPopulationIsTheSumOfItsSettlementsUntil2017AndItsOwnFigureFrom2023) {
  const auto blagoevgrad = GetJson("/api/v1/places/municipalities/BLG03");
  EXPECT_EQ(blagoevgrad["name_bg"], "Благоевград");
  EXPECT_EQ(blagoevgrad["name_en"], "Blagoevgrad");
  EXPECT_EQ(blagoevgrad["oblast"]["code"], "BLG");
  EXPECT_EQ(blagoevgrad["nuts3"], "BG413");
  ASSERT_EQ(blagoevgrad["population_by_year"].size(), 16u + 3u);

  // The same sum computed here from the shipped files.
  std::ifstream settlements(KHETANE_SOURCE_DIR "/data/bg/EKATTE_Settlements.csv");
  std::set<std::string> ekatte_of_blg03;
  for (std::string line; std::getline(settlements, line);) {
    if (line.find(",BLG03,") != std::string::npos) ekatte_of_blg03.insert(line.substr(0, 5));
  }
  std::ifstream census(KHETANE_SOURCE_DIR "/data/bg/census_data_settlements.csv");
  long long sum_2017 = 0;
  for (std::string line; std::getline(census, line);) {
    if (!ekatte_of_blg03.contains(line.substr(0, 5))) continue;
    const std::string last = line.substr(line.rfind(',') + 1);
    if (!last.empty()) sum_2017 += std::stoll(last);
  }
  ASSERT_GT(sum_2017, 0);
  EXPECT_EQ(blagoevgrad["population_by_year"][15]["year"], 2017);
  EXPECT_EQ(blagoevgrad["population_by_year"][15]["value"], sum_2017);
  // population_municipalities_nsi_2023_2025.csv: BLG03,BLG,Благоевград,04279,5103,Благоевград,69015,69265,70708
  EXPECT_EQ(blagoevgrad["population"]["year"], 2025);
  EXPECT_EQ(blagoevgrad["population"]["value"], 70708);
  EXPECT_EQ(blagoevgrad["population_by_year"][16]["value"], 69015);
}

TEST_F(ServerTest, AMunicipalitysSettlementsAreListedWithTheCodesAPlanMayName) {
  const auto settlements = GetJson("/api/v1/places/municipalities/BLG03/settlements");
  std::ifstream file(KHETANE_SOURCE_DIR "/data/bg/EKATTE_Settlements.csv");
  std::size_t expected = 0;
  for (std::string line; std::getline(file, line);) expected += line.find(",BLG03,") != std::string::npos;
  ASSERT_GT(expected, 0u);
  EXPECT_EQ(settlements["total"], expected);
  ASSERT_EQ(settlements["items"].size(), expected);
  bool town = false;
  for (const auto& each : settlements["items"]) {
    EXPECT_EQ(each["ekatte"].get<std::string>().size(), 5u);
    town = town || (each["name_bg"] == "Благоевград" && each["kind"] == "city");
  }
  EXPECT_TRUE(town) << "the town of Blagoevgrad is one of them";
  EXPECT_EQ(Get(port(), "/api/v1/places/municipalities/XYZ99/settlements").status, 404);
}

TEST_F(ServerTest, TheMunicipalityPageHasAChartWithATableAndAMap) {
  const HttpResponse page = Get(port(), "/places/municipalities/BLG03");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Благоевград"), std::string::npos);
  EXPECT_NE(page.body.find("class=\"population-chart\""), std::string::npos);
  EXPECT_NE(page.body.find("class=\"population-table\""), std::string::npos);
  EXPECT_NE(page.body.find("map-highlight"), std::string::npos);
  EXPECT_NE(page.body.find("75\u00a0583"), std::string::npos);  // Bulgarian digit grouping: a no-break space
}

TEST_F(ServerTest, TheHealthCheckAndTheApiDescriptionAnswer) {
  EXPECT_EQ(GetJson("/healthz")["status"], "ok");
  EXPECT_EQ(GetJson("/api/v1/openapi.json")["openapi"].get<std::string>().substr(0, 2), "3.");
}

// What a browser on a slow mobile connection gets: a page, the stylesheet and the JSON API gzipped.
constexpr const char* kCompressedTargets[] = {"/places/municipalities/MON24", "/static/app.css",
                                              "/api/v1/places/municipalities?limit=100"};

bool VariesOnAcceptEncoding(const HttpResponse& response) {
  return response.Header("vary").find("Accept-Encoding") != std::string::npos;
}

TEST_F(ServerTest, PagesStylesheetsAndJsonAreGzippedForABrowserThatAcceptsIt) {
  for (const char* target : kCompressedTargets) {
    const HttpResponse plain = Get(port(), target);
    const HttpResponse gzipped = Get(port(), target, {"Accept-Encoding: gzip, deflate, br"});
    ASSERT_EQ(plain.status, 200) << target;
    ASSERT_EQ(gzipped.status, 200) << target;
    EXPECT_EQ(gzipped.Header("content-encoding"), "gzip") << target;
    EXPECT_TRUE(VariesOnAcceptEncoding(gzipped)) << target;
    EXPECT_EQ(gzipped.Header("content-type"), plain.Header("content-type")) << target;
    EXPECT_EQ(gzipped.Header("content-length"), std::to_string(gzipped.body.size())) << target;
    EXPECT_LT(gzipped.body.size() * 2, plain.body.size()) << target << ": at least halved";
    EXPECT_EQ(test_support::Gunzip(gzipped.body), plain.body) << target << ": inflates to the very same bytes";
  }
}

TEST_F(ServerTest, AClientThatDoesNotAcceptGzipGetsTheBodyAsItIs) {
  for (const char* target : kCompressedTargets) {
    const std::string plain = Get(port(), target).body;
    for (const std::vector<std::string>& headers : std::vector<std::vector<std::string>>{
             {}, {"Accept-Encoding: identity"}, {"Accept-Encoding: GZIP;q=0, deflate"}, {"Accept-Encoding: *;q=0"}}) {
      const HttpResponse response = Get(port(), target, headers);
      const std::string sent = headers.empty() ? "no Accept-Encoding" : headers.front();
      EXPECT_EQ(response.status, 200) << target << ", " << sent;
      EXPECT_EQ(response.Header("content-encoding"), "") << target << ", " << sent;
      EXPECT_TRUE(VariesOnAcceptEncoding(response)) << target << ", " << sent << ": so caches keep both apart";
      EXPECT_EQ(response.body, plain) << target << ", " << sent;
    }
  }
}

TEST_F(ServerTest, SmallBodiesAndHeadRequestsAreNotGzipped) {
  const HttpResponse health = Get(port(), "/healthz", {"Accept-Encoding: gzip"});
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Header("content-encoding"), "");
  EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "ok");
  const HttpResponse head =
      test_support::Request(port(), "HEAD", "/places/municipalities/MON24", {"Accept-Encoding: gzip"});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-encoding"), "");
  EXPECT_TRUE(head.body.empty());
}

TEST_F(ServerTest, TheGzippedStylesheetHasItsOwnTagAndRevalidatesWithIt) {
  const HttpResponse plain = Get(port(), "/static/app.css");
  const HttpResponse gzipped = Get(port(), "/static/app.css", {"Accept-Encoding: gzip"});
  const std::string plain_tag = plain.Header("etag");
  const std::string gzip_tag = gzipped.Header("etag");
  ASSERT_FALSE(plain_tag.empty());
  EXPECT_NE(gzip_tag, plain_tag) << "a strong tag names one sequence of bytes";
  EXPECT_TRUE(gzip_tag.ends_with("-gzip\"")) << gzip_tag;

  const HttpResponse again = Get(port(), "/static/app.css", {"Accept-Encoding: gzip", "If-None-Match: " + gzip_tag});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.Header("etag"), gzip_tag);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Header("content-encoding"), "");
  // A cache that kept the other form revalidates too: the file's content is the same.
  EXPECT_EQ(Get(port(), "/static/app.css", {"Accept-Encoding: gzip", "If-None-Match: " + plain_tag}).status, 304);
  EXPECT_EQ(Get(port(), "/static/app.css", {"If-None-Match: " + gzip_tag}).status, 304);
  EXPECT_EQ(Get(port(), "/static/app.css", {"Accept-Encoding: gzip", "If-None-Match: \"stale\""}).status, 200);
}

// nginx weakens an ETag when it compresses a response (W/"…"), and a cache may hold several copies: the tag it sends
// back, weak or in a list, still names the page (RFC 9110 13.1.2: If-None-Match compares weakly).
TEST_F(ServerTest, AWeakTagFromAProxyOrAListOfTagsRevalidatesAKeptPage) {
  const HttpResponse page = Get(port(), "/places/municipalities/BLG03");
  ASSERT_EQ(page.status, 200);
  const std::string tag = page.Header("etag");
  ASSERT_FALSE(tag.empty());
  const std::string opaque = tag.starts_with("W/") ? tag.substr(2) : tag;  // "…" without the weakness
  EXPECT_EQ(Get(port(), "/places/municipalities/BLG03", {"If-None-Match: W/" + opaque}).status, 304);
  EXPECT_EQ(Get(port(), "/places/municipalities/BLG03", {"If-None-Match: " + opaque}).status, 304);
  EXPECT_EQ(Get(port(), "/places/municipalities/BLG03", {"If-None-Match: \"old\",W/" + opaque}).status, 304);
  EXPECT_EQ(Get(port(), "/places/municipalities/BLG03", {"If-None-Match: \"old\", W/\"older\""}).status, 200);
  EXPECT_EQ(
      Get(port(), "/static/app.css", {"If-None-Match: W/" + Get(port(), "/static/app.css").Header("etag")}).status,
      304);
}

TEST(ServerStartup, ADatabaseThatCannotBeOpenedEndsTheProcessWithOneClearLine) {
  const std::string garbage = (std::filesystem::temp_directory_path() / "khetane-not-a-database.db").string();
  std::ofstream(garbage) << "this is not a SQLite database, it is a text file\n";
  const auto result = test_support::RunKhetane({"serve", "--database", garbage, "--listen", "127.0.0.1:0"});
  std::filesystem::remove(garbage);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find(garbage), std::string::npos) << result.output;
  EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
}

TEST(ServerStartup, AnUnreachablePostgresUrlEndsTheProcessWithOneClearLine) {
  const auto result = test_support::RunKhetane(
      {"serve", "--database", "postgresql://nobody:secret@127.0.0.1:1/none", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
  EXPECT_EQ(result.output.find("secret"), std::string::npos) << "the password must not be printed";
}

TEST(ServerShutdown, SigtermStopsTheServerCleanly) {
  test_support::TestDatabase database;
  test_support::ServerProcess server(database.target());
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
