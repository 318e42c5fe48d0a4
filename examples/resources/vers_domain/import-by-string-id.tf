import {
  to = vers_domain.web
  # "<domain_id>"
  id = "6f1c2a0e-3b7d-4c59-9a1e-2d4f8b6c0a11"
}
