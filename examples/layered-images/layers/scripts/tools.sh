#!/bin/sh
# Layer 1: tools on top of the base.
set -eu
test -f /opt/layers/base.done
cat >/usr/local/bin/hello-tool <<'SH'
#!/bin/sh
echo "hello from the tools layer"
SH
chmod 755 /usr/local/bin/hello-tool
echo "tools v1" >/opt/layers/tools.done
