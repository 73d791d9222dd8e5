resource "terraform_data" "same" {
  input = "unchanged"
}
resource "terraform_data" "changed" {
  input = "new"
}
resource "terraform_data" "counted" {
  count = 1
  input = count.index
}
resource "terraform_data" "keyed" {
  for_each = toset(["a", "c"])
  input    = each.key
}
resource "terraform_data" "tainted" {}
resource "terraform_data" "replaced" {
  triggers_replace = ["v2"]
}
resource "terraform_data" "added" {
  input = terraform_data.same.output
}
