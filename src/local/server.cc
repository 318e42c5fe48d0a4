#include "local/server.h"

#include <httplib.h>
#include <signal.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "local/api.h"
#include "local/fs.h"
#include "local/limits.h"
#include "local/linux_runtime.h"
#include "local/pki.h"
#include "local/proc.h"
#include "local/sni_front.h"
#include "local/store.h"
#include "plugin/json_writer.h"

namespace vers::local {
namespace {

int Fatal(const std::string& message) {
  std::fprintf(stderr, "vers-local: %s\n", message.c_str());
  return 1;
}

std::string ReadyLine(const ServeOptions& o, int port, const std::string& key,
                      const std::string& ca, int ssh_port) {
  JsonWriter w;
  w.BeginObject()
      .Key("base_url")
      .String("https://" + o.host + ":" + std::to_string(port) + "/api/v1")
      .Key("api_key")
      .String(key)
      .Key("ca_cert_file")
      .String(ca)
      .Key("ssh_port")
      .Int(ssh_port)
      .Key("vm_domain")
      .String(o.vm_domain)
      .EndObject();
  auto t = w.Take();
  return t.ok() ? t.value() : "{}";
}

}  // namespace

int Serve(const ServeOptions& o) {
  // Signals are handled by one thread with sigwait; every thread inherits the mask.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  if (Status st = LinuxRuntime::Preflight(); !st.ok()) return Fatal(st.message());
  if (Status st = MakeDirs(o.data_dir, 0700); !st.ok()) return Fatal(st.message());
  char real[PATH_MAX];
  if (!::realpath(o.data_dir.c_str(), real)) return Fatal("cannot resolve " + o.data_dir);
  std::string dir = real;
  auto pki = EnsurePki(dir, o.vm_domain);
  if (!pki.ok()) return Fatal(pki.status().message());
  auto key = EnsureApiKey(dir);
  if (!key.ok()) return Fatal(key.status().message());
  Store store(dir);
  auto state = store.Load();
  if (!state.ok()) return Fatal(state.status().message());
  if (Status st = store.Save(state.value()); !st.ok()) return Fatal(st.message());

  Faults faults;
  IdempotencyCache idempotency;
  LinuxRuntime runtime(dir, SelfExe());
  std::unique_ptr<VmManager> manager;
  SniFront front(
      o.vm_domain,
      [&manager](const std::string& id) -> std::optional<int> {
        return manager ? manager->BackendPort(id) : std::nullopt;
      },
      [&faults] { return faults.Get().ssh_cut_after_bytes; });
  if (Status st = front.Start(pki.value().server_cert, pki.value().server_key, o.host, 0); !st.ok())
    return Fatal(st.message());
  VmManager::Options mo;
  mo.ssh_port = front.port();
  mo.slow_boot_ms = [&faults] { return faults.Get().slow_boot_ms; };
  manager = std::make_unique<VmManager>(store, std::move(state.value()), runtime, mo);
  manager->RestoreAll();

  httplib::SSLServer http(pki.value().server_cert.c_str(), pki.value().server_key.c_str());
  if (!http.is_valid()) return Fatal("loading the TLS certificate for the API failed");
  // Responses go out in more than one write: without TCP_NODELAY each call
  // waits ~40 ms on the client's delayed ACK.
  http.set_tcp_nodelay(true);
  // More workers than a client's parallelism (OpenTofu: 10 by default), so
  // that kept-alive connections never queue behind idle ones. httplib takes
  // ownership of the raw pointer it is handed.
  http.new_task_queue = [] { return new httplib::ThreadPool(64); };
  RegisterApi(http, *manager, faults, idempotency, key.value());
  int port = o.port;
  if (port == 0) {
    port = http.bind_to_any_port(o.host);
    if (port <= 0) return Fatal("cannot listen on " + o.host);
  } else if (!http.bind_to_port(o.host, port)) {
    return Fatal("cannot listen on " + o.host + ":" + std::to_string(port));
  }

  std::thread signals([&http, sigs] {
    int sig = 0;
    sigwait(&sigs, &sig);
    http.stop();
  });
  std::fprintf(stderr, "vers-local: VM limits enforced: %s (disk size is recorded only)\n",
               EnforcedLimits().c_str());
  std::cout << ReadyLine(o, port, key.value(), pki.value().ca_cert, front.port()) << std::endl;
  http.listen_after_bind();
  signals.join();
  front.Stop();
  manager->Shutdown();
  std::fprintf(stderr, "vers-local: stopped\n");
  return 0;
}

}  // namespace vers::local
