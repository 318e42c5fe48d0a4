# A commit by its commit id. Its triggers cannot be read back: a configuration
# that sets triggers (as here) plans a replacement after the import, which
# takes a new commit and deletes the imported one.
terraform import vers_vm_commit.golden 5c3e8a91-2f7d-4b06-8d1a-9e4f6b2c7a13
