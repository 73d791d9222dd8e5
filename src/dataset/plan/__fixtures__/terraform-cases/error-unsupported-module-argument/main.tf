module "m" {
  source = "./m"
  nope   = 1
}
