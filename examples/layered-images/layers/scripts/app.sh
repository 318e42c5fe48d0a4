#!/bin/sh
# Layer 2: the application, using the tools layer.
set -eu
test -f /opt/layers/tools.done
hello-tool >/opt/layers/app.done
grep -q '^workers = ' /etc/app/app.conf
