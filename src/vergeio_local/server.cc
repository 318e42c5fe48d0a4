#include "vergeio_local/server.h"

#include <httplib.h>

#include <cstdio>

#include "base/json_writer.h"
#include "local/https_serve.h"
#include "local/pki.h"
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
  local::BlockStopSignals();  // before any thread starts
  auto data_dir = local::PrepareDataDir(o.data_dir);
  if (!data_dir.ok()) return Fatal(data_dir.status().message());
  const std::string& dir = data_dir.value();
  auto pki = local::EnsurePki(dir, "vergeio.localhost");
  if (!pki.ok()) return Fatal(pki.status().message());
  auto credentials = Credentials::Open(dir);
  if (!credentials.ok()) return Fatal(credentials.status().message());
  auto db = Database::Open(dir);
  if (!db.ok()) return Fatal(db.status().message());

  local::Faults faults;
  local::GuardedHttpsServer http(pki.value().server_cert, pki.value().server_key);
  RegisterApi(http, *db.value(), *credentials.value(), faults);
  auto port = local::BindHttps(http, o.host, o.port);
  if (!port.ok()) return Fatal(port.status().message());
  Status served = local::ServeUntilStopped(
      http, ReadyLine(o.host, port.value(), credentials.value()->password(), pki.value().ca_cert));
  if (!served.ok()) return Fatal(served.message());
  std::fprintf(stderr, "vergeio-local: stopped\n");
  return 0;
}

}  // namespace vers::vergeio
