# A commit by its commit id.
terraform import vers_vm_commit.golden 5c3e8a91-2f7d-4b06-8d1a-9e4f6b2c7a13
