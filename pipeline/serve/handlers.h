// The handlers behind serve's routes (server.h): the JSON API (api.cc) and
// the HTML pages (pages.cc), with what they share: reading and validating
// parameters, and turning a Status into an HTTP answer.
#ifndef PLANMINE_SERVE_HANDLERS_H_
#define PLANMINE_SERVE_HANDLERS_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/serve/server.h"

namespace planmine::serve_internal {

// A request's parameters, checked: every name known to the route, each given
// once, valid UTF-8 without control characters, at most max_bytes long.
class Params {
 public:
  static Result<Params> Read(const HttpRequest& request,
                             const std::vector<std::string>& known,
                             size_t max_bytes);
  // "" when absent.
  std::string Get(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // `fallback` when absent; an InvalidArgument unless lo <= value <= hi.
  Result<int> Int(const std::string& name, int fallback, int lo, int hi) const;
  // `choices[0]` when absent; an InvalidArgument naming the choices.
  Result<std::string> OneOf(const std::string& name,
                            const std::vector<std::string>& choices) const;
  // A document type (doc_types.h), "" when absent.
  Result<std::string> DocType(const std::string& name) const;

 private:
  std::map<std::string, std::string> values_;
};

// Compare's rows, cols, measure and filters (cycle, country, type), checked.
Result<CompareOptions> ReadCompare(const Params& p);

// {"schema_version": 1, "error": {"status": N, "message": "..."}}.
HttpResponse JsonError(int status, const std::string& message);
// 400 for InvalidArgument, 404 for NotFound, 503 when the request ran past
// its time budget, 500 otherwise.
int HttpStatusOf(const ServeContext& ctx, const Status& s);
std::string MessageOf(const ServeContext& ctx, const Status& s);

// The rows [offset, offset + limit) of `t`, `total` set to all of them.
void Page(Table* t, int offset, int limit);

// A doc_key (16 lowercase hex) or a commitment_key (doc_key-cN).
bool IsDocKey(const std::string& s);
bool IsCommitmentKey(const std::string& s);

// /api/... (api.cc); `rest` is the path after "/api/".
HttpResponse HandleApi(ServeContext& ctx, const HttpRequest& request,
                       const std::string& rest);
// Everything else (pages.cc).
HttpResponse HandlePage(ServeContext& ctx, const HttpRequest& request);

}  // namespace planmine::serve_internal

#endif  // PLANMINE_SERVE_HANDLERS_H_
