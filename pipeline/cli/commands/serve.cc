// planmine serve: the index on a web page and a JSON API, read only
// (pipeline/serve/server.h, docs/serve.md). Linked into planmine-stages
// only: the HTTP library and its TLS start-up (cpp-httplib initialises
// OpenSSL when it loads) would otherwise be paid by every query command.
#include <signal.h>

#include <iostream>
#include <thread>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/core/memory.h"
#include "pipeline/serve/server.h"

namespace planmine {
namespace {

struct ServeArgs {
  ServeOptions options;
  int budget_ms = 5000;
  bool quiet = false, no_bridge = false, no_files = false;
};

int RunServe(ServeArgs& a, const GlobalOptions& g) {
  KeepFreedMemoryForReuse();
  ServeOptions& o = a.options;
  o.db = g.db;
  if (!a.no_bridge) o.packs = g.packs;
  o.dictionary = !a.no_bridge;
  o.serve_files = !a.no_files;
  o.time_budget = std::chrono::milliseconds(a.budget_ms);
  o.access_log = a.quiet ? nullptr : &std::cerr;
  // SIGINT and SIGTERM stop the server from a thread of their own; blocked
  // before any other thread starts, so that only that one receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto server = Server::Create(o);
  if (!server.ok()) return Fail(server.status());
  Server* s = server->get();
  std::thread waiter([&stop_signals, s] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    s->Stop();
  });
  Status st = s->Run([&](int port) {
    std::cerr << "planmine: serving " << o.db << " on http://" << o.host << ":"
              << port << "/ (" << o.threads << " threads; Ctrl-C stops)"
              << std::endl;
  });
  // Run returned: wake the waiter if no signal did.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!st.ok()) return Fail(st);
  return kExitOk;
}

}  // namespace

RunFn ServeSetup(CLI::App* cmd) {
  auto a = std::make_shared<ServeArgs>();
  ServeOptions& o = a->options;
  cmd->add_option("--host", o.host,
                  "Address to listen on (0.0.0.0: every interface)")
      ->capture_default_str();
  cmd->add_option("--port", o.port, "Port (0: any free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--threads", o.threads,
                  "Threads answering requests, each with its own connection")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--time-budget", a->budget_ms,
                  "Milliseconds a request may run before it is stopped (503)")
      ->check(CLI::Range(10, 600000))
      ->capture_default_str();
  cmd->add_option("--max-rows", o.max_rows, "Rows one answer holds at most")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_flag("--no-bridge", a->no_bridge,
                "Search without the other languages' terms (nor the "
                "dictionary's)");
  cmd->add_flag("--no-files", a->no_files,
                "Do not answer /documents/{doc_key}/pdf with the documents' "
                "own files");
  cmd->add_flag("-q,--quiet", a->quiet, "No access log on stderr");
  return [a](const GlobalOptions& g) { return RunServe(*a, g); };
}

}  // namespace planmine
