locals {
  m = { b = 1, a = 2 }
}
resource "terraform_data" "r" {
  for_each = toset([for i in range(3) : tostring(i * 2)])
}
resource "terraform_data" "k" {
  count = length(keys(local.m)) + length(values(local.m))
}
