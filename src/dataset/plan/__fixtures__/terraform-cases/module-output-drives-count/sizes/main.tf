output "count" {
  value = 2
}
output "names" {
  value = toset(["p", "q"])
}
