#include "plugin/serve/listener.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace tfplugin::serve {
namespace {

bool WantsTcp() {
#if defined(_WIN32)
  return true;
#else
  const char* network = std::getenv("VERS_PLUGIN_NETWORK");
  return network != nullptr && std::strcmp(network, "tcp") == 0;
#endif
}

// A port setting: unset or empty is 0 (any port), as in go-plugin.
Result<int> PortFromEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return 0;
  char* end = nullptr;
  long port = std::strtol(v, &end, 10);
  if (*end != '\0' || port < 0 || port > 65535)
    return Status::Error(std::string(name) + " must be a port number (0-65535), not \"" + v + "\"");
  return static_cast<int>(port);
}

// Whether 127.0.0.1:port can be bound now (gRPC binds it right after).
bool PortIsFree(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

Result<std::unique_ptr<PluginListener>> PluginListener::Prepare() {
  auto l = std::make_unique<PluginListener>(Token{});
  if (WantsTcp()) {
    Result<int> min = PortFromEnv("PLUGIN_MIN_PORT");
    if (!min.ok()) return min.status();
    Result<int> max = PortFromEnv("PLUGIN_MAX_PORT");
    if (!max.ok()) return max.status();
    if (min.value() > max.value())
      return Status::Error("PLUGIN_MIN_PORT (" + std::to_string(min.value()) +
                           ") is greater than PLUGIN_MAX_PORT (" + std::to_string(max.value()) +
                           ")");
    int port = -1;
    for (int p = min.value(); p <= max.value() && port < 0; ++p) {
      if (p == 0 || PortIsFree(p)) port = p;
    }
    if (port < 0)
      return Status::Error("no free TCP port on 127.0.0.1 from PLUGIN_MIN_PORT to PLUGIN_MAX_PORT");
    l->network_ = "tcp";
    l->grpc_address_ = "127.0.0.1:" + std::to_string(port);
    return l;
  }
  const char* base = std::getenv("PLUGIN_UNIX_SOCKET_DIR");
  if (base == nullptr || *base == '\0') base = std::getenv("TMPDIR");
  if (base == nullptr || *base == '\0') base = "/tmp";
  std::string tmpl = std::string(base) + "/vers-plugin-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr)
    return Status::Error("could not create a private directory for the plugin socket in " +
                         std::string(base) + ": " + std::strerror(errno));
  l->socket_dir_ = tmpl;
  l->network_ = "unix";
  l->grpc_address_ = "unix:" + tmpl + "/provider.sock";
  return l;
}

PluginListener::~PluginListener() {
  std::error_code ec;
  if (!socket_dir_.empty()) std::filesystem::remove_all(socket_dir_, ec);
}

std::string PluginListener::address() const {
  if (network_ == "unix") return socket_dir_ + "/provider.sock";
  return "127.0.0.1:" + std::to_string(selected_port_);
}

}  // namespace tfplugin::serve
