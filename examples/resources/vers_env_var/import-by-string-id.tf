import {
  to = vers_env_var.database_url
  # "<key>"
  id = "DATABASE_URL"
}
