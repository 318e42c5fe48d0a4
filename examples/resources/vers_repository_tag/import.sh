# A repository tag by "<repository>:<tag>".
terraform import vers_repository_tag.stable app:stable
