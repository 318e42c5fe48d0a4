#!/bin/sh
# Layer 3: the worker image, on top of the application.
set -eu
test -f /opt/layers/app.done
mkdir -p /etc/app
echo "role = worker" >/etc/app/worker.conf
