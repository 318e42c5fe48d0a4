# A file by its VM's id and its absolute path. The content is read into
# `sensitive_content` (an import cannot know whether it is secret); with a
# configuration that sets `content`, the next apply moves it there in place.
terraform import vers_vm_file.config 6f1c2a0e-3b7d-4c59-9a1e-2d4f8b6c0a11:/etc/app/app.conf
