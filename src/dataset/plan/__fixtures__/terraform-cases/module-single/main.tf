module "net" {
  source = "./modules/net"
  name   = "main"
}
