locals {
  doc = <<-EOT
    line %{ for x in ["a", "b"] }${x}%{ endfor }
  EOT
}
resource "terraform_data" "t" {
  for_each = toset(split("\n", trimspace(local.doc)))
}
