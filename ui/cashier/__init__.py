"""The cashier screen: the order inbox, one order's detail and the counter's actions."""
