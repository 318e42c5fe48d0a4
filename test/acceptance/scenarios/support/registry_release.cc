#include "support/registry_release.h"

#include <openssl/evp.h>
#include <sys/utsname.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "backends.h"
#include "base/base64.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

std::string Sha256(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), size);
}

std::string Hex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) hex += {kDigits[c >> 4], kDigits[c & 15]};
  return hex;
}

// Runs ARGV in DIR (stdout alone in the result, stderr to DIR/tool.err);
// throws with both when it fails.
std::string MustRun(const std::string& dir, std::vector<std::string> argv, Environment env = {}) {
  auto finished = RunToEnd({.argv = argv,
                            .env = std::move(env),
                            .cwd = dir,
                            .output_file = dir + "/tool.out",
                            .error_file = dir + "/tool.err"});
  if (!finished.ok()) throw std::runtime_error(finished.status().message());
  if (finished.value().exit_code != 0)
    throw std::runtime_error(argv[0] + " failed:\n" + finished.value().output +
                             ReadFile(dir + "/tool.err"));
  return finished.value().output;
}

// Field 5 (the key id) of the first "pub" line of gpg's --with-colons output.
std::string PubKeyId(const std::string& colons) {
  std::istringstream lines(colons);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("pub:")) continue;
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string f; std::getline(in, f, ':');) fields.push_back(f);
    if (fields.size() > 4) return fields[4];
  }
  throw std::runtime_error("gpg listed no public key:\n" + colons);
}

std::string MachineArch() {
  utsname name{};
  ::uname(&name);
  std::string machine = name.machine;
  return machine == "x86_64" ? "amd64" : machine == "aarch64" ? "arm64" : machine;
}

}  // namespace

RegistryRelease::RegistryRelease(const std::string& dir)
    : dir_(dir), release_dir_(dir + "/release"), gnupg_{dir + "/gnupg-show"} {
  std::string source = RequiredEnv("VERS_SOURCE_DIR");
  arch = MachineArch();
  std::string platform = "linux_" + arch;
  fs::create_directories(dir + "/prebuilt/" + platform);
  binary = dir + "/prebuilt/" + platform + "/terraform-provider-vers";
  MustRun(dir, {"strip", "-o", binary, RequiredEnv("VERS_PROVIDER")});
  // A throwaway key signs (release.sh: neither GPG_FINGERPRINT nor GNUPGHOME set).
  MustRun(dir,
          {"bash", source + "/scripts/release.sh", "--prebuilt", "prebuilt", "--platforms",
           platform, "release"},
          {{"GPG_FINGERPRINT", std::nullopt}, {"GNUPGHOME", std::nullopt}});
  std::smatch m;
  std::string cmake = ReadFile(source + "/CMakeLists.txt");
  if (!std::regex_search(cmake, m,
                         std::regex(R"(\nproject\(terraform-provider-vers VERSION ([^ )]*))")))
    throw std::runtime_error("CMakeLists.txt names no project(terraform-provider-vers VERSION …)");
  version = m[1];
  std::string prefix = release_dir_ + "/terraform-provider-vers_" + version;
  zip_file = prefix + "_" + platform + ".zip";

  fs::create_directories(gnupg_.path);
  fs::permissions(gnupg_.path, fs::perms::owner_all);
  const std::vector<std::string> gpg = {"gpg", "--homedir", gnupg_.path, "--batch", "--quiet"};
  auto Gpg = [&](std::vector<std::string> args) {
    args.insert(args.begin(), gpg.begin(), gpg.end());
    return MustRun(dir, args);
  };
  key_id = PubKeyId(Gpg({"--with-colons", "--show-keys", prefix + "_signing_key.asc"}));
  // Another key, which signed nothing here.
  Gpg({"--passphrase", "", "--quick-gen-key", "someone else <else@invalid>", "ed25519", "sign",
       "never"});
  other_key_id_ =
      PubKeyId(Gpg({"--trust-model", "always", "--with-colons", "--list-keys", "else@invalid"}));
  Status armor = WriteFile(dir + "/other_key.asc", Gpg({"--armor", "--export", "else@invalid"}));
  if (!armor.ok()) throw std::runtime_error(armor.message());

  // h1: over the zip's files, each read back with unzip.
  std::istringstream names(MustRun(dir, {"unzip", "-Z1", zip_file}));
  std::vector<std::string> sorted;
  for (std::string name; std::getline(names, name);) sorted.push_back(name);
  std::sort(sorted.begin(), sorted.end());
  std::string summary;
  for (const std::string& name : sorted)
    summary += Hex(Sha256(MustRun(dir, {"unzip", "-p", zip_file, name}))) + "  " + name + "\n";
  expected_h1 = "h1:" + base::Base64Encode(Sha256(summary));
  expected_signed = {expected_h1};
  std::istringstream sums(ReadFile(prefix + "_SHA256SUMS"));
  for (std::string line; std::getline(sums, line);)
    if (!line.empty()) expected_signed.push_back("zh:" + line.substr(0, line.find(' ')));
  std::sort(expected_signed.begin(), expected_signed.end());

  std::string zip = ReadFile(zip_file);
  released_sha = Hex(Sha256(zip));
  zip[zip.size() / 2] ^= 0xFF;  // as the registry's "tampered" namespace changes it
  tampered_sha = Hex(Sha256(zip));
}

RegistryRelease::GpgHome::~GpgHome() {
  if (std::filesystem::exists(path))
    (void)RunToEnd({.argv = {"gpgconf", "--homedir", path, "--kill", "all"}});
}

RegistryFiles RegistryRelease::ForRegistry() const {
  fs::create_directories(dir_ + "/registry");
  return {.dir = dir_ + "/registry",
          .release_dir = release_dir_,
          .key_id = key_id,
          .other_key_id = other_key_id_,
          .other_key_asc = dir_ + "/other_key.asc"};
}

std::vector<std::string> LockHashes(const std::string& dir, const std::string& address) {
  std::string text = ReadFile(dir + "/.terraform.lock.hcl");
  std::string quoted = std::regex_replace(address, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
  std::smatch block, list;
  std::vector<std::string> hashes;
  if (!std::regex_search(text, block, std::regex("provider \"" + quoted + R"(" \{([\s\S]*?)\n\})")))
    return hashes;
  std::string body = block[1];
  if (!std::regex_search(body, list, std::regex(R"(hashes = \[([\s\S]*?)\])"))) return hashes;
  std::string items = list[1];
  std::regex item("\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(items.begin(), items.end(), item);
       it != std::sregex_iterator(); ++it)
    hashes.push_back((*it)[1]);
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

std::string LockedHost(const std::string& dir) {
  std::string text = ReadFile(dir + "/.terraform.lock.hcl");
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(R"(provider "([^"]*)/hdr/vers")"))) return "";
  return m[1];
}

std::string InstalledBinary(const std::string& dir, const std::string& version) {
  fs::path root = fs::path(dir) / ".terraform" / "providers";
  std::error_code absent;
  for (auto it = fs::recursive_directory_iterator(root, absent);
       !absent && it != fs::recursive_directory_iterator(); ++it)
    if (it->is_regular_file() && it->path().filename() == "terraform-provider-vers_v" + version)
      return it->path().string();
  return "";
}

}  // namespace vers::acceptance
