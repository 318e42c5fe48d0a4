# One VM by id, e.g. one created outside this configuration.
variable "vm_id" {
  type = string
}

data "vers_vm" "this" {
  id = var.vm_id
}

output "state" {
  value = data.vers_vm.this.state
}
