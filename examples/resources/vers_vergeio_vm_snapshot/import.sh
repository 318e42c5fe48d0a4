# "<snapshot key>:<vm key or name>": VergeIO cannot tell which reference to
# the VM the configuration uses, so the id carries it. The snapshot key is
# the machine_snapshots $key.
terraform import vers_vergeio_vm_snapshot.pre_upgrade 12:web-server
