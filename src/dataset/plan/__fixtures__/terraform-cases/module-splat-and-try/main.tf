variable "create" {
  default = true
}
module "x" {
  source = "./x"
  count  = var.create ? 1 : 0
}
module "y" {
  source = "./x"
  count  = 0
}
locals {
  ids      = module.x[*].names
  first    = one(module.x[*].count_value)
  fallback = try(module.y[0].count_value, 3)
}
resource "terraform_data" "from_one" {
  count = local.first
}
resource "terraform_data" "from_try" {
  count = local.fallback
}
resource "terraform_data" "from_names" {
  for_each = toset(flatten(local.ids))
}
