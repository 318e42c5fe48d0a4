#!/bin/sh
# Runs as root on the VM; its output streams into the provider log.
set -eu
echo "bootstrapping for $APP_ENV"
mkdir -p /opt/app
echo ready >/opt/app/status
