// The attributes that say what to provision (files, commands, environment,
// working_dir) and how long a command may run (command_timeout,
// keepalive_interval), shared by vers_provision and vers_image_layer so that
// both read and check them alike (ReadProvisionInputs).
#pragma once

#include <vector>

#include "plugin/schema/schema.h"
#include "resources/framework.h"

namespace vers::resources {

// files, commands, environment, working_dir: optional, without plan
// modifiers (each resource says how a change is planned).
std::vector<schema::Attribute> ProvisionInputAttributes();

// command_timeout and keepalive_interval: optional durations.
std::vector<schema::Attribute> CommandTimingAttributes();

}  // namespace vers::resources
