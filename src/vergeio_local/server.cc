#include "vergeio_local/server.h"

#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "local/fs.h"
#include "local/pki.h"
#include "plugin/json_writer.h"
#include "vergeio_local/api.h"
#include "vergeio_local/value.h"

namespace vers::vergeio {
namespace {

int Fatal(const std::string& message) {
  std::fprintf(stderr, "vergeio-local: %s\n", message.c_str());
  return 1;
}

std::string ReadyLine(const std::string& host, int port, const std::string& password,
                      const std::string& ca) {
  JsonWriter w;
  w.BeginObject().Key("endpoint").String(host).Key("port").Int(port);
  w.Key("username").String(Credentials::kUsername).Key("password").String(password);
  w.Key("ca_cert_file").String(ca).EndObject();
  return TakeJson(w);
}

}  // namespace

int Serve(const ServeOptions& o) {
  // Signals are taken by one thread with sigwait; every thread inherits the mask.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  if (Status st = local::MakeDirs(o.data_dir, 0700); !st.ok()) return Fatal(st.message());
  char real[PATH_MAX];
  if (!::realpath(o.data_dir.c_str(), real)) return Fatal("cannot resolve " + o.data_dir);
  std::string dir = real;
  auto pki = local::EnsurePki(dir, "vergeio.localhost");
  if (!pki.ok()) return Fatal(pki.status().message());
  auto credentials = Credentials::Open(dir);
  if (!credentials.ok()) return Fatal(credentials.status().message());
  auto db = Database::Open(dir);
  if (!db.ok()) return Fatal(db.status().message());

  local::Faults faults;
  httplib::SSLServer http(pki.value().server_cert.c_str(), pki.value().server_key.c_str());
  if (!http.is_valid()) return Fatal("loading the TLS certificate failed");
  // httplib's default also sets SO_REUSEPORT, which lets a second server
  // silently share an explicit --listen port; a taken port must fail instead.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.set_tcp_nodelay(true);  // else each multi-write response waits for a delayed ACK
  // More workers than a client's parallelism (OpenTofu: 10 by default).
  // httplib takes ownership of the raw pointer.
  http.new_task_queue = [] { return new httplib::ThreadPool(32); };
  RegisterApi(http, *db.value(), *credentials.value(), faults);
  int port = o.port;
  if (port == 0) {
    port = http.bind_to_any_port(o.host);
    if (port <= 0) return Fatal("cannot listen on " + o.host);
  } else if (!http.bind_to_port(o.host, port)) {
    return Fatal("cannot listen on " + o.host + ":" + std::to_string(port));
  }

  std::atomic<bool> signalled = false;
  std::thread signals([&http, &signalled, sigs] {
    int sig = 0;
    sigwait(&sigs, &sig);
    signalled = true;
    http.stop();
  });
  std::cout << ReadyLine(o.host, port, credentials.value()->password(), pki.value().ca_cert)
            << std::endl;
  bool listened = http.listen_after_bind();
  if (!signalled) ::kill(::getpid(), SIGTERM);  // the server failed: release the signal thread
  signals.join();
  if (!listened && !signalled) return Fatal("the server stopped unexpectedly");
  std::fprintf(stderr, "vergeio-local: stopped\n");
  return 0;
}

}  // namespace vers::vergeio
