module "sizes" {
  source = "./sizes"
}
resource "terraform_data" "x" {
  count = module.sizes.count
}
resource "terraform_data" "y" {
  for_each = module.sizes.names
}
