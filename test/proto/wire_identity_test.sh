#!/usr/bin/env bash
# Proves that our proto/tfplugin6/tfplugin6.proto is wire-identical to the
# upstream tfplugin6.10.proto shipped in the OpenTofu Go module.
#
# Usage: test/proto/wire_identity_test.sh
#   VERS_SOURCE_DIR  repository root (default: two levels above this script)
#   UPSTREAM_PROTO   the upstream .proto to compare with (default: fetched with
#                    `go mod download` from github.com/opentofu/opentofu@v1.12.6
#                    into the Go module cache, a no-op when already there)
#
# Both files are compiled with `protoc --descriptor_set_out` (imports not
# included), decoded to text with `protoc --decode=google.protobuf.FileDescriptorSet`,
# and reduced to what determines the wire format and the RPC paths:
#   - per fully-qualified message: every field's number, name, type, label,
#     type name, oneof (index and name) and proto3 `optional` flag, and whether
#     the message is a map entry;
#   - per enum: every value's name and number;
#   - per service method: name, input and output types, client/server streaming.
# Message names never travel on the wire, so our GetMetadataRpc (renamed to
# avoid a clash in protobuf's generated C++) is mapped back to GetMetadata.
# Comments, option go_package, file names and declaration order are ignored.
#
# Exits 0 and prints "wire identity: N messages, M fields, K methods match" when
# identical; otherwise prints a unified diff (upstream -> ours) and exits 1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${VERS_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
ours=$src/proto/tfplugin6/tfplugin6.proto
upstream_module=github.com/opentofu/opentofu@v1.12.6

die() {
  echo "wire_identity_test: $*" >&2
  exit 1
}

command -v protoc >/dev/null || die "protoc not found (apt-get install protobuf-compiler)"
command -v python3 >/dev/null || die "python3 not found"
[[ -f $ours ]] || die "our proto not found: $ours"

if [[ -z ${UPSTREAM_PROTO:-} ]]; then
  command -v go >/dev/null || die "go not found; set UPSTREAM_PROTO to the upstream tfplugin6.10.proto"
  # Cached modules need no network; otherwise this fetches from the module proxy.
  dir=$(cd /tmp && GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "$upstream_module" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n $dir ]] || die "could not download $upstream_module"
  UPSTREAM_PROTO=$dir/docs/plugin-protocol/tfplugin6.10.proto
fi
[[ -f $UPSTREAM_PROTO ]] || die "upstream proto not found: $UPSTREAM_PROTO"

# protoc's well-known types (google/protobuf/*.proto) live next to its headers.
wkt_include=
for d in /usr/include /usr/local/include; do
  if [[ -f $d/google/protobuf/descriptor.proto ]]; then
    wkt_include=$d
    break
  fi
done
[[ -n $wkt_include ]] || die "google/protobuf/descriptor.proto not found (apt-get install libprotobuf-dev)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Compiles one .proto and writes its FileDescriptorSet as text.
describe() {
  local proto=$1 out=$2
  protoc --proto_path="$(dirname "$proto")" --proto_path="$wkt_include" \
    --descriptor_set_out="$work/set.pb" "$(basename "$proto")" ||
    die "protoc failed on $proto"
  protoc --proto_path="$wkt_include" --decode=google.protobuf.FileDescriptorSet \
    google/protobuf/descriptor.proto <"$work/set.pb" >"$out" ||
    die "could not decode the descriptor set of $proto"
}
describe "$UPSTREAM_PROTO" "$work/upstream.txt"
describe "$ours" "$work/ours.txt"

python3 - "$work/upstream.txt" "$work/ours.txt" <<'PY'
import difflib
import sys

# Our message renames (ours -> upstream), applied to every fully-qualified name.
RENAMES = {".tfplugin6.GetMetadataRpc": ".tfplugin6.GetMetadata"}


def unrename(name):
    for ours, upstream in RENAMES.items():
        if name == ours or name.startswith(ours + "."):
            return upstream + name[len(ours):]
    return name


