# A layer by its commit id; the next apply records the configured inputs and
# tags the commit in the cache repository, in place.
terraform import vers_image_layer.app 0b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59
