# tag_category cannot be imported: a configuration with a category other than
# "vers-metadata" (as here) plans a replacement after the import.
import {
  to = vers_vergeio_vm_metadata.build
  id = "web-server:build_date,application_version" # "<vm key or name>:<key>,<key>…"
}
