// Where the plugin listens, chosen as go-plugin's own servers choose
// (hashicorp/go-plugin server.go, serverListener): a unix socket in a private
// directory, except on Windows, whose go-plugin clients dial TCP: 127.0.0.1
// on the first free port in PLUGIN_MIN_PORT..PLUGIN_MAX_PORT (any free port
// when they are unset). The handshake line names the network ("unix" or
// "tcp") and the address; go-plugin's client accepts either on any OS.
#pragma once

#include <memory>
#include <string>

#include "plugin/base.h"

namespace tfplugin::serve {

// The listening address of one plugin process, and the private directory of
// its unix socket, which it owns and removes. Used from the main thread only.
class PluginListener {
 public:
  // Picks the transport: TCP on Windows, or anywhere when
  // VERS_PLUGIN_NETWORK=tcp (how the tests run the Windows path on Linux);
  // otherwise a unix socket in a new 0700 directory under
  // PLUGIN_UNIX_SOCKET_DIR, TMPDIR or /tmp. Fails with the reason when that
  // directory cannot be made or no port of the range is free.
  static Result<std::unique_ptr<PluginListener>> Prepare();

  struct Token {};  // construction through Prepare() only
  explicit PluginListener(Token) {}
  ~PluginListener();  // removes the socket directory, if any
  PluginListener(const PluginListener&) = delete;
  PluginListener& operator=(const PluginListener&) = delete;

  // The address for grpc::ServerBuilder::AddListeningPort.
  const std::string& grpc_address() const { return grpc_address_; }
  // Where gRPC stores the port it bound (TCP with port 0).
  int* selected_port() { return &selected_port_; }
  // The handshake's network and address fields, once the server started.
  const std::string& network() const { return network_; }
  std::string address() const;

 private:
  std::string network_;
  std::string grpc_address_;
  std::string socket_dir_;  // unix only
  int selected_port_ = 0;
};

}  // namespace tfplugin::serve