def parse(path):
    """Parses protobuf text format, as protoc --decode prints it, into nested
    lists of (key, value) pairs; a value is a string or such a list."""
    root = []
    stack = [root]
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line:
                continue
            if line == "}":
                stack.pop()
            elif line.endswith("{"):
                child = []
                stack[-1].append((line[:-1].strip(), child))
                stack.append(child)
            else:
                key, _, value = line.partition(":")
                value = value.strip()
                if value.startswith('"') and value.endswith('"'):
                    value = value[1:-1]
                stack[-1].append((key.strip(), value))
    return root


def get(node, key, default=""):
    for k, v in node:
        if k == key:
            return v
    return default


def children(node, key):
    return [v for k, v in node if k == key]


def normalize(path):
    """The set of wire-relevant facts, one line each, and counts by kind."""
    facts = set()
    counts = {"messages": 0, "fields": 0, "enums": 0, "methods": 0}

    def enum(prefix, e):
        name = unrename(prefix + "." + get(e, "name"))
        counts["enums"] += 1
        facts.add(f"enum {name}")
        for v in children(e, "value"):
            facts.add(f"enum {name} value {get(v, 'name')} = {get(v, 'number')}")

    def message(prefix, m):
        name = unrename(prefix + "." + get(m, "name"))
        counts["messages"] += 1
        options = get(m, "options", [])
        map_entry = " map_entry" if get(options, "map_entry") == "true" else ""
        facts.add(f"message {name}{map_entry}")
        oneofs = [get(o, "name") for o in children(m, "oneof_decl")]
        for f in children(m, "field"):
            counts["fields"] += 1
            oneof = ""
            if get(f, "oneof_index"):
                i = int(get(f, "oneof_index"))
                oneof = f" oneof={i}:{oneofs[i]}"
            optional = " proto3_optional" if get(f, "proto3_optional") == "true" else ""
            type_name = get(f, "type_name")
            type_name = f" type_name={unrename(type_name)}" if type_name else ""
            facts.add(
                f"field {name} #{get(f, 'number')} {get(f, 'name')} {get(f, 'type')} "
                f"{get(f, 'label')}{type_name}{oneof}{optional}"
            )
        for nested in children(m, "nested_type"):
            message(name, nested)
        for e in children(m, "enum_type"):
            enum(name, e)

    for file in children(parse(path), "file"):
        package = "." + get(file, "package")
        for m in children(file, "message_type"):
            message(package, m)
        for e in children(file, "enum_type"):
            enum(package, e)
        for s in children(file, "service"):
            service = package + "." + get(s, "name")
            for rpc in children(s, "method"):
                counts["methods"] += 1
                facts.add(
                    f"method {service}/{get(rpc, 'name')} "
                    f"in={unrename(get(rpc, 'input_type'))} "
                    f"out={unrename(get(rpc, 'output_type'))} "
                    f"client_streaming={get(rpc, 'client_streaming') or 'false'} "
                    f"server_streaming={get(rpc, 'server_streaming') or 'false'}"
                )
    return facts, counts


upstream, upstream_counts = normalize(sys.argv[1])
ours, ours_counts = normalize(sys.argv[2])
if not upstream_counts["messages"] or not upstream_counts["methods"]:
    sys.exit("wire_identity_test: the upstream descriptor has no messages or methods")
if upstream != ours:
    print("wire identity: MISMATCH (--- upstream tfplugin6.10.proto, +++ ours)")
    sys.stdout.writelines(
        difflib.unified_diff(
            [line + "\n" for line in sorted(upstream)],
            [line + "\n" for line in sorted(ours)],
            "upstream",
            "ours",
            n=0,
        )
    )
    sys.exit(1)
print(f"wire identity: {ours_counts['enums']} enums match")
print(
    f"wire identity: {ours_counts['messages']} messages, {ours_counts['fields']} fields, "
    f"{ours_counts['methods']} methods match"
)
PY
