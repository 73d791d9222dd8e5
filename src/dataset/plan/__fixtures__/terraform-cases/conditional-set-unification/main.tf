variable "on" {
  default = false
}
resource "terraform_data" "c" {
  for_each = var.on ? toset(["a"]) : []
}
resource "terraform_data" "d" {
  for_each = !var.on ? toset(["b"]) : []
}
