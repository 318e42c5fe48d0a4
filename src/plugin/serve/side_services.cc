#include "plugin/serve/side_services.h"

namespace tfplugin::serve {

void ShutdownSignal::Request() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    requested_ = true;
  }
  cv_.notify_all();
}

bool ShutdownSignal::requested() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requested_;
}

bool ShutdownSignal::WaitFor(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, timeout, [this] { return requested_; });
}

grpc::Status ControllerService::Shutdown(grpc::ServerContext*, const plugin::Empty*,
                                         plugin::Empty*) {
  shutdown_.Request();
  return grpc::Status::OK;
}

grpc::Status StdioService::StreamStdio(grpc::ServerContext* ctx, const google::protobuf::Empty*,
                                       grpc::ServerWriter<plugin::StdioData>*) {
  // Hold the stream open until the client leaves or we shut down.
  while (!ctx->IsCancelled() && !shutdown_.WaitFor(std::chrono::milliseconds(100))) {
  }
  return grpc::Status::OK;
}

grpc::Status HealthService::Check(grpc::ServerContext*,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::health::v1::HealthCheckResponse* response) {
  // go-plugin's GRPCServiceName; "" is the server as a whole.
  if (request->service().empty() || request->service() == "plugin") {
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }
  return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
}

}  // namespace tfplugin::serve
