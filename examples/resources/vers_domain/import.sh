# A domain binding by its domain_id (GET /domains lists them).
terraform import vers_domain.web 6f1c2a0e-3b7d-4c59-9a1e-2d4f8b6c0a11
