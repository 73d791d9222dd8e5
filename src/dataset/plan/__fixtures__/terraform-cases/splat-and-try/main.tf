variable "items" {
  default = [{ n = "x" }, { n = "y" }]
}
locals {
  names = var.items[*].n
  maybe = try(var.items[5].n, "none")
}
resource "terraform_data" "s" {
  for_each = toset(concat(local.names, [local.maybe]))
}
