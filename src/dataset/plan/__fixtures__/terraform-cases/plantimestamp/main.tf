locals {
  stamp = plantimestamp()
}
resource "terraform_data" "uses_time" {
  input = local.stamp
}
resource "terraform_data" "keyed" {
  for_each = toset(["a", "b"])
  input    = "${each.key}-${local.stamp}"
}
