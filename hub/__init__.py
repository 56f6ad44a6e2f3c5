"""The reference order hub: the wire contract made executable, the demo engine, the tests' peer."""
