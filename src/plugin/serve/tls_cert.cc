#include "plugin/serve/tls_cert.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "base/base64.h"
#include "base/openssl.h"

namespace tfplugin::serve {
namespace {

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

// The key's public half as the certificate's SubjectPublicKeyInfo, set from
// its raw 32 bytes (RFC 8410 section 4: id-Ed25519, parameters absent).
// X509_set_pubkey would encode the key and decode it back through OpenSSL 3's
// decoder framework, which cost ~1/6 of the start-up's instructions
// (callgrind, bench/results/perf_notes.md).
bool SetEd25519PublicKey(X509* cert, EVP_PKEY* key) {
  unsigned char raw[32];
  size_t len = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1 || len != sizeof raw) return false;
  auto* owned = static_cast<unsigned char*>(OPENSSL_memdup(raw, len));
  if (owned == nullptr) return false;
  if (X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(cert), OBJ_nid2obj(NID_ED25519), V_ASN1_UNDEF,
                             nullptr, owned, static_cast<int>(len)) != 1) {
    OPENSSL_free(owned);
    return false;
  }
  return true;
}

// The key as a PEM "PRIVATE KEY" (PKCS #8). An Ed25519 PrivateKeyInfo is a
// fixed 16-byte header and the 32-byte seed (RFC 8410 sections 7 and 10.3),
// written here directly rather than through OpenSSL 3's encoder framework
// (whose set-up is most of what PEM_write_bio_PrivateKey costs).
bool Ed25519PrivateKeyPem(EVP_PKEY* key, std::string& pem) {
  static constexpr unsigned char kHeader[16] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                                0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
  std::string der(reinterpret_cast<const char*>(kHeader), sizeof kHeader);
  der.resize(sizeof kHeader + 32);
  size_t len = 32;
  bool ok = EVP_PKEY_get_raw_private_key(
                key, reinterpret_cast<unsigned char*>(der.data()) + sizeof kHeader, &len) == 1 &&
            len == 32;
  if (ok) {  // 48 bytes are 64 base64 characters: one PEM line
    pem =
        "-----BEGIN PRIVATE KEY-----\n" + base::Base64Encode(der) + "\n-----END PRIVATE KEY-----\n";
  }
  OPENSSL_cleanse(der.data(), der.size());
  return ok;
}

bool AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

}  // namespace

Result<SelfSignedCert> GenerateSelfSignedCert(const std::string& host,
                                              const std::string& organization) {
  base::EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  base::X509Ptr cert(X509_new());
  if (!key || !cert) return Status::Error("could not create a TLS key");

  X509_set_version(cert.get(), 2);
  base::BignumPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return Status::Error("could not create a certificate serial number");
  }
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600);
  if (!SetEd25519PublicKey(cert.get(), key.get()))
    return Status::Error("could not set the certificate's public key");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(organization.c_str()), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(host.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  std::string san = "DNS:" + host;
  if (!AddExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(cert.get(), NID_key_usage,
                    "critical,digitalSignature,keyEncipherment,keyCertSign") ||
      !AddExtension(cert.get(), NID_ext_key_usage, "serverAuth,clientAuth") ||
      !AddExtension(cert.get(), NID_subject_alt_name, san.c_str()) ||
      !AddExtension(cert.get(), NID_subject_key_identifier, "hash")) {
    return Status::Error("could not set certificate extensions");
  }
  if (X509_sign(cert.get(), key.get(), nullptr) == 0) {  // Ed25519 hashes itself
    return Status::Error("could not sign the certificate");
  }

  SelfSignedCert out;
  base::BioPtr cert_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      !Ed25519PrivateKeyPem(key.get(), out.key_pem)) {
    return Status::Error("could not encode the certificate");
  }
  out.cert_pem = BioContents(cert_bio.get());
  int der_len = i2d_X509(cert.get(), nullptr);
  if (der_len <= 0) return Status::Error("could not encode the certificate");
  out.cert_der.resize(static_cast<size_t>(der_len));
  auto* p = reinterpret_cast<unsigned char*>(out.cert_der.data());
  i2d_X509(cert.get(), &p);
  return out;
}

}  // namespace tfplugin::serve
