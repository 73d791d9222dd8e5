resource "terraform_data" "x" {
  count = 0
}
resource "terraform_data" "y" {}
