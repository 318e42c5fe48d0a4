// Sha256: the SHA-256 of bytes fed in pieces, as lower-case hex. Uploads are
// checked with it, and vers_provision's id is made with it.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>

#include "base/openssl.h"

namespace vers::ssh {

class Sha256 {
 public:
  // Starts an empty digest; an OpenSSL allocation failure is not checked.
  Sha256() : md_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(md_.get(), EVP_sha256(), nullptr); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Feeds the next `n` bytes at `data`.
  void Update(const void* data, size_t n) { EVP_DigestUpdate(md_.get(), data, n); }
  // The digest of everything fed so far; feed nothing after this.
  std::string HexDigest() {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(md_.get(), d, &n);
    static const char* kDigits = "0123456789abcdef";
    std::string s;
    for (unsigned i = 0; i < n; ++i) (s += kDigits[d[i] >> 4]) += kDigits[d[i] & 15];
    return s;
  }

 private:
  base::EvpMdCtxPtr md_;
};

}  // namespace vers::ssh
