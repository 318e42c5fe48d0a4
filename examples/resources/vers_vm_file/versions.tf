terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
