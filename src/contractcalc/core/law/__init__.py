"""The law over every contract, from the rule pack: SME payment terms, interest, limits."""
