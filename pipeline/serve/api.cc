// The JSON API: the CLI's questions (query.h) rendered by the CLI's JSON and
// CSV writers (format.h), so that /api/X?… and `planmine X … --format json`
// print the same shapes (docs/json.md).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "pipeline/cli/format.h"
#include "pipeline/core/utf8.h"
#include "pipeline/serve/handlers.h"

namespace planmine::serve_internal {
namespace {

using J = nlohmann::ordered_json;

HttpResponse Json(const J& j) {
  return {
      200, "application/json",
      j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"};
}

HttpResponse Csv(const Table& t) {
  return {200, "text/csv; charset=utf-8", CsvString(t)};
}

HttpResponse Error(const ServeContext& ctx, const Status& s) {
  return JsonError(HttpStatusOf(ctx, s), MessageOf(ctx, s));
}

// limit (1..max_rows) and page (1..): the rows of a list to return.
struct Paging {
  int limit = 0, offset = 0;
};
Result<Paging> ReadPaging(const ServeContext& ctx, const Params& p,
                          int fallback_limit) {
  const int max = ctx.options->max_rows;
  auto limit = p.Int("limit", std::min(fallback_limit, max), 1, max);
  if (!limit.ok()) return limit.status();
  auto page = p.Int("page", 1, 1, 100000);
  if (!page.ok()) return page.status();
  return Paging{*limit, (*page - 1) * *limit};
}

#define SERVE_TRY(var, expr) \
  auto var = (expr);         \
  if (!var.ok()) return Error(ctx, var.status())

HttpResponse ApiSearch(ServeContext& ctx, const Params& p) {
  const std::string q = p.Get("q");
  if (q.empty()) return JsonError(400, "parameter 'q' is required");
  SERVE_TRY(by_name, p.OneOf("by", {"sentence", "document", "country"}));
  SERVE_TRY(format, p.OneOf("format", {"json", "csv"}));
  SERVE_TRY(doc_type, p.DocType("type"));
  // As the CLI: 20 sentences a page, every document or country.
  SERVE_TRY(
      paging,
      ReadPaging(ctx, p, *by_name == "sentence" ? 20 : ctx.options->max_rows));
  SERVE_TRY(from, p.Int("from_year", 0, 0, 9999));
  SERVE_TRY(to, p.Int("to_year", 0, 0, 9999));
  SearchOptions so;
  so.country = p.Get("country");
  so.language = p.Get("lang");
  so.doc_type = *doc_type;
  so.cycle = p.Get("cycle");
  so.theme = p.Get("theme");
  so.year_from = *from;
  so.year_to = *to;
  so.limit = paging->limit;
  so.offset = paging->offset;
  so.bridge = ctx.bridge;
  so.dictionary = ctx.dictionary;
  SERVE_TRY(by, ParseSearchBy(*by_name));
  SERVE_TRY(t, SearchDocuments(*ctx.db, q, so, *by));
  if (*format == "csv") return Csv(*t);
  NoHitHint hint;
  if (t->rows.empty() && paging->offset == 0) {
    SERVE_TRY(h, ExplainNoHits(*ctx.db, q, so));
    hint = std::move(*h);
  }
  return Json(SearchJson(*t, *by_name, hint));
}

HttpResponse ApiDocuments(ServeContext& ctx, const Params& p) {
  SERVE_TRY(format, p.OneOf("format", {"json", "csv"}));
  SERVE_TRY(doc_type, p.DocType("type"));
  SERVE_TRY(paging, ReadPaging(ctx, p, ctx.options->max_rows));
  DocumentFilter f;
  f.country = p.Get("country");
  f.doc_type = *doc_type;
  f.cycle = p.Get("cycle");
  f.language = p.Get("lang");
  SERVE_TRY(t, ListDocuments(*ctx.db, f));
  Page(&*t, paging->offset, paging->limit);
  if (*format == "csv") return Csv(*t);
  return Json(JsonTable(*t, "documents"));
}

// One document: its row of `documents`; its rows of `commitments`
// (statements included); the evidence of its metadata, its pages, themes
// and entities (GetDocument).
HttpResponse ApiDocument(ServeContext& ctx, const std::string& key) {
  if (!IsDocKey(key))
    return JsonError(400, "a doc_key is 16 hex digits, got '" +
                              Utf8Truncate(SanitizeUtf8(key), 40) + "'");
  SERVE_TRY(d, GetDocument(*ctx.db, key));
  CommitmentFilter cf;
  cf.statements = true;
  cf.doc_key = key;
  SERVE_TRY(cs, ListCommitments(*ctx.db, cf));
  J j = JsonTable(d->document, "documents");
  j["commitments"] = TypedRows(*cs);
  j["evidence"] = TypedRows(d->evidence);
  j["pages"] = TypedRows(d->pages);
  j["themes"] = TypedRows(d->themes);
  j["entities"] = TypedRows(d->entities);
  return Json(j);
}

// One commitment: its row of `commitments`, milestones, themes with the
// words that matched, sections and the IRM units assessing it.
HttpResponse ApiCommitment(ServeContext& ctx, const std::string& key) {
  if (!IsCommitmentKey(key))
    return JsonError(400,
                     "a commitment_key is a doc_key, '-c' and a number, "
                     "got '" +
                         Utf8Truncate(SanitizeUtf8(key), 40) + "'");
  SERVE_TRY(c, GetCommitment(*ctx.db, key));
  J j = JsonTable(c->commitment, "commitments");
  j["milestones"] = TypedRows(c->milestones);
  j["themes"] = TypedRows(c->themes);
  j["sections"] = TypedRows(c->sections);
  j["assessed_by"] = TypedRows(c->assessed_by);
  return Json(j);
}

HttpResponse ApiCommitments(ServeContext& ctx, const Params& p) {
  SERVE_TRY(format, p.OneOf("format", {"json", "csv"}));
  SERVE_TRY(doc_type, p.DocType("type"));
  SERVE_TRY(statements, p.OneOf("statements", {"0", "1"}));
  SERVE_TRY(paging, ReadPaging(ctx, p, ctx.options->max_rows));
  CommitmentFilter f;
  f.country = p.Get("country");
  f.theme = p.Get("theme");
  f.doc_type = *doc_type;
  f.statements = *statements == "1";
  SERVE_TRY(t, ListCommitments(*ctx.db, f));
  Page(&*t, paging->offset, paging->limit);
  if (*format == "csv") return Csv(*t);
  return Json(JsonTable(*t, "commitments"));
}

HttpResponse ApiCompare(ServeContext& ctx, const Params& p) {
  SERVE_TRY(format, p.OneOf("format", {"json", "csv"}));
  SERVE_TRY(o, ReadCompare(p));
  SERVE_TRY(m, Compare(*ctx.db, *o));
  if (*format == "csv") return Csv(MatrixLong(*m, *o));
  return Json(CompareJson(*m, *o));
}

// The units one cell of the comparison counts (CompareCell).
HttpResponse ApiCompareCell(ServeContext& ctx, const Params& p) {
  SERVE_TRY(format, p.OneOf("format", {"json", "csv"}));
  SERVE_TRY(o, ReadCompare(p));
  if (p.Get("row").empty() || p.Get("col").empty())
    return JsonError(400, "parameters 'row' and 'col' are required");
  SERVE_TRY(t, CompareCell(*ctx.db, *o, p.Get("row"), p.Get("col")));
  if (*format == "csv") return Csv(*t);
  J j = JsonTable(*t, "compare cell");
  j["measure"] = o->measure;
  return Json(j);
}

HttpResponse ApiTimeline(ServeContext& ctx, const Params& p) {
  if (p.Get("theme").empty())
    return JsonError(400, "parameter 'theme' is required");
  SERVE_TRY(format, p.OneOf("format", {"json", "csv"}));
  SERVE_TRY(t, Timeline(*ctx.db, p.Get("country"), p.Get("theme")));
  if (*format == "csv") return Csv(*t);
  return Json(JsonTable(*t, "timeline"));
}

HttpResponse ApiStatus(ServeContext& ctx) {
  SERVE_TRY(st, IndexStatus(*ctx.db));
  return Json(JsonTables(*st, "status"));
}

HttpResponse ApiFailures(ServeContext& ctx, const Params& p) {
  SERVE_TRY(format, p.OneOf("format", {"json", "csv"}));
  SERVE_TRY(t, Failures(*ctx.db));
  if (*format == "csv") return Csv(*t);
  return Json(JsonTable(*t, "failures"));
}

#undef SERVE_TRY

}  // namespace

HttpResponse HandleApi(ServeContext& ctx, const HttpRequest& request,
                       const std::string& rest) {
  // The parameters each endpoint takes, in the CLI's names (--lang: lang).
  static const std::vector<std::pair<std::string, std::vector<std::string>>>
      kRoutes = {
          {"search",
           {"q", "by", "country", "lang", "type", "cycle", "theme", "from_year",
            "to_year", "limit", "page", "format"}},
          {"documents",
           {"country", "type", "cycle", "lang", "limit", "page", "format"}},
          {"commitments",
           {"country", "theme", "type", "statements", "limit", "page",
            "format"}},
          {"compare",
           {"rows", "cols", "measure", "cycle", "country", "type", "format"}},
          {"compare/cell",
           {"rows", "cols", "measure", "cycle", "country", "type", "row", "col",
            "format"}},
          {"timeline", {"theme", "country", "format"}},
          {"status", {}},
          {"failures", {"format"}},
      };
  std::string name = rest, key;
  if (rest.rfind("documents/", 0) == 0) {
    name = "document";
    key = rest.substr(10);
  } else if (rest.rfind("commitments/", 0) == 0) {
    name = "commitment";
    key = rest.substr(12);
  }
  const std::vector<std::string>* known = nullptr;
  static const std::vector<std::string> kNone;
  if (name == "document" || name == "commitment") known = &kNone;
  for (const auto& [route, params] : kRoutes)
    if (route == name) known = &params;
  if (known == nullptr) {
    std::string names;
    for (const auto& [route, params] : kRoutes)
      names += (names.empty() ? "/api/" : ", /api/") + route;
    return JsonError(
        404,
        "no such endpoint '/api/" + Utf8Truncate(SanitizeUtf8(rest), 80) +
            "': there are " + names +
            ", /api/documents/{doc_key}, /api/commitments/{commitment_key}");
  }
  auto p = Params::Read(request, *known, ctx.options->max_param_bytes);
  if (!p.ok()) return JsonError(400, p.status().message());
  if (name == "search") return ApiSearch(ctx, *p);
  if (name == "documents") return ApiDocuments(ctx, *p);
  if (name == "document") return ApiDocument(ctx, key);
  if (name == "commitments") return ApiCommitments(ctx, *p);
  if (name == "commitment") return ApiCommitment(ctx, key);
  if (name == "compare") return ApiCompare(ctx, *p);
  if (name == "compare/cell") return ApiCompareCell(ctx, *p);
  if (name == "timeline") return ApiTimeline(ctx, *p);
  if (name == "failures") return ApiFailures(ctx, *p);
  return ApiStatus(ctx);
}

}  // namespace planmine::serve_internal
