#include "registry.h"

#include <sstream>
#include <stdexcept>

#include "backends.h"
#include "json_flat.h"

namespace vers::acceptance {
namespace {

// Runs ARGV in DIR; throws with its output when it fails.
void RunOrThrow(const std::string& dir, std::vector<std::string> argv) {
  auto finished = RunToEnd({.argv = argv, .cwd = dir});
  if (!finished.ok()) throw std::runtime_error(finished.status().message());
  if (finished.value().exit_code != 0)
    throw std::runtime_error(argv[0] + " " + argv[1] + " failed:\n" + finished.value().output);
}

// DIR/ca.pem, and DIR/server.{pem,key} for localhost and 127.0.0.1 signed by it.
void MakeCertificates(const std::string& dir) {
  const std::vector<std::string> ec = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                       "-nodes"};
  std::vector<std::string> ca = {"openssl", "req", "-x509"};
  ca.insert(ca.end(), ec.begin(), ec.end());
  ca.insert(ca.end(), {"-days", "2", "-keyout", "ca.key", "-out", "ca.pem", "-subj",
                       "/CN=vers e2e registry CA", "-addext", "basicConstraints=critical,CA:TRUE",
                       "-addext", "keyUsage=critical,keyCertSign"});
  RunOrThrow(dir, ca);
  std::vector<std::string> csr = {"openssl", "req"};
  csr.insert(csr.end(), ec.begin(), ec.end());
  csr.insert(csr.end(), {"-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"});
  RunOrThrow(dir, csr);
  Status ext =
      WriteFile(dir + "/server.ext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  if (!ext.ok()) throw std::runtime_error(ext.message());
  RunOrThrow(dir,
             {"openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
              "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.pem"});
}

}  // namespace

ProviderRegistry::ProviderRegistry(const RegistryFiles& files) {
  MakeCertificates(files.dir);
  ca_ = files.dir + "/ca.pem";
  log_ = files.dir + "/registry.log";
  std::string ready_file = files.dir + "/registry.ready", error_file = files.dir + "/registry.err";
  std::string server =
      RequiredEnv("VERS_SOURCE_DIR") + "/test/acceptance/harness/registry_server.py";
  auto started = ChildProcess::Start(
      {.argv = {"python3", server, files.release_dir, files.key_id, files.dir + "/server.pem",
                files.dir + "/server.key", log_, files.other_key_id, files.other_key_asc},
       .output_file = ready_file,
       .error_file = error_file});
  if (!started.ok()) throw std::runtime_error(started.status().message());
  process_.emplace(std::move(started).value());
  std::string ready = AwaitReadyLine(*process_, ready_file, error_file, "the registry", false);
  auto port = Field(ready, "/port");
  if (!port.ok()) throw std::runtime_error("the registry's ready line: " + ready);
  host_ = "localhost:" + port.value();
}

std::vector<std::string> ProviderRegistry::Requests() const {
  std::vector<std::string> requests;
  std::istringstream lines(ReadFile(log_));
  for (std::string line; std::getline(lines, line);) requests.push_back(line);
  return requests;
}

}  // namespace vers::acceptance
