#include "pipeline/shard/plan.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <queue>

#include "pipeline/core/sha256.h"
#include "pipeline/core/user_file.h"
#include "pipeline/runner/refresh_policy.h"

namespace planmine {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kFormat = "planmine-shard-plan 1";
constexpr uint64_t kMaxPlanBytes = 1ull << 30;
// Bytes per page when the index knows no page count to learn it from.
constexpr double kDefaultBytesPerPage = 100000;

// The page count the index holds for `path`, or -1.
Result<int64_t> StoredPages(Store* store, const std::string& path) {
  if (store == nullptr) return int64_t{-1};
  auto st = store->db().Prepare(
      "SELECT page_count FROM documents WHERE path = ? AND page_count > 0");
  if (!st.ok()) return st.status();
  st->Bind(1, path);
  if (st->Step()) return st->Int(0);
  if (!st->status().ok()) return st->status();
  return int64_t{-1};
}

// Deals `items` (with their known pages, -1 when unknown) into `n` lists.
std::vector<ShardWork> Balance(std::vector<WorkItem> items,
                               const std::vector<int64_t>& pages, int n) {
  uint64_t known_bytes = 0;
  int64_t known_pages = 0;
  for (size_t i = 0; i < items.size(); ++i)
    if (pages[i] > 0) {
      known_bytes += items[i].file.size;
      known_pages += pages[i];
    }
  const double bytes_per_page =
      known_pages > 0 ? static_cast<double>(known_bytes) / known_pages
                      : kDefaultBytesPerPage;
  std::vector<std::pair<double, size_t>> cost;  // estimated pages, item
  for (size_t i = 0; i < items.size(); ++i)
    cost.push_back({pages[i] > 0
                        ? static_cast<double>(pages[i])
                        : std::max(1.0, items[i].file.size / bytes_per_page),
                    i});
  // Largest first, each to the lightest list; ties by path, so that the
  // same files give the same plan.
  std::sort(cost.begin(), cost.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return items[a.second].file.path < items[b.second].file.path;
  });
  std::vector<ShardWork> shards(static_cast<size_t>(n));
  using Load = std::pair<double, size_t>;  // pages so far, shard
  std::priority_queue<Load, std::vector<Load>, std::greater<Load>> lightest;
  for (size_t s = 0; s < shards.size(); ++s) lightest.push({0.0, s});
  for (const auto& [pages_of, i] : cost) {
    Load l = lightest.top();
    lightest.pop();
    ShardWork& w = shards[l.second];
    w.bytes += items[i].file.size;
    w.pages += pages_of;
    w.items.push_back(std::move(items[i]));
    lightest.push({w.pages, l.second});
  }
  for (ShardWork& w : shards)
    std::sort(w.items.begin(), w.items.end(),
              [](const WorkItem& a, const WorkItem& b) {
                return a.file.path < b.file.path;
              });
  return shards;
}

Json FileJson(const SourceFile& f) {
  return {{"path", f.path},
          {"kind", f.kind == SourceKind::kPdf ? "pdf" : "text"},
          {"size", f.size},
          {"mtime", f.mtime},
          {"sha256", f.sha256}};
}

SourceFile FileFrom(const Json& j) {
  SourceFile f;
  f.path = j.at("path").get<std::string>();
  f.kind = j.at("kind").get<std::string>() == "pdf" ? SourceKind::kPdf
                                                    : SourceKind::kText;
  f.size = j.at("size").get<uint64_t>();
  f.mtime = j.at("mtime").get<int64_t>();
  f.sha256 = j.at("sha256").get<std::string>();
  return f;
}

Json PlanJson(const ShardPlan& p) {
  Json j;
  j["format"] = kFormat;
  j["planmine_version"] = p.planmine_version;
  j["versions"] = p.versions;
  j["packs"] = p.packs;
  j["ocr"] = p.ocr;
  j["max_pages"] = p.max_pages;
  j["db"] = p.db;
  j["created_at"] = p.created_at;
  j["paths"] = p.paths;
  j["roots"] = p.found.roots;
  Json files = Json::array();
  for (size_t i = 0; i < p.found.files.size(); ++i) {
    Json f = FileJson(p.found.files[i]);
    f["action"] = p.actions[i];
    files.push_back(f);
  }
  j["files"] = files;
  Json errors = Json::array();
  for (const DiscoveryError& e : p.found.errors)
    errors.push_back({{"path", e.path},
                      {"code", static_cast<int>(e.status.code())},
                      {"reason", e.status.message()}});
  j["errors"] = errors;
  Json shards = Json::array();
  for (size_t s = 0; s < p.shards.size(); ++s) {
    Json items = Json::array();
    for (const WorkItem& w : p.shards[s].items) {
      Json c = Json::array();
      for (const Correction& x : w.corrections)
        c.push_back({{"key", std::string(CorrectionKeyName(x.key))},
                     {"value", x.value},
                     {"source", x.source},
                     {"set_at", x.set_at}});
      Json item = FileJson(w.file);
      item["corrections"] = c;
      items.push_back(item);
    }
    shards.push_back({{"index", s},
                      {"bytes", p.shards[s].bytes},
                      {"pages", p.shards[s].pages},
                      {"items", items}});
  }
  j["shards"] = shards;
  return j;
}

