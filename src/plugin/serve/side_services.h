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

// GRPCController: Shutdown requests `shutdown` (which must outlive the
// service) and answers at once; the server stops after.
class ControllerService final : public plugin::GRPCController::Service {
 public:
  explicit ControllerService(ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::Status Shutdown(grpc::ServerContext*, const plugin::Empty*, plugin::Empty*) override;

 private:
  ShutdownSignal& shutdown_;
};

// GRPCStdio: holds the stream open, sending nothing, until shutdown is
// requested (our output goes to stderr directly). `shutdown` must outlive it.
class StdioService final : public plugin::GRPCStdio::Service {
 public:
  explicit StdioService(const ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::Status StreamStdio(grpc::ServerContext*, const google::protobuf::Empty*,
                           grpc::ServerWriter<plugin::StdioData>*) override;

 private:
  const ShutdownSignal& shutdown_;
};

}  // namespace tfplugin::serve
