// The server's private PKI: an ECDSA P-256 CA and a server certificate for
// 127.0.0.1, localhost and *.<vm_domain>, created once and kept in a data dir.
#pragma once

#include <string>

#include "base/status.h"

namespace vers::local {

struct PkiFiles {
  std::string ca_cert;      // DIR/ca.pem (public; hand it to clients)
  std::string server_cert;  // DIR/server.pem (leaf followed by the CA)
  std::string server_key;   // DIR/server.key (0600)
};

// Loads the PKI from `dir`, creating whatever is missing. Private keys are
// written 0600 and never logged. Idempotent: a second call reuses the files.
Result<PkiFiles> EnsurePki(const std::string& dir, const std::string& vm_domain);

}  // namespace vers::local
