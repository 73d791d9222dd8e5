variable "services" {
  default = [
    { name = "api", port = 80 },
    { name = "db", port = 5432 },
  ]
}
resource "terraform_data" "svc" {
  for_each = { for s in var.services : s.name => s if s.port > 100 }
  input    = each.value.port
}
