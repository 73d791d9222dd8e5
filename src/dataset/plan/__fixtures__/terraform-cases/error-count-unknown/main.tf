resource "terraform_data" "a" {
  input = "x"
}
resource "terraform_data" "b" {
  count = length(terraform_data.a.output)
}
