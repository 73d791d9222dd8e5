locals {
  buckets = {
    logs = { acl = "private" }
    site = { acl = "public-read" }
  }
}
resource "terraform_data" "b" {
  for_each = local.buckets
  input    = "${each.key}:${each.value.acl}"
}
