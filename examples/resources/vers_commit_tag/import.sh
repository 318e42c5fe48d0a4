# A tag by its name.
terraform import vers_commit_tag.stable stable
