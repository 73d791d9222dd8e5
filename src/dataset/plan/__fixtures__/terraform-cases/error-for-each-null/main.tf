variable "m" {
  default = null
}
resource "terraform_data" "x" {
  for_each = var.m
}
