# A repository by its name.
terraform import vers_repository.base base-images

# A fork by its name, with the public reference it was forked from
# ("<org>/<repo>:<tag>"; on vers-local the organization is vers-local) and,
# when it was given one, ",fork_tag_name=<tag>": the fork's VM and commit are
# read from the tag the fork made.
terraform import vers_repository.fork my-base-images:fork_from=vers-local/base-images:latest
