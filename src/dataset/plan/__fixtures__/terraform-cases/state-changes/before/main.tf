resource "terraform_data" "same" {
  input = "unchanged"
}
resource "terraform_data" "changed" {
  input = "old"
}
resource "terraform_data" "counted" {
  count = 3
  input = count.index
}
resource "terraform_data" "keyed" {
  for_each = toset(["a", "b"])
  input    = each.key
}
resource "terraform_data" "removed" {}
resource "terraform_data" "tainted" {}
resource "terraform_data" "replaced" {
  triggers_replace = ["v1"]
}
