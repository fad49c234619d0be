// The HTML report of the sample corpus as a browser shows it: headless
// Chromium runs the page's script, `--dump-dom` gives the page after it, and
// `#q=` in the address sets the filter. Skipped with a message where chromium
// is not installed (scripts/install-deps.sh installs it); failed when
// CI=true. The screenshot is left in the build folder
// (tests/report-screenshot.png) for a human to look at.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/catch.h"
#include "tests/chromium.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

// The heatmaps as a reader sees them: each cell's text and title, in order.
std::string HeatText(const std::string& html) {
  const size_t b = html.find("<table class=\"heat\"");
  const size_t e = html.find("id=\"cycles\"");
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string s = html.substr(b, e - b);
  std::string out;
  bool in_tag = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      in_tag = true;
      const size_t t = s.find(" title=\"", i), close = s.find('>', i);
      if (t < close)
        out += "[" + s.substr(t + 8, s.find('"', t + 8) - t - 8) + "]";
    } else if (s[i] == '>') {
      in_tag = false;
      out += '|';
    } else if (!in_tag) {
      out += s[i];
    }
  }
  return out;
}

// The <tr> of the heatmap row whose data-key is `key`, up to its </tr>.
std::string HeatRow(const std::string& dom, const std::string& key) {
  const size_t r = dom.find("<tr data-key=\"" + key + "\"");
  REQUIRE(r != std::string::npos);
  return dom.substr(r, dom.find("</tr>", r) - r);
}

std::string Shown(const std::string& dom, const std::string& what) {
  const std::string open = "id=\"" + what + "-shown\">";
  const size_t p = dom.find(open);
  REQUIRE(p != std::string::npos);
  return dom.substr(p + open.size(),
                    dom.find('<', p + open.size()) - p - open.size());
}

}  // namespace

TEST_CASE("E2E: report --link-base links under a URL, ingest --report too",
          "[e2e][report]") {
  TempDir dir;
  const std::string db = dir.File("planmine.sqlite");
  const std::string cli = PlanmineBin() + " --db " + db + " ";
  CommandResult in =
      Run(cli + "ingest " + SampleDir() + "/docs --manifest " + SampleDir() +
          "/manifest.csv --report " + dir.File("site/ingest.html") +
          " --link-base https://example.org/ogp");
  INFO(in.out);
  REQUIRE(in.exit_code == 0);
  // The root: the deepest folder holding every document, said on stdout.
  CHECK(in.out.find("source links: https://example.org/ogp/… is " +
                    SampleDir() + "/docs/…\n") != std::string::npos);
  const std::string page = ReadFile(dir.File("site/ingest.html"));
  CHECK(page.find("href=\"https://example.org/ogp/br-plano-acao-demo-2020.pdf"
                  "#page=1\"") != std::string::npos);
  CHECK(page.find("\"" + SourceDir()) == std::string::npos);
  CHECK(page.find("../") == std::string::npos);
  // A root above it: its folder in the links.
  CommandResult up =
      Run(cli + "report --out " + dir.File("r.html") +
          " --link-base https://example.org/x/ --link-root " + SampleDir());
  INFO(up.out);
  CHECK(up.exit_code == 0);
  CHECK(ReadFile(dir.File("r.html"))
            .find("href=\"https://example.org/x/docs/br-plano-acao-demo-2020."
                  "pdf#page=1\"") != std::string::npos);
  // A root the documents are not under: refused, naming a document.
  CommandResult bad =
      Run(cli + "report --out " + dir.File("r.html") +
          " --link-base https://example.org/x/ --link-root " + dir.path());
  CHECK(bad.exit_code != 0);
  CHECK(bad.out.find(": not under the link root " + dir.path() +
                     " (set --link-root)") != std::string::npos);
}

