output "count_value" {
  value = 2
}
output "names" {
  value = ["p", "q"]
}
resource "terraform_data" "inner" {}
