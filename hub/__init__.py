"""The reference order hub: the wire contract's executable definition, demo engine and test counterpart."""
