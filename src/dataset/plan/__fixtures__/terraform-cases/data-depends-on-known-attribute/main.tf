resource "terraform_data" "path" {
  input = "s.tfstate"
}
# The argument is a managed resource's configured (known) attribute: no depends_on.
data "terraform_remote_state" "via_known" {
  backend = "local"
  config  = { path = terraform_data.path.input }
}
resource "terraform_data" "consumer" {
  count = data.terraform_remote_state.via_known.backend == "local" ? 1 : 0
}
