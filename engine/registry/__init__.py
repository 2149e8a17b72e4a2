"""The sổ văn bản đi and the archive: the register's year files, the archive check, git and the views.

register stores and locks the entries; archive checks outputs/ against them and commits an issue to git;
views prints and exports the register (NĐ30 Phụ lục IV). Numbering policy itself is engine.pipeline.number.
"""
