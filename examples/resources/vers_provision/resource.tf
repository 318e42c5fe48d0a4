# Provision a VM over SSH-over-TLS, then snapshot it. The commit's trigger is
# the provisioning id, which hashes the script's contents: editing the script
# re-provisions and takes a new commit. The commit leaves the VM paused; on
# destroy, vers_provision resumes it for its destroy_commands and pauses it
# again.
resource "vers_vm" "app" {}

resource "vers_provision" "setup" {
  vm_id = vers_vm.app.id

  files = [
    { source = "${path.module}/scripts/bootstrap.sh", destination = "/tmp/bootstrap.sh", mode = "0755" },
    { content = "APP_ENV=production\n", destination = "/etc/app/env", mode = "0600" },
  ]
  environment = { APP_ENV = "production" }
  commands = [
    "/tmp/bootstrap.sh",
  ]
  command_timeout = "10m"
  # A keepalive every 30 s while a command is silent (e.g. a long build).
  keepalive_interval = "30s"
  destroy_commands   = ["rm -rf /etc/app"]

  timeouts {
    create = "30m"
  }
}

resource "vers_vm_commit" "golden" {
  vm_id       = vers_vm.app.id
  keep_paused = true
  triggers    = { provision = vers_provision.setup.id }
}

output "provision_summary" {
  value = vers_provision.setup.summary
}
