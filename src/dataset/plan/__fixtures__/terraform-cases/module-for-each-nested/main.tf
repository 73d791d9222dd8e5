module "app" {
  source   = "./app"
  for_each = { blue = 1, green = 0 }
  replicas = each.value
}
