"""A store's devices at the hub: enrolment and tokens, health reports, audit heads."""
