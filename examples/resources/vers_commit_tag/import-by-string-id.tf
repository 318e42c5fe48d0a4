import {
  to = vers_commit_tag.stable
  id = "stable" # the tag's name
}
