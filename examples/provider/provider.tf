# The provider block with its connection settings (the Schema below lists
# them all). Only what differs from the defaults needs writing;
# VERS_API_KEY, VERS_BASE_URL, VERS_VM_DOMAIN and VERS_SSH_TLS_PORT in the
# environment work as well.
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}

variable "vers_api_key" {
  type      = string
  sensitive = true
  default   = null # falls back to VERS_API_KEY
}

provider "vers" {
  api_key = var.vers_api_key
  # base_url     = "https://api.vers.sh/api/v1"
  # vm_domain    = "vm.vers.sh"          # derived from base_url when unset
  # ssh_tls_port = 443                   # the SSH-over-TLS front's port
  # ca_cert_file = "/path/to/ca.pem"     # private deployments, vers-local
}

data "vers_endpoint" "current" {}

output "ssh_host_pattern" {
  description = "How a VM's SSH-over-TLS host name is formed."
  value       = "<vm_id>.${data.vers_endpoint.current.vm_domain}:${data.vers_endpoint.current.ssh_port}"
}
