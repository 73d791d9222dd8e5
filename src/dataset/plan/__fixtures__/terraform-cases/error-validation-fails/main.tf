variable "size" {
  default = 5
  validation {
    condition     = var.size < 3
    error_message = "Size must be below 3."
  }
}
resource "terraform_data" "x" {}
