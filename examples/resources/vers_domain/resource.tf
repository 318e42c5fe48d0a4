# A custom domain routed to a VM.
resource "vers_vm" "web" {}

resource "vers_domain" "web" {
  domain = "web.example.com"
  vm_id  = vers_vm.web.id
}

output "domain_id" {
  value = vers_domain.web.id
}
