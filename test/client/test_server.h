// A real HTTPS server on loopback for client tests (cpp-httplib), with a
// fresh self-signed certificate for "localhost" that doubles as the CA file.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "plugin/serve/tls_cert.h"

namespace vers::testing {

class TestHttpsServer {
 public:
  TestHttpsServer() {
    auto cert = tfplugin::serve::GenerateSelfSignedCert("localhost", "vers-test-server").value();
    Init(cert.cert_pem, cert.key_pem, cert.cert_pem);
  }
  // Serves `cert_pem` (with `key_pem`); ca_file() holds `ca_pem`.
  TestHttpsServer(const std::string& cert_pem, const std::string& key_pem,
                  const std::string& ca_pem) {
    Init(cert_pem, key_pem, ca_pem);
  }
  ~TestHttpsServer() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TestHttpsServer(const TestHttpsServer&) = delete;
  TestHttpsServer& operator=(const TestHttpsServer&) = delete;

  httplib::Server& http() { return *server_; }
  // Starts serving the routes registered so far.
  void Start() {
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    // stop() before the listen loop has begun would be lost (httplib only
    // stops a running server) and the destructor would wait forever.
    while (!server_->is_running()) std::this_thread::yield();
  }
  std::string base_url() const { return "https://localhost:" + std::to_string(port_) + "/api/v1"; }
  std::string ca_file() const { return (dir_ / "ca.pem").string(); }
  int port() const { return port_; }

 private:
  void Init(const std::string& cert_pem, const std::string& key_pem, const std::string& ca_pem) {
    dir_ = std::filesystem::temp_directory_path() /
           ("vers-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "cert.pem") << cert_pem;
    std::ofstream(dir_ / "key.pem") << key_pem;
    std::ofstream(dir_ / "ca.pem") << ca_pem;
    server_ = std::make_unique<httplib::SSLServer>((dir_ / "cert.pem").c_str(),
                                                   (dir_ / "key.pem").c_str());
  }

  std::filesystem::path dir_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace vers::testing
