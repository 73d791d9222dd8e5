variable "sizes" {
  type = map(number)
  default = { small = 1, large = 3 }
}
variable "zones" {
  default = ["a", "b"]
}
resource "terraform_data" "sized" {
  count = lookup(var.sizes, "large", 0)
  input = element(var.zones, count.index)
}
resource "terraform_data" "named" {
  for_each = { for i, z in var.zones : format("%s-%02d", z, i) => z }
}
resource "terraform_data" "missing" {
  count = lookup(var.sizes, "medium", 0)
}
