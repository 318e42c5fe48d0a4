#pragma once

namespace tfplugin {

// Makes a fully static build (VERS_STATIC_BINARY, scripts/build-portable.sh)
// behave as the dynamic one does on any Linux; call first thing in main(),
// before any thread starts. Does nothing in a dynamic build.
//
// - Host, user and group lookups use glibc's built-in "files" and "dns"
//   sources only: a static glibc would dlopen any other NSS module named in
//   /etc/nsswitch.conf (systemd, mdns, resolve, ...), which needs the shared
//   glibc of the exact version it was built with.
// - When neither SSL_CERT_FILE nor SSL_CERT_DIR is set and OpenSSL's compiled-in
//   bundle (Debian's /usr/lib/ssl/cert.pem) is absent, SSL_CERT_FILE is set to
//   the first system CA bundle found, so that the system trust store is used
//   on Fedora, openSUSE, Alpine, ... too.
void PrepareStaticRuntime();

}  // namespace tfplugin
