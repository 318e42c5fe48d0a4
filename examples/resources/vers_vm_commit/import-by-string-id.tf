# With triggers in the configuration, the import is followed by a replacement
# (triggers cannot be read back).
import {
  to = vers_vm_commit.golden
  id = "5c3e8a91-2f7d-4b06-8d1a-9e4f6b2c7a13" # the commit id
}
