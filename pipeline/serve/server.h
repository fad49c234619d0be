// serve: the index over HTTP, read only — server-rendered pages and a JSON
// API with the CLI's shapes (docs/json.md, docs/serve.md).
//
//   ServeOptions o;  o.db = "outputs/planmine.sqlite";  o.port = 8080;
//   auto server = Server::Create(o);
//   (*server)->Run([](int port) { ... listening ... });  // until Stop()
//
// Every request runs on one of a small pool of threads, each with its own
// read-only SQLite connection (WAL: an ingest may commit meanwhile; the next
// request sees its rows). A request gets a time budget (SQLite's progress
// handler interrupts it: 503) and a row cap; every parameter is validated
// (400 with the valid values), user text is only ever bound. One access-log
// line per request.
#ifndef PLANMINE_SERVE_SERVER_H_
#define PLANMINE_SERVE_SERVER_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "pipeline/core/status.h"
#include "pipeline/query/query.h"

namespace planmine {

struct ServeOptions {
  std::string db;
  std::string packs;  // the term bridge's folder (terms.tsv…); empty: none
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (Run's callback says which)
  int threads = 4;
  std::chrono::milliseconds time_budget{5000};
  int max_rows = 1000;                 // a page of rows never holds more
  size_t max_param_bytes = 1000;       // one parameter's value
  size_t max_body_bytes = 16384;       // no endpoint takes a body
  std::ostream* access_log = nullptr;  // null: no log
  bool dictionary = true;  // the FreeDict fallback of search (dictionary.h)
  // /documents/{doc_key}/pdf answers the document's own file when it is
  // still where it was read, with the size and mtime the index recorded.
  bool serve_files = true;
};

// A request as the handlers see it: the path and the query parameters
// (a name given twice keeps both values, and is refused).
struct HttpRequest {
  std::string path;
  std::multimap<std::string, std::string> params;
};

class UserFile;  // core/user_file.h

struct HttpResponse {
  HttpResponse() = default;
  HttpResponse(int s, std::string type, std::string text)
      : status(s), content_type(std::move(type)), body(std::move(text)) {}

  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // When set, the answer is this file's bytes instead of `body` (read in
  // chunks as the client takes them; Range requests answered).
  std::shared_ptr<UserFile> file;
};

class Db;
class Dictionaries;

// What a handler may use: the thread's connection, the shared bridge, the
// thread's dictionary, the options.
struct ServeContext {
  Db* db = nullptr;
  const TermBridge* bridge = nullptr;
  Dictionaries* dictionary = nullptr;
  const ServeOptions* options = nullptr;
};

// The routes: /api/… answers JSON (or CSV), the rest HTML. Never throws;
// unknown paths are 404. Exposed for tests that need no socket.
HttpResponse Handle(ServeContext& ctx, const HttpRequest& request);

class Server {
 public:
  // Checks that the index opens and loads the bridge; binds nothing yet.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options);
  ~Server();

  // Binds host:port and answers until Stop(). `on_listening` gets the bound
  // port before the first request is read.
  Status Run(const std::function<void(int port)>& on_listening);
  // Safe from any thread, also from a signal-handling thread.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace planmine

#endif  // PLANMINE_SERVE_SERVER_H_
