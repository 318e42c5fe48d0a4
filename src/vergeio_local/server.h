// `vergeio-local serve`: loads the PKI, credentials and tables from the data
// dir, serves the API over HTTPS, prints the ready line
//   {"endpoint":"127.0.0.1","port":N,"username":"admin","password":"...","ca_cert_file":"DIR/ca.pem"}
// on stdout and runs until SIGTERM/SIGINT.
#pragma once

#include "local/https_serve.h"

namespace vers::vergeio {

using ServeOptions = local::ServeArgs;

// Returns the process exit code (0 after a clean SIGTERM/SIGINT shutdown).
int Serve(const ServeOptions& options);

}  // namespace vers::vergeio
