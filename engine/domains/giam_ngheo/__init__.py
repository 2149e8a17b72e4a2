"""Giảm nghèo: the poverty-reduction cycle of a commune (figures, targets per hamlet, year-end results)."""
