"""The Decree's facts (Nghị định 30/2020/NĐ-CP), written once and read by both the generator and the checker.

kinds (document types, abbreviations, forms), texts (Quốc hiệu, Tiêu ngữ, fixed words), forms (dates,
numbering labels, capitals), layout (page and block geometry), metrics (Times New Roman widths) and
doc_so (numbers and amounts in words). Nothing here reads files or knows a workspace.
"""
