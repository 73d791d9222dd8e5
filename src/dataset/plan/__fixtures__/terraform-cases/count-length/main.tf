variable "zones" {
  default = ["a", "b", "c"]
}
locals {
  subnets = [for i, z in var.zones : cidrsubnet("10.0.0.0/16", 8, i)]
}
resource "terraform_data" "subnet" {
  count = length(local.subnets)
  input = { zone = var.zones[count.index], cidr = local.subnets[count.index] }
}
