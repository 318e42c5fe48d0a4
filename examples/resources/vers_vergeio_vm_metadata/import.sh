# "<vm key or name>:<key>,<key>…": the metadata keys to manage (VergeIO cannot
# tell which tags a configuration owned); their values are read from VergeIO.
# The id cannot carry tag_category: it is imported as the default,
# "vers-metadata", so a configuration with another category (as here) plans a
# replacement, which writes the same pairs in that category.
terraform import vers_vergeio_vm_metadata.build web-server:build_date,application_version
