#include "local_files.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>

#include "process.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

void WriteRandom(const std::string& path, std::uint64_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::mt19937_64 generator(std::random_device{}());
  std::vector<std::uint64_t> block(1 << 17);  // 1 MiB
  while (size > 0) {
    for (auto& word : block) word = generator();
    std::uint64_t n = std::min<std::uint64_t>(size, block.size() * sizeof block[0]);
    out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(n));
    size -= n;
  }
  REQUIRE(out.good());
}

void Make(const std::string& path, const LocalFile& file) {
  std::error_code ec;
  fs::remove(path, ec);
  switch (file.kind) {
    case LocalFile::Kind::kText:
      REQUIRE(WriteFile(path, file.text).ok());
      break;
    case LocalFile::Kind::kRandom:
      WriteRandom(path, file.size);
      break;
    case LocalFile::Kind::kSparse:
      REQUIRE(WriteFile(path, "").ok());
      fs::resize_file(path, file.size);
      break;
    case LocalFile::Kind::kFifo:
      REQUIRE(::mkfifo(path.c_str(), 0644) == 0);
      break;
    case LocalFile::Kind::kSymlink:
      fs::create_symlink(file.text, path);
      return;
    case LocalFile::Kind::kDirectory:
      fs::create_directories(path);
      return;
  }
  if (file.kind != LocalFile::Kind::kFifo)
    fs::permissions(path, static_cast<fs::perms>(file.mode), fs::perm_options::replace);
}

}  // namespace

LocalFile TextFile(std::string path, std::string content, unsigned mode) {
  return {.path = std::move(path), .text = std::move(content), .mode = mode};
}
LocalFile RandomFile(std::string path, std::uint64_t size) {
  return {.path = std::move(path), .kind = LocalFile::Kind::kRandom, .size = size};
}
LocalFile SparseFile(std::string path, std::uint64_t size) {
  return {.path = std::move(path), .kind = LocalFile::Kind::kSparse, .size = size};
}
LocalFile Fifo(std::string path) {
  return {.path = std::move(path), .kind = LocalFile::Kind::kFifo};
}
LocalFile Symlink(std::string path, std::string target) {
  return {.path = std::move(path), .kind = LocalFile::Kind::kSymlink, .text = std::move(target)};
}
LocalFile Directory(std::string path) {
  return {.path = std::move(path), .kind = LocalFile::Kind::kDirectory};
}

Action MakeLocalFiles(std::vector<LocalFile> files) {
  return [files](Context& ctx) {
    for (const LocalFile& file : files) {
      std::string path = ctx.workspace.dir() + "/" + file.path;
      fs::create_directories(fs::path(path).parent_path());
      Make(path, file);
      bool regular = file.kind == LocalFile::Kind::kText || file.kind == LocalFile::Kind::kRandom;
      if (!regular) continue;
      ctx.vars["sha:" + file.path] = Sha256OfFile(path);
      ctx.vars["size:" + file.path] = std::to_string(fs::file_size(path));
    }
  };
}

std::string Sha256OfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0)
    EVP_DigestUpdate(md.get(), buffer.data(), in.gcount());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_DigestFinal_ex(md.get(), digest, &length);
  std::string hex;
  char byte[3];
  for (unsigned i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

}  // namespace vers::acceptance
