#include "local/pki.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "base/openssl.h"
#include "local/fs.h"

namespace vers::local {
namespace {

using Key = base::EvpPkeyPtr;
using Cert = base::X509Ptr;
using Bio = base::BioPtr;

Key NewKey() { return Key(EVP_EC_gen("P-256")); }

std::string KeyPem(EVP_PKEY* k) {
  Bio b(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(b.get(), k, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string CertPem(X509* c) {
  Bio b(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(b.get(), c);
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

Key LoadKey(const std::string& path) {
  auto pem = ReadFile(path);
  if (!pem.ok()) return nullptr;
  Bio b(BIO_new_mem_buf(pem.value().data(), static_cast<int>(pem.value().size())));
  return Key(PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr));
}

Cert LoadCert(const std::string& path) {
  auto pem = ReadFile(path);
  if (!pem.ok()) return nullptr;
  Bio b(BIO_new_mem_buf(pem.value().data(), static_cast<int>(pem.value().size())));
  return Cert(PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr));
}

bool AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A certificate for `key` named `cn`, signed by issuer (self-signed when null).
Cert MakeCert(EVP_PKEY* key, const std::string& cn, X509* issuer, EVP_PKEY* issuer_key, bool is_ca,
              const std::string& san) {
  Cert c(X509_new());
  X509_set_version(c.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  base::BignumPtr bn(BN_bin2bn(serial, sizeof serial, nullptr));
  BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(c.get()));
  X509_gmtime_adj(X509_getm_notBefore(c.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c.get()), 60L * 60 * 24 * 825);
  X509_set_pubkey(c.get(), key);
  X509_NAME* name = X509_get_subject_name(c.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("vers-local"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509* iss = issuer ? issuer : c.get();
  X509_set_issuer_name(c.get(), X509_get_subject_name(iss));
  bool ok = true;
  if (is_ca) {
    ok = AddExt(c.get(), iss, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
         AddExt(c.get(), iss, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    ok = AddExt(c.get(), iss, NID_basic_constraints, "critical,CA:FALSE") &&
         AddExt(c.get(), iss, NID_key_usage, "critical,digitalSignature") &&
         AddExt(c.get(), iss, NID_ext_key_usage, "serverAuth") &&
         AddExt(c.get(), iss, NID_subject_alt_name, san.c_str());
  }
  ok = ok && AddExt(c.get(), c.get(), NID_subject_key_identifier, "hash");
  if (!ok || X509_sign(c.get(), issuer_key ? issuer_key : key, EVP_sha256()) == 0) return nullptr;
  return c;
}

}  // namespace

Result<PkiFiles> EnsurePki(const std::string& dir, const std::string& vm_domain) {
  PkiFiles f{dir + "/ca.pem", dir + "/server.pem", dir + "/server.key"};
  std::string ca_key_path = dir + "/ca.key";
  Key ca_key = LoadKey(ca_key_path);
  Cert ca = LoadCert(f.ca_cert);
  if (!ca_key || !ca) {
    ca_key = NewKey();
    if (!ca_key) return Status::Error("generating the CA key failed");
    ca = MakeCert(ca_key.get(), "vers-local CA", nullptr, nullptr, true, "");
    if (!ca) return Status::Error("creating the CA certificate failed");
    if (Status st = WriteFileAtomic(ca_key_path, KeyPem(ca_key.get()), 0600); !st.ok()) return st;
    if (Status st = WriteFileAtomic(f.ca_cert, CertPem(ca.get()), 0644); !st.ok()) return st;
    // A new CA invalidates the old leaf.
    if (Status st = RemoveTree(f.server_cert); !st.ok()) return st;
  }
  Key key = LoadKey(f.server_key);
  Cert leaf = LoadCert(f.server_cert);
  if (!key || !leaf || X509_verify(leaf.get(), ca_key.get()) != 1) {
    key = NewKey();
    if (!key) return Status::Error("generating the server key failed");
    std::string san = "IP:127.0.0.1,DNS:localhost,DNS:*." + vm_domain;
    leaf = MakeCert(key.get(), "127.0.0.1", ca.get(), ca_key.get(), false, san);
    if (!leaf) return Status::Error("creating the server certificate failed");
    if (Status st = WriteFileAtomic(f.server_key, KeyPem(key.get()), 0600); !st.ok()) return st;
    std::string chain = CertPem(leaf.get()) + CertPem(ca.get());
    if (Status st = WriteFileAtomic(f.server_cert, chain, 0644); !st.ok()) return st;
  }
  return f;
}

}  // namespace vers::local
