locals {
  envs  = ["dev", "prod"]
  apps  = ["web", "api"]
  pairs = flatten([for e in local.envs : [for a in local.apps : { key = "${e}-${a}", env = e }]])
  extra = merge({ for p in local.pairs : p.key => p }, { shared = { key = "shared", env = "all" } })
}
resource "terraform_data" "p" {
  for_each = local.extra
  input    = each.value.env
}
