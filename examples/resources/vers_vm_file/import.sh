# A file by its VM's id and its absolute path; the content is read into `content`.
terraform import vers_vm_file.config 6f1c2a0e-3b7d-4c59-9a1e-2d4f8b6c0a11:/etc/app/app.conf
