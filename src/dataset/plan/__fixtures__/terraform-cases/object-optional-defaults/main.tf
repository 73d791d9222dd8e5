variable "cfg" {
  type = object({
    enabled = optional(bool, true)
    count   = optional(number, 2)
  })
  default = {}
}
resource "terraform_data" "o" {
  count = var.cfg.enabled ? var.cfg.count : 0
}
