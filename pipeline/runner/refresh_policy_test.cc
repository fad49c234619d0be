// The refresh policy, case by case: what the stat, the stored row, the
// corrections and the bytes decide.
#include "pipeline/runner/refresh_policy.h"

#include "tests/catch.h"

namespace planmine {
namespace {

constexpr const char* kNow = "text-1 classify-7 miner-3";
constexpr const char* kOldPacks = "text-1 classify-7 miner-2";

StoredDocument Stored(const std::string& versions, const std::string& status,
                      int64_t mtime, const std::string& corrections = "") {
  StoredDocument d;
  d.path = "/c/a.pdf";
  d.sha256 = "aaaa";
  d.status = status;
  d.versions = versions;
  d.size = 100;
  d.mtime = mtime;
  d.corrections = corrections;
  return d;
}

}  // namespace

TEST_CASE("Refresh policy: one decision per case", "[refresh_policy]") {
  struct Case {
    const char* what;
    bool in_index;
    const char* versions;  // stored
    const char* status;
    int64_t mtime;  // stored; the file's is 5
    const char* stored_corrections;
    const char* sha;  // the file's, "" when not hashed yet
    bool has_text;
    RefreshAction want;
    bool only_corrections;
  };
  const Case cases[] = {
      {"new file, not hashed", false, "", "", 0, "", "", false,
       RefreshAction::kHash, false},
      {"new file, hashed", false, "", "", 0, "", "bbbb", false,
       RefreshAction::kExtract, false},
      {"same stat, current", true, kNow, "ok", 5, "", "", true,
       RefreshAction::kUnchanged, false},
      {"same stat, packs changed", true, kOldPacks, "ok", 5, "", "", true,
       RefreshAction::kRemine, false},
      {"same stat, corrections changed", true, kNow, "ok", 5, "country=CO", "",
       true, RefreshAction::kRemine, true},
      {"same stat, text stages changed", true, "text-0", "ok", 5, "", "", false,
       RefreshAction::kHash, false},
      {"same stat, failed before", true, kNow, "failed", 5, "", "", true,
       RefreshAction::kHash, false},
      {"touched, same bytes", true, kNow, "ok", 4, "", "aaaa", true,
       RefreshAction::kTouched, false},
      {"touched, same bytes, corrected", true, kNow, "ok", 4, "year=2019",
       "aaaa", true, RefreshAction::kTouched, true},
      {"changed bytes", true, kNow, "ok", 4, "", "cccc", true,
       RefreshAction::kExtract, false},
      {"touched, packs changed", true, kOldPacks, "ok", 4, "", "aaaa", true,
       RefreshAction::kExtract, false},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      SourceFile f;
      f.path = "/c/a.pdf";
      f.size = 100;
      f.mtime = 5;
      f.sha256 = c.sha;
      StoredDocument s =
          Stored(c.versions, c.status, c.mtime, c.stored_corrections);
      RefreshFacts facts;
      facts.file = &f;
      facts.stored = c.in_index ? &s : nullptr;
      facts.versions = kNow;
      facts.stored_has_text = c.has_text;
      RefreshDecision d = DecideRefresh(facts);
      CHECK(RefreshActionName(d.action) ==
            std::string(RefreshActionName(c.want)));
      CHECK(d.only_corrections == c.only_corrections);
    }
  }
}

TEST_CASE("Refresh policy: a new path with the bytes of a gone file is moved",
          "[refresh_policy]") {
  SourceFile f;
  f.path = "/c/renamed.pdf";
  f.sha256 = "aaaa";
  StoredDocument old_version = Stored("text-0", "ok", 1);
  StoredDocument failed = Stored(kNow, "failed", 1);
  StoredDocument current = Stored(kNow, "ok", 1);
  RefreshFacts facts;
  facts.file = &f;
  facts.versions = kNow;
  facts.gone_same_bytes = {&old_version, &failed};
  CHECK(DecideRefresh(facts).action == RefreshAction::kExtract);
  facts.gone_same_bytes.push_back(&current);
  RefreshDecision d = DecideRefresh(facts);
  CHECK(d.action == RefreshAction::kMoved);
  CHECK(d.moved_from == &current);
}

}  // namespace planmine
