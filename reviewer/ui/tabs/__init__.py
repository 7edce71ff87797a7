"""The case view's tabs: HTML builders and the widgets that are more than a text browser."""
