variable "replicas" {
  type = number
}
resource "terraform_data" "r" {
  count = var.replicas
}
module "inner" {
  source = "../inner"
  tags   = ["a", "b"]
}
