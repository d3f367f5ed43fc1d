"""Campaigns: what each kind of campaign is, for the scheduler and the sender (service/)."""
