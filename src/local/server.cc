#include "local/server.h"

#include <httplib.h>

#include <cstdio>
#include <memory>

#include "base/json_writer.h"
#include "local/api.h"
#include "local/api_front.h"
#include "local/base_image.h"
#include "local/fs.h"
#include "local/https_serve.h"
#include "local/limits.h"
#include "local/linux_runtime.h"
#include "local/pki.h"
#include "local/proc.h"
#include "local/sni_front.h"
#include "local/store.h"
#include "local/vm_net.h"

namespace vers::local {
namespace {

int Fatal(const std::string& message) {
  std::fprintf(stderr, "vers-local: %s\n", message.c_str());
  return 1;
}

// ssh_tls_port is the SNI front's port, Vers's 443: what clients dial as
// <vm_id>.<vm_domain> (the provider's ssh_tls_port / VERS_SSH_TLS_PORT).
std::string ReadyLine(const ServeOptions& o, int port, const std::string& key,
                      const std::string& ca, int ssh_tls_port, const BaseImage& image) {
  JsonWriter w;
  w.BeginObject()
      .Key("base_url")
      .String("https://" + o.host + ":" + std::to_string(port) + "/api/v1")
      .Key("api_key")
      .String(key)
      .Key("ca_cert_file")
      .String(ca)
      .Key("ssh_tls_port")
      .Int(ssh_tls_port)
      .Key("vm_domain")
      .String(o.vm_domain)
      .Key("base_image")
      .String(image.dir)
      .Key("base_image_built_now")
      .Bool(image.built)
      .EndObject();
  auto t = w.Take();
  return t.ok() ? t.value() : "{}";
}

}  // namespace

int Serve(const ServeOptions& o) {
  BlockStopSignals();  // before any thread starts
  if (Status st = LinuxRuntime::Preflight(); !st.ok()) return Fatal(st.message());
  auto data_dir = PrepareDataDir(o.data_dir);
  if (!data_dir.ok()) return Fatal(data_dir.status().message());
  const std::string& dir = data_dir.value();
  auto pki = EnsurePki(dir, o.vm_domain);
  if (!pki.ok()) return Fatal(pki.status().message());
  auto key = EnsureApiKey(dir);
  if (!key.ok()) return Fatal(key.status().message());
  Store store(dir);
  auto state = store.Load();
  if (!state.ok()) return Fatal(state.status().message());
  if (Status st = store.Save(state.value()); !st.ok()) return Fatal(st.message());

  std::string cache = o.image_cache_dir.empty() ? DefaultImageCacheDir() : o.image_cache_dir;
  auto image = EnsureBaseImage(cache, [](const std::string& building) {
    std::fprintf(stderr,
                 "vers-local: building the VM base image %s with debootstrap (first use on this "
                 "machine, a few minutes; log: %s.log)\n",
                 building.c_str(), building.c_str());
  });
  if (!image.ok()) return Fatal(image.status().message());
  if (image.value().built)
    std::fprintf(stderr, "vers-local: built the VM base image in %.0f s\n",
                 image.value().build_seconds);
  VmNetwork network(dir);
  if (Status st = network.Init(); !st.ok()) return Fatal(st.message());

  Faults faults;
  IdempotencyCache idempotency;
  LinuxRuntime runtime(dir, SelfExe(), image.value().dir, network);
  std::unique_ptr<VmManager> manager;
  SniFront front(
      o.vm_domain,
      [&manager](const std::string& id) -> std::optional<int> {
        return manager ? manager->BackendPort(id) : std::nullopt;
      },
      [&faults] {
        FaultConfig c = faults.Get();
        return SniFront::ConnFaults{c.ssh_cut_after_bytes, c.ssh_idle_timeout_ms};
      });
  if (Status st = front.Start(pki.value().server_cert, pki.value().server_key, o.host, 0); !st.ok())
    return Fatal(st.message());
  VmManager::Options mo;
  mo.max_vms = o.max_vms;
  mo.slow_boot_ms = [&faults] { return faults.Get().slow_boot_ms; };
  manager = std::make_unique<VmManager>(store, std::move(state.value()), runtime, mo);
  manager->RestoreAll();

  GuardedHttpsServer http(pki.value().server_cert, pki.value().server_key,
                          VersApiFrontOptions(o.max_requests_per_connection));
  RegisterApi(http, *manager, faults, o.honour_idempotency_keys ? &idempotency : nullptr,
              key.value());
  // TLS connections made to the API so far, and how many resumed a session
  // (benchmarks count the provider's connections with it).
  http.Get("/_admin/connections", [&http](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"accepted":)" + std::to_string(http.connections_accepted()) +
                        R"(,"resumed":)" + std::to_string(http.connections_resumed()) + "}",
                    "application/json");
  });
  auto port = BindHttps(http, o.host, o.port);
  if (!port.ok()) return Fatal(port.status().message());
  std::fprintf(stderr, "vers-local: VM limits enforced: %s, disk size (ext4 disk per VM)\n",
               EnforcedLimits().c_str());
  Status served = ServeUntilStopped(
      http,
      ReadyLine(o, port.value(), key.value(), pki.value().ca_cert, front.port(), image.value()));
  front.Stop();
  manager->Shutdown();
  if (!served.ok()) return Fatal(served.message());
  std::fprintf(stderr, "vers-local: stopped\n");
  return 0;
}

}  // namespace vers::local
