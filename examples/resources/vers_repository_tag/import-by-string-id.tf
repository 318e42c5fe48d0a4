import {
  to = vers_repository_tag.stable
  id = "app:stable" # "<repository>:<tag>"
}
