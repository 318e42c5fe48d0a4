# An account env var, written into /etc/environment of every VM created
# afterwards. Keep the value out of the configuration: a variable marked
# sensitive (here with a default only so that the example applies as shipped).
variable "database_url" {
  type      = string
  sensitive = true
  default   = "postgres://app@db.internal/app"
}

resource "vers_env_var" "database_url" {
  key   = "DATABASE_URL"
  value = var.database_url
}
