variable "size" {
  type = number
}
resource "terraform_data" "r" {
  count = var.size
}
