// planmine serve (issue 16) end to end: the server started as a user starts
// it, on a free port; its API checked against docs/json.md and against the
// CLI's own JSON; hostile requests; an ingest while it answers; and the pages
// as headless Chromium shows them (screenshots in docs/serve/). The browser
// test runs over the real-corpus index (../shared/corpus-real) where there is
// one, else over the bundled corpus; without chromium it skips with a
// message, and fails when CI=true.
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "pipeline/load/store.h"
#include "pipeline/serve/server.h"
#include "tests/catch.h"
#include "tests/chromium.h"
#include "tests/json_shapes.h"
#include "tests/sample_index.h"
#include "tests/test_util.h"

namespace planmine {
namespace {
using namespace testing;
namespace fs = std::filesystem;
using J = nlohmann::json;

// `planmine serve --port 0` in a child process, stopped (SIGTERM) when the
// object dies; the port is read from its first line on stderr.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& db, const std::string& args = "") {
    log_ = dir_.File("serve.log");
    const std::string cmd =
        "exec " + PlanmineBin() + " --db " + db + " serve --port 0 " + args;
    pid_ = fork();
    if (pid_ == 0) {
      int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    static const std::regex kListening(R"(on http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 600 && port_ == 0 && alive(); ++i) {
      std::smatch m;
      std::string text = ReadFile(log_);
      if (std::regex_search(text, m, kListening))
        port_ = std::stoi(m[1]);
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    INFO(ReadFile(log_));
    REQUIRE(port_ > 0);
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int st = 0;
      waitpid(pid_, &st, 0);
    }
  }
  // Stops it and returns its exit code.
  int Stop() {
    kill(pid_, SIGTERM);
    int st = 0;
    waitpid(pid_, &st, 0);
    pid_ = -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
  bool alive() const {
    int st = 0;
    return pid_ > 0 && waitpid(pid_, &st, WNOHANG) == 0;
  }
  int port() const { return port_; }
  std::string log() const { return ReadFile(log_); }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }

