variable "users" {
  default = ["bob", "alice", "bob"]
}
resource "terraform_data" "u" {
  for_each = toset(var.users)
  input    = each.value
}
