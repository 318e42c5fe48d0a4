#!/usr/bin/env python3
"""A provider registry on loopback HTTPS, serving one release directory.

A test fixture (harness/registry.h starts it for the acceptance case
registry_install), not an emulator of a real service. It implements the Provider Registry Protocol as documented in
website/docs/internals/provider-registry-protocol.mdx and
remote-service-discovery.mdx of hashicorp/terraform and opentofu/opentofu:
  GET /.well-known/terraform.json          {"providers.v1": "/v1/providers/"}
  GET /v1/providers/NS/vers/versions       versions with protocols and platforms
  GET /v1/providers/NS/vers/V/download/OS/ARCH
      protocols, os, arch, filename, download_url, shasums_url,
      shasums_signature_url, shasum, signing_keys.gpg_public_keys[{key_id,
      ascii_armor}]; 404 for a platform it lacks
  GET /files/NS/NAME                       the release's files
Each namespace NS serves the same release differently:
  hdr       as release.sh wrote it
  tampered  the zip with one byte changed; its shasum and SHA256SUMS as released
            (a zip replaced on the download host)
  forged    that changed zip with its shasum and SHA256SUMS rewritten to match,
            and the released signature (a publisher's files replaced)
  wrongkey  the release as written, but signing_keys names another key than
            the one that signed (a signature by someone else)

usage: registry_server.py RELEASE_DIR KEY_ID CERT_PEM KEY_PEM LOG_FILE OTHER_KEY_ID OTHER_KEY_ASC
Listens on 127.0.0.1, an ephemeral port; prints the JSON line {"port": N} on
stdout when ready and appends each request's "METHOD PATH" to LOG_FILE.
"""
import hashlib
import http.server
import json
import os
import re
import ssl
import sys

release_dir, key_id, cert_pem, key_pem, log_file, other_key_id, other_key_asc = sys.argv[1:8]
NAME = "terraform-provider-vers"
NAMESPACES = ("hdr", "tampered", "forged", "wrongkey")
OTHER_ARMOR = open(other_key_asc).read()


def load_release():
    files = {f: open(os.path.join(release_dir, f), "rb").read() for f in os.listdir(release_dir)}
    sums = next(f for f in files if f.endswith("_SHA256SUMS"))
    version = sums[len(NAME) + 1:-len("_SHA256SUMS")]
    manifest = json.loads(files[f"{NAME}_{version}_manifest.json"])
    platforms = sorted(
        m.groups() for m in (re.fullmatch(rf"{NAME}_{re.escape(version)}_([a-z0-9]+)_([a-z0-9]+)\.zip", f)
                             for f in files) if m)
    armor = files[f"{NAME}_{version}_signing_key.asc"].decode()
    return files, version, manifest["metadata"]["protocol_versions"], platforms, armor


FILES, VERSION, PROTOCOLS, PLATFORMS, ARMOR = load_release()
SUMS = f"{NAME}_{VERSION}_SHA256SUMS"


def tamper(zip_bytes):
    # One byte of the middle (compressed data) changed: still the same length.
    middle = len(zip_bytes) // 2
    return zip_bytes[:middle] + bytes([zip_bytes[middle] ^ 0xFF]) + zip_bytes[middle + 1:]


def files_for(namespace):
    files = dict(FILES)
    if namespace in ("hdr", "wrongkey"):
        return files
    for name in list(files):
        if name.endswith(".zip"):
            files[name] = tamper(files[name])
    if namespace == "forged":
        lines = []
        for line in FILES[SUMS].decode().splitlines():
            digest, name = line.split(None, 1)
            lines.append(f"{hashlib.sha256(files[name]).hexdigest()}  {name}")
        files[SUMS] = ("\n".join(lines) + "\n").encode()
    return files


SERVED = {ns: files_for(ns) for ns in NAMESPACES}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        with open(log_file, "a") as log:
            log.write(f"{self.command} {self.path}\n")

    def send(self, status, body, content_type="application/json"):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        # The CLIs' downloader (go-getter) asks HEAD of the zip first.
        self.do_GET()

    def do_GET(self):
        base = f"https://{self.headers.get('Host')}"
        path = self.path.split("?", 1)[0]
        if path == "/.well-known/terraform.json":
            return self.send(200, {"providers.v1": "/v1/providers/"})
        m = re.fullmatch(r"/v1/providers/([^/]+)/vers/versions", path)
        if m and m.group(1) in NAMESPACES:
            return self.send(200, {"versions": [{
                "version": VERSION, "protocols": PROTOCOLS,
                "platforms": [{"os": o, "arch": a} for o, a in PLATFORMS]}]})
        m = re.fullmatch(r"/v1/providers/([^/]+)/vers/([^/]+)/download/([^/]+)/([^/]+)", path)
        if m and m.group(1) in NAMESPACES and m.group(2) == VERSION and (m.group(3), m.group(4)) in PLATFORMS:
            ns, _, os_, arch = m.groups()
            zip_name = f"{NAME}_{VERSION}_{os_}_{arch}.zip"
            files = SERVED[ns]
            shasum = hashlib.sha256(files[zip_name] if ns == "forged" else FILES[zip_name]).hexdigest()
            return self.send(200, {
                "protocols": PROTOCOLS, "os": os_, "arch": arch, "filename": zip_name,
                "download_url": f"{base}/files/{ns}/{zip_name}",
                "shasums_url": f"{base}/files/{ns}/{SUMS}",
                "shasums_signature_url": f"{base}/files/{ns}/{SUMS}.sig",
                "shasum": shasum,
                "signing_keys": {"gpg_public_keys": [
                    {"key_id": other_key_id, "ascii_armor": OTHER_ARMOR} if ns == "wrongkey" else
                    {"key_id": key_id, "ascii_armor": ARMOR}]},
            })
        m = re.fullmatch(r"/files/([^/]+)/([^/]+)", path)
        if m and m.group(1) in NAMESPACES and m.group(2) in SERVED[m.group(1)]:
            return self.send(200, SERVED[m.group(1)][m.group(2)], "application/octet-stream")
        self.send(404, {"errors": [f"not found: {path}"]})


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain(cert_pem, key_pem)
server.socket = tls.wrap_socket(server.socket, server_side=True)
print(json.dumps({"port": server.server_address[1]}), flush=True)
server.serve_forever()
