# A base image uploaded from a local root filesystem archive (a tar,
# optionally compressed), replaced whenever the archive changes, and a VM
# that boots from it.
resource "vers_base_image" "tools" {
  image_name   = "tools"
  archive_path = "${path.module}/rootfs.tar.gz"
  size_mib     = 1024
  triggers = {
    archive = filesha256("${path.module}/rootfs.tar.gz")
  }
}

resource "vers_vm" "tools" {
  image_name = vers_base_image.tools.image_name
}

output "image_status" {
  value = vers_base_image.tools.status
}
