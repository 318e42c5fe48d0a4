terraform {
  # Ephemeral resources: Terraform 1.10 and later, OpenTofu 1.11 and later.
  required_version = ">= 1.10"
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
