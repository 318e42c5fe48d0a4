import {
  to = vers_vm.dev
  # "<vm_id>", or "<vm_id>:vcpu_count=2,mem_size_mib=2048,fs_size_mib=4096"
  # to record the sizes it was made with.
  id = "0d9b2f4e-6a41-4c59-9a8e-3f1c2b7d5e60:vcpu_count=2,mem_size_mib=2048,fs_size_mib=4096"
}
