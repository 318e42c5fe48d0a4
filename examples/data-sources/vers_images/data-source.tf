# The account's base images, and those uploaded from archives.
resource "vers_base_image" "tools" {
  image_name   = "tools-listed"
  archive_path = "${path.module}/rootfs.tar.gz"
}

data "vers_images" "all" {
  depends_on = [vers_base_image.tools]
}

data "vers_images" "uploaded" {
  source_type = "upload"
  depends_on  = [vers_base_image.tools]
}

output "image_names" {
  value = data.vers_images.all.names
}
