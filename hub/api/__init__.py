"""The hub's HTTP face: routes by audience, request guards and the server that runs them."""
