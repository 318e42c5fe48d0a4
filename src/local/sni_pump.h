// The byte relay behind SniFront: a loopback connection to a VM's sshd and
// the copy between it and the client's TLS session.
#pragma once

#include "local/fd.h"
#include "local/sni_front.h"

typedef struct ssl_st SSL;

namespace vers::local {

// A TCP connection to 127.0.0.1:`port` with Nagle off; invalid when it
// cannot be made.
UniqueFd ConnectLoopback(int port);

// Copies bytes between the TLS session `ssl` (on socket `client`) and
// `backend` until either side closes, or until a fault in `faults` ends it
// (idle too long, or more client bytes than allowed). Blocks the calling
// thread meanwhile.
void Pump(SSL* ssl, int client, int backend, const SniFront::ConnFaults& faults);

}  // namespace vers::local
