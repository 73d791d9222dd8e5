variable "needed" {}
resource "terraform_data" "x" {}
