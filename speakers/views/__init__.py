"""The speaker pages, by feature: requests, due diligence, decisions, the register."""
