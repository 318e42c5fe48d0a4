// The go-plugin side services served next to the provider: GRPCController
// (Shutdown), GRPCStdio (kept open; our logs go straight to stderr, which
// the client reads line by line) and the health check.
#pragma once

#include <condition_variable>
#include <mutex>

#include "grpc_health/health.grpc.pb.h"
#include "tfplugin6/go_plugin.grpc.pb.h"

namespace tfplugin::serve {

// A one-shot "please stop" flag that threads can wait on.
class ShutdownSignal {
 public:
  // Raises the flag (again is harmless) and wakes every waiter.
  void Request();
  // Whether Request was called.
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
  // Borrows `shutdown`.
  explicit ControllerService(ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::Status Shutdown(grpc::ServerContext*, const plugin::Empty*, plugin::Empty*) override;

 private:
  ShutdownSignal& shutdown_;
};

// GRPCStdio: holds the stream open, sending nothing, until shutdown is
// requested (our output goes to stderr directly). `shutdown` must outlive it.
class StdioService final : public plugin::GRPCStdio::Service {
 public:
  // Borrows `shutdown`.
  explicit StdioService(const ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::Status StreamStdio(grpc::ServerContext*, const google::protobuf::Empty*,
                           grpc::ServerWriter<plugin::StdioData>*) override;

 private:
  const ShutdownSignal& shutdown_;
};

// grpc.health.v1.Health/Check as go-plugin's server answers it (grpc-go's
// health.Server with "plugin" set SERVING): "" and "plugin" are SERVING, any
// other service NOT_FOUND. A synchronous service, unlike gRPC's default
// health check service, whose callback API starts its own completion-queue
// threads (cores / 2, clamped to 2..16) and cost ~1 ms CPU per start-up.
class HealthService final : public grpc::health::v1::Health::Service {
 public:
  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;
};

}  // namespace tfplugin::serve
