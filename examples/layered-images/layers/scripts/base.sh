#!/bin/sh
# Layer 0: the base system. Offline on purpose: a real pipeline would
# install packages here (apt-get install ...).
set -eu
mkdir -p /opt/layers
echo "base $(date -u +%Y-%m-%dT%H:%M:%SZ)" >/opt/layers/base.done