Result<ShardPlan> PlanFrom(const Json& j, const std::string& file) {
  if (!j.is_object() || j.value("format", "") != kFormat)
    return InvalidArgument(file + ": not a planmine shard plan (format '" +
                           std::string(kFormat) + "' expected)");
  ShardPlan p;
  p.planmine_version = j.at("planmine_version").get<std::string>();
  p.versions = j.at("versions").get<std::string>();
  p.packs = j.at("packs").get<std::string>();
  p.ocr = j.at("ocr").get<std::string>();
  p.max_pages = j.at("max_pages").get<int>();
  p.db = j.at("db").get<std::string>();
  p.created_at = j.at("created_at").get<std::string>();
  p.paths = j.at("paths").get<std::vector<std::string>>();
  p.found.roots = j.at("roots").get<std::vector<std::string>>();
  for (const Json& f : j.at("files")) {
    p.found.files.push_back(FileFrom(f));
    p.actions.push_back(f.at("action").get<std::string>());
  }
  for (const Json& e : j.at("errors"))
    p.found.errors.push_back(
        {e.at("path").get<std::string>(),
         Status(static_cast<StatusCode>(e.at("code").get<int>()),
                e.at("reason").get<std::string>())});
  for (const Json& s : j.at("shards")) {
    ShardWork w;
    w.bytes = s.at("bytes").get<uint64_t>();
    w.pages = s.at("pages").get<double>();
    for (const Json& item : s.at("items")) {
      WorkItem wi;
      wi.file = FileFrom(item);
      for (const Json& c : item.at("corrections")) {
        auto key = ParseCorrectionKey(c.at("key").get<std::string>());
        if (!key)
          return InvalidArgument(file + ": unknown correction key '" +
                                 c.at("key").get<std::string>() + "'");
        wi.corrections.push_back({*key, c.at("value").get<std::string>(),
                                  c.at("source").get<std::string>(),
                                  c.at("set_at").get<std::string>()});
      }
      w.items.push_back(std::move(wi));
    }
    p.shards.push_back(std::move(w));
  }
  if (p.shards.empty()) return InvalidArgument(file + ": a plan of no shard");
  return p;
}

}  // namespace

Result<ShardPlan> MakeShardPlan(const Pipeline& pipeline, Store* store,
                                Discovery found, int shards) {
  ShardPlan plan;
  plan.versions = pipeline.versions();
  std::map<std::string, double> seconds;
  StageTimer timer(&seconds);
  std::set<std::string> seen;
  std::vector<WorkItem> work;
  std::vector<int64_t> pages;
  for (SourceFile& f : found.files) {
    seen.insert(f.path);
    std::optional<StoredDocument> stored;
    Corrections corrections;
    if (store != nullptr) {
      auto s = store->Find(f.path);
      if (!s.ok()) return s.status();
      stored = std::move(*s);
      auto c = store->CorrectionsFor(f.path);
      if (!c.ok()) return c.status();
      corrections = std::move(*c);
    }
    RefreshDecision d;
    Status hash_error;
    std::vector<StoredDocument> same_bytes;
    if (store != nullptr) {
      PLANMINE_RETURN_IF_ERROR(DecideFor(pipeline, *store, seen, stored,
                                         corrections, &f, &same_bytes, &timer,
                                         &d, &hash_error));
    } else {  // no index: every file is new, read in a shard
      auto sha = Sha256File(f.path);
      if (sha.ok()) f.sha256 = *sha;
      hash_error = sha.ok() ? Status() : sha.status();
      d.action = RefreshAction::kExtract;
    }
    // A file that cannot be hashed is left to merge, which says why.
    plan.actions.push_back(hash_error.ok() ? RefreshActionName(d.action)
                                           : "hash-failed");
    if (!hash_error.ok() || d.action != RefreshAction::kExtract) continue;
    auto p = StoredPages(store, f.path);
    if (!p.ok()) return p.status();
    pages.push_back(*p);
    work.push_back({f, std::move(corrections)});
  }
  plan.shards = Balance(std::move(work), pages, shards);
  plan.found = std::move(found);
  return plan;
}

std::string ShardSpoolBase(const std::string& run_dir, int index) {
  char name[32];
  snprintf(name, sizeof name, "shard-%04d", index);
  return (fs::path(run_dir) / name).string();
}

Status WriteShardPlan(const ShardPlan& plan, const std::string& run_dir) {
  const std::string path = (fs::path(run_dir) / "plan.json").string();
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(tmp + ": cannot write the plan");
    out << PlanJson(plan).dump(1, ' ', false,
                               nlohmann::json::error_handler_t::replace)
        << "\n";
    out.flush();
    if (!out) return IoError(tmp + ": cannot write the plan");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return IoError(path + ": cannot write the plan: " + ec.message());
  // For scripts (scripts/slurm/submit.sh): how many shards, nothing else.
  const std::string count = (fs::path(run_dir) / "shard-count").string();
  std::ofstream out(count, std::ios::trunc);
  out << plan.shards.size() << "\n";
  out.flush();
  if (!out) return IoError(count + ": cannot write");
  return Status();
}

Result<ShardPlan> LoadShardPlan(const std::string& run_dir) {
  const std::string path = (fs::path(run_dir) / "plan.json").string();
  auto bytes = ReadUserFile(path, kMaxPlanBytes);
  if (!bytes.ok())
    return bytes.status().WithPrefix("no shard plan in " + run_dir);
  Json j = Json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument(path + ": not valid JSON");
  // The JSON library reports a missing or mistyped key by throwing; this is
  // the one place it is met.
  try {
    return PlanFrom(j, path);
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(path + ": not a shard plan: " + e.what());
  }
}

}  // namespace planmine