 private:
  TempDir dir_;
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

bool HaveRealCorpus() {
  if (fs::exists(RealCorpusDir() + "/MANIFEST.tsv")) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true")
    FAIL("CI=true but ../shared/corpus-real is missing");
  WARN(
      "../shared/corpus-real is absent: the serve browser test uses the "
      "bundled corpus");
  return false;
}

// The index e2e_corpus_real_test.cc builds (same file, same lock).
std::string RealIndex() {
  std::string path =
      std::string(PLANMINE_BUILD_DIR) + "/real-corpus-test.sqlite";
  CommandResult r = Run("flock " + path + ".testlock " + PlanmineBin() +
                        " --db " + path + " ingest " + RealCorpusDir());
  INFO(r.out);
  CHECK(r.exit_code == 0);
  return path;
}

J GetJson(httplib::Client& c, const std::string& path, int want = 200) {
  auto res = c.Get(path.c_str());
  INFO(path);
  REQUIRE(res);
  INFO(res->body.substr(0, 2000));
  CHECK(res->status == want);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  return J::parse(res->body);
}

// stdout of a CLI command, as JSON.
J CliJson(const std::string& db, const std::string& args) {
  auto r = Run("(" + PlanmineBin() + " --db " + db + " " + args +
               " --format json 2>/dev/null)");
  INFO(args << "\n" << r.out.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  return J::parse(r.out);
}

}  // namespace

TEST_CASE("Serve: every API endpoint's JSON matches docs/json.md",
          "[e2e][serve]") {
  const std::string db = SampleIndex();
  ServeProcess server(db);
  auto c = server.Client();
  const auto shapes = DocumentedShapes();
  const std::vector<std::pair<std::string, std::string>> endpoints = {
      {"search", "/api/search?q=gobierno&limit=50"},
      {"search --by document", "/api/search?q=gobierno&by=document"},
      {"search --by country", "/api/search?q=gobierno&by=country"},
      {"documents", "/api/documents"},
      {"documents", "/api/documents?country=Colombia"},
      {"commitments", "/api/commitments"},
      {"compare", "/api/compare"},
      {"compare", "/api/compare?rows=cycle&cols=doc_type&measure=documents"},
      {"timeline", "/api/timeline?theme=open_data"},
      {"failures", "/api/failures"}};
  for (const auto& [shape, path] : endpoints) {
    J j = GetJson(c, path);
    INFO(path);
    CHECK(j["schema_version"] == 1);
    CHECK(j["command"] == shape.substr(0, shape.find(' ')));
    REQUIRE(j["total"].is_number_integer());
    CHECK(j["count"].get<size_t>() == j["rows"].size());
    CheckRows(j["rows"], shapes.at(shape), path);
    if (shape != "failures") CHECK_FALSE(j["rows"].empty());
  }
  // One document: its documents row and its commitments.
  J docs = GetJson(c, "/api/commitments?limit=1");
  const std::string key = docs["rows"][0]["doc_key"];
  J one = GetJson(c, "/api/documents/" + key);
  CHECK(one["count"] == 1);
  CheckRows(one["rows"], shapes.at("documents"), "documents/" + key);
  CheckRows(one["commitments"], shapes.at("commitments"), "its commitments");
  CHECK_FALSE(one["commitments"].empty());
  CHECK(one["rows"][0]["doc_key"] == key);
  for (const char* part : {"evidence", "pages", "themes", "entities"}) {
    INFO(part);
    CheckRows(one[part], shapes.at(std::string("document: ") + part), part);
    CHECK_FALSE(one[part].empty());
  }
  CHECK(one["pages"].size() == one["rows"][0]["pages"].get<size_t>());
  // One commitment: its row, milestones, themes, sections, assessments.
  const std::string ckey = docs["rows"][0]["commitment_key"];
  J cm = GetJson(c, "/api/commitments/" + ckey);
  CHECK(cm["count"] == 1);
  CheckRows(cm["rows"], shapes.at("commitments"), ckey);
  CHECK(cm["rows"][0]["commitment_key"] == ckey);
  for (const char* part : {"milestones", "themes", "sections", "assessed_by"})
    CheckRows(cm[part], shapes.at(std::string("commitment: ") + part), part);
  CHECK(cm["milestones"].size() == cm["rows"][0]["milestones"].get<size_t>());
  // What a compare cell counts, for each measure.
  for (const char* measure : {"commitments", "documents", "mentions"}) {
    J cell = GetJson(c, std::string("/api/compare/cell?rows=country&cols=") +
                            "theme&row=CO&col=open_data&measure=" + measure);
    INFO(measure);
    CHECK(cell["command"] == "compare cell");
    CHECK(cell["measure"] == measure);
    CheckRows(cell["rows"], shapes.at(std::string("compare cell: ") + measure),
              measure);
    CHECK_FALSE(cell["rows"].empty());
  }
  J status = GetJson(c, "/api/status");
  CHECK(status["command"] == "status");
  REQUIRE(status["tables"].is_object());
  for (const auto& [table, rows] : status["tables"].items()) {
    INFO(table);
    REQUIRE(shapes.count("status: " + table));
    CheckRows(rows, shapes.at("status: " + table), table);
  }
  // CSV where the CLI has CSV.
  auto csv = c.Get("/api/documents?format=csv");
  REQUIRE(csv);
  CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(csv->body.rfind("doc_key,country,", 0) == 0);
  // One access-log line per request, with the status. The server writes it
  // once the response is sent (cpp-httplib's logger runs after the write),
  // so a client can hold the answer before the line exists: waited for.
  bool logged = false;
  for (int i = 0; i < 200 && !logged; ++i) {
    logged = server.log().find("\"GET /api/status\" 200 ") != std::string::npos;
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  CHECK(logged);
}

TEST_CASE("Serve: the API prints what the CLI prints", "[e2e][serve]") {
  const std::string db = SampleIndex();
  ServeProcess server(db);
  auto c = server.Client();
  const std::vector<std::pair<std::string, std::string>> same = {
      {"/api/documents", "documents"},
      {"/api/documents?country=CO&type=action_plan",
       "documents --country CO --type action_plan"},
      {"/api/commitments?country=Colombia", "commitments --country Colombia"},
      {"/api/search?q=participaci%C3%B3n%20ciudadana",
       "search 'participación ciudadana'"},
      {"/api/search?q=datos&by=document&lang=es",
       "search datos --by document --lang es"},
      {"/api/compare?rows=country&cols=doc_type",
       "compare --rows country --cols doc_type"},
      {"/api/timeline?theme=open_data", "timeline --theme open_data"},
      {"/api/status", "status"}};
  for (const auto& [path, args] : same) {
    INFO(path << " vs planmine " << args);
    CHECK(GetJson(c, path) == CliJson(db, args));
  }
}

TEST_CASE("Serve: bad and hostile requests get clear errors, it stays up",
          "[e2e][serve]") {
  const std::string db = SampleIndex();
  ServeProcess server(db);
  auto c = server.Client();
  // path, status, the whole error message.
  const std::vector<std::tuple<std::string, int, std::string>> cases = {
      {"/api/search", 400, "parameter 'q' is required"},
      {"/api/search?q=datos&by=page", 400,
       "unknown by 'page': use sentence, document, country"},
      {"/api/search?q=datos&limit=0", 400,
       "parameter 'limit' must be a whole number from 1 to 1000, got '0'"},
      {"/api/search?q=datos&limit=10000000000", 400,
       "parameter 'limit' must be a whole number from 1 to 1000, got "
       "'10000000000'"},
      {"/api/search?q=datos&page=-1", 400,
       "parameter 'page' must be a whole number from 1 to 100000, got '-1'"},
      {"/api/search?q=datos&q=more", 400, "parameter 'q' given twice"},
      {"/api/search?q=datos&sort=1", 400,
       "unknown parameter 'sort': this page takes q, by, country, lang, type, "
       "cycle, theme, from_year, to_year, limit, page, format"},
      {"/api/search?q=%C3%28", 400, "parameter 'q' is not valid UTF-8"},
      {"/api/search?q=a%00b", 400, "parameter 'q' holds a control character"},
      {"/api/search?q=" + std::string(1001, 'a'), 400,
       "parameter 'q' is 1001 bytes long; the limit is 1000"},
      {"/api/documents?type=novel", 400, ""},
      {"/api/documents/../../etc/passwd", 400,
       "a doc_key is 16 hex digits, got '../../etc/passwd'"},
      {"/api/documents/0123456789abcdef", 404, "no document 0123456789abcdef"},
      {"/api/commitments/0123456789abcdef-c1", 404,
       "no commitment 0123456789abcdef-c1"},
      {"/api/commitments/0123456789abcdef-x", 400,
       "a commitment_key is a doc_key, '-c' and a number, got "
       "'0123456789abcdef-x'"},
      {"/api/compare/cell?rows=country", 400,
       "parameters 'row' and 'col' are required"},
      {"/api/nothing", 404, ""},
      {"/api/timeline", 400, "parameter 'theme' is required"},
      {"/api/compare?rows=planet", 400,
       "unknown rows 'planet': use country, theme, doc_type, cycle, year, "
       "language"}};
  for (const auto& [path, status, message] : cases) {
    J j = GetJson(c, path, status);
    INFO(path);
    CHECK(j["schema_version"] == 1);
    CHECK(j["error"]["status"] == status);
    if (!message.empty()) CHECK(j["error"]["message"] == message);
  }
  // Unknown filter values name the valid ones (filters.h, as the CLI).
  J bad = GetJson(c, "/api/search?q=datos&country=Atlantis", 400);
  CHECK(bad["error"]["message"].get<std::string>().find("CO") !=
        std::string::npos);
  J theme = GetJson(c, "/api/commitments?theme=astrology", 400);
  CHECK(theme["error"]["message"].get<std::string>().find("open_data") !=
        std::string::npos);
  // FTS5 syntax errors are the user's: 400 with the reason.
  for (const char* q : {"%22unclosed", "datos%20AND", "NEAR(%22a%22", "*"}) {
    auto res = c.Get((std::string("/api/search?q=") + q).c_str());
    REQUIRE(res);
    INFO(q << ": " << res->body);
    CHECK(res->status == 400);
  }
  // A URI past httplib's limit (8 KB): 414; a body: 405 (read only).
  auto huge = c.Get(("/api/search?q=" + std::string(20000, 'x')).c_str());
  REQUIRE(huge);
  CHECK(huge->status == 414);
  auto post = c.Post("/api/search", "q=datos", "text/plain");
  REQUIRE(post);
  CHECK(post->status == 405);
  // Pages answer HTML errors with the same statuses.
  auto page = c.Get("/documents/..%2F..%2Fetc%2Fpasswd");
  REQUIRE(page);
  CHECK(page->status == 400);
  CHECK(page->body.find("/etc/passwd") == std::string::npos);
  auto xss = c.Get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  REQUIRE(xss);  // 400 (FTS5 refuses the parenthesis), the query escaped
  CHECK(xss->status == 400);
  CHECK(xss->body.find("<script>") == std::string::npos);
  CHECK(xss->body.find("&lt;script&gt;") != std::string::npos);
  // 1,000 connections open at once, each with a request; then every answer
  // is read: all complete, and the server is up afterwards.
  std::vector<int> socks;
  const std::string get =
      "GET /api/search?q=datos&by=country HTTP/1.1\r\nHost: localhost\r\n"
      "Connection: close\r\n\r\n";
  for (int i = 0; i < 1000; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(server.port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(write(fd, get.data(), get.size()) ==
            static_cast<ssize_t>(get.size()));
    socks.push_back(fd);
  }
  int ok = 0;
  for (int fd : socks) {
    std::string answer;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) answer.append(buf, n);
    close(fd);
    if (answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0 &&
        answer.find("\"command\": \"search\"") != std::string::npos)
      ++ok;
  }
  CHECK(ok == 1000);
  CHECK(server.alive());
  J status = GetJson(c, "/api/status");
  CHECK(status["command"] == "status");
  CHECK(server.Stop() == 0);
}

TEST_CASE("Serve: a request past its time budget is stopped with 503",
          "[serve]") {
  const std::string db = SampleIndex();
  auto store = Store::OpenForQuery(db);
  REQUIRE(store.ok());
  ServeOptions o;
  o.db = db;
  o.time_budget = std::chrono::milliseconds(0);
  ServeContext ctx;
  ctx.db = &(*store)->db();
  ctx.options = &o;
  HttpResponse r = Handle(ctx, {"/api/documents", {}});
  CHECK(r.status == 503);
  CHECK(J::parse(r.body)["error"]["message"] ==
        "the request ran past its time budget of 0 ms; narrow it (filters, "
        "fewer words) or try again");
  // The connection is usable again on the next request.
  o.time_budget = std::chrono::milliseconds(60000);
  r = Handle(ctx, {"/api/documents", {}});
  CHECK(r.status == 200);
}

TEST_CASE("Serve: an ingest while it answers, and the new rows appear",
          "[e2e][serve]") {
  TempDir dir;
  const std::string docs = dir.File("docs");
  fs::create_directories(docs);
  // The corpus but one file first; the Mexican workshop arrives with the
  // refresh.
  const std::string late = "mx-workshop-findings-2012.pdf";
  for (const auto& e : fs::directory_iterator(SampleDir() + "/docs"))
    if (e.path().filename() != late)
      fs::copy_file(e.path(), docs + "/" + e.path().filename().string());
  const std::string db = dir.File("index.sqlite");
  const std::string ingest =
      PlanmineBin() + " --db " + db + " ingest " + docs + " --ocr off -q";
  REQUIRE(Run(ingest).exit_code == 0);
  ServeProcess server(db);
  auto c = server.Client();
  J before = GetJson(c, "/api/documents");
  GetJson(c, "/api/search?q=workshop&country=MX", 400);  // no MX yet
  // Requests all through the refresh.
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, errors{0};
  std::thread asker([&] {
    auto c2 = server.Client();
    while (!done) {
      auto r = c2.Get("/api/search?q=datos&by=document");
      (r && r->status == 200 ? answered : errors)++;
    }
  });
  fs::copy_file(SampleDir() + "/docs/" + late, docs + "/" + late);
  CommandResult refresh = Run(ingest);
  done = true;
  asker.join();
  INFO(refresh.out);
  CHECK(refresh.exit_code == 0);
  CHECK(answered > 0);
  CHECK(errors == 0);
  J after = GetJson(c, "/api/documents");
  CHECK(after["total"].get<int>() == before["total"].get<int>() + 1);
  J found = GetJson(c, "/api/search?q=workshop&country=MX");
  CHECK(found["total"].get<int>() > 0);
}

TEST_CASE("Serve: search, a facet, a document and a commitment in Chromium",
          "[e2e][serve][browser]") {
  if (!HaveChromium("the serve browser test")) return;
  const bool real = HaveRealCorpus();
  const std::string db = real ? RealIndex() : SampleIndex();
  ServeProcess server(db);
  auto c = server.Client();
  // The screenshots go to the build folder; PLANMINE_UPDATE_SCREENSHOTS=1
  // writes the ones committed in docs/serve/ instead.
  const char* update = std::getenv("PLANMINE_UPDATE_SCREENSHOTS");
  const std::string shots =
      update != nullptr && std::string(update) == "1"
          ? SourceDir() + "/docs/serve"
          : std::string(PLANMINE_BUILD_DIR) + "/serve-screenshots";
  fs::create_directories(shots);
  fs::create_directories(shots);
  TempDir profile;
  auto chromium = [&](const std::string& what, const std::string& path) {
    const std::string url = server.url(path);
    CommandResult r =
        Run("chromium --headless --no-sandbox --disable-gpu "
            "--user-data-dir=" +
            profile.path() + " --dump-dom '" + url + "' 2>/dev/null");
    INFO(url);
    REQUIRE(r.exit_code == 0);
    Run("chromium --headless --no-sandbox --disable-gpu --user-data-dir=" +
        profile.path() +
        " --hide-scrollbars --window-size=1280,1000 "
        "--screenshot=" +
        shots + "/" + what + ".png '" + url + "'");
    return r.out;
  };
  auto href = [](const std::string& dom, const std::string& after) {
    size_t at = dom.find(after);
    REQUIRE(at != std::string::npos);
    size_t h = dom.find("href=\"", at) + 6;
    std::string link = dom.substr(h, dom.find('"', h) - h);
    return std::regex_replace(link, std::regex("&amp;"), "&");
  };
  const std::string q = real ? "transparencia" : "datos";
  // A search: documents grouped, facets by country, language, type…
  std::string search = chromium("search", "/search?q=" + q);
  CHECK(search.find("value=\"" + q + "\"") != std::string::npos);
  CHECK(search.find("id=\"facet-country\"") != std::string::npos);
  CHECK(search.find("id=\"facet-type\"") != std::string::npos);
  CHECK(search.find("<mark>") != std::string::npos);
  J api = GetJson(c, "/api/search?q=" + q + "&by=document");
  const int64_t all = api["total"];
  CHECK(search.find(std::to_string(all) + " documents") != std::string::npos);
  // A facet: the first country; fewer documents, the facet shown active.
  const std::string facet = href(search, "id=\"facet-country\"");
  CHECK(facet.find("country=") != std::string::npos);
  std::string narrowed = chromium("search-facet", facet);
  CHECK(narrowed.find("class=\"active\"") != std::string::npos);
  const std::string country = facet.substr(facet.find("country=") + 8, 2);
  J api_country =
      GetJson(c, "/api/search?q=" + q + "&by=document&country=" + country);
  CHECK(narrowed.find(std::to_string(api_country["total"].get<int64_t>()) +
                      " documents") != std::string::npos);
  CHECK(api_country["total"].get<int64_t>() <= all);
  // The first result's document page.
  const std::string doc_link = href(narrowed, "id=\"results\"");
  REQUIRE(doc_link.rfind("/documents/", 0) == 0);
  std::string doc = chromium("document", doc_link);
  J one = GetJson(c, "/api/documents" + doc_link.substr(10));
  const J& row = one["rows"][0];
  const std::string title = row["title"].is_null() ? row["file"] : row["title"];
  CHECK(doc.find("id=\"title\"") != std::string::npos);
  CHECK(doc.find(std::regex_replace(title, std::regex("&"), "&amp;")) !=
        std::string::npos);
  CHECK(doc.find("Commitments (" + std::to_string(one["commitments"].size()) +
                 ")") != std::string::npos);
  CHECK(doc.find("Metadata and where it came from") != std::string::npos);
  CHECK(doc.find("id=\"themes\"") != std::string::npos);
  CHECK(doc.find("id=\"pages\"") != std::string::npos);
  CHECK(doc.find("id=\"pdf\"") != std::string::npos);  // the file is here
  for (const J& t : one["themes"])
    CHECK(doc.find(">" +
                   std::regex_replace(t["label"].get<std::string>(),
                                      std::regex("&"), "&amp;") +
                   "</a>") != std::string::npos);
  // A commitment page: an action plan's first commitment.
  J plan = GetJson(c, "/api/commitments?type=action_plan&limit=1");
  REQUIRE(plan["rows"].size() == 1);
  const J& cm = plan["rows"][0];
  const std::string ckey = cm["commitment_key"];
  std::string plan_doc =
      chromium("plan", "/documents/" + cm["doc_key"].get<std::string>());
  CHECK(plan_doc.find("/commitments/" + ckey) != std::string::npos);
  std::string commitment = chromium("commitment", "/commitments/" + ckey);
  CHECK(commitment.find("id=\"title\"") != std::string::npos);
  CHECK(commitment.find("<th>commitment_key</th><td>" + ckey + "</td>") !=
        std::string::npos);
  CHECK(commitment.find("IRM assessment") != std::string::npos);
  J detail = GetJson(c, "/api/commitments/" + ckey);
  CHECK(commitment.find("Milestones (" +
                        std::to_string(detail["milestones"].size()) + ")") !=
        std::string::npos);
  for (const J& m : detail["milestones"])
    if (m["text"].is_string())
      CHECK(commitment.find(std::regex_replace(m["text"].get<std::string>(),
                                               std::regex("&"), "&amp;")) !=
            std::string::npos);
  // Each IRM unit that says it assesses a plan commitment is among that
  // commitment's assessed_by, and the other way round.
  J irm = GetJson(c, "/api/commitments?type=irm_report&limit=1000");
  int links = 0;
  for (const J& unit : irm["rows"]) {
    if (unit["assesses"].is_null()) continue;
    J target =
        GetJson(c, "/api/commitments/" + unit["assesses"].get<std::string>());
    bool found = false;
    for (const J& a : target["assessed_by"])
      found = found || a["commitment_key"] == unit["commitment_key"];
    INFO(unit["commitment_key"]);
    CHECK(found);
    links += static_cast<int>(target["assessed_by"].size() > 0);
  }
  if (real) CHECK(links > 0);
  // The comparison, and one cell's commitments.
  std::string compare = chromium("compare", "/compare");
  CHECK(compare.find("id=\"matrix\"") != std::string::npos);
  const std::string cell = href(compare, "class=\"cell\"");
  REQUIRE(cell.rfind("/compare/cell?", 0) == 0);
  std::string units = chromium("compare-cell", cell);
  CHECK(units.find("id=\"units\"") != std::string::npos);
  CHECK(units.find("/commitments/") != std::string::npos);
  for (const char* shot : {"search", "search-facet", "document", "commitment",
                           "compare", "compare-cell"})
    CHECK(fs::file_size(shots + "/" + shot + ".png") > 10000);
}

}  // namespace planmine

namespace planmine {

TEST_CASE("Serve: the timeline page's cells link to what they count",
          "[e2e][serve]") {
  ServeProcess server(SampleIndex());
  auto c = server.Client();
  auto page = c.Get("/timeline?theme=open_data");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  // <a href="LINK">COUNT</a>: documents link to /documents, mentions to the
  // sentences tagged with the theme.
  static const std::regex kCell(R"re(<a href="([^"]+)">(\d+)</a>)re");
  int links = 0;
  const std::string& html = page->body;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kCell);
       it != std::sregex_iterator(); ++it) {
    const std::string link =
        std::regex_replace((*it)[1].str(), std::regex("&amp;"), "&");
    const std::string count = (*it)[2];
    auto target = c.Get(link.c_str());
    INFO(link);
    REQUIRE(target);
    REQUIRE(target->status == 200);
    if (link.rfind("/documents?", 0) == 0)
      CHECK(target->body.find("<h1>Documents (" + count + ")</h1>") !=
            std::string::npos);
    else
      CHECK(target->body.find("id=\"count\">" + count + " sentences") !=
            std::string::npos);
    ++links;
  }
  CHECK(links >= 4);
}

// The units a cell of /compare/cell lists, as its API gives them: the
// cell's number for commitments and documents, the mentions added up.
int64_t CellUnits(httplib::Client& c, const std::string& link,
                  const std::string& measure) {
  J j = GetJson(c, "/api" + link);
  if (measure != "mentions") return j["total"];
  int64_t sum = 0;
  for (const J& r : j["rows"]) sum += r["mentions"].get<int64_t>();
  return sum;
}

TEST_CASE("Serve: the compare page's cells link to exactly what they count",
          "[e2e][serve]") {
  ServeProcess server(SampleIndex());
  auto c = server.Client();
  static const std::regex kCell(R"re(class="cell" href="([^"]+)">(\d+)</a>)re");
  for (const char* query :
       {"/compare", "/compare?rows=country&cols=theme&measure=documents",
        "/compare?rows=theme&cols=cycle&measure=mentions",
        "/compare?rows=country&cols=doc_type&measure=documents"}) {
    auto page = c.Get(query);
    INFO(query);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    const std::string& html = page->body;
    const std::string q = query;
    const std::string measure =
        q.find("measure=") == std::string::npos
            ? "commitments"
            : q.substr(q.find("measure=") + 8, q.find('&', q.find("measure=")) -
                                                   q.find("measure=") - 8);
    int cells = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kCell);
         it != std::sregex_iterator(); ++it) {
      const std::string link =
          std::regex_replace((*it)[1].str(), std::regex("&amp;"), "&");
      const int64_t count = std::stoll((*it)[2]);
      INFO(link);
      CHECK(CellUnits(c, link, measure) == count);
      auto target = c.Get(link.c_str());
      REQUIRE(target);
      CHECK(target->status == 200);
      CHECK(target->body.find("id=\"units\"") != std::string::npos);
      ++cells;
    }
    CHECK(cells >= 3);
  }
}

TEST_CASE("Serve: a document's PDF while it is the file indexed",
          "[e2e][serve]") {
  TempDir dir;
  const std::string docs = dir.File("docs");
  fs::create_directories(docs);
  const std::string name = "co-plan-accion-demo-2021-2023.pdf";
  fs::copy_file(SampleDir() + "/docs/" + name, docs + "/" + name);
  const std::string db = dir.File("index.sqlite");
  REQUIRE(
      Run(PlanmineBin() + " --db " + db + " ingest " + docs + " --ocr off -q")
          .exit_code == 0);
  ServeProcess server(db);
  auto c = server.Client();
  J list = GetJson(c, "/api/documents");
  REQUIRE(list["rows"].size() == 1);
  const std::string key = list["rows"][0]["doc_key"];
  const std::string bytes = ReadFile(docs + "/" + name);
  auto pdf = c.Get(("/documents/" + key + "/pdf").c_str());
  REQUIRE(pdf);
  CHECK(pdf->status == 200);
  CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
  CHECK(pdf->body == bytes);
  // A viewer asks for ranges.
  auto part =
      c.Get(("/documents/" + key + "/pdf").c_str(), {{"Range", "bytes=0-99"}});
  REQUIRE(part);
  CHECK(part->status == 206);
  CHECK(part->body == bytes.substr(0, 100));
  // The document page links its pages into it.
  auto page = c.Get(("/documents/" + key).c_str());
  REQUIRE(page);
  CHECK(page->body.find("id=\"pdf\" href=\"/documents/" + key + "/pdf\"") !=
        std::string::npos);
  CHECK(page->body.find("/pdf#page=1\"") != std::string::npos);
  // Changed since it was indexed: not the file the page cites.
  {
    std::ofstream out(docs + "/" + name, std::ios::app);
    out << "\n% appended\n";
  }
  auto changed = c.Get(("/documents/" + key + "/pdf").c_str());
  REQUIRE(changed);
  CHECK(changed->status == 404);
  CHECK(changed->body.find("has changed since it was indexed") !=
        std::string::npos);
  auto page2 = c.Get(("/documents/" + key).c_str());
  REQUIRE(page2);
  CHECK(page2->body.find("id=\"no-pdf\"") != std::string::npos);
  // --no-files: never.
  ServeProcess closed(db, "--no-files");
  auto c2 = closed.Client();
  auto refused = c2.Get(("/documents/" + key + "/pdf").c_str());
  REQUIRE(refused);
  CHECK(refused->status == 404);
  CHECK(refused->body.find("--no-files") != std::string::npos);
}

}  // namespace planmine
