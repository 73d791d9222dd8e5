variable "env" {
  type    = string
  default = "prod"
  validation {
    condition     = contains(["dev", "prod"], var.env)
    error_message = "Unknown environment."
  }
}
variable "maybe" {
  type     = list(string)
  default  = null
  nullable = true
}
variable "never_null" {
  type     = list(string)
  default  = ["x"]
  nullable = false
}
resource "terraform_data" "env" {
  count = var.env == "prod" ? 2 : 1
}
resource "terraform_data" "maybe" {
  count = var.maybe == null ? 0 : length(var.maybe)
}
resource "terraform_data" "never" {
  for_each = toset(var.never_null)
}
