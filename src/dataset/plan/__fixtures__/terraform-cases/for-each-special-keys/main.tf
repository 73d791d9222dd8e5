resource "terraform_data" "k" {
  for_each = toset(["with space", "quo\"te", "back\\slash", "dollar$${x}", "percent%%{y}", "üñí", "new\nline"])
}
