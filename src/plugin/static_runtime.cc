#include "plugin/static_runtime.h"

#ifdef VERS_STATIC_BINARY
#include <nss.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <cstdlib>
#endif

namespace tfplugin {

#ifdef VERS_STATIC_BINARY
namespace {

// The CA bundles of the common Linux distributions, in the order Go's
// crypto/x509 looks for them (golang/go src/crypto/x509/root_linux.go).
constexpr const char* kCaBundles[] = {
    "/etc/ssl/certs/ca-certificates.crt",                 // Debian, Ubuntu, Gentoo, Arch
    "/etc/pki/tls/certs/ca-bundle.crt",                   // Fedora, RHEL 6
    "/etc/ssl/ca-bundle.pem",                             // openSUSE
    "/etc/pki/tls/cacert.pem",                            // OpenELEC
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // CentOS, RHEL 7+
    "/etc/ssl/cert.pem",                                  // Alpine
};

bool Set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

}  // namespace

void PrepareStaticRuntime() {
  // __nss_configure_lookup (glibc <nss.h>) replaces the nsswitch.conf line of
  // a database; "files" and "dns" are compiled into the static libc.
  __nss_configure_lookup("hosts", "files dns");
  __nss_configure_lookup("passwd", "files");
  __nss_configure_lookup("group", "files");
  __nss_configure_lookup("services", "files");

  if (Set("SSL_CERT_FILE") || Set("SSL_CERT_DIR")) return;
  if (::access(X509_get_default_cert_file(), R_OK) == 0) return;
  for (const char* bundle : kCaBundles) {
    if (::access(bundle, R_OK) == 0) {
      ::setenv("SSL_CERT_FILE", bundle, 0);
      return;
    }
  }
}
#else
void PrepareStaticRuntime() {}
#endif

}  // namespace tfplugin
