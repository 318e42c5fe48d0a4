# A VM by its id. The Vers API does not report a VM's sizes: they are left
# unset, and the next plan takes them from the configuration.
terraform import vers_vm.dev 0d9b2f4e-6a41-4c59-9a8e-3f1c2b7d5e60

# A VM by its id, with the sizes it was made with (any of vcpu_count,
# mem_size_mib, fs_size_mib, comma-separated, each a positive integer).
terraform import vers_vm.dev 0d9b2f4e-6a41-4c59-9a8e-3f1c2b7d5e60:vcpu_count=2,mem_size_mib=2048,fs_size_mib=4096
