resource "terraform_data" "x" {
  count = 3
  input = count.index
}