TEST_CASE(
    "E2E: the HTML report in headless Chromium: the filter narrows the "
    "documents, the commitments and the heatmaps",
    "[e2e][report]") {
  if (!HaveChromium("the report rendering test")) return;
  TempDir dir;
  const std::string db = dir.File("planmine.sqlite");
  REQUIRE(Run(PlanmineBin() + " --db " + db + " ingest -q " + SampleDir() +
              "/docs --manifest " + SampleDir() + "/manifest.csv")
              .exit_code == 0);
  const std::string html = dir.File("site/report.html");
  CommandResult r =
      Run(PlanmineBin() + " --db " + db + " report --out " + html);
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  const std::string page = ReadFile(html);
  // Self-contained, publishable: no network asset, no path of this machine.
  for (const char* absent :
       {"http://", "https://", "<script src", "file://", "href=\"/"})
    CHECK(page.find(absent) == std::string::npos);
  CHECK(page.find(dir.path()) == std::string::npos);
  CHECK(page.find("\"" + SourceDir()) == std::string::npos);
  CHECK(page.find("corpora/sample/docs/") != std::string::npos);

  auto dom = [&](const std::string& hash) {
    CommandResult c = Run(
        "chromium --headless --no-sandbox --disable-gpu --dump-dom 'file://" +
        html + hash + "' 2>/dev/null");
    REQUIRE(c.exit_code == 0);
    REQUIRE(c.out.find("</html>") != std::string::npos);
    return c.out;
  };
  const std::string all = dom("");
  CHECK(all.find("Brazil <span class=\"code\">BR</span>") != std::string::npos);
  CHECK(all.find("Registro de beneficiarios finales") != std::string::npos);
  CHECK(all.find(".pdf#page=2\"") != std::string::npos);
  CHECK(all.find(".md\">") != std::string::npos);  // no page in a text file
  // The script ran and, unfiltered, counts the heatmaps as the page was
  // served: the same cells, numbers and titles.
  CHECK(Shown(all, "commitments") == "6 of 6 commitments");
  CHECK(Shown(all, "documents") == "7 of 7 documents");
  CHECK(HeatText(all) == HeatText(page));
  CHECK(HeatRow(page, "BR").find("<td class=\"n\">3</td>") !=
        std::string::npos);

  // A country: the lists narrow, the other countries' heatmap rows hide.
  const std::string br = dom("#q=country:BR");
  CHECK(Shown(br, "commitments") == "3 of 6 commitments");
  CHECK(Shown(br, "documents") == "2 of 7 documents");
  CHECK(HeatRow(br, "CO").find("hidden") != std::string::npos);
  CHECK(HeatRow(br, "BR").find("hidden") == std::string::npos);
  CHECK(HeatText(br) != HeatText(page));
  // The cycle × theme view follows: Colombia's cycle counts nothing now.
  CHECK(HeatRow(br, "2021-2023").find("<td class=\"n\">0</td>") !=
        std::string::npos);

  // A country by a name of several words, in en/es/pt, quoted or not, or
  // by another spelling: the same rows as its code.
  for (const char* gb :
       {"#q=country:%22United%20Kingdom%22", "#q=country:Reino+Unido",
        "#q=country:%22reino%20unido%22", "#q=country:uk",
        "#q=country:Gr%C3%A3-Bretanha", "#q=country:GB"}) {
    INFO(gb);
    const std::string d = dom(gb);
    CHECK(Shown(d, "documents") == "1 of 7 documents");
    CHECK(HeatRow(d, "GB").find("hidden") == std::string::npos);
    CHECK(HeatRow(d, "BR").find("hidden") != std::string::npos);
  }
  // Two countries are alternatives; a word after the name is a word; a
  // name that is no country's matches nothing.
  CHECK(Shown(dom("#q=country:Brasil+country:%22Reino+Unido%22"),
              "documents") == "3 of 7 documents");
  CHECK(Shown(dom("#q=country:Reino+Unido+contracting"), "documents") ==
        "1 of 7 documents");
  CHECK(Shown(dom("#q=country:Reino+Unido+beneficiarios"), "documents") ==
        "0 of 7 documents");
  CHECK(Shown(dom("#q=country:United"), "documents") == "0 of 7 documents");

  // A heatmap cell's link filters the commitments it counts.
  const std::string cell = "#q=country:BR+theme:open_data+is:counted";
  const size_t at = HeatRow(page, "BR").find("href=\"" + cell + "\">1<small>");
  CHECK(at != std::string::npos);
  const std::string one = dom(cell);
  CHECK(Shown(one, "commitments") == "1 of 6 commitments");
  CHECK(HeatRow(one, "BR").find("<td class=\"n\">1</td>") != std::string::npos);

  // Words: accents and case do not matter, every word must occur.
  CHECK(Shown(dom("#q=BENEFICIARIOS%20financas"), "commitments") ==
        "0 of 6 commitments");
  CHECK(Shown(dom("#q=beneficiarios"), "commitments") == "1 of 6 commitments");

  // Typing, a click on a heatmap cell and "clear", in the page as a reader
  // uses it: a probe page beside the report drives it in a frame and writes
  // what it saw (file pages may script each other with
  // --allow-file-access-from-files).
  WriteFile(dir.File("site/probe.html"), R"HTML(<!DOCTYPE html>
<html><body><pre id="out"></pre><iframe id="f" src="report.html"></iframe>
<script>
document.getElementById('f').addEventListener('load', () => {
  const w = document.getElementById('f').contentWindow, d = w.document;
  const out = [], shown = () => d.getElementById('commitments-shown').textContent;
  const box = d.getElementById('q');
  box.value = 'country:CO'; box.dispatchEvent(new w.Event('input'));
  out.push('typed: ' + shown() + ' ' + w.location.hash);
  const a = d.querySelector('table.heat tr[data-key="CO"] td.c a');
  const k = a.firstChild.textContent;
  a.click();
  out.push('clicked: ' + shown() + ' (cell ' + k + ') ' + box.value + ' ' + w.location.hash);
  d.getElementById('clear').click();
  out.push('cleared: ' + shown() + ' [' + box.value + ']');
  document.getElementById('out').textContent = out.join('\n');
});
</script></body></html>
)HTML");
  CommandResult probe =
      Run("chromium --headless --no-sandbox --disable-gpu "
          "--allow-file-access-from-files --dump-dom 'file://" +
          dir.File("site/probe.html") + "' 2>/dev/null");
  INFO(probe.out);
  CHECK(probe.out.find("typed: 3 of 6 commitments #q=country:CO\n") !=
        std::string::npos);
  CHECK(
      probe.out.find("clicked: 1 of 6 commitments (cell 1) country:CO "
                     "theme:beneficial_ownership is:counted "
                     "#q=country:CO+theme:beneficial_ownership+is:counted\n") !=
      std::string::npos);
  CHECK(probe.out.find("cleared: 6 of 6 commitments []") != std::string::npos);

  // The page as a reader sees it (look at it: tests/report-screenshot.png).
  const std::string png =
      std::string(PLANMINE_BUILD_DIR) + "/report-screenshot.png";
  fs::remove(png);
  CHECK(Run("chromium --headless --no-sandbox --disable-gpu "
            "--hide-scrollbars --window-size=1400,1800 --screenshot='" +
            png + "' 'file://" + html + "' 2>/dev/null")
            .exit_code == 0);
  CHECK(fs::exists(png));
  CHECK(fs::file_size(png) > 20000);
}

}  // namespace planmine
