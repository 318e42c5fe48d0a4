// Redaction by shape, for secrets that are too many to register one by one:
// private keys in PEM or OpenSSH armor ("-----BEGIN OPENSSH PRIVATE KEY-----"
// ... "-----END OPENSSH PRIVATE KEY-----"), the form in which the Vers API
// hands out each VM's SSH key and the only forms libssh reads
// (ssh_pki_import_privkey_base64). Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace vers::log {

// True when `text` holds the BEGIN line of an armored private key.
bool IsArmoredPrivateKey(std::string_view text);

// `text` with every armored private key, from its BEGIN line to the end of
// its END line (or to the end of `text` when the END line is missing, as in
// a truncated message), replaced by "<redacted>". The armor is matched
// whatever the body holds, so a key written with JSON escapes (an HTTP body
// in a trace line) is redacted as well.
std::string RedactPrivateKeys(std::string_view text);

// Replaces every occurrence of `secret` in `text` by "<redacted>".
void ReplaceAll(std::string& text, std::string_view secret);

}  // namespace vers::log
