data "vers_endpoint" "current" {}

# The SSH command for a VM, through the TLS front as Vers documents it.
output "ssh_command_for" {
  value = "ssh -o ProxyCommand='openssl s_client -connect %h:${data.vers_endpoint.current.ssh_port} -servername %h -quiet' root@<vm_id>.${data.vers_endpoint.current.vm_domain}"
}
