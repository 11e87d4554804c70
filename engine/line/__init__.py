"""LINE: webhook signatures, the outbound gateway, and the LINE simulator test double."""
