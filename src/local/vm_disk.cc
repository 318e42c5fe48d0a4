#include "local/vm_disk.h"

#include <fcntl.h>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "local/fd.h"
#include "local/fs.h"
#include "local/proc.h"
#include "local/vm_ids.h"

namespace vers::local {
namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::Error(what + " " + path + ": " + std::strerror(errno));
}

// The ext4 superblock fields we need (the kernel's on-disk layout: at byte
// 1024 of the device; s_blocks_count_lo/hi, s_free_blocks_count_lo/hi,
// s_log_block_size).
struct Super {
  uint64_t blocks = 0, free_blocks = 0, block_size = 0;
};

Result<Super> ReadSuper(int fd, const std::string& what) {
  unsigned char sb[1024];
  if (::pread(fd, sb, sizeof sb, 1024) != static_cast<ssize_t>(sizeof sb))
    return Errno("reading the ext4 superblock of", what);
  auto le32 = [&sb](int off) {
    return static_cast<uint64_t>(sb[off]) | static_cast<uint64_t>(sb[off + 1]) << 8 |
           static_cast<uint64_t>(sb[off + 2]) << 16 | static_cast<uint64_t>(sb[off + 3]) << 24;
  };
  Super s;
  s.blocks = le32(0x04) | le32(0x150) << 32;
  s.free_blocks = le32(0x0C) | le32(0x158) << 32;
  s.block_size = 1024ull << le32(0x18);
  return s;
}

// Holds back all but `size_mib` of the free space of the ext4 mounted at
// `mnt` (an open directory on it). <vm_dir>/disk.empty holds the free blocks
// of the empty filesystem, recorded by CreateVmDisk.
Status Limit(const std::string& vm_dir, int mnt, int64_t size_mib) {
  auto empty_text = ReadFile(vm_dir + "/disk.empty");
  if (!empty_text.ok()) return empty_text.status();
  uint64_t empty = 0, block = 0;
  const std::string& t = empty_text.value();
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), empty);
  if (ec != std::errc() || p == t.data() + t.size()) return Status::Error("bad disk.empty");
  std::from_chars(p + 1, t.data() + t.size(), block);
  if (block == 0) return Status::Error("bad disk.empty");
  struct stat st;
  if (::fstat(mnt, &st) != 0) return Errno("stat", vm_dir + "/disk");
  uint64_t want = static_cast<uint64_t>(size_mib) * 1024 * 1024 / block;
  uint64_t reserve = empty > want ? empty - want : 0;
  std::string knob = "/sys/fs/ext4/loop" + std::to_string(minor(st.st_dev)) + "/reserved_clusters";
  return WriteFileInPlace(knob, std::to_string(reserve));
}

std::string DiskDir(const std::string& vm_dir) { return vm_dir + "/disk"; }

// mkfs.ext4 of a sparse `path` of `size_mib`, root owned by the VM's root.
Status MakeExt4(const std::string& path, int64_t size_mib, const std::string& log) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!fd.valid()) return Errno("create", path);
  if (::ftruncate(fd.get(), size_mib * 1024 * 1024) != 0) return Errno("size", path);
  std::string owner = std::to_string(kVmIdBase) + ":" + std::to_string(kVmIdBase);
  Status st = RunCommand({"/usr/sbin/mkfs.ext4", "-q", "-F", "-m", "0", "-J", "size=16", "-E",
                          "lazy_itable_init=1,lazy_journal_init=1,root_owner=" + owner, path},
                         log);
  if (!st.ok()) return Status::Error("making a VM disk: " + st.message() + " (see " + log + ")");
  return Status::Ok();
}

// Copies the data extents of `src` into a new sparse `dst` of the same size.
Status SparseCopy(const std::string& src, const std::string& dst) {
  UniqueFd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in.valid()) return Errno("open", src);
  UniqueFd out(::open(dst.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!out.valid()) return Errno("create", dst);
  struct stat st;
  if (::fstat(in.get(), &st) != 0 || ::ftruncate(out.get(), st.st_size) != 0)
    return Errno("size", dst);
  off_t data = 0;
  while ((data = ::lseek(in.get(), data, SEEK_DATA)) >= 0) {
    off_t hole = ::lseek(in.get(), data, SEEK_HOLE);
    if (hole < 0) return Errno("seek", src);
    for (off_t pos = data; pos < hole;) {
      off_t from = pos, to = pos;
      ssize_t n =
          ::copy_file_range(in.get(), &from, out.get(), &to, static_cast<size_t>(hole - pos), 0);
      if (n <= 0) return Errno("copy", dst);
      pos += n;
    }
    data = hole;
  }
  if (errno != ENXIO) return Errno("seek", src);
  return Status::Ok();
}

}  // namespace

