// How vers-local's HTTPS API keeps connections: as the real API's front does.
#pragma once

#include <cstddef>

#include "local/guarded_server.h"

namespace vers::local {

// The connection policy of vers-local's API: no limit of requests per
// connection, no idle timeout, no TLS session resumption, HTTP/1.1 only.
// That is what Vers's API front does. api.vers.sh is served by Vers's own
// `proxy` program (Vers's server source, the proxy's main.rs:
// proxy_listener, handle_tls_connection),
// which terminates TLS itself with rustls, offering no ALPN (a ServerConfig
// from with_no_client_auth().with_single_cert(), no alpn_protocols), and
// serves each connection with
// `hyper::server::conn::http1::Builder::new().serve_connection(io, service)
// .with_upgrades()`:
//  - HTTP/1.1 only: hyper's http1 module, and no "h2" to negotiate;
//  - keep-alive on: hyper's Builder::keep_alive, "Default is true"; hyper
//    has no limit of requests per connection;
//  - no idle timeout: hyper's header_read_timeout (30 s by default) takes
//    effect only with a Timer (Builder::timer), which the proxy does not
//    set (hyper src/common/time.rs, Time::check: a default duration
//    without a timer is None).
// So a connection serves requests until its client closes it (libcurl, the
// provider's, drops connections idle for 118 s: CURLOPT_MAXAGE_CONN).
// Nor can a new connection resume an earlier TLS session: the proxy builds
// a new rustls ServerConfig for each connection, and a ServerConfig's
// session cache (ServerSessionMemoryCache::new(256), rustls's default) and
// ticketer (NeverProducesTickets) are its own, so every handshake is a full
// one; vers-local turns OpenSSL's session cache and tickets off to match.
// vers-local's deadlines for slow clients and limits of waiting connections
// stay (GuardedHttpsServer): they protect a local process, and the real
// front has its own means. cpp-httplib's 5 requests and 5 s were its
// defaults, not the service's.
//
// `max_requests` > 0 closes each connection after that many requests
// instead (`serve --max-requests-per-connection N`): a front that closes
// early, for testing clients against one.
GuardedHttpsServer::Options VersApiFrontOptions(size_t max_requests);

}  // namespace vers::local
