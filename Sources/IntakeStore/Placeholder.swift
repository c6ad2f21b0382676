enum PlaceholderIntakeStore {}