Status MakeDiskTemplate(const std::string& path) {
  std::string partial = path + ".partial";
  if (Status st = MakeExt4(partial, kDiskImageMinMib, path + ".log"); !st.ok()) return st;
  if (::rename(partial.c_str(), path.c_str()) != 0) return Errno("rename", partial);
  return Status::Ok();
}

Status CreateVmDisk(const std::string& vm_dir, int64_t size_mib, const std::string& template_path) {
  std::string image = vm_dir + "/disk.img";
  if (PathExists(image)) return Status::Ok();
  std::string partial = image + ".partial";
  Status made = size_mib <= kDiskImageMinMib ? SparseCopy(template_path, partial)
                                             : MakeExt4(partial, size_mib, vm_dir + "/mkfs.log");
  if (!made.ok()) return made;
  UniqueFd fd(::open(partial.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return Errno("open", partial);
  auto sb = ReadSuper(fd.get(), partial);
  if (!sb.ok()) return sb.status();
  if (Status w = WriteFileAtomic(
          vm_dir + "/disk.empty",
          std::to_string(sb.value().free_blocks) + " " + std::to_string(sb.value().block_size),
          0600);
      !w.ok())
    return w;
  if (::rename(partial.c_str(), image.c_str()) != 0) return Errno("rename", partial);
  return Status::Ok();
}

Status MountVmDisk(const std::string& vm_dir, int64_t size_mib) {
  std::string image = vm_dir + "/disk.img", dir = DiskDir(vm_dir);
  UniqueFd file(::open(image.c_str(), O_RDWR | O_CLOEXEC));
  if (!file.valid()) return Errno("open", image);
  UniqueFd control(::open("/dev/loop-control", O_RDWR | O_CLOEXEC));
  if (!control.valid()) return Errno("open", "/dev/loop-control");
  // Another process may take the free device between the two calls: retry.
  for (int attempt = 0; attempt < 50; ++attempt) {
    int n = ::ioctl(control.get(), LOOP_CTL_GET_FREE);
    if (n < 0) return Errno("finding a free loop device for", image);
    std::string dev = "/dev/loop" + std::to_string(n);
    UniqueFd loop(::open(dev.c_str(), O_RDWR | O_CLOEXEC));
    if (!loop.valid()) continue;
    loop_config config{};
    config.fd = static_cast<uint32_t>(file.get());
    config.info.lo_flags = LO_FLAGS_AUTOCLEAR;
    if (::ioctl(loop.get(), LOOP_CONFIGURE, &config) != 0) {
      if (errno == EBUSY) continue;
      return Errno("attaching " + image + " to", dev);
    }
    if (::mount(dev.c_str(), dir.c_str(), "ext4", MS_NOSUID | MS_NODEV, nullptr) != 0)
      return Errno("mounting the VM's disk at", dir);
    UniqueFd mnt(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!mnt.valid()) return Errno("open", dir);
    return Limit(vm_dir, mnt.get(), size_mib);
  }
  return Status::Error("no free loop device for " + image);
}

Status GrowVmDisk(const std::string& vm_dir, int64_t size_mib, pid_t mounted_by) {
  std::string image = vm_dir + "/disk.img";
  struct stat st;
  if (::stat(image.c_str(), &st) != 0) return Errno("stat", image);
  // Past the image, ext4 would need an online resize (CAP_SYS_RESOURCE);
  // VmManager refuses such sizes first.
  if (size_mib * 1024 * 1024 > st.st_size)
    return Status::Error("a VM disk grows in place up to " + std::to_string(st.st_size >> 20) +
                         " MiB");
  if (mounted_by <= 0) return Status::Ok();  // the new limit holds from the next mount
  std::string mnt_path = "/proc/" + std::to_string(mounted_by) + "/root" + DiskDir(vm_dir);
  UniqueFd mnt(::open(mnt_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!mnt.valid()) return Errno("open", mnt_path);
  return Limit(vm_dir, mnt.get(), size_mib);
}

}  // namespace vers::local
