enum PlaceholderIntakeTerminal {}
