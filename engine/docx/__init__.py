"""OOXML in and out: the reader the checker uses (read, model, styles, blocks) and the one writer adapter.

write is the only module of the engine that imports docxtpl or python-docx; everything else hands it
plain data (engine.model's Table and BarChart) and gets bytes back; chart builds a chart part's XML.
"""
