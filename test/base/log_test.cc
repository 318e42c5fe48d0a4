#include "base/log.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace vers::log {

TEST_CASE("log lines are hclog JSON with redaction", "[log]") {
  AddSecret("sk-live-0123456789");
  std::string line =
      FormatLine(Level::kInfo, "calling with sk-live-0123456789 now",
                 {{"url", "https://x/?k=sk-live-0123456789"}, {"api_key", "anything"}});
  CHECK(line.find("\"@level\":\"info\"") != std::string::npos);
  CHECK(line.find("\"@message\":\"calling with <redacted> now\"") != std::string::npos);
  CHECK(line.find("\"@module\":\"vers\"") != std::string::npos);
  CHECK(line.find("\"@timestamp\":\"") != std::string::npos);
  CHECK(line.find("sk-live") == std::string::npos);
  CHECK(line.find("anything") == std::string::npos);  // secret-looking field names
  CHECK(Redact("x sk-live-0123456789 y") == "x <redacted> y");
}

namespace {

// A key in the armor `ssh-keygen` writes (the body is made up: only the
// armor matters to redaction).
std::string OpenSshKey(int n) {
  return "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA" + std::to_string(n) +
         "\nAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\n";
}

}  // namespace

TEST_CASE("a VM key is redacted without being kept, however many are registered", "[log]") {
  AddSecret("sk-live-0123456789");
  size_t kept = SecretCount();
  for (int i = 0; i < 10000; ++i) AddSecret(OpenSshKey(i));
  AddSecret("sk-live-0123456789");  // the provider's credentials, again
  CHECK(SecretCount() == kept);
  for (int i : {0, 4242, 9999}) {
    std::string line = FormatLine(Level::kDebug, "got " + OpenSshKey(i) + " for vm-1", {});
    CHECK(line.find("b3BlbnNzaC1rZXktdjEAAAAA") == std::string::npos);
    CHECK(line.find("\"@message\":\"got <redacted>\\n for vm-1\"") != std::string::npos);
  }
}

TEST_CASE("private keys are redacted by their armor, in any form", "[log]") {
  // PEM (RFC 7468 labels) and OpenSSH, never registered.
  CHECK(Redact("a -----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY----- b") ==
        "a <redacted> b");
  CHECK(Redact("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----") ==
        "<redacted>");
  CHECK(Redact("-----BEGIN EC PRIVATE KEY-----x-----END EC PRIVATE KEY----- and "
               "-----BEGIN OPENSSH PRIVATE KEY-----y-----END OPENSSH PRIVATE KEY-----.") ==
        "<redacted> and <redacted>.");
  // Inside a JSON body logged as text, with its newlines escaped.
  CHECK(Redact(R"({"ssh_private_key":"-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END )"
               R"(OPENSSH PRIVATE KEY-----\n","ssh_port":22})") ==
        R"({"ssh_private_key":"<redacted>\n","ssh_port":22})");
  // A message cut before the END line loses everything after BEGIN.
  CHECK(Redact("body: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNz") == "body: <redacted>");
  // Certificates and public keys are not secret.
  std::string cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
  CHECK(Redact(cert) == cert);
  CHECK(Redact("-----BEGIN PUBLIC KEY-----x-----END PUBLIC KEY-----") ==
        "-----BEGIN PUBLIC KEY-----x-----END PUBLIC KEY-----");
  CHECK(Redact("-----BEGIN lower private key-----x") == "-----BEGIN lower private key-----x");
}

TEST_CASE("level follows TF_LOG_PROVIDER, then TF_LOG", "[log]") {
  ::setenv("TF_LOG", "warn", 1);
  ::unsetenv("TF_LOG_PROVIDER");
  Init();
  CHECK(Enabled(Level::kError));
  CHECK_FALSE(Enabled(Level::kInfo));
  ::setenv("TF_LOG_PROVIDER", "TRACE", 1);
  Init();
  CHECK(Enabled(Level::kTrace));
  ::unsetenv("TF_LOG_PROVIDER");
  ::unsetenv("TF_LOG");
  Init();
  CHECK_FALSE(Enabled(Level::kError));
}

}  // namespace vers::log
