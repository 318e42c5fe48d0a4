# Running VMs that carry a label.
data "vers_vms" "workers" {
  state  = "running"
  labels = { role = "worker" }
}

output "worker_ids" {
  value = data.vers_vms.workers.ids
}
