// The shared basics the framework uses but does not own: Status/Result,
// hclog-style logging, JSON writing and escaping live in src/base, namespace
// vers (the provider and both emulators use them too), and UUIDs, base64 and
// OpenSSL handles in vers::base. This one header brings them into namespace
// tfplugin, so that framework code names them as its own (`Status`, `log::`,
// `base::`) and only this file changes when they move. Headers of vers::base
// that pull in heavy dependencies (base/openssl.h, base/base64.h) are included
// by the files that use them; the `base` alias below names them.
#pragma once

#include "base/json_string.h"
#include "base/json_writer.h"
#include "base/log.h"
#include "base/status.h"

// Declared here so the alias below stands even before any vers::base header.
namespace vers::base {}

namespace tfplugin {

// src/base's names, as the framework's own.
using ::vers::AppendJsonString;
using ::vers::JsonEscaping;
using ::vers::JsonWriter;
using ::vers::Result;
using ::vers::Status;
namespace base = ::vers::base;
namespace log = ::vers::log;

}  // namespace tfplugin
