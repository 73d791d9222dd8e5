module "m" {
  source = "./m"
  count  = 2
  size   = count.index + 1
}
