variable "tags" {
  type = list(string)
}
resource "terraform_data" "t" {
  for_each = toset(var.tags)
}
