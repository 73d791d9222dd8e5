resource "terraform_data" "x" {
  input = element([], 0)
}
