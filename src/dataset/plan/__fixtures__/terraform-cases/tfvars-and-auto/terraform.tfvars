names = ["a", "b"]
prefix = "tf"
