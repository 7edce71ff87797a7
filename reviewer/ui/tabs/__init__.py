"""The case view's tabs: HTML builders and the widgets that are more than a text browser."""

TAB_NAMES = (
    "Overview",
    "Documents",
    "Payroll",
    "Bank statements",
    "Bank income",
    "Employment",
    "Sessions",
)
