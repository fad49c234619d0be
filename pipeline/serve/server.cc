// The HTTP side of serve (server.h): cpp-httplib is met here only; its
// requests become HttpRequest, our HttpResponse becomes its response.
#include "pipeline/serve/server.h"

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>

#include "pipeline/core/user_file.h"
#include "pipeline/load/store.h"
#include "pipeline/query/dictionary.h"
#include "pipeline/serve/handlers.h"

namespace planmine {
namespace {

// One thread's own connection and dictionary, opened on its first request.
struct Connection {
  std::unique_ptr<Store> store;
  std::unique_ptr<Dictionaries> dictionary;
};

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Printable ASCII for a log line: a hostile target cannot forge lines.
std::string LogSafe(const std::string& s, size_t max) {
  std::string out;
  for (unsigned char c : s.substr(0, max))
    out += c >= 0x20 && c < 0x7f && c != '"' ? static_cast<char>(c) : '?';
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  TermBridge bridge;
  httplib::Server http;
  std::mutex mu;  // guards connections and the log
  std::map<std::thread::id, std::unique_ptr<Connection>> connections;

  Result<Connection*> ThisThreadsConnection() {
    std::lock_guard<std::mutex> lock(mu);
    auto& c = connections[std::this_thread::get_id()];
    if (c == nullptr) {
      auto store = Store::OpenForQuery(options.db);
      if (!store.ok()) return store.status();
      c = std::make_unique<Connection>();
      c->store = std::move(*store);
      if (options.dictionary)
        c->dictionary =
            std::make_unique<Dictionaries>(Dictionaries::DefaultDir());
    }
    return c.get();
  }

  void Answer(const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    HttpResponse out;
    auto conn = ThisThreadsConnection();
    if (!conn.ok()) {
      out = serve_internal::JsonError(
          503, "the index cannot be opened: " + conn.status().message());
    } else {
      ServeContext ctx;
      ctx.db = &(*conn)->store->db();
      ctx.bridge = bridge.empty() ? nullptr : &bridge;
      ctx.dictionary = (*conn)->dictionary.get();
      ctx.options = &options;
      HttpRequest request;
      request.path = req.path;
      request.params = req.params;
      out = Handle(ctx, request);
    }
    // httplib answers the ranges asked for (of a file or a body); the status
    // says so, as httplib would had it been left unset.
    res.status = out.status == 200 && !req.ranges.empty() ? 206 : out.status;
    if (out.file) {
      std::shared_ptr<UserFile> file = out.file;
      res.set_content_provider(
          file->size(), out.content_type,
          [file](size_t offset, size_t length, httplib::DataSink& sink) {
            char buf[65536];
            ssize_t n = pread(file->fd(), buf, std::min(length, sizeof buf),
                              static_cast<off_t>(offset));
            if (n <= 0) return false;  // shrunk or unreadable: cut short
            return sink.write(buf, static_cast<size_t>(n));
          });
    } else {
      res.set_content(out.body, out.content_type.c_str());
    }
    const double ms = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    char dur[32];
    std::snprintf(dur, sizeof dur, "app;dur=%.1f", ms);
    res.set_header("Server-Timing", dur);
  }

  // One line per request: when, who, what, status, bytes, milliseconds.
  void Log(const httplib::Request& req, const httplib::Response& res) {
    if (options.access_log == nullptr) return;
    std::string ms = res.get_header_value("Server-Timing");
    ms = ms.rfind("app;dur=", 0) == 0 ? ms.substr(8) : "-";
    std::string line = UtcNow() + " " + LogSafe(req.remote_addr, 64) + " \"" +
                       LogSafe(req.method, 16) + " " +
                       LogSafe(req.target, 200) + "\" " +
                       std::to_string(res.status) + " " +
                       std::to_string(res.content_length_ ? res.content_length_
                                                          : res.body.size()) +
                       " " + ms + "ms\n";
    std::lock_guard<std::mutex> lock(mu);
    *options.access_log << line << std::flush;
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.threads < 1) impl->options.threads = 1;
  auto check = Store::OpenForQuery(options.db);
  if (!check.ok()) return check.status();
  if (!options.packs.empty()) {
    auto bridge = LoadTermBridge(options.packs);
    if (!bridge.ok()) return bridge.status();
    impl->bridge = std::move(*bridge);
  }
  Impl* self = impl.get();
  httplib::Server& http = impl->http;
  const size_t threads = static_cast<size_t>(impl->options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_body_bytes);
  // A slow or idle client cannot keep a thread of the small pool for long,
  // nor a busy keep-alive connection: it is closed after 10 requests, so
  // that connections waiting in the queue get their turn (with 100, wrk's
  // 8 connections on 4 threads saw 2 s timeouts).
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  http.set_keep_alive_timeout(2);
  http.set_keep_alive_max_count(10);
  // An answer is written in more than one piece (headers, body): without
  // TCP_NODELAY, Nagle's algorithm holds the last piece until the client's
  // delayed ACK, about 40 ms on every request of a keep-alive connection.
  http.set_tcp_nodelay(true);
  http.Get(".*", [self](const httplib::Request& req, httplib::Response& res) {
    self->Answer(req, res);
  });
  auto refuse = [](const httplib::Request&, httplib::Response& res) {
    HttpResponse e = serve_internal::JsonError(
        405, "the server is read only: GET and HEAD only");
    res.status = e.status;
    res.set_header("Allow", "GET, HEAD");
    res.set_content(e.body, e.content_type.c_str());
  };
  http.Post(".*", refuse);
  http.Put(".*", refuse);
  http.Patch(".*", refuse);
  http.Delete(".*", refuse);
  // httplib's own refusals (URI too long, body too large, bad request line)
  // get a JSON body too.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string what = res.status == 414   ? "the request's URI is too long"
                       : res.status == 413 ? "the request's body is too large"
                       : res.status == 404 ? "not found"
                                           : "bad request";
    HttpResponse e = serve_internal::JsonError(res.status, what);
    res.set_content(e.body, e.content_type.c_str());
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        HttpResponse e = serve_internal::JsonError(500, "internal error");
        res.status = e.status;
        res.set_content(e.body, e.content_type.c_str());
      });
  http.set_logger(
      [self](const httplib::Request& req, const httplib::Response& res) {
        self->Log(req, res);
      });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Run(const std::function<void(int port)>& on_listening) {
  httplib::Server& http = impl_->http;
  const ServeOptions& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = http.bind_to_any_port(o.host);
    if (port < 0)
      return IoError("cannot listen on " + o.host + ": no free port");
  } else if (!http.bind_to_port(o.host, port)) {
    return IoError("cannot listen on " + o.host + ":" + std::to_string(port) +
                   " (in use, or not an address of this machine?)");
  }
  if (on_listening) on_listening(port);
  if (!http.listen_after_bind())
    return IoError("the server stopped with an error");
  return Status::Ok();
}

void Server::Stop() { impl_->http.stop(); }

}  // namespace planmine
