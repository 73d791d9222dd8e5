resource "terraform_data" "x" {
  input = local.nope
}
