// The go-plugin side services served next to the provider: GRPCController
// (Shutdown) and GRPCStdio (kept open; our logs go straight to stderr, which
// the client reads line by line).
#pragma once

#include <condition_variable>
#include <mutex>

#include "tfplugin6/go_plugin.grpc.pb.h"

namespace tfplugin::serve {

// A one-shot "please stop" flag that threads can wait on.
class ShutdownSignal {
 public:
  void Request();
  bool requested() const;
  // Waits until requested or `timeout` passes; returns requested().
  bool WaitFor(std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool requested_ = false;
};

class ControllerService final : public plugin::GRPCController::Service {
 public:
  explicit ControllerService(ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::Status Shutdown(grpc::ServerContext*, const plugin::Empty*, plugin::Empty*) override;

 private:
  ShutdownSignal& shutdown_;
};

class StdioService final : public plugin::GRPCStdio::Service {
 public:
  explicit StdioService(const ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::Status StreamStdio(grpc::ServerContext*, const google::protobuf::Empty*,
                           grpc::ServerWriter<plugin::StdioData>*) override;

 private:
  const ShutdownSignal& shutdown_;
};

}  // namespace tfplugin::serve
