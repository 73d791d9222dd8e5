variable "names" {
  type = list(string)
}
variable "prefix" {
  default = "d"
}
resource "terraform_data" "n" {
  for_each = toset([for n in var.names : "${var.prefix}-${n}"])
}
