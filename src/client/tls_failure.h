// TLS failures that another attempt cannot fix, told apart from those that
// one might (a connection reset in the middle of a handshake).
//
// A certificate that does not verify against the configured CA stays that
// way, so a call fails at once with a message that says what to change
// (`ca_cert_file`, or `insecure` for a throwaway setup). libcurl does not
// always say that verification failed: with OpenSSL 3 a CA that has the
// server's issuer name but another key (the CA of another vers-local, say)
// ends in CURLE_SSL_CONNECT_ERROR "asn1 encoding routines::EVP lib", the
// first error OpenSSL queued. The verification result itself is watched
// instead (WatchCertificateVerification).
#pragma once

#include <curl/curl.h>

#include <optional>
#include <string>

namespace vers::client {

// Records on `c` every failed certificate check of its next handshakes, for
// PermanentTlsFailure. Call after curl_easy_reset, on the thread that runs
// curl_easy_perform, and only when verification is on.
void WatchCertificateVerification(CURL* c);

// Forgets what the calling thread recorded: call before curl_easy_perform.
void ForgetCertificateVerification();

// When `rc` (with curl's `reason`) is a failure that retrying cannot fix,
// the whole explanation; else nullopt. `ca_cert_file` is the configured CA
// file (empty: the system trust store).
std::optional<std::string> PermanentTlsFailure(CURLcode rc, const std::string& reason,
                                               const std::string& ca_cert_file);

// What to do about a server certificate that did not verify against
// `ca_cert_file` (empty: the system store): the same advice for API calls
// and SSH-over-TLS.
std::string UntrustedCertificateAdvice(const std::string& ca_cert_file);

// What to do about a `ca_cert_file` that could not be loaded.
std::string UnloadableCaFileAdvice(const std::string& ca_cert_file);

}  // namespace vers::client
