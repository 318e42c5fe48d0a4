import {
  to = vers_repository.base
  # "<name>", or "<name>:fork_from=<org/repo:tag>[,fork_tag_name=<tag>]" for a fork.
  id = "base-images"
}
