// The server side of go-plugin's automatic mutual TLS: a fresh self-signed
// certificate per process, announced to the client in the handshake line.
#pragma once

#include <string>

#include "plugin/base.h"

namespace tfplugin::serve {

// A certificate and its private key, owned by value.
struct SelfSignedCert {
  // The certificate, PEM.
  std::string cert_pem;
  std::string key_pem;   // secret: never log
  std::string cert_der;  // the same certificate, DER (the handshake line's)
};

// An Ed25519 certificate for `host` (CN and DNS SAN) issued by and to
// `organization` (O: the program's name), valid from one minute
// ago for 30 days, usable for server and client auth, self-signed as its own
// CA so that the client can pin it as a root. Ed25519 rather than the Go
// side's P-521 or P-256: its key is the cheapest to make, and go-plugin's
// client (Go crypto/tls) accepts it over TLS 1.2 and 1.3.
Result<SelfSignedCert> GenerateSelfSignedCert(const std::string& host,
                                              const std::string& organization);

}  // namespace tfplugin::serve
