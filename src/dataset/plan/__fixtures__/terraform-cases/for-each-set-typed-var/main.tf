variable "names" {
  type    = set(string)
  default = ["z", "y"]
}
resource "terraform_data" "n" {
  for_each = var.names
}
