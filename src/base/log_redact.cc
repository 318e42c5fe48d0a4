#include "base/log_redact.h"

namespace vers::log {
namespace {

constexpr std::string_view kRedacted = "<redacted>";
constexpr std::string_view kDashes = "-----";
constexpr std::string_view kPrivateKey = "PRIVATE KEY";

// When text[pos..] is "-----<word> <LABEL>PRIVATE KEY-----" (LABEL upper-case
// letters, digits and spaces, as in RFC 7468 and OpenSSH's armor), the offset
// just past it; otherwise npos.
size_t ArmorLineEnd(std::string_view text, size_t pos, std::string_view word) {
  size_t i = pos + kDashes.size();
  if (text.substr(pos, kDashes.size()) != kDashes || text.substr(i, word.size()) != word) {
    return std::string_view::npos;
  }
  i += word.size();
  size_t label_end = text.find(kDashes, i);
  if (label_end == std::string_view::npos) return std::string_view::npos;
  std::string_view label = text.substr(i, label_end - i);
  if (label.size() < kPrivateKey.size() || !label.ends_with(kPrivateKey)) {
    return std::string_view::npos;
  }
  for (char c : label) {
    if (!(c == ' ' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return std::string_view::npos;
    }
  }
  return label_end + kDashes.size();
}

// The first BEGIN line of a private key at or after `from`: its start, and
// the offset past it in `*after`; npos when there is none.
size_t FindBegin(std::string_view text, size_t from, size_t* after) {
  for (size_t pos = text.find("-----BEGIN ", from); pos != std::string_view::npos;
       pos = text.find("-----BEGIN ", pos + 1)) {
    size_t end = ArmorLineEnd(text, pos, "BEGIN ");
    if (end != std::string_view::npos) {
      *after = end;
      return pos;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool IsArmoredPrivateKey(std::string_view text) {
  size_t after = 0;
  return FindBegin(text, 0, &after) != std::string_view::npos;
}

std::string RedactPrivateKeys(std::string_view text) {
  std::string out;
  size_t done = 0;  // text[..done) has been copied or redacted
  size_t after = 0;
  for (size_t begin = FindBegin(text, 0, &after); begin != std::string_view::npos;
       begin = FindBegin(text, done, &after)) {
    out.append(text.substr(done, begin - done));
    out.append(kRedacted);
    done = text.size();  // no END line: the rest may be key
    for (size_t pos = text.find("-----END ", after); pos != std::string_view::npos;
         pos = text.find("-----END ", pos + 1)) {
      size_t end = ArmorLineEnd(text, pos, "END ");
      if (end != std::string_view::npos) {
        done = end;
        break;
      }
    }
  }
  out.append(text.substr(done));
  return out;
}

void ReplaceAll(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), kRedacted);
    pos += kRedacted.size();
  }
}

}  // namespace vers::log
