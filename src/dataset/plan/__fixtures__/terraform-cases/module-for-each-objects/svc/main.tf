variable "name" {
  type = string
}
variable "settings" {
  type = object({
    replicas = number
    public   = optional(bool, false)
    port     = optional(number, 80)
  })
}
resource "terraform_data" "replica" {
  count = var.settings.replicas
  input = "${var.name}:${var.settings.port}"
}
resource "terraform_data" "lb" {
  count = var.settings.public ? 1 : 0
}
output "name" {
  value = var.name
}
output "public" {
  value = var.settings.public
}
