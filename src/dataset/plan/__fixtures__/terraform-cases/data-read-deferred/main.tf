resource "terraform_data" "z" {}
resource "terraform_data" "a" {}
data "terraform_remote_state" "s" {
  backend    = "local"
  config     = { path = "s.tfstate" }
  depends_on = [terraform_data.a]
}
data "terraform_remote_state" "known" {
  backend = "local"
  config  = { path = "s.tfstate" }
}
data "terraform_remote_state" "from_resource" {
  backend = "local"
  config  = { path = terraform_data.z.output == null ? "s.tfstate" : "s.tfstate" }
}
resource "terraform_data" "uses_known" {
  count = data.terraform_remote_state.known.backend == "local" ? 2 : 0
}
