// The server certificate of go-plugin's AutoMTLS: what OpenSSL (gRPC's TLS)
// and Go's crypto/x509 need from it. The key PEM and the public key are
// written without OpenSSL's encoders (tls_cert.cc), so these check them
// against OpenSSL's own parsers: the key reads back as Ed25519 and is the
// certificate's key, the certificate verifies with its own key, and it carries
// the names and usages go-plugin's client checks (hashicorp/go-plugin
// mtls.go generateCert: CA, digitalSignature|keyEncipherment|keyCertSign,
// serverAuth+clientAuth, DNS "localhost").
#include "plugin/serve/tls_cert.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <catch2/catch.hpp>

#include "base/openssl.h"

namespace tfplugin::serve {
namespace {

base::X509Ptr ParseCert(const std::string& pem) {
  base::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return base::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

base::EvpPkeyPtr ParseKey(const std::string& pem) {
  base::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return base::EvpPkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

TEST_CASE("the self-signed certificate and its key read back with OpenSSL's parsers",
          "[serve][tls]") {
  auto made = GenerateSelfSignedCert("localhost", "terraform-provider-test");
  REQUIRE(made.ok());
  const SelfSignedCert& c = made.value();

  base::X509Ptr cert = ParseCert(c.cert_pem);
  REQUIRE(cert);
  base::EvpPkeyPtr key = ParseKey(c.key_pem);
  REQUIRE(key);
  CHECK(EVP_PKEY_get_id(key.get()) == EVP_PKEY_ED25519);
  // The key is the certificate's, and the certificate is signed by it.
  CHECK(X509_check_private_key(cert.get(), key.get()) == 1);
  EVP_PKEY* pub = X509_get0_pubkey(cert.get());
  REQUIRE(pub != nullptr);
  CHECK(EVP_PKEY_get_id(pub) == EVP_PKEY_ED25519);
  CHECK(X509_verify(cert.get(), pub) == 1);

  // The DER of the handshake line is the same certificate.
  const auto* der = reinterpret_cast<const unsigned char*>(c.cert_der.data());
  base::X509Ptr from_der(d2i_X509(nullptr, &der, static_cast<long>(c.cert_der.size())));
  REQUIRE(from_der);
  CHECK(X509_cmp(from_der.get(), cert.get()) == 0);

  // What go-plugin's client relies on.
  CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
  CHECK(X509_check_ca(cert.get()) >= 1);
  CHECK((X509_get_extended_key_usage(cert.get()) & (XKU_SSL_SERVER | XKU_SSL_CLIENT)) ==
        (XKU_SSL_SERVER | XKU_SSL_CLIENT));
  CHECK(X509_get_key_usage(cert.get()) & KU_DIGITAL_SIGNATURE);
  CHECK(X509_get_key_usage(cert.get()) & KU_KEY_CERT_SIGN);
}

TEST_CASE("each certificate has its own key", "[serve][tls]") {
  auto a = GenerateSelfSignedCert("localhost", "p"), b = GenerateSelfSignedCert("localhost", "p");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a.value().key_pem != b.value().key_pem);
  CHECK(a.value().cert_der != b.value().cert_der);
}

}  // namespace
}  // namespace tfplugin::serve
