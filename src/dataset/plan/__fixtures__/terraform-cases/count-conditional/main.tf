variable "enabled" {
  default = true
}
variable "n" {
  default = 2
}
resource "terraform_data" "x" {
  count = var.enabled ? var.n : 0
}
resource "terraform_data" "y" {
  count = !var.enabled ? 1 : 0
}
