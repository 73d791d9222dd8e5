locals {
  services = {
    api = { replicas = 2, public = true }
    db  = { replicas = 1, public = false }
  }
}
module "svc" {
  source   = "./svc"
  for_each = local.services
  name     = each.key
  settings = each.value
}
output "public" {
  value = [for k, m in module.svc : m.name if m.public]
}
