import {
  to = vers_image_layer.app
  id = "0b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59" # the layer's commit id
}
