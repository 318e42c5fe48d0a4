import {
  to = vers_vergeio_vm_settings.web
  id = "web-server:cpu_cores,ram" # "<vm key or name>:<setting>,<setting>…"
}
