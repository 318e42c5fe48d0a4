# "<vm key or name>:<setting>,<setting>…": the settings to manage, of
# cpu_cores, ram, cpu_type, description, advanced (their values are read from
# VergeIO). restore_on_destroy is imported as false, and the values found at
# import are what it would restore: destroy then leaves them as they are.
terraform import vers_vergeio_vm_settings.web web-server:cpu_cores,ram

# "<vm key or name>" alone manages none of them.
terraform import vers_vergeio_vm_settings.web web-server
