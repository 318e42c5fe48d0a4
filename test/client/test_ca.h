// A throwaway CA and a "localhost" server certificate it signed, shaped like
// vers-local's (src/local/pki.cc): the leaf names its issuer only by name
// (no authority key identifier), so a CA of the same name with another key
// (another vers-local's) is tried as its issuer and fails on the signature.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

namespace vers::testing {

struct TestCa {
  std::string ca_pem;
  std::string leaf_pem;
  std::string leaf_key_pem;
};

namespace test_ca_detail {
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

inline std::string Pem(int (*write)(BIO*, void*), void* what) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  write(bio.get(), what);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

inline void Ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

inline Cert Make(EVP_PKEY* key, const char* cn, X509* issuer, EVP_PKEY* signer, long serial) {
  Cert c(X509_new(), X509_free);
  X509_set_version(c.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(c.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c.get()), 86400);
  X509_set_pubkey(c.get(), key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(c.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509* iss = issuer != nullptr ? issuer : c.get();
  X509_set_issuer_name(c.get(), X509_get_subject_name(iss));
  if (issuer == nullptr) {
    Ext(c.get(), iss, NID_basic_constraints, "critical,CA:TRUE");
    Ext(c.get(), iss, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    Ext(c.get(), iss, NID_basic_constraints, "critical,CA:FALSE");
    Ext(c.get(), iss, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  }
  X509_sign(c.get(), signer, EVP_sha256());
  return c;
}
}  // namespace test_ca_detail

// A fresh CA named "vers test CA" (the same name every time, another key)
// and a leaf for localhost and 127.0.0.1 that it signed.
inline TestCa MakeTestCa() {
  using namespace test_ca_detail;
  Key ca_key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  Key leaf_key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  Cert ca = Make(ca_key.get(), "vers test CA", nullptr, ca_key.get(), 1);
  Cert leaf = Make(leaf_key.get(), "localhost", ca.get(), ca_key.get(), 2);
  auto write_cert = [](BIO* b, void* x) { return PEM_write_bio_X509(b, static_cast<X509*>(x)); };
  auto write_key = [](BIO* b, void* k) {
    return PEM_write_bio_PrivateKey(b, static_cast<EVP_PKEY*>(k), nullptr, nullptr, 0, nullptr,
                                    nullptr);
  };
  return {Pem(write_cert, ca.get()), Pem(write_cert, leaf.get()), Pem(write_key, leaf_key.get())};
}

}  // namespace vers::testing
