"""Subject-matter domains (giảm nghèo, …): their data files, computations, tables, charts and filters.

TODO: the Domain seam.
"""
