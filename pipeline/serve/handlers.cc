// The routing and what the handlers share (handlers.h).
#include "pipeline/serve/handlers.h"

#include <nlohmann/json.hpp>

#include "pipeline/cli/format.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/core/utf8.h"
#include "pipeline/load/db.h"

namespace planmine {
namespace serve_internal {

Result<Params> Params::Read(const HttpRequest& request,
                            const std::vector<std::string>& known,
                            size_t max_bytes) {
  Params p;
  for (const auto& [name, value] : request.params) {
    bool ok = false;
    for (const std::string& k : known) ok = ok || k == name;
    if (!ok) {
      std::string names;
      for (const std::string& k : known)
        names += (names.empty() ? "" : ", ") + k;
      return InvalidArgument(
          "unknown parameter '" + Utf8Truncate(SanitizeUtf8(name), 60) +
          "': this page takes " + (names.empty() ? "none" : names));
    }
    if (p.values_.count(name))
      return InvalidArgument("parameter '" + name + "' given twice");
    if (!IsValidUtf8(value))
      return InvalidArgument("parameter '" + name + "' is not valid UTF-8");
    if (value.size() > max_bytes)
      return InvalidArgument(
          "parameter '" + name + "' is " + std::to_string(value.size()) +
          " bytes long; the limit is " + std::to_string(max_bytes));
    for (unsigned char c : value)
      if (c < 0x20 || c == 0x7f)
        return InvalidArgument("parameter '" + name +
                               "' holds a control character");
    p.values_[name] = value;
  }
  return p;
}

std::string Params::Get(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string() : it->second;
}

Result<int> Params::Int(const std::string& name, int fallback, int lo,
                        int hi) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return fallback;
  const std::string& v = it->second;
  bool digits = v.size() <= 9;
  for (size_t i = 0; i < v.size(); ++i)
    digits =
        digits && ((v[i] >= '0' && v[i] <= '9') || (i == 0 && v[i] == '-'));
  int n = digits && v != "-" ? std::stoi(v) : lo - 1;
  if (!digits || n < lo || n > hi)
    return InvalidArgument("parameter '" + name +
                           "' must be a whole number from " +
                           std::to_string(lo) + " to " + std::to_string(hi) +
                           ", got '" + Utf8Truncate(v, 40) + "'");
  return n;
}

Result<std::string> Params::OneOf(
    const std::string& name, const std::vector<std::string>& choices) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return choices[0];
  std::string names;
  for (const std::string& c : choices) {
    if (c == it->second) return c;
    names += (names.empty() ? "" : ", ") + c;
  }
  return InvalidArgument("unknown " + name + " '" +
                         Utf8Truncate(it->second, 60) + "': use " + names);
}

Result<std::string> Params::DocType(const std::string& name) const {
  std::string v = Get(name);
  if (v.empty() || ParseDocType(v)) return v;
  return InvalidArgument("unknown " + name + " '" + Utf8Truncate(v, 60) +
                         "': use " + DocTypeNames());
}

Result<CompareOptions> ReadCompare(const Params& p) {
  const std::vector<std::string> keys = {"country", "theme", "doc_type",
                                         "cycle",   "year",  "language"};
  std::vector<std::string> cols_keys = keys;
  std::swap(cols_keys[0], cols_keys[1]);  // theme first: the default
  auto rows = p.OneOf("rows", keys);
  if (!rows.ok()) return rows.status();
  auto cols = p.OneOf("cols", cols_keys);
  if (!cols.ok()) return cols.status();
  auto measure = p.OneOf("measure", {"commitments", "documents", "mentions"});
  if (!measure.ok()) return measure.status();
  auto type = p.DocType("type");
  if (!type.ok()) return type.status();
  CompareOptions o;
  o.rows = *rows;
  o.cols = *cols;
  o.measure = *measure;
  o.cycle = p.Get("cycle");
  o.country = p.Get("country");
  o.doc_type = *type;
  return o;
}

HttpResponse JsonError(int status, const std::string& message) {
  nlohmann::ordered_json j;
  j["schema_version"] = kJsonSchemaVersion;
  j["error"] = {{"status", status}, {"message", message}};
  return {
      status, "application/json",
      j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"};
}

int HttpStatusOf(const ServeContext& ctx, const Status& s) {
  if (ctx.db != nullptr && ctx.db->deadline_passed()) return 503;
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kDeadlineExceeded:
      return 503;
    default:
      return 500;
  }
}

std::string MessageOf(const ServeContext& ctx, const Status& s) {
  if (ctx.db != nullptr && ctx.db->deadline_passed())
    return "the request ran past its time budget of " +
           std::to_string(ctx.options->time_budget.count()) +
           " ms; narrow it (filters, fewer words) or try again";
  return s.message();
}

void Page(Table* t, int offset, int limit) {
  const int64_t n = static_cast<int64_t>(t->rows.size());
  if (t->total < 0) t->total = n;
  const int64_t from = std::min<int64_t>(offset, n);
  const int64_t to = std::min<int64_t>(from + limit, n);
  t->rows = std::vector<std::vector<std::string>>(t->rows.begin() + from,
                                                  t->rows.begin() + to);
}

bool IsDocKey(const std::string& s) {
  if (s.size() != 16) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool IsCommitmentKey(const std::string& s) {
  if (s.size() < 19 || !IsDocKey(s.substr(0, 16)) || s.substr(16, 2) != "-c")
    return false;
  if (s.size() > 28) return false;
  for (size_t i = 18; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace serve_internal

HttpResponse Handle(ServeContext& ctx, const HttpRequest& request) {
  using namespace serve_internal;
  const std::string& path = request.path;
  if (!IsValidUtf8(path)) return JsonError(400, "the path is not valid UTF-8");
  ctx.db->SetDeadline(std::chrono::steady_clock::now() +
                      ctx.options->time_budget);
  HttpResponse r;
  if (path.rfind("/api/", 0) == 0)
    r = HandleApi(ctx, request, path.substr(5));
  else if (path == "/api")
    r = JsonError(404, "no such endpoint: see /api/status, /api/search…");
  else
    r = HandlePage(ctx, request);
  ctx.db->ClearDeadline();
  return r;
}

}  // namespace planmine
