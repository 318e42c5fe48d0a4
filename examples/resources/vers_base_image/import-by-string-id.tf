import {
  to = vers_base_image.tools
  # "<image_name>"
  id = "tools"
}
