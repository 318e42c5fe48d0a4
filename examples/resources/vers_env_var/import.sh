# An env var by its key; the value is read back from the API.
terraform import vers_env_var.database_url DATABASE_URL
