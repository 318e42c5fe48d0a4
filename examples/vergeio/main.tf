# The VergeIO Packer provisioner's multi-step flow as Terraform:
# checkpoint snapshot -> VM settings -> build metadata -> final snapshot.
# Credentials come from VERGEIO_ENDPOINT, VERGEIO_USERNAME and
# VERGEIO_PASSWORD, or the vergeio block below.
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}

variable "vm" {
  description = "The VergeIO VM to manage (its name or key)."
  type        = string
  default     = "web-server"
}

variable "app_version" {
  type    = string
  default = "1.0.0"
}

provider "vers" {
  vergeio {
    # endpoint     = "vergeio.example.com"
    # username     = "admin"
    # password     = var.vergeio_password
    retry_attempts = 5
    retry_delay    = "15s"
    timeout        = "10m"
  }
}

# 1. Checkpoint after the base software went in.
resource "vers_vergeio_vm_snapshot" "base" {
  vm          = var.vm
  name        = "base-software-installed"
  description = "Checkpoint after base software installation"
  expires     = "never"
}

# 2. Give the VM its production size (applied at the next power cycle when
#    VergeIO says so: see need_restart).
resource "vers_vergeio_vm_settings" "web" {
  vm          = var.vm
  cpu_cores   = 4
  ram         = 4096
  description = "web server, app ${var.app_version}"
  advanced    = <<-EOT
    machine_type=q35
    cpu.flags=+aes
  EOT

  restore_on_destroy = true
  depends_on         = [vers_vergeio_vm_snapshot.base]
}

# 3. Build metadata, as tags key=value.
resource "vers_vergeio_vm_metadata" "build" {
  vm = var.vm
  metadata = {
    application_version = var.app_version
    built_by            = "terraform"
  }
  depends_on = [vers_vergeio_vm_settings.web]
}

# 4. The final image.
resource "vers_vergeio_vm_snapshot" "final" {
  vm          = var.vm
  name        = "release-${var.app_version}"
  description = "Configured and labelled"
  quiesce     = true
  depends_on  = [vers_vergeio_vm_metadata.build]
}

output "needs_restart" {
  value = vers_vergeio_vm_settings.web.need_restart
}
