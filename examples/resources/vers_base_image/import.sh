# An image by its name. The API does not report where an image came from:
# the first apply after the import records archive_path (or docker_image,
# s3_bucket/s3_key), size_mib and triggers from the configuration in place,
# without replacing the image.
terraform import vers_base_image.tools tools
