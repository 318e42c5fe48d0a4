#include "backends.h"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "json_flat.h"

namespace vers::acceptance {
namespace {

std::string Get(const FlatMap& ready, const std::string& key) {
  auto it = ready.find(key);
  if (it == ready.end()) throw std::runtime_error("the ready line lacks " + key);
  return it->second;
}

FlatMap ParseReady(const std::string& line, const std::string& what) {
  auto ready = Flatten(line);
  if (!ready.ok()) throw std::runtime_error(what + " printed no JSON ready line: " + line);
  return ready.value();
}

}  // namespace

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string("set ") + name + " (ctest sets it)");
  return value;
}

std::string AwaitReadyLine(ChildProcess& process, const std::string& ready_file,
                           const std::string& log_file, const std::string& what, bool long_build) {
  // 15 s, or 20 min while vers-local builds its VM base image.
  for (int i = 0; i < 24000; ++i) {
    std::string ready = ReadFile(ready_file);
    if (ready.find('\n') != std::string::npos) return ready;
    if (!process.Running()) break;
    bool building =
        long_build && ReadFile(log_file).find("building the VM base image") != std::string::npos;
    if (i > 300 && !building) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error(what + " did not start:\n" + ReadFile(log_file));
}

VersLocal::VersLocal(const std::string& dir) {
  std::string ready_file = dir + "/vers-local.ready", log_file = dir + "/vers-local.log";
  data_dir_ = dir + "/vers-local";
  auto started =
      ChildProcess::Start({.argv = {RequiredEnv("VERS_LOCAL"), "serve", "--data-dir", data_dir_},
                           .output_file = ready_file,
                           .error_file = log_file});
  if (!started.ok()) throw std::runtime_error(started.status().message());
  process_.emplace(std::move(started).value());
  FlatMap ready =
      ParseReady(AwaitReadyLine(*process_, ready_file, log_file, "vers-local", true), "vers-local");
  api_key_ = Get(ready, "api_key");
  base_url_ = Get(ready, "base_url");
  vm_domain_ = Get(ready, "vm_domain");
  ssh_tls_port_ = Get(ready, "ssh_tls_port");
  ca_ = Get(ready, "ca_cert_file");
  auto url = ParseHttpsUrl(base_url_);
  if (!url.ok()) throw std::runtime_error(url.status().message());
  url_ = url.value();
  client_.emplace(url_.host, url_.port, ca_, "Bearer " + api_key_);
}

Environment VersLocal::ProviderEnvironment() const {
  return {{"VERS_API_KEY", api_key_},
          {"VERS_BASE_URL", base_url_},
          {"VERS_VM_DOMAIN", vm_domain_},
          {"VERS_SSH_TLS_PORT", ssh_tls_port_}};
}

Result<std::string> VersLocal::Api(const std::string& method, const std::string& path,
                                   const std::string& body) const {
  return client_->Call(method, url_.path + path, body);
}

Result<std::string> VersLocal::PublicApi(const std::string& method, const std::string& path) const {
  return HttpsClient(url_.host, url_.port, ca_, "").Call(method, url_.path + path);
}

Result<std::string> VersLocal::Admin(const std::string& method, const std::string& path,
                                     const std::string& body) const {
  // The admin API sits beside /api/v1: <base>/_admin.
  std::string prefix = url_.path.ends_with("/api/v1")
                           ? url_.path.substr(0, url_.path.size() - std::string("/api/v1").size())
                           : url_.path;
  return client_->Call(method, prefix + "/_admin" + path, body);
}

std::string VersLocal::Counters() const {
  auto body = Admin("GET", "/counters");
  if (!body.ok()) return body.status().message();
  auto c = Flatten(body.value());
  if (!c.ok()) return c.status().message();
  return c.value()["vms"] + " " + c.value()["commits"] + " " + c.value()["tags"];
}

int VersLocal::VmCount() const {
  std::string counters = Counters();
  char* end = nullptr;
  long vms = std::strtol(counters.c_str(), &end, 10);
  return end == counters.c_str() ? -1 : static_cast<int>(vms);
}

VergeioLocal::VergeioLocal(const std::string& dir) {
  std::string ready_file = dir + "/vergeio.ready", log_file = dir + "/vergeio.log";
  auto started = ChildProcess::Start(
      {.argv = {RequiredEnv("VERGEIO_LOCAL"), "serve", "--data-dir", dir + "/vergeio"},
       .output_file = ready_file,
       .error_file = log_file});
  if (!started.ok()) throw std::runtime_error(started.status().message());
  process_.emplace(std::move(started).value());
  FlatMap ready = ParseReady(
      AwaitReadyLine(*process_, ready_file, log_file, "vergeio-local", false), "vergeio-local");
  endpoint_ = Get(ready, "endpoint");
  port_ = std::stoi(Get(ready, "port"));
  ca_ = Get(ready, "ca_cert_file");
  username_ = Get(ready, "username");
  password_ = Get(ready, "password");
  client_.emplace(endpoint_, port_, ca_, BasicAuthorization(username_, password_));
}

Environment VergeioLocal::ProviderEnvironment() const {
  return {{"VERGEIO_ENDPOINT", endpoint_},
          {"VERGEIO_USERNAME", username_},
          {"VERGEIO_PASSWORD", password_}};
}

Result<std::string> VergeioLocal::Call(const std::string& method, const std::string& path,
                                       const std::string& body) const {
  return client_->Call(method, path, body);
}

}  // namespace vers::acceptance
