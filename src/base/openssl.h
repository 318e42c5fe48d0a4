// Owning handles for OpenSSL objects: one unique_ptr type per object kind,
// each freeing with the matching OpenSSL *_free function, so that no file
// declares its own deleter.
//
// Ownership: a handle owns exactly one reference (OpenSSL objects are
// reference-counted; a function that returns a new reference, such as
// SSL_get1_peer_certificate, is what a handle may adopt). Null is allowed and
// frees nothing. Threading: as the object they hold; a handle itself is not
// synchronized.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

namespace vers::base {

// Calls `Free` on a non-null pointer; the deleter of every handle below.
template <typename T, void (*Free)(T*)>
struct OpenSslFree {
  // Frees `p` (unique_ptr never calls a deleter with null).
  void operator()(T* p) const { Free(p); }
};

// The handles; each owns one reference and frees it with the *_free below.
using SslCtxPtr = std::unique_ptr<SSL_CTX, OpenSslFree<SSL_CTX, SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, OpenSslFree<SSL, SSL_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY, EVP_PKEY_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslFree<EVP_MD_CTX, EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509, X509_free>>;
// Frees the whole chain (BIO_free_all), which is what a single BIO needs too.
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO, BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BIGNUM, BN_free>>;

}  // namespace vers::base
