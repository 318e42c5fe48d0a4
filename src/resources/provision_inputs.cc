#include "resources/provision_inputs.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "plugin/values.h"
#include "ssh/session.h"
#include "ssh/sha256.h"

namespace vers::resources {

namespace fs = std::filesystem;

namespace {

AttributePath FileAttr(size_t index, const std::string& name) {
  return AttributePath::Root("files").ElementIndex(static_cast<int64_t>(index)).Attribute(name);
}

std::optional<int> ParseMode(const std::string& s) {
  if (s.empty() || s.size() > 4 || s.find_first_not_of("01234567") != std::string::npos)
    return std::nullopt;
  return static_cast<int>(std::stoi(s, nullptr, 8));
}

// Adds `dir`'s regular files (recursively, sorted) under `destination`.
void ExpandDirectory(const fs::path& dir, const std::string& destination, const UploadItem& base,
                     std::optional<int> mode, std::vector<UploadItem>& out) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    UploadItem item = base;
    item.source = f.string();
    item.destination = destination + "/" + fs::relative(f, dir).generic_string();
    item.mode = mode.value_or(static_cast<int>(fs::status(f).permissions() & fs::perms::mask));
    out.push_back(std::move(item));
  }
}

// Feeds length-prefixed fields, so that no two different inputs hash alike.
class Hasher {
 public:
  void Field(const std::string& s) {
    uint64_t n = s.size();
    sha_.Update(&n, sizeof n);
    sha_.Update(s.data(), s.size());
  }
  void FileContents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char buf[64 * 1024];
    uint64_t total = 0;
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      sha_.Update(buf, static_cast<size_t>(in.gcount()));
      total += static_cast<uint64_t>(in.gcount());
    }
    sha_.Update(&total, sizeof total);
  }
  std::string Hex() { return sha_.HexDigest(); }

 private:
  ssh::Sha256 sha_;
};

}  // namespace

bool WhollyKnown(const cty::Value& v) {
  if (!v.is_known()) return false;
  if (v.is_null()) return true;
  switch (v.type().kind()) {
    case cty::TypeKind::kList:
    case cty::TypeKind::kSet:
    case cty::TypeKind::kTuple:
      return std::all_of(v.AsElements().begin(), v.AsElements().end(), WhollyKnown);
    case cty::TypeKind::kMap:
    case cty::TypeKind::kObject:
      return std::all_of(v.AsAttributes().begin(), v.AsAttributes().end(),
                         [](const auto& kv) { return WhollyKnown(kv.second); });
    default:
      return true;
  }
}

ProvisionInputs ReadProvisionInputs(const cty::Value& object, Diagnostics& diags) {
  ProvisionInputs in;
  in.vm_id = values::String(object, "vm_id").value_or("");
  in.environment = values::StringMap(object, "environment");
  in.triggers = values::StringMap(object, "triggers");
  in.working_dir = values::String(object, "working_dir");
  cty::Value commands = object.GetAttr("commands");
  if (commands.is_known() && !commands.is_null()) {
    for (const auto& c : commands.AsElements()) {
      if (c.is_known() && !c.is_null()) in.commands.push_back(c.AsString());
    }
  }
  cty::Value files = object.GetAttr("files");
  if (!files.is_known() || files.is_null()) return in;
  size_t index = 0;
  for (const auto& f : files.AsElements()) {
    if (!WhollyKnown(f)) {  // checked once known
      ++index;
      continue;
    }
    UploadItem item;
    item.config_index = index;
    item.source = values::String(f, "source");
    item.content = values::String(f, "content");
    item.destination = values::String(f, "destination").value_or("");
    std::optional<int> mode;
    if (auto m = values::String(f, "mode")) {
      mode = ParseMode(*m);
      if (!mode)
        diags.AddError(
            "Invalid file mode",
            "mode \"" + *m + "\" is not an octal permission such as \"0644\" or \"755\".",
            FileAttr(index, "mode"));
    }
    if (item.source.has_value() == item.content.has_value()) {
      diags.AddError(item.source ? "Conflicting file sources" : "Missing file source",
                     "Each element of files needs exactly one of source (a local path) and content "
                     "(inline text).",
                     FileAttr(index, item.source ? "content" : "source"));
    } else if (item.destination.empty() || item.destination.front() != '/') {
      diags.AddError("Invalid destination",
                     "destination \"" + item.destination +
                         "\" must be an absolute path on the VM, such as \"/opt/app/config\".",
                     FileAttr(index, "destination"));
    } else if (item.content) {
      item.mode = mode.value_or(0644);
      in.uploads.push_back(std::move(item));
    } else {
      std::error_code ec;
      auto st = fs::status(*item.source, ec);
      if (ec || !fs::exists(st)) {
        diags.AddError("Source not found",
                       "source \"" + *item.source + "\" does not exist or cannot be read.",
                       FileAttr(index, "source"));
      } else if (fs::is_directory(st)) {
        std::string dest = item.destination;
        while (dest.size() > 1 && dest.back() == '/') dest.pop_back();
        ExpandDirectory(*item.source, dest, item, mode, in.uploads);
      } else {
        item.mode = mode.value_or(static_cast<int>(st.permissions() & fs::perms::mask));
        in.uploads.push_back(std::move(item));
      }
    }
    ++index;
  }
  return in;
}

std::string ProvisionId(const ProvisionInputs& in) {
  Hasher h;
  h.Field("vers_provision/1");
  h.Field(in.vm_id);
  for (const auto& u : in.uploads) {
    h.Field(u.destination);
    h.Field(std::to_string(u.mode));
    if (u.content) {
      h.Field("content");
      h.Field(*u.content);
    } else {
      h.Field("source");
      h.FileContents(*u.source);
    }
  }
  h.Field("commands");
  for (const auto& c : in.commands) h.Field(c);
  h.Field("environment");
  for (const auto& [k, v] : in.environment) (h.Field(k), h.Field(v));
  h.Field("working_dir");
  h.Field(in.working_dir.value_or(""));
  h.Field("triggers");
  for (const auto& [k, v] : in.triggers) (h.Field(k), h.Field(v));
  return h.Hex();
}

std::string RemoteCommand(const ProvisionInputs& in, const std::string& command) {
  std::string line;
  for (const auto& [k, v] : in.environment) line += "export " + k + "=" + ssh::ShellQuote(v) + "; ";
  if (in.working_dir) line += "cd " + ssh::ShellQuote(*in.working_dir) + " && ";
  return line + "{ " + command + "\n}";
}

}  // namespace vers::resources
