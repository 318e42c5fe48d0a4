#include "client/tls_failure.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace vers::client {
namespace {

// curl_easy_perform runs the handshake on the calling thread, so what a
// handshake found is kept per thread.
thread_local long verify_error = X509_V_OK;

int RecordVerifyFailure(int preverify_ok, X509_STORE_CTX* store) {
  if (preverify_ok == 0 && verify_error == X509_V_OK)
    verify_error = X509_STORE_CTX_get_error(store);
  return preverify_ok;  // the decision stays OpenSSL's
}

// libcurl sets the verify mode (with no callback) before it calls this.
CURLcode InstallVerifyCallback(CURL*, void* ssl_ctx, void*) {
  auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
  SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), RecordVerifyFailure);
  return CURLE_OK;
}

std::string CaSource(const std::string& ca_cert_file) {
  return ca_cert_file.empty() ? "the system trust store (ca_cert_file is not set)"
                              : "ca_cert_file \"" + ca_cert_file + "\"";
}

}  // namespace

void WatchCertificateVerification(CURL* c) {
  // Only libcurl built with OpenSSL has this hook; elsewhere libcurl's own
  // codes are all there is.
  (void)curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, InstallVerifyCallback);
}

void ForgetCertificateVerification() { verify_error = X509_V_OK; }

std::string UntrustedCertificateAdvice(const std::string& ca_cert_file) {
  return "The server's TLS certificate does not verify against " + CaSource(ca_cert_file) +
         "; this is not retried, as another attempt cannot change it. Set ca_cert_file to the "
         "PEM file of the CA that signed the server's certificate (or leave it unset for a "
         "server with a publicly trusted certificate). insecure = true skips the check, for "
         "throwaway test setups only.";
}

std::string UnloadableCaFileAdvice(const std::string& ca_cert_file) {
  return "The CA certificates could not be loaded from " + CaSource(ca_cert_file) +
         "; this is not retried. ca_cert_file must name a file of PEM certificates "
         "(-----BEGIN CERTIFICATE-----). insecure = true skips the check, for throwaway test "
         "setups only.";
}

std::optional<std::string> PermanentTlsFailure(CURLcode rc, const std::string& reason,
                                               const std::string& ca_cert_file) {
  const long found = verify_error;
  switch (rc) {
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
      return reason + ". " + UnloadableCaFileAdvice(ca_cert_file);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return reason + ". " + UntrustedCertificateAdvice(ca_cert_file);
    case CURLE_SSL_CONNECT_ERROR:
      // The handshake failed: for want of trust only when a certificate
      // check failed; otherwise (a reset, a timeout) it is worth a retry.
      if (found == X509_V_OK) return std::nullopt;
      return reason + " (certificate verification: " + X509_verify_cert_error_string(found) +
             "). " + UntrustedCertificateAdvice(ca_cert_file);
    case CURLE_SSL_CERTPROBLEM:  // a local client certificate: none is configured
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return reason;
    default:
      return std::nullopt;
  }
}

}  // namespace vers::client
