# "<vm key or name>:<key>,<key>…": the metadata keys to manage (VergeIO cannot
# tell which tags a configuration owned); their values are read from VergeIO.
# tag_category is imported as its default, "vers-metadata".
terraform import vers_vergeio_vm_metadata.build web-server:build_date,application_version
